package spinel.generate;

/**
 * The GAN's shape and training settings (saved with every checkpoint and the bundled weights).
 *
 * @param maxSites          atoms per cell the point cloud holds (20, as MP-20)
 * @param noiseLength       length of the structure-level noise vector z
 * @param siteNoiseLength   length of the per-site noise vector
 * @param hidden            width of the hidden layers
 * @param residualBlocks    residual blocks in the generator trunk and the critic head
 * @param batchSize         structures per step
 * @param generatorRate     Adam learning rate of the generator
 * @param criticRate        Adam learning rate of the critic and the classifier (TTUR, Heusel et al. 2017)
 * @param classifierWeight  weight of the composition classifier's cross-entropy in the generator loss
 * @param repulsionWeight   weight of the short-contact penalty in the generator loss, per Å²
 * @param repulsionFactor   contacts shorter than this × the sum of covalent radii are penalised
 * @param logVolumePerAtom  centre of the generator's ln(volume per atom / Å³) range
 * @param volumeWeight      weight of the volume term in the generator loss: the mean |ln V_fake − ln V_real|
 *                          per atom, each fake against the real crystal whose composition it was given
 *                          (without it the short-contact penalty drove every cell to the largest volume
 *                          the generator can make; 0 in generators saved before it existed)
 * @param seed              seed of the shuffles and the noise
 */
public record GanConfig(
        int maxSites,
        int noiseLength,
        int siteNoiseLength,
        int hidden,
        int residualBlocks,
        int batchSize,
        double generatorRate,
        double criticRate,
        double classifierWeight,
        double repulsionWeight,
        double repulsionFactor,
        double logVolumePerAtom,
        double volumeWeight,
        long seed) {

    /** The settings of the bundled generator. */
    public static GanConfig defaults() {
        return new GanConfig(20, 32, 8, 64, 2, 16, 2e-4, 4e-4, 0.5, 1.0, 0.6, Math.log(17.0), 2.0, 42);
    }

    /** Classes of the composition classifier: an atom's element rank in the formula, capped. */
    public static final int CLASSES = 4;
}

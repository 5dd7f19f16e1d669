package spinel.generate;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;

/**
 * The composition-conditioned crystal GAN (Kim et al., "Generative adversarial networks for crystal
 * structure prediction", ACS Cent. Sci. 6, 1412 (2020)): a {@link GeneratorNetwork}, a spectrally
 * normalised {@link CrystalCritic} and a {@link CompositionClassifier}, on one NDManager. Training is
 * {@link GanTraining}; generation is {@link #generate}. {@link #saveGenerator} writes what generation
 * needs (config, generator and critic weights: the critic for critic-guided sampling), the format of the
 * bundled {@code spinel/generate/gan.bin}.
 */
public final class CrystalGan implements AutoCloseable {

    static final String MAGIC = "spinel-gan-1";
    /** The second format of generator files: they also hold the critic, for critic-guided sampling. */
    static final String MAGIC_2 = "spinel-gan-2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GanConfig config;
    private final NDManager manager;
    private final GeneratorNetwork generator;
    private final CrystalCritic critic;
    private final CompositionClassifier classifier;
    private final ParameterStore store;
    private boolean ownCritic = true;

    /** A freshly initialised GAN (seeded by {@code config.seed()}). */
    public CrystalGan(GanConfig config) {
        this.config = config;
        this.manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed((int) config.seed());
        generator = new GeneratorNetwork(config);
        critic = new CrystalCritic(config);
        classifier = new CompositionClassifier(config);
        generator.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        store = new ParameterStore(manager, false);
    }

    public GanConfig config() {
        return config;
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore store() {
        return store;
    }

    GeneratorNetwork generator() {
        return generator;
    }

    CrystalCritic critic() {
        return critic;
    }

    CompositionClassifier classifier() {
        return classifier;
    }

    /** Trainable parameters of a block (the power-iteration vectors excluded). */
    static List<Parameter> trainable(Block b) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : b.getParameters().values()) if (p.requiresGradient()) out.add(p);
        return out;
    }

    /**
     * Generator forward pass for the rows of {@code cells}: fractional coordinates (B, N, 3) and
     * lattice rows (B, 3, 3). Noise from {@code rng}.
     */
    NDList forward(NDManager m, NDList cells, Random rng, boolean training) {
        NDList noise = noise(m, cells.get(3), rng);
        return forward(cells, noise.get(0), noise.get(1), training);
    }

    /** The latent noise of the rows of {@code mask}: z (B, noiseLength) and per-site noise (B, N, siteNoiseLength). */
    private NDList noise(NDManager m, NDArray mask, Random rng) {
        long b = mask.getShape().get(0), n = mask.getShape().get(1);
        NDArray z = m.create(gaussian(rng, (int) (b * config.noiseLength())), new Shape(b, config.noiseLength()));
        NDArray sites = m.create(
                gaussian(rng, (int) (b * n * config.siteNoiseLength())), new Shape(b, n, config.siteNoiseLength()));
        return new NDList(z, sites);
    }

    /** The generator's structures for given noise. */
    private NDList forward(NDList cells, NDArray z, NDArray siteNoise, boolean training) {
        NDArray feats = cells.get(2), mask = cells.get(3);
        NDArray count = mask.sum(new int[] {1}, true).div((float) config.maxSites());
        return generator.forward(store, new NDList(z, feats, mask, count, siteNoise), training);
    }

    /**
     * The critic's score per row (B, 1) of atoms' periodic environments {@code env}, their element
     * features and mask, and the cells' scaled ln volume per atom. {@code training} updates the spectral
     * norms' power-iteration vectors.
     */
    NDArray criticScore(NDArray env, NDArray feats, NDArray mask, NDArray scaledVolume, boolean training) {
        return critic.forward(store, new NDList(env, feats, mask, scaledVolume), training)
                .head();
    }

    /** The critic's score of each structure (higher: judged more real). */
    float[] score(List<Structure> structures) {
        PointClouds pc = PointClouds.of(structures, config.maxSites());
        try (NDManager m = manager.newSubManager();
                ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDList b =
                    pc.batch(m, java.util.stream.IntStream.range(0, pc.size()).toArray());
            return scoreCells(b.get(0), b.get(1), b).toFloatArray();
        }
    }

    /**
     * The critic's score (B, 1), without updating its power iterations, of cells with fractional
     * coordinates {@code frac} (B, N, 3) and lattice rows {@code lattice} (B, 3, 3), whose atoms are those
     * of {@code cells} (its element features and mask).
     */
    private NDArray scoreCells(NDArray frac, NDArray lattice, NDList cells) {
        NDArray feats = cells.get(2), mask = cells.get(3);
        NDArray env = PeriodicEnvironment.environments(
                PeriodicEnvironment.distances(frac, lattice), PeriodicEnvironment.pairMask(mask), feats);
        return criticScore(env, feats, mask, GanTraining.scaledVolume(lattice, mask, config), false);
    }

    /**
     * Refuses critic-guided sampling when the critic is not the generator's own.
     *
     * @throws IllegalArgumentException with the reason and the remedy
     */
    void requireCritic() {
        if (!ownCritic)
            throw new IllegalArgumentException("critic-guided sampling needs a generator file saved with its critic;"
                    + " this one is of the first format (spinel-gan-1) and holds the generator only: write it"
                    + " again with spinel generate train (it resumes from the run's checkpoint)");
    }

    private static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    /** One structure per row of {@code cells} (as {@link PointClouds#ofCells}), noise from {@code rng}. */
    public List<Structure> generate(PointClouds cells, List<List<Element>> sites, Random rng) {
        return generate(cells, sites, rng, 0, 0);
    }

    /**
     * As {@link #generate(PointClouds, List, Random)}, the noise then refined by critic-guided sampling
     * (DDLS: Che et al., "Your GAN is secretly an energy-based model and you should use discriminator
     * driven latent sampling", NeurIPS 2020): {@code steps} Langevin steps z ← z − (η/2)∇E(z) + √η ξ on
     * E(z) = ½‖z‖² − D(G(z)), the Gaussian prior of the noise (z and the per-site noise) tilted by the
     * critic's score, η = {@code stepSize}. 0 steps: the generator's own samples.
     *
     * @throws IllegalArgumentException when steps are asked of a GAN whose critic was not saved with it
     */
    public List<Structure> generate(
            PointClouds cells, List<List<Element>> sites, Random rng, int steps, double stepSize) {
        if (steps > 0) requireCritic();
        List<Structure> out = new ArrayList<>();
        try (NDManager m = manager.newSubManager();
                ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            int[] rows = java.util.stream.IntStream.range(0, cells.size()).toArray();
            NDList batch = cells.batch(m, rows);
            NDList noise = noise(m, batch.get(3), rng);
            for (int t = 0; t < steps; t++) noise = langevinStep(m, batch, noise, rng, stepSize);
            NDList g = forward(batch, noise.get(0), noise.get(1), false);
            float[] frac = g.get(0).toFloatArray(), lat = g.get(1).toFloatArray();
            int n = frac.length / (3 * rows.length); // atoms per row of the (trimmed) batch
            for (int i = 0; i < rows.length; i++) {
                double[][] l = new double[3][3];
                for (int a = 0; a < 3; a++) for (int c = 0; c < 3; c++) l[a][c] = lat[i * 9 + a * 3 + c];
                List<Element> els = sites.get(i);
                double[][] f = new double[els.size()][3];
                for (int k = 0; k < els.size(); k++) for (int d = 0; d < 3; d++) f[k][d] = frac[(i * n + k) * 3 + d];
                out.add(Structure.of(new Lattice(l), els, f));
            }
        }
        return out;
    }

    /** One Langevin step of {@link #generate(PointClouds, List, Random, int, double)} on both noises. */
    private NDList langevinStep(NDManager m, NDList cells, NDList noise, Random rng, double stepSize) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) { // frees the step's graph
            NDList next = langevinStepArrays(m, cells, noise, rng, stepSize);
            ai.djl.ndarray.NDScope.unregister(next);
            return next;
        }
    }

    private NDList langevinStepArrays(NDManager m, NDList cells, NDList noise, Random rng, double stepSize) {
        NDArray mask = cells.get(3);
        NDArray z = noise.get(0), sitesNoise = noise.get(1);
        NDArray gz, gs;
        try (ai.djl.training.GradientCollector gc =
                ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            z.setRequiresGradient(true);
            sitesNoise.setRequiresGradient(true);
            NDList g = forward(cells, z, sitesNoise, false);
            NDArray score = scoreCells(g.get(0), g.get(1), cells);
            NDArray prior = z.square()
                    .sum()
                    .add(sitesNoise.square().mul(mask.expandDims(2)).sum());
            gc.backward(spinel.conv.Scalars.mul(prior, 0.5).sub(score.sum()));
            gz = z.getGradient().duplicate();
            gs = sitesNoise.getGradient().duplicate();
        }
        NDList fresh = noise(m, mask, rng);
        float half = (float) (stepSize / 2), root = (float) Math.sqrt(stepSize);
        NDArray zNew = z.stopGradient().sub(gz.mul(half)).add(fresh.get(0).mul(root));
        NDArray sNew =
                sitesNoise.stopGradient().sub(gs.mul(half)).add(fresh.get(1).mul(root));
        return new NDList(zNew, sNew);
    }

    /** Writes what generation needs, atomically: the config, the generator's and the critic's weights. */
    public void saveGenerator(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF(MAGIC_2);
            out.writeUTF(JSON.writeValueAsString(config));
            generator.saveParameters(out);
            critic.saveParameters(out);
            out.flush();
        });
    }

    /**
     * Reads a generator written by {@link #saveGenerator}, with its critic; a file of the first format
     * holds no critic, which then stays random ({@link #hasCritic()} false). The composition
     * classifier is never saved here.
     */
    public static CrystalGan loadGenerator(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        String magic = in.readUTF();
        if (!MAGIC.equals(magic) && !MAGIC_2.equals(magic))
            throw new IOException(source + ": not a Spinel GAN generator file");
        GanConfig config = JSON.readValue(in.readUTF(), GanConfig.class);
        CrystalGan gan = new CrystalGan(config);
        try {
            gan.generator.loadParameters(gan.manager, in);
            if (MAGIC_2.equals(magic)) gan.critic.loadParameters(gan.manager, in);
        } catch (MalformedModelException e) {
            gan.close();
            throw new IOException(source + ": GAN weights do not fit its config: " + e.getMessage(), e);
        }
        gan.ownCritic = MAGIC_2.equals(magic);
        return gan;
    }

    /**
     * Whether the critic is the one trained with this generator (false when loaded from a generator file
     * of the first format, which holds no critic: the critic is then a random one).
     */
    public boolean hasCritic() {
        return ownCritic;
    }

    /** {@link #loadGenerator(InputStream, String)} from a file. */
    public static CrystalGan loadGenerator(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return loadGenerator(new java.io.BufferedInputStream(in), file.toString());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

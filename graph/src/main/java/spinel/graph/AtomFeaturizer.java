package spinel.graph;

import java.util.Map;

/**
 * Turns a site into a fixed-length atom feature vector, the node features of a {@link CrystalGraph}.
 *
 * <p>Disordered sites: the feature vector of a site is the occupancy-weighted sum of its species'
 * element vectors, Σ_s occ_s · f(element_s) (so a fully occupied ordered site gets exactly f(element),
 * a 50/50 Fe/Ni site the mean of the two, and a site with a vacancy share a proportionally shorter
 * vector). Oxidation states are ignored. This is the "virtual crystal" convention; the reference
 * CGCNN only ever featurizes ordered sites.
 */
public interface AtomFeaturizer {

    /** Length of the feature vector. */
    int length();

    /**
     * The feature vector of an element (a new array, or a shared one the caller must not modify —
     * implementations document which).
     *
     * @throws IllegalArgumentException when this featurizer has no vector for {@code element}
     */
    float[] featurize(Element element);

    /** Writes the features of {@code site} into {@code out[offset..offset+length)} (see the class note on disorder). */
    default void featurize(Site site, float[] out, int offset) {
        int len = length();
        if (site.isOrdered()) {
            System.arraycopy(featurize(site.element()), 0, out, offset, len);
            return;
        }
        double[] acc = new double[len];
        for (Map.Entry<Species, Double> e : site.species().entrySet()) {
            float[] f = featurize(e.getKey().element());
            double occ = e.getValue();
            for (int k = 0; k < len; k++) acc[k] += occ * f[k];
        }
        for (int k = 0; k < len; k++) out[offset + k] = (float) acc[k];
    }

    /** The features of {@code site} as a new array. */
    default float[] featurize(Site site) {
        float[] out = new float[length()];
        featurize(site, out, 0);
        return out;
    }
}

package spinel.descriptors;

/**
 * One fixed-length, named feature vector per structure, for tabular models and for fusing with a
 * learned graph embedding: {@link LatticeFeatures} ⊕ {@link CompositionFeatures} ⊕ the
 * per-structure summary (mean, std, min, max over sites) of Steinhardt q_l and ŵ_l for
 * l = 4, 6, 8, 10, 12 with the 12 nearest neighbours. The length and names do not depend on the
 * structure. Undefined values (ŵ_l where q_l vanishes, a property missing for every element) are
 * reported as 0 so the vector can feed a network directly.
 */
public final class StructureFeatures {

    private static final Steinhardt STEINHARDT =
            Steinhardt.builder().setDegrees(4, 6, 8, 10, 12).build();

    private StructureFeatures() {}

    /** The feature vector of {@code s}. */
    public static Features of(spinel.graph.Structure s) {
        Features bond = STEINHARDT.compute(Neighborhoods.nearest(s, 12)).summary();
        Features all = LatticeFeatures.of(s)
                .concat(CompositionFeatures.of(s.composition()))
                .concat(bond);
        double[] v = all.values();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) v[i] = 0;
        return new Features(all.names(), v);
    }
}

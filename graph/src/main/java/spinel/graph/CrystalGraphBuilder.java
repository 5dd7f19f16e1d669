package spinel.graph;

import java.util.Objects;

/**
 * Builds the dense CGCNN graph of a structure, as {@code cgcnn/data.py}'s {@code CIFData.__getitem__}
 * (Xie &amp; Grossman, PRL 120, 145301 (2018)): for each site its {@code maxNeighbors} nearest periodic
 * neighbours within {@code radius} Å, sorted by distance; a site with fewer has its list padded with
 * index 0 at distance radius + 1 Å (the reference's rule, which it also warns about), and every slot,
 * padded ones included, gets the bond features of its distance. Atom features come from an
 * {@link AtomFeaturizer}.
 *
 * <p>Ties: the reference keeps the first M of pymatgen's neighbour order after a stable sort by
 * distance; we break ties by neighbour index, then image, so a shell straddling the M-th slot may
 * select different (equidistant) images than the reference — the distances, hence the bond
 * features, are identical.
 *
 * <p>Defaults: radius 8 Å, 12 neighbours, {@link CgcnnAtomFeaturizer}, and
 * {@code GaussianDistance(0, radius, 0.2)} (41 features at radius 8), the reference's settings.
 * Build it DJL-style:
 * <pre>{@code
 * CrystalGraphBuilder b = CrystalGraphBuilder.builder()
 *     .optRadius(8).optMaxNeighbors(12)
 *     .optAtomFeaturizer(AtomInitFeaturizer.load(atomInit))
 *     .build();
 * CrystalGraph g = b.build(structure);
 * }</pre>
 * Immutable and thread-safe.
 */
public final class CrystalGraphBuilder {

    private static final System.Logger LOG = System.getLogger(CrystalGraphBuilder.class.getName());

    private final double radius;
    private final int maxNeighbors;
    private final AtomFeaturizer atomFeaturizer;
    private final BondFeaturizer bondFeaturizer;
    private final boolean warnOnPadding;

    private CrystalGraphBuilder(Builder b) {
        this.radius = b.radius;
        this.maxNeighbors = b.maxNeighbors;
        this.atomFeaturizer = b.atomFeaturizer != null ? b.atomFeaturizer : CgcnnAtomFeaturizer.instance();
        this.bondFeaturizer = b.bondFeaturizer != null ? b.bondFeaturizer : new GaussianDistance(0, b.radius, 0.2);
        this.warnOnPadding = b.warnOnPadding;
    }

    /** A builder with CGCNN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A graph builder with every default (radius 8 Å, 12 neighbours, CGCNN features). */
    public static CrystalGraphBuilder cgcnnDefaults() {
        return builder().build();
    }

    /** The dense graph of {@code s}; its id is the structure's. */
    public CrystalGraph build(Structure s) {
        int n = s.size();
        int m = maxNeighbors;
        int fa = atomFeaturizer.length();
        int fb = bondFeaturizer.length();
        int[] z = new int[n];
        float[] atom = new float[n * fa];
        for (int i = 0; i < n; i++) {
            Site site = s.site(i);
            z[i] = site.element().z();
            try {
                atomFeaturizer.featurize(site, atom, i * fa);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        (s.id() != null ? s.id() : "structure") + ", site " + i + " (" + site.label() + "): "
                                + e.getMessage(),
                        e);
            }
        }
        NeighborList nl = NeighborList.nearest(s, m, radius);
        int[] idx = new int[n * m];
        float[] dist = new float[n * m];
        int[] img = new int[n * m * 3];
        int[] counts = new int[n];
        float[] bond = new float[n * m * fb];
        float[] padFeatures = bondFeaturizer.featurize(radius + 1.0);
        int shortLists = 0;
        for (int i = 0; i < n; i++) {
            int c = nl.count(i);
            counts[i] = c;
            if (c < m) shortLists++;
            int e0 = nl.start(i);
            for (int k = 0; k < m; k++) {
                int slot = i * m + k;
                if (k < c) {
                    int e = e0 + k;
                    double d = nl.distance(e);
                    idx[slot] = nl.index(e);
                    dist[slot] = (float) d;
                    for (int a = 0; a < 3; a++) img[3 * slot + a] = nl.image(e, a);
                    bondFeaturizer.featurize(d, bond, slot * fb);
                } else {
                    dist[slot] = (float) (radius + 1.0);
                    System.arraycopy(padFeatures, 0, bond, slot * fb, fb);
                }
            }
        }
        if (shortLists > 0 && warnOnPadding) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: {1} of {2} sites have fewer than {3} neighbours within {4} Å; "
                            + "their lists are padded (index 0, distance radius + 1). If this happens often, increase the radius.",
                    s.id() != null ? s.id() : "structure",
                    shortLists,
                    n,
                    m,
                    radius);
        }
        return new CrystalGraph(s.id(), z, atom, idx, dist, img, counts, bond);
    }

    /** The periodic multigraph of {@code s}: every neighbour within the radius, with this builder's bond features. */
    public org.jgrapht.Graph<Integer, Bond> buildMultigraph(Structure s) {
        return CrystalMultigraph.directed(NeighborList.within(s, radius), bondFeaturizer);
    }

    /** Neighbour search radius, Å. */
    public double radius() {
        return radius;
    }

    /** M, neighbour slots per atom. */
    public int maxNeighbors() {
        return maxNeighbors;
    }

    public AtomFeaturizer atomFeaturizer() {
        return atomFeaturizer;
    }

    public BondFeaturizer bondFeaturizer() {
        return bondFeaturizer;
    }

    @Override
    public String toString() {
        return "CrystalGraphBuilder(radius " + radius + " Å, " + maxNeighbors + " neighbours, " + atomFeaturizer + ", "
                + bondFeaturizer + ")";
    }

    /** Options of a {@link CrystalGraphBuilder}, DJL style. */
    public static final class Builder {
        private double radius = 8.0;
        private int maxNeighbors = 12;
        private AtomFeaturizer atomFeaturizer;
        private BondFeaturizer bondFeaturizer;
        private boolean warnOnPadding = true;

        private Builder() {}

        /** Neighbour search radius, Å (default 8). */
        public Builder optRadius(double radius) {
            if (!(radius > 0) || !Double.isFinite(radius))
                throw new IllegalArgumentException("radius must be a positive distance in Å, got " + radius);
            this.radius = radius;
            return this;
        }

        /** Neighbour slots per atom, M (default 12). */
        public Builder optMaxNeighbors(int maxNeighbors) {
            if (maxNeighbors < 1)
                throw new IllegalArgumentException("maxNeighbors must be at least 1, got " + maxNeighbors);
            this.maxNeighbors = maxNeighbors;
            return this;
        }

        /** Atom features (default {@link CgcnnAtomFeaturizer}). */
        public Builder optAtomFeaturizer(AtomFeaturizer f) {
            this.atomFeaturizer = Objects.requireNonNull(f, "atom featurizer");
            return this;
        }

        /** Bond features (default Gaussians 0..radius step 0.2 Å, var 0.2 Å). */
        public Builder optBondFeaturizer(BondFeaturizer f) {
            this.bondFeaturizer = Objects.requireNonNull(f, "bond featurizer");
            return this;
        }

        /** Whether to log a warning when a site has fewer than M neighbours (default true, as the reference). */
        public Builder optWarnOnPadding(boolean warn) {
            this.warnOnPadding = warn;
            return this;
        }

        public CrystalGraphBuilder build() {
            return new CrystalGraphBuilder(this);
        }
    }
}

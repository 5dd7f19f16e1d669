package spinel.graph;

/**
 * A crystal as the graph a CGCNN consumes: per-atom feature vectors, and for each atom its M
 * neighbour slots (neighbour index, distance in Å, periodic image, bond feature row).
 *
 * <p>This is the dense view of Xie &amp; Grossman, PRL 120, 145301 (2018): every atom has exactly
 * {@link #maxNeighbors()} slots; an atom with fewer neighbours within the radius has its list padded
 * with index 0 and distance radius + 1 (the reference's rule), and {@link #neighborCount(int)} says how
 * many slots are real. All arrays are flat and row-major so that batches are built with one copy per
 * tensor. Immutable (arrays are never exposed for writing: accessors of whole arrays return the
 * backing array for speed and must not be modified by callers).
 */
public final class CrystalGraph {

    private final String id;
    private final int numAtoms;
    private final int maxNeighbors;
    private final int[] atomicNumbers;
    private final float[] atomFeatures;
    private final int[] neighborIndices;
    private final float[] neighborDistances;
    private final int[] neighborImages;
    private final int[] neighborCounts;
    private final float[] bondFeatures;
    private final BondAngles bondAngles;

    /**
     * @param id                an identifier (may be null)
     * @param atomicNumbers     N atomic numbers (main species of each site)
     * @param atomFeatures      N×F atom features
     * @param neighborIndices   N×M neighbour site indices (padding: 0)
     * @param neighborDistances N×M distances, Å (padding: radius + 1)
     * @param neighborImages    N×M×3 periodic image of each neighbour (padding: 0, 0, 0)
     * @param neighborCounts    N real (unpadded) neighbour counts, each ≤ M
     * @param bondFeatures      N×M×B bond features (e.g. Gaussian expansion of the distance)
     */
    public CrystalGraph(
            String id,
            int[] atomicNumbers,
            float[] atomFeatures,
            int[] neighborIndices,
            float[] neighborDistances,
            int[] neighborImages,
            int[] neighborCounts,
            float[] bondFeatures) {
        this(
                id,
                atomicNumbers,
                atomFeatures,
                neighborIndices,
                neighborDistances,
                neighborImages,
                neighborCounts,
                bondFeatures,
                null);
    }

    private CrystalGraph(
            String id,
            int[] atomicNumbers,
            float[] atomFeatures,
            int[] neighborIndices,
            float[] neighborDistances,
            int[] neighborImages,
            int[] neighborCounts,
            float[] bondFeatures,
            BondAngles bondAngles) {
        int n = atomicNumbers.length;
        if (n == 0) throw new IllegalArgumentException("a crystal graph needs at least one atom");
        if (atomFeatures.length % n != 0) throw new IllegalArgumentException("atom features are not N×F");
        if (neighborIndices.length % n != 0) throw new IllegalArgumentException("neighbour indices are not N×M");
        int m = neighborIndices.length / n;
        if (m == 0) throw new IllegalArgumentException("a crystal graph needs at least one neighbour slot per atom");
        if (neighborDistances.length != n * m) throw new IllegalArgumentException("distances are not N×M");
        if (neighborImages.length != n * m * 3) throw new IllegalArgumentException("images are not N×M×3");
        if (neighborCounts.length != n) throw new IllegalArgumentException("neighbour counts are not N");
        if (bondFeatures.length % (n * m) != 0) throw new IllegalArgumentException("bond features are not N×M×B");
        for (int v : neighborIndices) {
            if (v < 0 || v >= n) throw new IllegalArgumentException("neighbour index " + v + " outside 0.." + (n - 1));
        }
        this.id = id;
        this.numAtoms = n;
        this.maxNeighbors = m;
        this.atomicNumbers = atomicNumbers;
        this.atomFeatures = atomFeatures;
        this.neighborIndices = neighborIndices;
        this.neighborDistances = neighborDistances;
        this.neighborImages = neighborImages;
        this.neighborCounts = neighborCounts;
        this.bondFeatures = bondFeatures;
        this.bondAngles = bondAngles;
        if (bondAngles != null) bondAngles.checkFits(this);
    }

    /**
     * This graph carrying {@code angles} (the bond angles of its line graph, {@link BondAngles}; null:
     * none), for an ALIGNN-style network.
     */
    public CrystalGraph withBondAngles(BondAngles angles) {
        return new CrystalGraph(
                id,
                atomicNumbers,
                atomFeatures,
                neighborIndices,
                neighborDistances,
                neighborImages,
                neighborCounts,
                bondFeatures,
                angles);
    }

    /** The bond angles this graph carries ({@link #withBondAngles}), or null. */
    public BondAngles bondAngles() {
        return bondAngles;
    }

    public String id() {
        return id;
    }
    /** N, the number of atoms (sites). */
    public int numAtoms() {
        return numAtoms;
    }
    /** M, neighbour slots per atom. */
    public int maxNeighbors() {
        return maxNeighbors;
    }
    /** F, length of an atom feature vector. */
    public int atomFeatureLength() {
        return atomFeatures.length / numAtoms;
    }
    /** B, length of a bond feature vector. */
    public int bondFeatureLength() {
        return bondFeatures.length / neighborIndices.length;
    }
    /** Atomic numbers, length N. Do not modify. */
    public int[] atomicNumbers() {
        return atomicNumbers;
    }
    /** Atom features, N×F row-major. Do not modify. */
    public float[] atomFeatures() {
        return atomFeatures;
    }
    /** Neighbour indices, N×M row-major. Do not modify. */
    public int[] neighborIndices() {
        return neighborIndices;
    }
    /** Neighbour distances, Å, N×M row-major. Do not modify. */
    public float[] neighborDistances() {
        return neighborDistances;
    }
    /** Periodic images, N×M×3 row-major. Do not modify. */
    public int[] neighborImages() {
        return neighborImages;
    }
    /** Real neighbour count of each atom, length N. Do not modify. */
    public int[] neighborCounts() {
        return neighborCounts;
    }
    /** Bond features, N×M×B row-major. Do not modify. */
    public float[] bondFeatures() {
        return bondFeatures;
    }

    /** Neighbour {@code k} of atom {@code i}. */
    public int neighborIndex(int i, int k) {
        return neighborIndices[i * maxNeighbors + k];
    }

    /** Distance to neighbour {@code k} of atom {@code i}, Å. */
    public float neighborDistance(int i, int k) {
        return neighborDistances[i * maxNeighbors + k];
    }

    /** Real (unpadded) neighbour count of atom {@code i}. */
    public int neighborCount(int i) {
        return neighborCounts[i];
    }
}

package spinel.graph;

/**
 * The bond angles of a {@link CrystalGraph}: the edges of its line graph, as ALIGNN uses them
 * (Choudhary &amp; DeCost, npj Comput. Mater. 7, 185 (2021)). The nodes of the line graph are the
 * graph's bonds (neighbour slots); two bonds are joined when they share their centre atom j, and the
 * edge carries cos θ of the angle i–j–k between them.
 *
 * <p>To bound the cost — the triplets per atom grow as the square of its bonds — only each atom's
 * {@link #nearest()} nearest real bonds take part: for atom j with c_j = min(nearest, real neighbours
 * of j) bonds (its first c_j slots, which are sorted by distance), the triplets are every ordered pair
 * (a, b), a ≠ b, of those slots, c_j·(c_j − 1) of them, stored in the order j, then a, then b.
 * With 12 neighbours, nearest = 12 gives 132 triplets per atom, nearest = 8 gives 56.
 *
 * <p>The angle is taken between the bond vectors r_a − r_j and r_b − r_j, each neighbour at its
 * periodic image (r + n·L); cos θ is a float in [−1, 1]. Immutable; {@link #cosines()} returns the
 * backing array (do not modify).
 *
 * @param nearest bonds per atom that enter the line graph (≥ 2)
 * @param cosines cos θ of every triplet, in the order above
 */
public record BondAngles(int nearest, float[] cosines) {

    public BondAngles {
        if (nearest < 2) throw new IllegalArgumentException("a bond angle needs at least 2 bonds, got " + nearest);
    }

    /** The bond angles of {@code g}, built from {@code s} (the structure {@code g} was built from). */
    public static BondAngles of(Structure s, CrystalGraph g, int nearest) {
        if (s.size() != g.numAtoms()) {
            throw new IllegalArgumentException((s.id() != null ? s.id() : "structure") + " has " + s.size()
                    + " sites but its graph " + g.numAtoms() + " atoms");
        }
        if (nearest < 2) throw new IllegalArgumentException("a bond angle needs at least 2 bonds, got " + nearest);
        double[][] cart = s.cartCoords();
        double[][] lat = s.lattice().matrix();
        int n = g.numAtoms(), m = g.maxNeighbors();
        float[] cos = new float[count(g, nearest)];
        double[][] v = new double[m][];
        int t = 0;
        for (int j = 0; j < n; j++) {
            int c = bonds(g, nearest, j);
            for (int a = 0; a < c; a++) v[a] = bondVector(cart, lat, g, j, a);
            for (int a = 0; a < c; a++) {
                for (int b = 0; b < c; b++) {
                    if (a != b) cos[t++] = (float) cosine(v[a], v[b]);
                }
            }
        }
        return new BondAngles(nearest, cos);
    }

    /** c_j, the bonds of atom {@code j} of {@code g} in the line graph: min(nearest, its real neighbours, M). */
    public static int bonds(CrystalGraph g, int nearest, int j) {
        return Math.min(Math.min(nearest, g.maxNeighbors()), g.neighborCount(j));
    }

    /** T, the number of triplets of {@code g}: Σ_j c_j·(c_j − 1). */
    public static int count(CrystalGraph g, int nearest) {
        int t = 0;
        for (int j = 0; j < g.numAtoms(); j++) {
            int c = bonds(g, nearest, j);
            t += c * (c - 1);
        }
        return t;
    }

    /** c_j of atom {@code j} of {@code g} under these angles. */
    public int bonds(CrystalGraph g, int j) {
        return bonds(g, nearest, j);
    }

    /** T, the number of triplets. */
    public int size() {
        return cosines.length;
    }

    /** Throws when these angles do not have the triplet count of {@code g}. */
    void checkFits(CrystalGraph g) {
        int expected = count(g, nearest);
        if (cosines.length != expected) {
            throw new IllegalArgumentException((g.id() != null ? g.id() : "graph") + ": " + cosines.length
                    + " bond angles, the graph has " + expected + " triplets for the nearest " + nearest + " bonds");
        }
    }

    /** r_k + n·L − r_j for slot {@code a} of atom {@code j}, Å. */
    private static double[] bondVector(double[][] cart, double[][] lat, CrystalGraph g, int j, int a) {
        int slot = j * g.maxNeighbors() + a;
        int k = g.neighborIndices()[slot];
        int[] img = g.neighborImages();
        double[] v = new double[3];
        for (int x = 0; x < 3; x++) {
            v[x] = cart[k][x]
                    + img[3 * slot] * lat[0][x]
                    + img[3 * slot + 1] * lat[1][x]
                    + img[3 * slot + 2] * lat[2][x]
                    - cart[j][x];
        }
        return v;
    }

    private static double cosine(double[] u, double[] v) {
        double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        double norm = Math.sqrt((u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        return norm > 0 ? Math.max(-1, Math.min(1, dot / norm)) : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BondAngles b && b.nearest == nearest && java.util.Arrays.equals(b.cosines, cosines);
    }

    @Override
    public int hashCode() {
        return 31 * nearest + java.util.Arrays.hashCode(cosines);
    }

    @Override
    public String toString() {
        return "BondAngles[nearest=" + nearest + ", triplets=" + cosines.length + "]";
    }
}

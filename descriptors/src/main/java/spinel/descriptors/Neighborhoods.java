package spinel.descriptors;

import java.util.Arrays;
import spinel.graph.NeighborList;
import spinel.graph.Structure;

/**
 * The local environment of every atom of a structure: for atom i, the indices of its neighbours
 * (sites of the structure; an index may repeat when several periodic images of one site are
 * neighbours) and the Cartesian displacement vectors (Å) from atom i to each neighbour image, in
 * ascending distance when built from a structure. Optional per-bond weights (e.g. Voronoi solid
 * angles) are used by {@link Steinhardt}. Immutable.
 *
 * <p>This is the form every local descriptor here is written against, so the maths can be fed from
 * {@code spinel.graph.NeighborList}, from a molecular-dynamics code, or from vectors built by hand.
 */
public final class Neighborhoods {

    private final int[][] index;
    private final double[][] xyz; // per atom, 3 × count, flat
    private final double[][] weights; // per atom, per bond; null = all 1

    private Neighborhoods(int[][] index, double[][] xyz, double[][] weights) {
        this.index = index;
        this.xyz = xyz;
        this.weights = weights;
    }

    /**
     * Neighbourhoods from per-atom neighbour indices and displacement vectors.
     *
     * @param index   index[i][k]: the site index of atom i's k-th neighbour
     * @param vectors vectors[i][k]: the displacement (x, y, z), Å, from atom i to that neighbour
     */
    public static Neighborhoods of(int[][] index, double[][][] vectors) {
        return of(index, vectors, null);
    }

    /** As {@link #of(int[][], double[][][])} with a weight per bond (null for unit weights). */
    public static Neighborhoods of(int[][] index, double[][][] vectors, double[][] weights) {
        if (index.length != vectors.length) {
            throw new IllegalArgumentException(index.length + " index rows but " + vectors.length + " vector rows");
        }
        int n = index.length;
        int[][] idx = new int[n][];
        double[][] flat = new double[n][];
        double[][] w = weights == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            if (index[i].length != vectors[i].length) {
                throw new IllegalArgumentException(
                        "atom " + i + ": " + index[i].length + " indices but " + vectors[i].length + " vectors");
            }
            idx[i] = index[i].clone();
            for (int j : idx[i]) {
                if (j < 0 || j >= n)
                    throw new IllegalArgumentException(
                            "atom " + i + ": neighbour index " + j + " outside 0.." + (n - 1));
            }
            flat[i] = new double[3 * idx[i].length];
            for (int k = 0; k < idx[i].length; k++) {
                double[] v = vectors[i][k];
                if (v.length != 3)
                    throw new IllegalArgumentException(
                            "atom " + i + ", neighbour " + k + ": vector needs 3 components");
                flat[i][3 * k] = v[0];
                flat[i][3 * k + 1] = v[1];
                flat[i][3 * k + 2] = v[2];
            }
            if (w != null) {
                if (weights[i].length != idx[i].length) {
                    throw new IllegalArgumentException(
                            "atom " + i + ": " + weights[i].length + " weights for " + idx[i].length + " neighbours");
                }
                w[i] = weights[i].clone();
            }
        }
        return new Neighborhoods(idx, flat, w);
    }

    /**
     * An isolated cluster: one centre atom (index 0) whose neighbours are the given displacement
     * vectors (indices 1..k, each with no neighbours of its own). For textbook shells.
     */
    public static Neighborhoods shell(double[][] vectors) {
        int k = vectors.length;
        int[][] idx = new int[k + 1][0];
        double[][][] v = new double[k + 1][0][];
        idx[0] = new int[k];
        v[0] = vectors;
        for (int j = 0; j < k; j++) idx[0][j] = j + 1;
        return of(idx, v);
    }

    /**
     * The neighbourhoods of a finite, non-periodic cluster (a molecule): every other atom closer
     * than {@code cutoff} Å, sorted by distance (ties by index). All pairs are examined, so this is
     * meant for clusters of up to a few thousand atoms.
     *
     * @param positions Cartesian positions, Å, N×3
     */
    public static Neighborhoods ofCluster(double[][] positions, double cutoff) {
        int n = positions.length;
        int[][] idx = new int[n][];
        double[][][] vec = new double[n][][];
        for (int i = 0; i < n; i++) {
            java.util.List<double[]> found = new java.util.ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = positions[j][0] - positions[i][0],
                        dy = positions[j][1] - positions[i][1],
                        dz = positions[j][2] - positions[i][2];
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (d < cutoff) found.add(new double[] {d, j, dx, dy, dz});
            }
            found.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(p[1], q[1]));
            idx[i] = new int[found.size()];
            vec[i] = new double[found.size()][];
            for (int k = 0; k < found.size(); k++) {
                double[] f = found.get(k);
                idx[i][k] = (int) f[1];
                vec[i][k] = new double[] {f[2], f[3], f[4]};
            }
        }
        return of(idx, vec);
    }

    /**
     * The neighbourhoods held by a periodic neighbour list (each site's neighbours in its order:
     * ascending distance).
     */
    public static Neighborhoods of(NeighborList list) {
        int n = list.numSites();
        int[][] idx = new int[n][];
        double[][] flat = new double[n][];
        for (int i = 0; i < n; i++) {
            int start = list.start(i), cnt = list.count(i);
            idx[i] = new int[cnt];
            flat[i] = new double[3 * cnt];
            for (int k = 0; k < cnt; k++) {
                idx[i][k] = list.index(start + k);
                double[] v = list.vector(i, start + k);
                System.arraycopy(v, 0, flat[i], 3 * k, 3);
            }
        }
        return new Neighborhoods(idx, flat, null);
    }

    /** Every periodic neighbour of every site of {@code s} closer than {@code cutoff} Å. */
    public static Neighborhoods within(Structure s, double cutoff) {
        if (!(cutoff > 0)) throw new IllegalArgumentException("cutoff must be positive (Å), got " + cutoff);
        // NeighborList keeps r ≤ cutoff (+1e-8 Å); descriptors use r < cutoff
        return of(NeighborList.within(s, cutoff)).within(cutoff);
    }

    /**
     * The {@code n} nearest periodic neighbours of every site (ties at the n-th distance broken by
     * site index, then image).
     *
     * @throws IllegalArgumentException when a site has fewer than n neighbours within 20 Å
     */
    public static Neighborhoods nearest(Structure s, int n) {
        if (n < 1) throw new IllegalArgumentException("number of neighbours must be >= 1, got " + n);
        NeighborList list = NeighborList.nearest(s, n, searchRadius(s, n));
        for (int i = 0; i < list.numSites(); i++) {
            if (list.count(i) < n) {
                throw new IllegalArgumentException("site " + i + " has only " + list.count(i) + " neighbours within "
                        + list.cutoff() + " Å, " + n + " requested");
            }
        }
        return of(list);
    }

    /**
     * SANN neighbours ({@link #sann()}) of every site of a periodic structure; candidates are the
     * 40 nearest neighbours, 80 for sites that need more.
     */
    public static Neighborhoods sann(Structure s) {
        try {
            return nearest(s, 40).sann();
        } catch (IllegalArgumentException e) {
            return nearest(s, 80).sann();
        }
    }

    /**
     * Voronoi neighbours of every site of a periodic structure, each bond weighted by the solid
     * angle (sr) its Voronoi facet subtends — with {@link Steinhardt} this gives the Minkowski
     * structure metrics q'_l of Mickel et al., J. Chem. Phys. 138, 044501 (2013). Neighbours whose
     * facet is empty or degenerate (solid angle below 1e-9 of 4π) are dropped. Candidates start at
     * the 30 nearest and grow until no farther atom could cut a cell.
     */
    public static Neighborhoods voronoi(Structure s) {
        for (int k = 30; ; k *= 2) {
            Neighborhoods cand = nearest(s, k);
            Neighborhoods v = cand.voronoi();
            if (v != null) return v;
            if (k > 1000) throw new IllegalStateException("Voronoi cells did not close within 1000 candidates");
        }
    }

    /**
     * The Voronoi neighbours among these candidates, with solid-angle weights (see
     * {@link #voronoi(Structure)}); null when some atom's candidates do not provably cover its
     * cell (its farthest cell vertex is more than half its farthest candidate away).
     */
    public Neighborhoods voronoi() {
        int n = index.length;
        int[][] idx = new int[n][];
        double[][] flat = new double[n][];
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = index[i].length;
            double[] om = VoronoiFacets.solidAngles(xyz[i], k);
            double far = k == 0 ? 0 : distance(i, k - 1);
            if (k == 0 || 2 * om[k] >= far) return null;
            int c = 0;
            for (int j = 0; j < k; j++) if (om[j] > 1e-9 * 4 * Math.PI) c++;
            idx[i] = new int[c];
            flat[i] = new double[3 * c];
            w[i] = new double[c];
            c = 0;
            for (int j = 0; j < k; j++) {
                if (om[j] <= 1e-9 * 4 * Math.PI) continue;
                idx[i][c] = index[i][j];
                System.arraycopy(xyz[i], 3 * j, flat[i], 3 * c, 3);
                w[i][c] = om[j];
                c++;
            }
        }
        return new Neighborhoods(idx, flat, w);
    }

    /** A radius that holds about 4n neighbours at the structure's mean density, at least 8 Å, at most 20 Å. */
    private static double searchRadius(Structure s, int n) {
        double r = Math.cbrt(3.0 * 4 * n * s.volume() / (4 * Math.PI * s.size()));
        return Math.min(20, Math.max(8, r));
    }

    /** Number of atoms. */
    public int size() {
        return index.length;
    }

    /** Number of neighbours of atom i. */
    public int count(int i) {
        return index[i].length;
    }

    /** Site indices of atom i's neighbours (a copy). */
    public int[] indices(int i) {
        return index[i].clone();
    }

    /** Site index of atom i's k-th neighbour. */
    public int index(int i, int k) {
        return index[i][k];
    }

    /** Component c (0 = x, 1 = y, 2 = z) of the displacement, Å, to atom i's k-th neighbour. */
    public double vector(int i, int k, int c) {
        return xyz[i][3 * k + c];
    }

    /** Displacement vectors of atom i's neighbours, Å (a copy). */
    public double[][] vectors(int i) {
        double[][] v = new double[index[i].length][];
        for (int k = 0; k < v.length; k++) v[k] = Arrays.copyOfRange(xyz[i], 3 * k, 3 * k + 3);
        return v;
    }

    /** Distance to atom i's k-th neighbour, Å. */
    public double distance(int i, int k) {
        double x = xyz[i][3 * k], y = xyz[i][3 * k + 1], z = xyz[i][3 * k + 2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Whether bond weights are set. */
    public boolean weighted() {
        return weights != null;
    }

    /** Weight of atom i's k-th bond (1 when unweighted). */
    public double weight(int i, int k) {
        return weights == null ? 1.0 : weights[i][k];
    }

    // package-private fast access for the descriptor loops
    double[] flat(int i) {
        return xyz[i];
    }

    double[] weightsOf(int i) {
        return weights == null ? null : weights[i];
    }

    /**
     * Keeps, for each atom, its first {@code n} neighbours in the present order (nearest first
     * when the lists are sorted by distance). Ties at the n-th distance are broken by that order.
     *
     * @throws IllegalArgumentException when an atom has fewer than n neighbours
     */
    public Neighborhoods nearest(int n) {
        if (n < 1) throw new IllegalArgumentException("number of neighbours must be >= 1, got " + n);
        int[][] idx = new int[index.length][];
        double[][] flat = new double[index.length][];
        double[][] w = weights == null ? null : new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            if (index[i].length < n) {
                throw new IllegalArgumentException(
                        "atom " + i + " has only " + index[i].length + " neighbours, " + n + " requested");
            }
            idx[i] = Arrays.copyOf(index[i], n);
            flat[i] = Arrays.copyOf(xyz[i], 3 * n);
            if (w != null) w[i] = Arrays.copyOf(weights[i], n);
        }
        return new Neighborhoods(idx, flat, w);
    }

    /**
     * The solid-angle based nearest neighbours (SANN) of van Meel, Filion, Valeriani &amp; Frenkel,
     * J. Chem. Phys. 136, 234107 (2012): for each atom, the smallest m ≥ 3 such that
     * R_m = Σ_{j≤m} r_j / (m − 2) &lt; r_{m+1}. Parameter-free; the lists must be sorted by distance
     * and long enough (a candidate cutoff of about 1.5–2 nearest-neighbour distances).
     *
     * @throws IllegalArgumentException when an atom's candidate list ends before the criterion is met
     */
    public Neighborhoods sann() {
        int[][] idx = new int[index.length][];
        double[][] flat = new double[index.length][];
        double[][] w = weights == null ? null : new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            int n = index[i].length;
            int m = 3;
            double sum = 0;
            for (int j = 0; j < Math.min(3, n); j++) sum += distance(i, j);
            while (true) {
                if (m >= n) {
                    throw new IllegalArgumentException("SANN: atom " + i + " needs more than its " + n
                            + " candidate neighbours; use a larger candidate cutoff");
                }
                double rNext = distance(i, m);
                if (sum / (m - 2) < rNext) break;
                sum += rNext;
                m++;
            }
            idx[i] = Arrays.copyOf(index[i], m);
            flat[i] = Arrays.copyOf(xyz[i], 3 * m);
            if (w != null) w[i] = Arrays.copyOf(weights[i], m);
        }
        return new Neighborhoods(idx, flat, w);
    }

    /** Keeps the neighbours closer than {@code cutoff} Å (r &lt; cutoff). */
    public Neighborhoods within(double cutoff) {
        int[][] idx = new int[index.length][];
        double[][] flat = new double[index.length][];
        double[][] w = weights == null ? null : new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            int c = 0;
            int[] ii = new int[index[i].length];
            double[] ff = new double[xyz[i].length];
            double[] ww = new double[index[i].length];
            for (int k = 0; k < index[i].length; k++) {
                if (distance(i, k) < cutoff) {
                    ii[c] = index[i][k];
                    System.arraycopy(xyz[i], 3 * k, ff, 3 * c, 3);
                    ww[c] = weight(i, k);
                    c++;
                }
            }
            idx[i] = Arrays.copyOf(ii, c);
            flat[i] = Arrays.copyOf(ff, 3 * c);
            if (w != null) w[i] = Arrays.copyOf(ww, c);
        }
        return new Neighborhoods(idx, flat, w);
    }
}

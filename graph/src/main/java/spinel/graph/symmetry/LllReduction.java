package spinel.graph.symmetry;

import static spinel.graph.Matrix3.dot;

/**
 * Lenstra–Lenstra–Lovász reduction of a three-dimensional lattice basis (Lenstra, Lenstra &amp; Lovász,
 * Math. Ann. 261, 515 (1982)), with δ = 0.75 as pymatgen's {@code Lattice.get_lll_reduced_lattice}.
 * The reduced basis is nearly orthogonal, so that the shortest periodic image of a difference vector
 * lies among the 27 neighbouring cells; it is also the starting point of the Niggli reduction.
 *
 * <p>Rows are lattice vectors (Cartesian, Å); {@link #mapping()} is the unimodular integer matrix U
 * with reduced = U · original.
 */
final class LllReduction {

    private static final double DELTA = 0.75;

    private final double[][] basis;
    private final int[][] mapping;

    private LllReduction(double[][] basis, int[][] mapping) {
        this.basis = basis;
        this.mapping = mapping;
    }

    /** Reduces the basis whose rows are {@code rows} (not modified). */
    static LllReduction of(double[][] rows) {
        double[][] b = {rows[0].clone(), rows[1].clone(), rows[2].clone()};
        int[][] u = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        int k = 1;
        int guard = 0;
        while (k < 3) {
            if (++guard > 10_000) throw new IllegalStateException("LLL reduction did not converge");
            for (int j = k - 1; j >= 0; j--) {
                double[][] mu = gramSchmidt(b);
                long q = Math.round(mu[k][j]);
                if (q != 0) {
                    for (int c = 0; c < 3; c++) {
                        b[k][c] -= q * b[j][c];
                        u[k][c] -= (int) q * u[j][c];
                    }
                }
            }
            double[][] mu = gramSchmidt(b);
            double[][] star = orthogonal(b, mu);
            double mkk = mu[k][k - 1];
            if (dot(star[k], star[k]) >= (DELTA - mkk * mkk) * dot(star[k - 1], star[k - 1])) {
                k++;
            } else {
                swap(b, k, k - 1);
                swap(u, k, k - 1);
                k = Math.max(k - 1, 1);
            }
        }
        return new LllReduction(b, u);
    }

    /** The reduced basis, rows, Å (a copy). */
    double[][] basis() {
        return new double[][] {basis[0].clone(), basis[1].clone(), basis[2].clone()};
    }

    /** U with reduced = U · original (a copy). */
    int[][] mapping() {
        return new int[][] {mapping[0].clone(), mapping[1].clone(), mapping[2].clone()};
    }

    // mu[i][j] = <b_i, b*_j> / <b*_j, b*_j>, j < i
    private static double[][] gramSchmidt(double[][] b) {
        double[][] mu = new double[3][3];
        double[][] star = new double[3][];
        for (int i = 0; i < 3; i++) {
            star[i] = b[i].clone();
            for (int j = 0; j < i; j++) {
                mu[i][j] = dot(b[i], star[j]) / dot(star[j], star[j]);
                for (int c = 0; c < 3; c++) star[i][c] -= mu[i][j] * star[j][c];
            }
        }
        return mu;
    }

    private static double[][] orthogonal(double[][] b, double[][] mu) {
        double[][] star = new double[3][];
        for (int i = 0; i < 3; i++) {
            star[i] = b[i].clone();
            for (int j = 0; j < i; j++) {
                for (int c = 0; c < 3; c++) star[i][c] -= mu[i][j] * star[j][c];
            }
        }
        return star;
    }

    private static void swap(double[][] a, int i, int j) {
        double[] t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(int[][] a, int i, int j) {
        int[] t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

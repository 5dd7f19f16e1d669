package spinel.graph.symmetry;

import spinel.graph.Lattice;

/**
 * Delaunay (Selling) reduction of a lattice, as in spglib's {@code delaunay.c} (International Tables
 * for Crystallography vol. A, §3.1.3; Togo &amp; Tanaka, "Spglib", 2018): the superbase b₁, b₂, b₃,
 * b₄ = −(b₁ + b₂ + b₃) is reduced until every pair has a non-positive scalar product, then the three
 * shortest of {b₁, b₂, b₃, b₄, b₁+b₂, b₂+b₃, b₃+b₁} that span the lattice are taken, right-handed.
 *
 * <p>The reduced basis is the starting point of the lattice point-group search: its vectors are
 * short and nearly orthogonal, so every lattice symmetry is an integer matrix with entries in
 * {−1, 0, 1}.
 */
public final class DelaunayReduction {

    private static final double ZERO_PREC = 1e-10;
    private static final int MAX_ATTEMPTS = 1000;

    private DelaunayReduction() {}

    /**
     * A reduced lattice and the integer change of basis that gives it.
     *
     * @param lattice        the reduced lattice
     * @param transformation integer matrix T, det ±1, with reduced rows = T · original rows
     */
    public record Reduced(Lattice lattice, int[][] transformation) {}

    /**
     * Reduces a lattice.
     *
     * @param lattice   the lattice to reduce
     * @param tolerance length tolerance, Å (spglib's {@code symprec}): scalar products below it count as zero
     * @return the reduced lattice and the change of basis
     * @throws IllegalArgumentException when the reduction fails (degenerate lattice)
     */
    public static Reduced reduce(Lattice lattice, double tolerance) {
        double[][] rows = lattice.matrix();
        double[][] red = reduceRows(rows, tolerance);
        if (red == null) {
            throw new IllegalArgumentException("Delaunay reduction failed for " + lattice);
        }
        int[][] t = Mat3.round(Mat3.mul(red, Mat3.inverse(rows)));
        return new Reduced(new Lattice(red), t);
    }

    /** Reduces with spglib's default tolerance, 1e-5 Å. */
    public static Lattice reduce(Lattice lattice) {
        return reduce(lattice, 1e-5).lattice();
    }

    /**
     * Reduces lattice vectors given as rows (Å); null when the reduction fails (no volume, or the
     * change of basis is not unimodular).
     */
    static double[][] reduceRows(double[][] rows, double tolerance) {
        double[][] basis = new double[4][];
        for (int i = 0; i < 3; i++) basis[i] = rows[i].clone();
        basis[3] = new double[] {
            -rows[0][0] - rows[1][0] - rows[2][0],
            -rows[0][1] - rows[1][1] - rows[2][1],
            -rows[0][2] - rows[1][2] - rows[2][2]
        };
        boolean done = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !done; attempt++) {
            done = reduceStep(basis, tolerance);
        }
        if (!done) return null;
        double[][] red = shortestVectors(basis, tolerance);
        if (red == null) return null;
        double vol = Mat3.det(red);
        if (Math.abs(vol) < tolerance) return null;
        if (vol < 0) {
            for (double[] r : red) for (int j = 0; j < 3; j++) r[j] = -r[j];
        }
        double[][] t = Mat3.mul(red, Mat3.inverse(rows));
        if (!Mat3.isIntegral(t, 1e-4) || Math.abs(Mat3.det(Mat3.round(t))) != 1) return null;
        return red;
    }

    // one Selling step; true when every pair already has bᵢ·bⱼ <= tolerance
    private static boolean reduceStep(double[][] b, double tolerance) {
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 4; j++) {
                if (Mat3.dot(b[i], b[j]) > tolerance) {
                    for (int k = 0; k < 4; k++) {
                        if (k != i && k != j) {
                            for (int l = 0; l < 3; l++) b[k][l] += b[i][l];
                        }
                    }
                    for (int l = 0; l < 3; l++) b[i][l] = -b[i][l];
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] shortestVectors(double[][] basis, double tolerance) {
        double[][] b = new double[7][];
        b[0] = basis[0].clone();
        b[1] = basis[1].clone();
        b[2] = add(basis[0], basis[1]);
        b[3] = basis[2].clone();
        b[4] = basis[3].clone();
        b[5] = add(basis[1], basis[2]);
        b[6] = add(basis[2], basis[0]);
        // stable bubble sort by length, as spglib, so ties keep their order
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                if (Mat3.norm2(b[j]) > Mat3.norm2(b[j + 1]) + ZERO_PREC) {
                    double[] tmp = b[j];
                    b[j] = b[j + 1];
                    b[j + 1] = tmp;
                }
            }
        }
        for (int i = 2; i < 7; i++) {
            double[][] m = {b[0], b[1], b[i]};
            if (Math.abs(Mat3.det(m)) > tolerance) {
                return new double[][] {b[0].clone(), b[1].clone(), b[i].clone()};
            }
        }
        return null;
    }

    private static double[] add(double[] u, double[] v) {
        return new double[] {u[0] + v[0], u[1] + v[1], u[2] + v[2]};
    }
}

package spinel.graph.symmetry;

import spinel.graph.Matrix3;

/**
 * Small 3×3 matrix and 3-vector arithmetic for the symmetry search (row-major {@code double[3][3]}
 * and {@code int[3][3]}). Package-private: callers use {@link SymmetryAnalyzer} and friends.
 */
final class Mat3 {

    private Mat3() {}

    static double det(double[][] a) {
        return Matrix3.det(a);
    }

    static double[][] inverse(double[][] a) {
        return Matrix3.inverse(a);
    }

    static int det(int[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    static double[][] mul(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    static int[][] mul(int[][] a, int[][] b) {
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    static double[][] mul(double[][] a, int[][] b) {
        return mul(a, toDouble(b));
    }

    static double[][] mul(int[][] a, double[][] b) {
        return mul(toDouble(a), b);
    }

    static double[] mul(double[][] a, double[] v) {
        return new double[] {
            a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
            a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
            a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
        };
    }

    static double[] mul(int[][] a, double[] v) {
        return new double[] {
            a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
            a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
            a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
        };
    }

    static int[] mul(int[][] a, int[] v) {
        return new int[] {
            a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
            a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
            a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
        };
    }

    static double[][] transpose(double[][] a) {
        return new double[][] {{a[0][0], a[1][0], a[2][0]}, {a[0][1], a[1][1], a[2][1]}, {a[0][2], a[1][2], a[2][2]}};
    }

    static int[][] transpose(int[][] a) {
        return new int[][] {{a[0][0], a[1][0], a[2][0]}, {a[0][1], a[1][1], a[2][1]}, {a[0][2], a[1][2], a[2][2]}};
    }

    static double[][] toDouble(int[][] a) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = a[i][j];
        return r;
    }

    /** Rounds each element; callers check the matrix was integral when it matters. */
    static int[][] round(double[][] a) {
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = (int) Math.rint(a[i][j]);
        return r;
    }

    static boolean isIntegral(double[][] a, double tol) {
        for (double[] row : a) for (double v : row) if (Math.abs(v - Math.rint(v)) > tol) return false;
        return true;
    }

    static boolean equal(int[][] a, int[][] b) {
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (a[i][j] != b[i][j]) return false;
        return true;
    }

    static int trace(int[][] a) {
        return a[0][0] + a[1][1] + a[2][2];
    }

    static int[][] identity() {
        return new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    static int[][] negate(int[][] a) {
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = -a[i][j];
        return r;
    }

    static int[][] copy(int[][] a) {
        return new int[][] {a[0].clone(), a[1].clone(), a[2].clone()};
    }

    static double[][] copy(double[][] a) {
        return new double[][] {a[0].clone(), a[1].clone(), a[2].clone()};
    }

    static double dot(double[] u, double[] v) {
        return Matrix3.dot(u, v);
    }

    static double norm2(double[] v) {
        return dot(v, v);
    }

    /** The metric tensor G = M Mᵀ of row lattice vectors M (Gᵢⱼ = aᵢ·aⱼ, Å²). */
    static double[][] metric(double[][] rows) {
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[i][j] = dot(rows[i], rows[j]);
        return g;
    }

    /** x − round(x), componentwise, into (−0.5, 0.5]. */
    static double[] wrapCentered(double[] v) {
        return new double[] {v[0] - Math.rint(v[0]), v[1] - Math.rint(v[1]), v[2] - Math.rint(v[2])};
    }

    /** x mod 1 into [0, 1). */
    static double mod1(double x) {
        double r = x - Math.floor(x);
        return r >= 1 ? 0 : r;
    }

    /**
     * spglib's {@code mat_Dmod1}: x − nint(x), plus one when below −1e-10, so that values a rounding
     * error below an integer stay near 0 (−1e-16, not 0.9999999999999999) and results are spglib's.
     */
    static double spglibMod1(double x) {
        double b = x - nint(x);
        return b < -1e-10 ? b + 1 : b;
    }

    /** spglib's {@code mat_Nint}: rounds halves away from zero. */
    static int nint(double a) {
        return a < 0 ? (int) (a - 0.5) : (int) (a + 0.5);
    }

    /** Cartesian length (Å) of a fractional vector in the lattice with rows {@code rows}. */
    static double cartNorm(double[][] rows, double[] f) {
        double x = f[0] * rows[0][0] + f[1] * rows[1][0] + f[2] * rows[2][0];
        double y = f[0] * rows[0][1] + f[1] * rows[1][1] + f[2] * rows[2][1];
        double z = f[0] * rows[0][2] + f[1] * rows[1][2] + f[2] * rows[2][2];
        return Math.sqrt(x * x + y * y + z * z);
    }
}

package spinel.graph;

/**
 * Arithmetic of 3-vectors ({@code double[3]}) and row-major 3×3 matrices ({@code double[3][3]}), e.g.
 * lattice matrices whose rows are the cell vectors in Å: the one implementation behind {@link Lattice},
 * the readers, the symmetry search, the Voronoi descriptors and the generators' cell reduction. Plain
 * formulas (cofactor determinant and inverse), so every caller gets the same bits.
 */
public final class Matrix3 {

    private Matrix3() {}

    /** u · v. */
    public static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    /** |v|. */
    public static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** u × v. */
    public static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    /** The determinant (of a lattice matrix: the signed cell volume, Å³). */
    public static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** The inverse (adjugate over determinant); the caller checks that {@code a} is not singular. */
    public static double[][] inverse(double[][] a) {
        double d = det(a);
        double[][] r = new double[3][3];
        r[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / d;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / d;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / d;
        r[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / d;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / d;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / d;
        r[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / d;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / d;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / d;
        return r;
    }
}

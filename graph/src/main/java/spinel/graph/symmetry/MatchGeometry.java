package spinel.graph.symmetry;

import static spinel.graph.Matrix3.cross;
import static spinel.graph.Matrix3.norm;

/**
 * Small 3×3 geometry for the structure matcher on raw row-vector lattice matrices (Å), without the
 * checks and copies of {@link spinel.graph.Lattice}: the inner loops of matching call these many
 * times per pair.
 */
final class MatchGeometry {

    private MatchGeometry() {}

    /** Row vector times matrix: v · m. */
    static double[] times(double[] v, double[][] m) {
        return new double[] {
            v[0] * m[0][0] + v[1] * m[1][0] + v[2] * m[2][0],
            v[0] * m[0][1] + v[1] * m[1][1] + v[2] * m[2][1],
            v[0] * m[0][2] + v[1] * m[1][2] + v[2] * m[2][2]
        };
    }

    /** Angle between two vectors, degrees. */
    static double angle(double[] u, double[] v, double lu, double lv) {
        double c = Mat3.dot(u, v) / (lu * lv);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** a, b, c (Å), α, β, γ (degrees) of the lattice with rows {@code m}. */
    static double[] parameters(double[][] m) {
        double a = norm(m[0]), b = norm(m[1]), c = norm(m[2]);
        return new double[] {a, b, c, angle(m[1], m[2], b, c), angle(m[0], m[2], a, c), angle(m[0], m[1], a, b)};
    }

    /**
     * Distances between lattice planes, V / |b × c|, V / |c × a|, V / |a × b| (Å); 2π over these are
     * the lengths of pymatgen's {@code reciprocal_lattice}.
     */
    static double[] planeSpacings(double[][] m) {
        double v = Math.abs(Mat3.det(m));
        return new double[] {v / norm(cross(m[1], m[2])), v / norm(cross(m[2], m[0])), v / norm(cross(m[0], m[1]))};
    }
}

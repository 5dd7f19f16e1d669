package spinel.graph;

import static spinel.graph.Matrix3.cross;
import static spinel.graph.Matrix3.det;
import static spinel.graph.Matrix3.dot;
import static spinel.graph.Matrix3.inverse;
import static spinel.graph.Matrix3.norm;

import java.util.Arrays;

/**
 * A crystal lattice: three lattice vectors a, b, c (rows of {@link #matrix()}, Cartesian, Å), as in
 * pymatgen's {@code Lattice}.
 *
 * <p>Cartesian = fractional · M (row vector times matrix). {@link #fromParameters} uses pymatgen's
 * orientation convention (c along z, a in the xz plane) so that Cartesian coordinates agree with
 * structures read by pymatgen and the reference CGCNN. Immutable.
 */
public final class Lattice {

    private final double[][] m;
    private final double[][] inv;
    private final double volume;

    /** A lattice from its three row vectors, Å. The volume must be positive and finite. */
    public Lattice(double[][] matrix) {
        if (matrix == null || matrix.length != 3) {
            throw new IllegalArgumentException("lattice matrix must have 3 rows");
        }
        m = new double[3][];
        for (int i = 0; i < 3; i++) {
            if (matrix[i] == null || matrix[i].length != 3) {
                throw new IllegalArgumentException("lattice vector " + i + " must have 3 components");
            }
            for (double v : matrix[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "lattice vector " + i + " is not finite: " + Arrays.toString(matrix[i]));
                }
            }
            m[i] = matrix[i].clone();
        }
        double det = det(m);
        volume = Math.abs(det);
        if (!(volume > 1e-8)) {
            throw new IllegalArgumentException("lattice vectors are degenerate (volume " + volume + " Å³)");
        }
        inv = inverse(m);
    }

    /**
     * A lattice from its parameters: lengths in Å, angles in degrees (α between b and c, β between
     * a and c, γ between a and b), oriented as pymatgen's {@code Lattice.from_parameters}.
     */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("cell lengths must be positive, got " + a + ", " + b + ", " + c);
        }
        if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180)) {
            throw new IllegalArgumentException(
                    "cell angles must lie in (0, 180) degrees, got " + alpha + ", " + beta + ", " + gamma);
        }
        double ca = cosDeg(alpha), cb = cosDeg(beta), cg = cosDeg(gamma);
        double sa = sinDeg(alpha), sb = sinDeg(beta);
        double val = (ca * cb - cg) / (sa * sb);
        val = Math.max(-1, Math.min(1, val));
        double gammaStar = Math.acos(val);
        double[][] mat = {
            {a * sb, 0.0, a * cb},
            {-b * sa * Math.cos(gammaStar), b * sa * Math.sin(gammaStar), b * ca},
            {0.0, 0.0, c}
        };
        return new Lattice(mat);
    }

    /** A cubic lattice of edge {@code a}, Å. */
    public static Lattice cubic(double a) {
        return new Lattice(new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}});
    }

    // exact values at multiples of 90 degrees, so that orthogonal cells stay exactly orthogonal
    private static double cosDeg(double deg) {
        if (deg == 90.0) return 0.0;
        return Math.cos(Math.toRadians(deg));
    }

    private static double sinDeg(double deg) {
        if (deg == 90.0) return 1.0;
        return Math.sin(Math.toRadians(deg));
    }

    /** The lattice vectors as rows, Å (a copy). */
    public double[][] matrix() {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /** Component {@code j} of lattice vector {@code i}, Å. */
    public double get(int i, int j) {
        return m[i][j];
    }

    /** Cell volume, Å³. */
    public double volume() {
        return volume;
    }

    /** Lengths a, b, c, Å. */
    public double[] lengths() {
        return new double[] {norm(m[0]), norm(m[1]), norm(m[2])};
    }

    public double a() {
        return norm(m[0]);
    }

    public double b() {
        return norm(m[1]);
    }

    public double c() {
        return norm(m[2]);
    }

    /** Angles α (b,c), β (a,c), γ (a,b), degrees. */
    public double[] angles() {
        return new double[] {angle(m[1], m[2]), angle(m[0], m[2]), angle(m[0], m[1])};
    }

    public double alpha() {
        return angle(m[1], m[2]);
    }

    public double beta() {
        return angle(m[0], m[2]);
    }

    public double gamma() {
        return angle(m[0], m[1]);
    }

    /** Cartesian coordinates (Å) of a fractional position. */
    public double[] toCartesian(double[] frac) {
        double[] out = new double[3];
        for (int j = 0; j < 3; j++) {
            out[j] = frac[0] * m[0][j] + frac[1] * m[1][j] + frac[2] * m[2][j];
        }
        return out;
    }

    /** Fractional coordinates of a Cartesian position (Å). */
    public double[] toFractional(double[] cart) {
        double[] out = new double[3];
        for (int j = 0; j < 3; j++) {
            out[j] = cart[0] * inv[0][j] + cart[1] * inv[1][j] + cart[2] * inv[2][j];
        }
        return out;
    }

    /**
     * The reciprocal lattice with the crystallographer's convention, a*·a = 1 (no 2π), Å⁻¹; rows
     * are a*, b*, c*.
     */
    public Lattice reciprocalLatticeCrystallographic() {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = inv[j][i];
            }
        }
        return new Lattice(r);
    }

    /** The reciprocal lattice with the physicist's convention, a*·a = 2π, Å⁻¹. */
    public Lattice reciprocalLattice() {
        double[][] r = reciprocalLatticeCrystallographic().m;
        double[][] s = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s[i][j] = 2 * Math.PI * r[i][j];
            }
        }
        return new Lattice(s);
    }

    /**
     * Distance between the planes of the lattice spanned by the two other vectors, for each axis,
     * Å: V / |b × c|, V / |c × a|, V / |a × b|. A sphere of radius r fits in ceil(r / d_i) cells
     * along axis i; the neighbour search relies on this.
     */
    public double[] interplanarSpacings() {
        return new double[] {
            volume / norm(cross(m[1], m[2])), volume / norm(cross(m[2], m[0])), volume / norm(cross(m[0], m[1]))
        };
    }

    /** This lattice with its vectors scaled so that the volume becomes {@code newVolume} (Å³). */
    public Lattice scaledToVolume(double newVolume) {
        double f = Math.cbrt(newVolume / volume);
        double[][] s = matrix();
        for (double[] row : s) {
            for (int j = 0; j < 3; j++) {
                row[j] *= f;
            }
        }
        return new Lattice(s);
    }

    private static double angle(double[] u, double[] v) {
        double c = dot(u, v) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.deepEquals(m, l.m);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(m);
    }

    @Override
    public String toString() {
        return String.format(
                "Lattice(a=%.4f b=%.4f c=%.4f α=%.3f β=%.3f γ=%.3f)", a(), b(), c(), alpha(), beta(), gamma());
    }
}

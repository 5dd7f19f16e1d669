package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The point group of a lattice (its holohedry), as spglib's {@code get_lattice_symmetry}: every
 * integer matrix W whose columns are vectors of {−1, 0, 1}³ in a Delaunay-reduced basis, with
 * det W = ±1 and WᵀGW = G within the tolerance (lengths within symprec Å; angles within the angle
 * tolerance in degrees, or, when that is negative, within symprec as an arc length).
 */
final class LatticeSymmetry {

    // spglib's relative_axes, in its order (which fixes the order of the rotations found, and so
    // which of a pair of inverse rotations later picks the conventional axes)
    private static final int[][] RELATIVE_AXES = {
        {1, 0, 0},
        {0, 1, 0},
        {0, 0, 1},
        {-1, 0, 0},
        {0, -1, 0},
        {0, 0, -1},
        {0, 1, 1},
        {1, 0, 1},
        {1, 1, 0},
        {0, -1, -1},
        {-1, 0, -1},
        {-1, -1, 0},
        {0, 1, -1},
        {-1, 0, 1},
        {1, -1, 0},
        {0, -1, 1},
        {1, 0, -1},
        {-1, 1, 0},
        {1, 1, 1},
        {-1, -1, -1},
        {-1, 1, 1},
        {1, -1, 1},
        {1, 1, -1},
        {1, -1, -1},
        {-1, 1, -1},
        {-1, -1, 1}
    };

    private LatticeSymmetry() {}

    /**
     * The lattice's rotations, in the basis of {@code rows}. As spglib, the lattice is Delaunay-reduced
     * once more (the reduction is not idempotent), the rotations enumerated in that basis and taken
     * back to {@code rows}' basis, which fixes their order.
     *
     * @param rows            lattice vectors as rows, Å
     * @param symprec         length tolerance, Å
     * @param angleTolerance  angle tolerance, degrees; negative to use symprec
     */
    static List<int[][]> find(double[][] rows, double symprec, double angleTolerance) {
        double[][] reduced = DelaunayReduction.reduceRows(rows, symprec);
        if (reduced == null) reduced = rows;
        // columns: rows-basis vectors in the reduced basis, t = (reducedᵀ)⁻¹ rowsᵀ
        double[][] t = Mat3.mul(Mat3.inverse(Mat3.transpose(reduced)), Mat3.transpose(rows));
        double[][] tinv = Mat3.inverse(t);
        List<int[][]> out = new ArrayList<>();
        for (int[][] w : enumerate(reduced, symprec, angleTolerance)) {
            double[][] x = Mat3.mul(tinv, Mat3.mul(Mat3.toDouble(w), t));
            if (Mat3.isIntegral(x, 0.1)) out.add(Mat3.round(x));
        }
        return out;
    }

    private static List<int[][]> enumerate(double[][] reducedRows, double symprec, double angleTolerance) {
        double[][] g = Mat3.metric(reducedRows);
        double[] len = {Math.sqrt(g[0][0]), Math.sqrt(g[1][1]), Math.sqrt(g[2][2])};
        List<List<int[]>> cand = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<int[]> c = new ArrayList<>();
            for (int[] v : RELATIVE_AXES) {
                if (Math.abs(Math.sqrt(quad(g, v, v)) - len[i]) <= symprec) c.add(v);
            }
            cand.add(c);
        }
        List<int[][]> out = new ArrayList<>();
        for (int[] c0 : cand.get(0)) {
            for (int[] c1 : cand.get(1)) {
                if (!angleOk(g, len, c0, c1, 0, 1, symprec, angleTolerance)) continue;
                for (int[] c2 : cand.get(2)) {
                    int[][] w = {{c0[0], c1[0], c2[0]}, {c0[1], c1[1], c2[1]}, {c0[2], c1[2], c2[2]}};
                    int d = Mat3.det(w);
                    if (d != 1 && d != -1) continue;
                    if (angleOk(g, len, c0, c2, 0, 2, symprec, angleTolerance)
                            && angleOk(g, len, c1, c2, 1, 2, symprec, angleTolerance)) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    private static double quad(double[][] g, int[] u, int[] v) {
        double s = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s += u[i] * g[i][j] * v[j];
        return s;
    }

    // spglib's is_identity_metric for one pair of axes (j, k)
    private static boolean angleOk(
            double[][] g, double[] len, int[] u, int[] v, int j, int k, double symprec, double angleTol) {
        double lu = Math.sqrt(quad(g, u, u));
        double lv = Math.sqrt(quad(g, v, v));
        double cos1 = g[j][k] / len[j] / len[k];
        double cos2 = quad(g, u, v) / lu / lv;
        if (angleTol > 0) {
            double a1 = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos1))));
            double a2 = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos2))));
            return Math.abs(a1 - a2) <= angleTol;
        }
        double x = cos1 * cos2 + Math.sqrt(Math.max(0, 1 - cos1 * cos1)) * Math.sqrt(Math.max(0, 1 - cos2 * cos2));
        double sin2 = 1 - x * x;
        double lenAve2 = (len[j] + lu) * (len[k] + lv) / 4;
        return sin2 <= 1e-12 || sin2 * lenAve2 <= symprec * symprec;
    }
}

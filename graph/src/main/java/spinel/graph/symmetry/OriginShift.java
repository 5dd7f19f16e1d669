package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Solves (I − Wᵢ) o ≡ dᵢ (mod 1) for the origin shift o of a set of operations: three independent
 * rows of the stacked I − Wᵢ (unit rows where they are fewer, fixing the free coordinates to 0)
 * form B; o = B⁻¹(d + n) for the integer n that matter (|det B| classes per row), and the first
 * o that satisfies every operation within {@code tol} Å is returned.
 */
final class OriginShift {

    private OriginShift() {}

    static double[] solve(Cell prim, List<int[][]> rots, double[][] d, double tol) {
        List<int[]> rows = new ArrayList<>();
        List<Double> rhs = new ArrayList<>();
        for (int i = 0; i < rots.size() && rows.size() < 3; i++) {
            int[][] w = rots.get(i);
            for (int r = 0; r < 3 && rows.size() < 3; r++) {
                int[] row = {(r == 0 ? 1 : 0) - w[r][0], (r == 1 ? 1 : 0) - w[r][1], (r == 2 ? 1 : 0) - w[r][2]};
                if (independent(rows, row)) {
                    rows.add(row);
                    rhs.add(d[i][r]);
                }
            }
        }
        for (int u = 0; u < 3 && rows.size() < 3; u++) {
            int[] e = new int[3];
            e[u] = 1;
            if (independent(rows, e)) {
                rows.add(e);
                rhs.add(0.0);
            }
        }
        int[][] b = {rows.get(0), rows.get(1), rows.get(2)};
        double[][] binv = Mat3.inverse(Mat3.toDouble(b));
        double[] base = Mat3.mul(binv, new double[] {rhs.get(0), rhs.get(1), rhs.get(2)});
        for (double[] g : quotient(binv, Math.abs(Mat3.det(b)))) {
            double[] o = {Mat3.mod1(base[0] + g[0]), Mat3.mod1(base[1] + g[1]), Mat3.mod1(base[2] + g[2])};
            if (satisfies(prim, rots, d, o, tol)) return o;
        }
        return null;
    }

    // the D elements of B⁻¹Z³ / Z³ (D = |det B|), generated from the columns of B⁻¹
    private static List<double[]> quotient(double[][] binv, int det) {
        List<double[]> out = new ArrayList<>();
        out.add(new double[3]);
        if (det <= 1) return out;
        Set<Integer> seen = new HashSet<>();
        seen.add(0);
        for (int head = 0; head < out.size(); head++) {
            double[] x = out.get(head);
            for (int c = 0; c < 3; c++) {
                double[] y = {Mat3.mod1(x[0] + binv[0][c]), Mat3.mod1(x[1] + binv[1][c]), Mat3.mod1(x[2] + binv[2][c])};
                int key = 0;
                for (double v : y) key = key * (det + 1) + (int) (Math.rint(v * det) % det);
                if (seen.add(key)) out.add(y);
            }
        }
        return out;
    }

    private static boolean satisfies(Cell prim, List<int[][]> rots, double[][] d, double[] o, double tol) {
        for (int i = 0; i < rots.size(); i++) {
            int[][] w = rots.get(i);
            double[] wo = Mat3.mul(w, o);
            double[] r = {o[0] - wo[0] - d[i][0], o[1] - wo[1] - d[i][1], o[2] - wo[2] - d[i][2]};
            if (Mat3.cartNorm(prim.lattice, Mat3.wrapCentered(r)) > tol) return false;
        }
        return true;
    }

    private static boolean independent(List<int[]> rows, int[] row) {
        if (row[0] == 0 && row[1] == 0 && row[2] == 0) return false;
        if (rows.isEmpty()) return true;
        if (rows.size() == 1) {
            int[] a = rows.get(0);
            int[] c = {a[1] * row[2] - a[2] * row[1], a[2] * row[0] - a[0] * row[2], a[0] * row[1] - a[1] * row[0]};
            return c[0] != 0 || c[1] != 0 || c[2] != 0;
        }
        return Mat3.det(new int[][] {rows.get(0), rows.get(1), row}) != 0;
    }
}

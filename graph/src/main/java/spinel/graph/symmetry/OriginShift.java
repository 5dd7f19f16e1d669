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
        int k = rows.size();
        for (int u = 0; u < 3 && rows.size() < 3; u++) {
            int[] e = new int[3];
            e[u] = 1;
            if (independent(rows, e)) {
                rows.add(e);
                rhs.add(0.0);
            }
        }
        int[][] b = {rows.get(0), rows.get(1), rows.get(2)};
        int det = Math.abs(Mat3.det(b));
        double[][] binv = Mat3.inverse(Mat3.toDouble(b));
        int[] n = new int[3];
        Set<Long> tried = new HashSet<>();
        int total = 1;
        for (int i = 0; i < k; i++) total *= det;
        for (int code = 0; code < total; code++) {
            int c = code;
            for (int i = 0; i < k; i++) {
                n[i] = c % det;
                c /= det;
            }
            double[] v = {rhs.get(0) + n[0], rhs.get(1) + n[1], rhs.get(2) + n[2]};
            double[] o = Mat3.mul(binv, v);
            for (int i = 0; i < 3; i++) o[i] = Mat3.mod1(o[i]);
            long key =
                    Math.round(o[0] * 1e4) * 100_000_000L + Math.round(o[1] * 1e4) * 10_000L + Math.round(o[2] * 1e4);
            if (!tried.add(key)) continue;
            if (satisfies(prim, rots, d, o, tol)) return o;
        }
        return null;
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

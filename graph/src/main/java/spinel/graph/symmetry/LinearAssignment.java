package spinel.graph.symmetry;

import java.util.Arrays;

/**
 * The minimum-cost assignment of n rows to distinct columns of an n×m cost matrix (n ≤ m), as
 * pymatgen's {@code LinearAssignment}: the Hungarian method (Kuhn 1955; Munkres 1957) in its
 * shortest-augmenting-path form with row and column potentials, O(n²m).
 */
final class LinearAssignment {

    private LinearAssignment() {}

    /** For each row, the column assigned to it. */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        int m = n == 0 ? 0 : cost[0].length;
        if (n > m) throw new IllegalArgumentException("more rows (" + n + ") than columns (" + m + ")");
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j]: row (1-based) assigned to column j, 0 = none
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = -1;
                double delta = Double.POSITIVE_INFINITY;
                double[] row = cost[i0 - 1];
                for (int j = 1; j <= m; j++) {
                    if (used[j]) continue;
                    double cur = row[j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta || j1 < 0) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= m; j++) if (p[j] != 0) assignment[p[j] - 1] = j - 1;
        return assignment;
    }
}

package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Matrix3;

/**
 * The Niggli-reduced cell of a lattice: the Křivý–Gruber algorithm (Acta Cryst. A32, 297 (1976)) in
 * the numerically stable form of Grosse-Kunstleve, Sauter &amp; Adams (Acta Cryst. A60, 1 (2004)),
 * with the tolerance ε = {@code tolerance} · V^(1/3) as pymatgen's
 * {@code Lattice.get_niggli_reduced_lattice} and spglib's {@code niggli_reduce}. The basis is first
 * LLL-reduced (as pymatgen does), which keeps very skewed cells to a few iterations.
 *
 * <p>The result is a basis of the same lattice: its vectors are integer combinations of the original
 * ones, {@code reduced = T · original} (rows are lattice vectors, Cartesian, Å), T unimodular with
 * det T = +1, so the reduced cell keeps the handedness of the original and the same Cartesian frame.
 * The Niggli parameters (a ≤ b ≤ c, the angles all acute or all non-acute, and the special
 * conditions) are unique, so they can be compared with any other implementation; the vectors
 * themselves are unique up to the lattice's point-group operations. Exception: for a cell within ε of
 * a degenerate form (an fcc or hexagonal cell with noise just above ε) the ε-comparisons of steps
 * A5–A8 can cycle; the cycle is detected and the cell of smallest a² + b² + c² in it returned, which
 * may be another of the equivalent cells (e.g. angles 120°, 90°, 120° instead of 60°, 60°, 60° for
 * fcc). pymatgen stops after 100 iterations in that case, with whatever cell it has.
 */
public final class NiggliReduction {

    /** pymatgen's and spglib's default relative tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private static final int MAX_ITERATIONS = 1000;

    private final Lattice lattice;
    private final int[][] transformation;

    private NiggliReduction(Lattice lattice, int[][] transformation) {
        this.lattice = lattice;
        this.transformation = transformation;
    }

    /** The Niggli reduction with the default tolerance. */
    public static NiggliReduction of(Lattice lattice) {
        return of(lattice, DEFAULT_TOLERANCE);
    }

    /**
     * The Niggli reduction of {@code lattice}.
     *
     * @param tolerance relative tolerance; comparisons of the metric use ε = tolerance · V^(1/3) (Å²)
     */
    public static NiggliReduction of(Lattice lattice, double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("Niggli tolerance must be a finite number >= 0, got " + tolerance);
        }
        double[][] original = lattice.matrix();
        LllReduction lll = LllReduction.of(original);
        double[][] start = lll.basis();
        double eps = tolerance * Math.cbrt(lattice.volume());
        int[][] c = reduce(start, eps);
        int[][] t = multiply(c, lll.mapping());
        if (Mat3.det(t) < 0) {
            for (int[] row : t) for (int j = 0; j < 3; j++) row[j] = -row[j];
        }
        return new NiggliReduction(new Lattice(apply(t, original)), t);
    }

    /** The reduced lattice: rows T · original, Å. */
    public Lattice lattice() {
        return lattice;
    }

    /** The integer matrix T with reduced = T · original (rows are lattice vectors), det T = +1; a copy. */
    public int[][] transformation() {
        return new int[][] {transformation[0].clone(), transformation[1].clone(), transformation[2].clone()};
    }

    /** Whether {@code lattice} already is Niggli-reduced within the default tolerance (same parameters). */
    public static boolean isReduced(Lattice lattice) {
        Lattice r = of(lattice).lattice;
        double[] a = lattice.lengths(), b = r.lengths(), x = lattice.angles(), y = r.angles();
        for (int i = 0; i < 3; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-6 * Math.max(1, a[i]) || Math.abs(x[i] - y[i]) > 1e-6) return false;
        }
        return true;
    }

    // Křivý–Gruber steps A1–A8 on the metric of c · start; returns c. Within ε of a degenerate form
    // (e.g. fcc with 1e-4 noise) the ε-comparisons of A5–A8 can cycle; a repeated state ends the
    // loop with the cell of smallest a² + b² + c² in the cycle (all equal within ε).
    private static int[][] reduce(double[][] start, double eps) {
        int[][] c = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        List<String> seen = new ArrayList<>();
        List<int[][]> states = new ArrayList<>();
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] g = metric(apply(c, start));
            double a = g[0], b = g[1], cc = g[2], e = g[3], n = g[4], y = g[5];
            if (a > b + eps || (Math.abs(a - b) < eps && Math.abs(e) > Math.abs(n) + eps)) { // A1
                c = step(c, new int[][] {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}});
                g = metric(apply(c, start));
                a = g[0];
                b = g[1];
                cc = g[2];
                e = g[3];
                n = g[4];
                y = g[5];
            }
            if (b > cc + eps || (Math.abs(b - cc) < eps && Math.abs(n) > Math.abs(y) + eps)) { // A2
                c = step(c, new int[][] {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}});
                continue;
            }
            c = step(c, signMatrix(sign(e, eps), sign(n, eps), sign(y, eps)));
            g = metric(apply(c, start));
            int[][] m = edgeStep(g, eps);
            if (m == null) return c;
            String key = Arrays.deepToString(c);
            int first = seen.indexOf(key);
            if (first >= 0) return smallest(states.subList(first, states.size()), start);
            seen.add(key);
            states.add(c);
            c = step(c, m);
        }
        throw new IllegalStateException("Niggli reduction did not converge in " + MAX_ITERATIONS + " iterations");
    }

    private static int[][] smallest(List<int[][]> cycle, double[][] start) {
        int[][] best = cycle.get(0);
        double bestSum = Double.MAX_VALUE;
        for (int[][] c : cycle) {
            double[] g = metric(apply(c, start));
            if (g[0] + g[1] + g[2] < bestSum) {
                bestSum = g[0] + g[1] + g[2];
                best = c;
            }
        }
        return best;
    }

    // A3 / A4: make the off-diagonal signs all + or all − (non-positive)
    private static int[][] signMatrix(int l, int m, int n) {
        int i, j, k;
        if (l * m * n == 1) { // A3
            i = l == -1 ? -1 : 1;
            j = m == -1 ? -1 : 1;
            k = n == -1 ? -1 : 1;
        } else { // A4
            i = l == 1 ? -1 : 1;
            j = m == 1 ? -1 : 1;
            k = n == 1 ? -1 : 1;
            if (i * j * k == -1) {
                if (n == 0) k = -1;
                else if (m == 0) j = -1;
                else if (l == 0) i = -1;
            }
        }
        return new int[][] {{i, 0, 0}, {0, j, 0}, {0, 0, k}};
    }

    // A5–A8, or null when the cell is reduced
    private static int[][] edgeStep(double[] g, double eps) {
        double a = g[0], b = g[1], e = g[3], n = g[4], y = g[5];
        if (Math.abs(e) > b + eps
                || (Math.abs(e - b) < eps && 2 * n < y - eps)
                || (Math.abs(e + b) < eps && y < -eps)) {
            return new int[][] {{1, 0, 0}, {0, 1, -(int) Math.signum(e)}, {0, 0, 1}};
        }
        if (Math.abs(n) > a + eps
                || (Math.abs(a - n) < eps && 2 * e < y - eps)
                || (Math.abs(a + n) < eps && y < -eps)) {
            return new int[][] {{1, 0, -(int) Math.signum(n)}, {0, 1, 0}, {0, 0, 1}};
        }
        if (Math.abs(y) > a + eps
                || (Math.abs(a - y) < eps && 2 * e < n - eps)
                || (Math.abs(a + y) < eps && n < -eps)) {
            return new int[][] {{1, -(int) Math.signum(y), 0}, {0, 1, 0}, {0, 0, 1}};
        }
        double s = e + n + y + a + b;
        if (s < -eps || (Math.abs(s) < eps && eps < y + (a + n) * 2)) {
            return new int[][] {{1, 0, 1}, {0, 1, 1}, {0, 0, 1}};
        }
        return null;
    }

    private static int sign(double v, double eps) {
        return Math.abs(v) < eps ? 0 : (v > 0 ? 1 : -1);
    }

    // the metric G' = Mᵀ G M corresponds to the new basis rows Mᵀ · rows, so c ← Mᵀ c
    private static int[][] step(int[][] c, int[][] m) {
        int[][] mt = new int[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) mt[i][j] = m[j][i];
        return multiply(mt, c);
    }

    // A, B, C, ξ = 2 b·c, η = 2 a·c, ζ = 2 a·b
    private static double[] metric(double[][] v) {
        return new double[] {
            Matrix3.dot(v[0], v[0]),
            Matrix3.dot(v[1], v[1]),
            Matrix3.dot(v[2], v[2]),
            2 * Matrix3.dot(v[1], v[2]),
            2 * Matrix3.dot(v[0], v[2]),
            2 * Matrix3.dot(v[0], v[1])
        };
    }

    static int[][] multiply(int[][] x, int[][] y) {
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) r[i][j] = x[i][0] * y[0][j] + x[i][1] * y[1][j] + x[i][2] * y[2][j];
        return r;
    }

    static double[][] apply(int[][] t, double[][] rows) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) r[i][j] = t[i][0] * rows[0][j] + t[i][1] * rows[1][j] + t[i][2] * rows[2][j];
        return r;
    }
}

package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identifies the space-group type of a set of operations given in a primitive basis by matching
 * them against the standard Hall setting of each candidate type (spglib's
 * {@code search_hall_number}): for a change of basis P from the primitive cell to a candidate
 * conventional cell (the axes of {@link ConventionalAxes} times a setting change of the crystal
 * family), the conjugated rotations P⁻¹WP must be exactly the setting's, its centring vectors
 * lattice vectors, and an origin shift o must exist with (I − W) o ≡ t − Pτ (mod 1) for every
 * operation, found by solving over three independent rows and checking all.
 */
final class SettingMatcher {

    /** A match: the Hall number, the change of basis P (columns: conventional axes in primitive coordinates) and the origin shift (primitive coordinates). */
    record Match(int hallNumber, int[][] p, double[] origin) {}

    private static final List<int[][]> SIGNED_PERMUTATIONS = signedPermutations();
    private static final List<int[][]> HEXAGONAL = hexagonal();
    private static final Map<Integer, Map<Integer, Integer>> ROT_INDEX = new java.util.concurrent.ConcurrentHashMap<>();

    private SettingMatcher() {}

    static Match match(Cell prim, List<int[][]> rots, List<double[]> trans, PointGroup pg, int[][] axes, double tol) {
        for (int number = pg.crystalSystem().firstSpaceGroup();
                number <= pg.crystalSystem().lastSpaceGroup();
                number++) {
            HallSetting h = HallSettings.standard(number);
            if (h.pointGroup() != pg) continue;
            Match m =
                    switch (pg.crystalSystem()) {
                        case MONOCLINIC -> matchMonoclinic(prim, rots, trans, h.hallNumber(), axes, tol);
                        case TRICLINIC -> tryBasis(prim, rots, trans, h.hallNumber(), triclinicBasis(prim), tol);
                        default -> matchFamily(
                                prim, rots, trans, h.hallNumber(), axes, family(pg.crystalSystem()), tol);
                    };
            if (m != null) return m;
        }
        return null;
    }

    private static List<int[][]> family(CrystalSystem cs) {
        return switch (cs) {
            case TRICLINIC -> List.<int[][]>of(Mat3.identity());
            case TRIGONAL, HEXAGONAL -> HEXAGONAL;
            default -> SIGNED_PERMUTATIONS;
        };
    }

    // the reduced primitive cell with a <= b <= c and the angles all acute or all obtuse (Niggli's
    // sign convention), right-handed
    private static int[][] triclinicBasis(Cell prim) {
        Integer[] order = {0, 1, 2};
        double[] len = new double[3];
        for (int i = 0; i < 3; i++) len[i] = Math.sqrt(Mat3.norm2(prim.lattice[i]));
        java.util.Arrays.sort(order, (x, y) -> Double.compare(len[x], len[y]));
        int[][] p = new int[3][3];
        for (int j = 0; j < 3; j++) p[order[j]][j] = 1;
        if (Mat3.det(p) < 0) for (int i = 0; i < 3; i++) p[i][2] = -p[i][2];
        double[][] rows = Mat3.mul(Mat3.transpose(Mat3.toDouble(p)), prim.lattice);
        double[] cos = {cos(rows[1], rows[2]), cos(rows[0], rows[2]), cos(rows[0], rows[1])};
        double eps = 1e-5;
        boolean acute = cos[0] > eps && cos[1] > eps && cos[2] > eps
                || cos[0] * cos[1] * cos[2] > 0
                        && Math.abs(cos[0]) > eps
                        && Math.abs(cos[1]) > eps
                        && Math.abs(cos[2]) > eps;
        // proper sign flips of two axes: none, (a,b) negates cos α and cos β, (a,c) cos α and cos γ,
        // (b,c) cos β and cos γ; keep the one that best fits all acute or all non-acute
        int[][] flips = {{1, 1, 1}, {-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}};
        int[][] negates = {{1, 1, 1}, {-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}};
        int best = 0;
        int bestBad = 4;
        for (int f = 0; f < 4; f++) {
            int bad = 0;
            for (int x = 0; x < 3; x++) {
                double c = cos[x] * negates[f][x];
                if (acute ? c <= eps : c > eps) bad++;
            }
            if (bad < bestBad) {
                bestBad = bad;
                best = f;
            }
        }
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) p[i][j] *= flips[best][j];
        return p;
    }

    private static double cos(double[] u, double[] v) {
        return Mat3.dot(u, v) / Math.sqrt(Mat3.norm2(u) * Mat3.norm2(v));
    }

    private static Match matchFamily(
            Cell prim, List<int[][]> rots, List<double[]> trans, int hall, int[][] axes, List<int[][]> qs, double tol) {
        for (int[][] q : qs) {
            Match m = tryBasis(prim, rots, trans, hall, Mat3.mul(axes, q), tol);
            if (m != null) return m;
        }
        return null;
    }

    // monoclinic: b is the 2-fold axis; a and c any two short lattice vectors perpendicular to it.
    // Among the cells that match, the one with the shortest a + c, then β closest to 90°, is kept.
    private static Match matchMonoclinic(
            Cell prim, List<int[][]> rots, List<double[]> trans, int hall, int[][] axes, double tol) {
        int[] b = {axes[0][1], axes[1][1], axes[2][1]};
        int[][] two = null;
        for (int[][] w : rots) {
            int[][] p = ConventionalAxes.proper(w);
            if (Mat3.trace(p) == -1) two = p;
        }
        if (two == null) return null;
        List<int[]> inPlane = ConventionalAxes.perpendicular(two, 2);
        inPlane.sort((u, v) -> Double.compare(cartLen(prim, u), cartLen(prim, v)));
        List<int[]> shortest = inPlaneCandidates(prim, inPlane);
        Match best = null;
        double bestScore = Double.MAX_VALUE;
        int[][] bs = {b, {-b[0], -b[1], -b[2]}};
        for (int[] a : shortest) {
            for (int[] c : shortest) {
                for (int[] bb : bs) {
                    int[][] p = {{a[0], bb[0], c[0]}, {a[1], bb[1], c[1]}, {a[2], bb[2], c[2]}};
                    if (Mat3.det(p) <= 0) continue;
                    double score = cartLen(prim, a) + cartLen(prim, c);
                    if (score > bestScore + 1e-6) continue;
                    Match m = tryBasis(prim, rots, trans, hall, p, tol);
                    if (m == null) continue;
                    double beta = angle(prim, a, c);
                    // spglib's monoclinic cells have an obtuse beta, and a <= c when the cell allows
                    double full = score
                            + 1e-3 * (beta >= 90 - 1e-6 ? beta - 90 : 1000)
                            + (cartLen(prim, a) > cartLen(prim, c) + 1e-6 ? 1e-4 : 0);
                    if (full < bestScore) {
                        bestScore = full;
                        best = m;
                    }
                }
            }
        }
        return best;
    }

    // short lattice vectors in the plane: i·u + j·v for the two shortest independent directions
    private static List<int[]> inPlaneCandidates(Cell prim, List<int[]> inPlane) {
        List<int[]> out = new ArrayList<>();
        if (inPlane.isEmpty()) return out;
        int[] u = inPlane.get(0);
        int[] v = null;
        for (int[] w : inPlane) {
            int[] c = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
            if (c[0] != 0 || c[1] != 0 || c[2] != 0) {
                v = w;
                break;
            }
        }
        if (v == null) return out;
        for (int i = -2; i <= 2; i++) {
            for (int j = -2; j <= 2; j++) {
                if (i == 0 && j == 0) continue;
                if (gcd(Math.abs(i), Math.abs(j)) != 1) continue;
                out.add(new int[] {i * u[0] + j * v[0], i * u[1] + j * v[1], i * u[2] + j * v[2]});
            }
        }
        out.sort((x, y) -> Double.compare(cartLen(prim, x), cartLen(prim, y)));
        return out.subList(0, Math.min(out.size(), 12));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    static Match tryBasis(Cell prim, List<int[][]> rots, List<double[]> trans, int hall, int[][] p, double tol) {
        int[][] dbRot = HallSettings.rotations(hall);
        double[][] dbTrans = HallSettings.translations(hall);
        int nCentring = 0;
        for (int[] r : dbRot)
            if (r[0] == 1 && r[4] == 1 && r[8] == 1 && r[1] == 0 && r[2] == 0 && r[3] == 0 && r[5] == 0 && r[6] == 0
                    && r[7] == 0) nCentring++;
        int det = Mat3.det(p);
        if (det != nCentring || dbRot.length / nCentring != rots.size()) return null;
        int[][] adj = adjugate(p); // P⁻¹ = adj / det
        // centring vectors must be lattice vectors: P c integral
        for (int k = 0; k < dbRot.length; k++) {
            int[] r = dbRot[k];
            if (r[0] == 1 && r[4] == 1 && r[8] == 1 && r[1] == 0 && r[2] == 0 && r[3] == 0 && r[5] == 0 && r[6] == 0
                    && r[7] == 0) {
                double[] pc = Mat3.mul(p, dbTrans[k]);
                for (double v : pc) if (Math.abs(v - Math.rint(v)) > 1e-9) return null;
            }
        }
        Map<Integer, Integer> index = rotationIndex(hall);
        int n = rots.size();
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            int[][] wp = Mat3.mul(rots.get(i), p);
            int[][] r = Mat3.mul(adj, wp);
            int key = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    if (r[a][b] % det != 0) return null;
                    int v = r[a][b] / det;
                    if (v < -1 || v > 1) return null;
                    key = key * 3 + v + 1;
                }
            }
            Integer k = index.get(key);
            if (k == null) return null;
            double[] pt = Mat3.mul(p, dbTrans[k]);
            double[] t = trans.get(i);
            d[i] = new double[] {t[0] - pt[0], t[1] - pt[1], t[2] - pt[2]};
        }
        double checkTol = 3 * tol;
        if (!intrinsicPartsAgree(prim, rots, d, checkTol)) return null;
        double[] o = OriginShift.solve(prim, rots, d, checkTol);
        return o == null ? null : new Match(hall, p, o);
    }

    // Σ_{j<k} W^j d ≡ 0 (mod 1) for an operation of order k: the screw and glide parts agree,
    // whatever the origin
    private static boolean intrinsicPartsAgree(Cell prim, List<int[][]> rots, double[][] d, double tol) {
        for (int i = 0; i < rots.size(); i++) {
            int[][] w = rots.get(i);
            double[] sum = d[i].clone();
            double[] cur = d[i];
            int[][] wk = w;
            int order = 1;
            int[][] pow = Mat3.copy(w);
            while (!Mat3.equal(pow, Mat3.identity()) && order < 6) {
                cur = Mat3.mul(w, cur);
                for (int c = 0; c < 3; c++) sum[c] += cur[c];
                pow = Mat3.mul(w, pow);
                order++;
            }
            if (Mat3.cartNorm(prim.lattice, Mat3.wrapCentered(sum)) > tol * order) return false;
        }
        return true;
    }

    private static Map<Integer, Integer> rotationIndex(int hall) {
        return ROT_INDEX.computeIfAbsent(hall, h -> {
            Map<Integer, Integer> m = new HashMap<>();
            int[][] rs = HallSettings.rotations(h);
            for (int k = 0; k < rs.length; k++) {
                int key = 0;
                for (int v : rs[k]) key = key * 3 + v + 1;
                m.putIfAbsent(key, k);
            }
            return m;
        });
    }

    static int[][] adjugate(int[][] a) {
        int[][] r = new int[3][3];
        r[0][0] = a[1][1] * a[2][2] - a[1][2] * a[2][1];
        r[0][1] = a[0][2] * a[2][1] - a[0][1] * a[2][2];
        r[0][2] = a[0][1] * a[1][2] - a[0][2] * a[1][1];
        r[1][0] = a[1][2] * a[2][0] - a[1][0] * a[2][2];
        r[1][1] = a[0][0] * a[2][2] - a[0][2] * a[2][0];
        r[1][2] = a[0][2] * a[1][0] - a[0][0] * a[1][2];
        r[2][0] = a[1][0] * a[2][1] - a[1][1] * a[2][0];
        r[2][1] = a[0][1] * a[2][0] - a[0][0] * a[2][1];
        r[2][2] = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return r;
    }

    private static double cartLen(Cell prim, int[] v) {
        return Mat3.cartNorm(prim.lattice, new double[] {v[0], v[1], v[2]});
    }

    private static double angle(Cell prim, int[] u, int[] v) {
        double[] a = cart(prim, u);
        double[] b = cart(prim, v);
        double c = Mat3.dot(a, b) / Math.sqrt(Mat3.norm2(a) * Mat3.norm2(b));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    private static double[] cart(Cell prim, int[] v) {
        double[][] m = prim.lattice;
        return new double[] {
            v[0] * m[0][0] + v[1] * m[1][0] + v[2] * m[2][0],
            v[0] * m[0][1] + v[1] * m[1][1] + v[2] * m[2][1],
            v[0] * m[0][2] + v[1] * m[1][2] + v[2] * m[2][2]
        };
    }

    // the 24 proper signed permutations: spglib's six axis orders {abc, bca, cab, ba-c, a-cb, -cba},
    // each with the four sign patterns that keep the handedness
    private static List<int[][]> signedPermutations() {
        int[][][] perms = {
            {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
            {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
            {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}}, {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}}
        };
        int[][] signs = {{1, 1, 1}, {-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}};
        List<int[][]> out = new ArrayList<>();
        for (int[] s : signs) {
            for (int[][] p : perms) {
                int[][] q = Mat3.copy(p);
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) q[i][j] *= s[j];
                out.add(q);
            }
        }
        return out;
    }

    // the twelve changes of hexagonal axes (spglib's change_of_basis_C6) and their transposes
    private static List<int[][]> hexagonal() {
        int[][][] c6 = {
            {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{1, -1, 0}, {1, 0, 0}, {0, 0, 1}},
            {{0, -1, 0}, {1, -1, 0}, {0, 0, 1}}, {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}},
            {{-1, 1, 0}, {-1, 0, 0}, {0, 0, 1}}, {{0, 1, 0}, {-1, 1, 0}, {0, 0, 1}},
            {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}, {{-1, 1, 0}, {0, 1, 0}, {0, 0, -1}},
            {{-1, 0, 0}, {-1, 1, 0}, {0, 0, -1}}, {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}},
            {{1, -1, 0}, {0, -1, 0}, {0, 0, -1}}, {{1, 0, 0}, {1, -1, 0}, {0, 0, -1}}
        };
        Set<String> seen = new LinkedHashSet<>();
        List<int[][]> out = new ArrayList<>();
        for (int[][] q : c6) {
            for (int[][] m : List.of(q, Mat3.transpose(q))) {
                if (seen.add(java.util.Arrays.deepToString(m))) out.add(m);
            }
        }
        return out;
    }
}

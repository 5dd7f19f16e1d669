package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The bases of one lattice whose lengths and angles are close to those of a target lattice, as
 * pymatgen's {@code Lattice.find_all_mappings}: every triple of lattice points (u, v, w) with
 * |u|, |v|, |w| within a factor (1 + ltol) of a, b, c and the angles between them within angle_tol
 * (degrees) of α, β, γ, and |det| equal to the wanted supercell size.
 */
final class LatticeMapper {

    /** One mapping: the new basis rows (Å) and the integer matrix S with basis = S · lattice. */
    record Mapping(double[][] basis, int[][] scale) {}

    private LatticeMapper() {}

    /**
     * The mappings of {@code lattice} onto {@code target}, in a fixed order.
     *
     * @param supercellSize the number of cells of {@code lattice} a mapped basis must span (|det S|)
     */
    static List<Mapping> mappings(
            double[][] lattice, double[][] target, double ltol, double angleTol, int supercellSize) {
        double[] p = MatchGeometry.parameters(target);
        double maxLength = Math.max(p[0], Math.max(p[1], p[2])) * (1 + ltol);
        List<int[]> points = new ArrayList<>();
        List<double[]> carts = new ArrayList<>();
        latticePointsInSphere(lattice, maxLength, points, carts);
        List<List<Integer>> candidates = new ArrayList<>(3);
        for (int axis = 0; axis < 3; axis++) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < carts.size(); i++) {
                double ratio = MatchGeometry.norm(carts.get(i)) / p[axis];
                if (ratio < 1 + ltol && ratio > 1 / (1 + ltol)) c.add(i);
            }
            candidates.add(c);
        }
        List<Mapping> out = new ArrayList<>();
        for (int i : candidates.get(0)) {
            double[] ca = carts.get(i);
            double la = MatchGeometry.norm(ca);
            for (int j : candidates.get(1)) {
                double[] cb = carts.get(j);
                double lb = MatchGeometry.norm(cb);
                if (Math.abs(MatchGeometry.angle(ca, cb, la, lb) - p[5]) >= angleTol) continue;
                for (int k : candidates.get(2)) {
                    double[] cc = carts.get(k);
                    double lc = MatchGeometry.norm(cc);
                    if (Math.abs(MatchGeometry.angle(cb, cc, lb, lc) - p[3]) >= angleTol) continue;
                    if (Math.abs(MatchGeometry.angle(ca, cc, la, lc) - p[4]) >= angleTol) continue;
                    int[][] s = {points.get(i), points.get(j), points.get(k)};
                    int det = Math.abs(NiggliReduction.determinant(s));
                    if (det == 0 || det != supercellSize) continue;
                    out.add(new Mapping(new double[][] {ca, cb, cc}, s));
                }
            }
        }
        return out;
    }

    // every lattice point n · lattice with |n · lattice| <= radius, the origin excluded
    private static void latticePointsInSphere(
            double[][] lattice, double radius, List<int[]> points, List<double[]> carts) {
        double[] d = MatchGeometry.planeSpacings(lattice);
        int n0 = (int) Math.ceil(radius / d[0]),
                n1 = (int) Math.ceil(radius / d[1]),
                n2 = (int) Math.ceil(radius / d[2]);
        double r2 = radius * radius;
        for (int a = -n0; a <= n0; a++) {
            for (int b = -n1; b <= n1; b++) {
                for (int c = -n2; c <= n2; c++) {
                    if (a == 0 && b == 0 && c == 0) continue;
                    double[] v = MatchGeometry.times(new double[] {a, b, c}, lattice);
                    if (MatchGeometry.dot(v, v) <= r2) {
                        points.add(new int[] {a, b, c});
                        carts.add(v);
                    }
                }
            }
        }
    }

    /**
     * The points of the original lattice inside the supercell S (fractional in the supercell basis,
     * in [0, 1)), as pymatgen's {@code lattice_points_in_supercell}; there are |det S| of them.
     */
    static double[][] latticePointsInSupercell(int[][] s) {
        int[] min = new int[3], max = new int[3];
        for (int corner = 0; corner < 8; corner++) {
            int[] w = {(corner >> 2) & 1, (corner >> 1) & 1, corner & 1};
            for (int j = 0; j < 3; j++) {
                int v = w[0] * s[0][j] + w[1] * s[1][j] + w[2] * s[2][j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[][] inv = MatchGeometry.inverse(toDouble(s));
        List<double[]> out = new ArrayList<>();
        for (int a = min[0]; a <= max[0]; a++) {
            for (int b = min[1]; b <= max[1]; b++) {
                for (int c = min[2]; c <= max[2]; c++) {
                    double[] f = MatchGeometry.times(new double[] {a, b, c}, inv);
                    if (inside(f)) out.add(f);
                }
            }
        }
        int det = Math.abs(NiggliReduction.determinant(s));
        if (out.size() != det) {
            throw new IllegalStateException("found " + out.size() + " lattice points in a supercell of size " + det);
        }
        return out.toArray(new double[0][]);
    }

    private static boolean inside(double[] f) {
        for (double x : f) if (x >= 1 - 1e-10 || x < -1e-10) return false;
        return true;
    }

    static double[][] toDouble(int[][] s) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = s[i][j];
        return r;
    }
}

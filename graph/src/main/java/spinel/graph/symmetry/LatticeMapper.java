package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Matrix3;

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

    /** Receives mappings one at a time; returns true to stop the enumeration. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(Mapping m);
    }

    /**
     * Visits the mappings of {@code lattice} onto {@code target} in a fixed order, until the visitor
     * returns true (pymatgen enumerates them lazily too, so a match found early ends the search).
     * Angles are compared through their cosines (cos is monotonic on [0°, 180°]), without acos.
     *
     * @param supercellSize the number of cells of {@code lattice} a mapped basis must span (|det S|)
     */
    static void forEachMapping(
            double[][] lattice, double[][] target, double ltol, double angleTol, int supercellSize, Visitor visitor) {
        double[] p = MatchGeometry.parameters(target);
        double maxLength = Math.max(p[0], Math.max(p[1], p[2])) * (1 + ltol);
        List<int[]> points = new ArrayList<>();
        List<double[]> carts = new ArrayList<>();
        latticePointsInSphere(lattice, maxLength, points, carts);
        int[][] cand = new int[3][];
        for (int axis = 0; axis < 3; axis++) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < carts.size(); i++) {
                double ratio = Matrix3.norm(carts.get(i)) / p[axis];
                if (ratio < 1 + ltol && ratio > 1 / (1 + ltol)) c.add(i);
            }
            cand[axis] = c.stream().mapToInt(Integer::intValue).toArray();
        }
        double[][] unit = new double[carts.size()][];
        for (int[] c : cand) {
            for (int i : c) {
                if (unit[i] != null) continue;
                double[] v = carts.get(i);
                double l = Matrix3.norm(v);
                unit[i] = new double[] {v[0] / l, v[1] / l, v[2] / l};
            }
        }
        boolean[][] gamma = angleTable(cand[0], cand[1], unit, p[5], angleTol);
        boolean[][] alpha = angleTable(cand[1], cand[2], unit, p[3], angleTol);
        boolean[][] beta = angleTable(cand[0], cand[2], unit, p[4], angleTol);
        for (int i = 0; i < cand[0].length; i++) {
            for (int j = 0; j < cand[1].length; j++) {
                if (!gamma[i][j]) continue;
                for (int k = 0; k < cand[2].length; k++) {
                    if (!alpha[j][k] || !beta[i][k]) continue;
                    int[][] s = {points.get(cand[0][i]), points.get(cand[1][j]), points.get(cand[2][k])};
                    int det = Math.abs(Mat3.det(s));
                    if (det == 0 || det != supercellSize) continue;
                    double[][] basis = {carts.get(cand[0][i]), carts.get(cand[1][j]), carts.get(cand[2][k])};
                    if (visitor.visit(new Mapping(basis, s))) return;
                }
            }
        }
    }

    /** All mappings, in the order of {@link #forEachMapping}. */
    static List<Mapping> mappings(
            double[][] lattice, double[][] target, double ltol, double angleTol, int supercellSize) {
        List<Mapping> out = new ArrayList<>();
        forEachMapping(lattice, target, ltol, angleTol, supercellSize, m -> !out.add(m));
        return out;
    }

    // ok[x][y]: |angle(u_x, v_y) − target| < tol, as cos(angle) within (cos(target + tol), cos(target − tol))
    private static boolean[][] angleTable(int[] xs, int[] ys, double[][] unit, double target, double tol) {
        double lo = target + tol >= 180 ? Double.NEGATIVE_INFINITY : Math.cos(Math.toRadians(target + tol));
        double hi = target - tol <= 0 ? Double.POSITIVE_INFINITY : Math.cos(Math.toRadians(target - tol));
        boolean[][] ok = new boolean[xs.length][ys.length];
        for (int x = 0; x < xs.length; x++) {
            double[] u = unit[xs[x]];
            for (int y = 0; y < ys.length; y++) {
                double c = Math.max(-1, Math.min(1, Mat3.dot(u, unit[ys[y]])));
                ok[x][y] = c > lo && c < hi;
            }
        }
        return ok;
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
                    if (Mat3.dot(v, v) <= r2) {
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
        if (Math.abs(Mat3.det(s)) == 1) return new double[][] {{0, 0, 0}};
        int[] min = new int[3], max = new int[3];
        for (int corner = 0; corner < 8; corner++) {
            int[] w = {(corner >> 2) & 1, (corner >> 1) & 1, corner & 1};
            for (int j = 0; j < 3; j++) {
                int v = w[0] * s[0][j] + w[1] * s[1][j] + w[2] * s[2][j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[][] inv = Mat3.inverse(Mat3.toDouble(s));
        List<double[]> out = new ArrayList<>();
        for (int a = min[0]; a <= max[0]; a++) {
            for (int b = min[1]; b <= max[1]; b++) {
                for (int c = min[2]; c <= max[2]; c++) {
                    double[] f = MatchGeometry.times(new double[] {a, b, c}, inv);
                    if (inside(f)) out.add(f);
                }
            }
        }
        int det = Math.abs(Mat3.det(s));
        if (out.size() != det) {
            throw new IllegalStateException("found " + out.size() + " lattice points in a supercell of size " + det);
        }
        return out.toArray(new double[0][]);
    }

    private static boolean inside(double[] f) {
        for (double x : f) if (x >= 1 - 1e-10 || x < -1e-10) return false;
        return true;
    }
}

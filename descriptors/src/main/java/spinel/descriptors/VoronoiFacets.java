package spinel.descriptors;

import static spinel.graph.Matrix3.cross;
import static spinel.graph.Matrix3.dot;
import static spinel.graph.Matrix3.norm;

import java.util.ArrayList;
import java.util.List;

/**
 * The Voronoi cell of an atom from its neighbour displacement vectors, and the solid angle each
 * facet subtends at the atom — the bond weights of Mickel, Kapfer, Schröder-Turk &amp; Mecke,
 * J. Chem. Phys. 138, 044501 (2013), which make bond-order parameters continuous under small
 * displacements.
 *
 * <p>Each neighbour j defines the bisecting half-space x·v_j ≤ |v_j|²/2; facet j is a large square
 * on its bisector plane clipped by every other half-space (Sutherland–Hodgman), and its solid angle
 * is the sum over a triangle fan of Van Oosterom &amp; Strackee's formula (IEEE Trans. Biomed. Eng.
 * 30, 125 (1983)). The facets of a complete set of candidates sum to 4π.
 */
final class VoronoiFacets {

    private VoronoiFacets() {}

    /**
     * Solid angle (sr) of each neighbour's facet, 0 for neighbours that do not touch the cell
     * (or only at an edge or vertex), and as the last element the largest distance from the atom
     * to a cell vertex (Å), so callers can check that the candidates were enough: a neighbour
     * beyond twice that distance cannot cut the cell.
     *
     * @param v flat displacement vectors, 3 per neighbour, Å
     * @param k number of neighbours
     */
    static double[] solidAngles(double[] v, int k) {
        double[] omega = new double[k + 1];
        double maxR = 0;
        for (int j = 0; j < k; j++) {
            double nx = v[3 * j], ny = v[3 * j + 1], nz = v[3 * j + 2];
            double r2 = nx * nx + ny * ny + nz * nz;
            double r = Math.sqrt(r2);
            if (r == 0)
                throw new IllegalArgumentException("a neighbour sits on the atom (distance 0): no Voronoi cell");
            double[] n = {nx / r, ny / r, nz / r};
            double[] u = perpendicular(n);
            double[] w = cross(n, u);
            double h = r / 2, size = 0;
            for (int t = 0; t < k; t++)
                size = Math.max(size, Math.abs(v[3 * t]) + Math.abs(v[3 * t + 1]) + Math.abs(v[3 * t + 2]));
            size *= 4;
            List<double[]> poly = new ArrayList<>(8);
            double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
            for (double[] c : corners) {
                poly.add(new double[] {
                    n[0] * h + size * (c[0] * u[0] + c[1] * w[0]),
                    n[1] * h + size * (c[0] * u[1] + c[1] * w[1]),
                    n[2] * h + size * (c[0] * u[2] + c[1] * w[2])
                });
            }
            for (int t = 0; t < k && !poly.isEmpty(); t++) {
                if (t == j) continue;
                double ax = v[3 * t], ay = v[3 * t + 1], az = v[3 * t + 2];
                double lim = (ax * ax + ay * ay + az * az) / 2;
                poly = clip(poly, ax, ay, az, lim);
            }
            if (poly.size() < 3) continue;
            double om = 0;
            double[] a = poly.get(0);
            for (int p = 1; p + 1 < poly.size(); p++) om += triangle(a, poly.get(p), poly.get(p + 1));
            omega[j] = om;
            for (double[] p : poly) maxR = Math.max(maxR, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]));
        }
        omega[k] = maxR;
        return omega;
    }

    /** Keeps the part of a convex polygon with x·a ≤ lim. */
    private static List<double[]> clip(List<double[]> poly, double ax, double ay, double az, double lim) {
        List<double[]> out = new ArrayList<>(poly.size() + 1);
        int m = poly.size();
        for (int i = 0; i < m; i++) {
            double[] p = poly.get(i), q = poly.get((i + 1) % m);
            double fp = p[0] * ax + p[1] * ay + p[2] * az - lim;
            double fq = q[0] * ax + q[1] * ay + q[2] * az - lim;
            if (fp <= 0) out.add(p);
            if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
                double s = fp / (fp - fq);
                out.add(new double[] {p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]), p[2] + s * (q[2] - p[2])});
            }
        }
        return out;
    }

    /** Solid angle of the triangle (a, b, c) seen from the origin (Van Oosterom–Strackee). */
    private static double triangle(double[] a, double[] b, double[] c) {
        double la = norm(a), lb = norm(b), lc = norm(c);
        double[] bc = cross(b, c);
        double num = Math.abs(a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2]);
        double den = la * lb * lc + dot(a, b) * lc + dot(a, c) * lb + dot(b, c) * la;
        double o = 2 * Math.atan2(num, den);
        return o < 0 ? o + 2 * Math.PI : o;
    }

    private static double[] perpendicular(double[] n) {
        double[] e = Math.abs(n[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] u = cross(n, e);
        double l = norm(u);
        return new double[] {u[0] / l, u[1] / l, u[2] / l};
    }
}

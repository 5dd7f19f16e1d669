package spinel.descriptors;

import java.util.ArrayList;
import java.util.List;

/** Ideal first-shell neighbour vectors of textbook environments, for tests. */
final class Shells {

    private Shells() {}

    static double[][] fcc() {
        List<double[]> v = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int s1 : new int[] {-1, 1}) {
                for (int s2 : new int[] {-1, 1}) {
                    double[] x = new double[3];
                    x[a] = s1;
                    x[(a + 1) % 3] = s2;
                    v.add(x);
                }
            }
        }
        return v.toArray(new double[0][]);
    }

    /** Ideal hcp: six in the basal plane, three above and three below at the same azimuths. */
    static double[][] hcp() {
        List<double[]> v = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double t = Math.toRadians(60 * k);
            v.add(new double[] {Math.cos(t), Math.sin(t), 0});
        }
        double h = Math.sqrt(2.0 / 3.0), r = Math.sqrt(1.0 / 3.0);
        for (int k = 0; k < 3; k++) {
            double t = Math.toRadians(30 + 120 * k);
            v.add(new double[] {r * Math.cos(t), r * Math.sin(t), h});
            v.add(new double[] {r * Math.cos(t), r * Math.sin(t), -h});
        }
        return v.toArray(new double[0][]);
    }

    static double[][] bcc14() {
        List<double[]> v = new ArrayList<>();
        for (int sx : new int[] {-1, 1})
            for (int sy : new int[] {-1, 1}) for (int sz : new int[] {-1, 1}) v.add(new double[] {sx, sy, sz});
        for (double[] x : sc()) v.add(new double[] {2 * x[0], 2 * x[1], 2 * x[2]});
        return v.toArray(new double[0][]);
    }

    static double[][] sc() {
        return new double[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    }

    static double[][] icosahedron() {
        double p = (1 + Math.sqrt(5)) / 2;
        List<double[]> v = new ArrayList<>();
        for (int s1 : new int[] {-1, 1}) {
            for (int s2 : new int[] {-1, 1}) {
                v.add(new double[] {0, s1, s2 * p});
                v.add(new double[] {s1, s2 * p, 0});
                v.add(new double[] {s2 * p, 0, s1});
            }
        }
        return v.toArray(new double[0][]);
    }

    /** A proper rotation matrix from Euler angles (z-y-z), radians. */
    static double[][] rotation(double a, double b, double c) {
        double[][] rz1 = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] ry = {{Math.cos(b), 0, Math.sin(b)}, {0, 1, 0}, {-Math.sin(b), 0, Math.cos(b)}};
        double[][] rz2 = {{Math.cos(c), -Math.sin(c), 0}, {Math.sin(c), Math.cos(c), 0}, {0, 0, 1}};
        return mul(rz1, mul(ry, rz2));
    }

    static double[][] mul(double[][] x, double[][] y) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i][j] += x[i][k] * y[k][j];
        return r;
    }

    static double[] apply(double[][] r, double[] v) {
        return new double[] {
            r[0][0] * v[0] + r[0][1] * v[1] + r[0][2] * v[2],
            r[1][0] * v[0] + r[1][1] * v[1] + r[1][2] * v[2],
            r[2][0] * v[0] + r[2][1] * v[1] + r[2][2] * v[2]
        };
    }

    static double[][] rotate(double[][] r, double[][] vs) {
        double[][] out = new double[vs.length][];
        for (int i = 0; i < vs.length; i++) out[i] = apply(r, vs[i]);
        return out;
    }
}

package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Spherical harmonics and 3j symbols against sympy (scripts/gen_reference.py). */
class HarmonicsTest {

    private static JsonNode reference() throws Exception {
        try (InputStream in = HarmonicsTest.class.getResourceAsStream("reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void harmonicsMatchSympyTo1e12() throws Exception {
        SphericalHarmonics sh = new SphericalHarmonics(12);
        int checked = 0;
        for (JsonNode r : reference().get("ylm")) {
            JsonNode d = r.get("dir");
            sh.compute(d.get(0).asDouble(), d.get(1).asDouble(), d.get(2).asDouble());
            int l = r.get("l").asInt(), m = r.get("m").asInt();
            assertEquals(r.get("re").asDouble(), sh.re(l, m), 1e-12, "Re Y_" + l + "^" + m + " at " + d);
            assertEquals(r.get("im").asDouble(), sh.im(l, m), 1e-12, "Im Y_" + l + "^" + m + " at " + d);
            checked++;
        }
        assertEquals(676, checked);
    }

    @Test
    void accumulateAddsWeightedHarmonics() {
        SphericalHarmonics sh = new SphericalHarmonics(12), acc = new SphericalHarmonics(12);
        int n = SphericalHarmonics.size(12);
        double[] re = new double[n], im = new double[n], wantRe = new double[n], wantIm = new double[n];
        double[][] dirs = {{0.3, -1.2, 0.7}, {0, 0, -2}, {1, 1, 0}};
        double[] w = {1.0, 0.25, 2.5};
        for (int d = 0; d < dirs.length; d++) {
            acc.accumulate(dirs[d][0], dirs[d][1], dirs[d][2], w[d], re, im);
            sh.compute(dirs[d][0], dirs[d][1], dirs[d][2]);
            for (int t = 0; t < n; t++) {
                wantRe[t] += w[d] * sh.re()[t];
                wantIm[t] += w[d] * sh.im()[t];
            }
        }
        assertArrayEquals(wantRe, re, 1e-15);
        assertArrayEquals(wantIm, im, 1e-15);
    }

    @Test
    void additionTheorem() {
        // Σ_m |Y_l^m|² = (2l+1)/4π in every direction, here up to l = 60
        SphericalHarmonics sh = new SphericalHarmonics(60);
        java.util.Random rnd = new java.util.Random(3);
        for (int t = 0; t < 50; t++) {
            sh.compute(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
            for (int l = 0; l <= 60; l++) {
                double s = 0;
                for (int m = -l; m <= l; m++) s += sh.re(l, m) * sh.re(l, m) + sh.im(l, m) * sh.im(l, m);
                assertEquals((2 * l + 1) / (4 * Math.PI), s, 1e-12 * (2 * l + 1));
            }
        }
    }

    @Test
    void wigner3jMatchesSympy() throws Exception {
        int checked = 0;
        for (JsonNode r : reference().get("w3j")) {
            JsonNode j = r.get("j"), m = r.get("m");
            double v = Wigner3j.of(
                    j.get(0).asInt(),
                    j.get(1).asInt(),
                    j.get(2).asInt(),
                    m.get(0).asInt(),
                    m.get(1).asInt(),
                    m.get(2).asInt());
            double want = r.get("v").asDouble();
            assertEquals(want, v, 1e-15 + 1e-14 * Math.abs(want), "3j " + j + " " + m);
            checked++;
        }
        assertEquals(662, checked);
        assertEquals(-Math.sqrt(2.0 / 35), Wigner3j.of(2, 2, 2, 0, 0, 0), 1e-16);
        assertEquals(0.0, Wigner3j.of(3, 3, 3, 0, 0, 0)); // odd j sum with all m = 0
        assertEquals(0.0, Wigner3j.of(1, 1, 4, 0, 0, 0)); // triangle rule
    }

    @Test
    void wigner3jOrthogonality() {
        // Σ_{m1,m2} (l l L; m1 m2 M)² = 1/(2L+1)
        int l = 12;
        for (int bigL = 0; bigL <= 24; bigL++) {
            for (int bigM = -bigL; bigM <= bigL; bigM += Math.max(1, bigL)) {
                double s = 0;
                for (int m1 = -l; m1 <= l; m1++) {
                    double v = Wigner3j.of(l, l, bigL, m1, -m1 - bigM, bigM);
                    s += v * v;
                }
                assertEquals(1.0 / (2 * bigL + 1), s, 1e-14);
            }
        }
    }
}

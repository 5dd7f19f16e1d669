package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteinhardtTest {

    private static final Steinhardt ST = Steinhardt.builder().setDegrees(4, 6).build();

    private static void check(double[][] shell, double q4, double q6, double w4, double w6) {
        BondOrder b = ST.compute(Neighborhoods.shell(shell));
        if (!Double.isNaN(q4)) assertEquals(q4, b.q(4)[0], 5e-6, "q4");
        if (!Double.isNaN(q6)) assertEquals(q6, b.q(6)[0], 5e-6, "q6");
        if (!Double.isNaN(w4)) assertEquals(w4, b.wHat(4)[0], 5e-7, "ŵ4");
        if (!Double.isNaN(w6)) assertEquals(w6, b.wHat(6)[0], 5e-7, "ŵ6");
    }

    @Test
    void textbookFcc() {
        check(Shells.fcc(), 0.19094, 0.57452, -0.159317, -0.013161);
    }

    @Test
    void textbookHcp() {
        check(Shells.hcp(), 0.09722, 0.48476, 0.134097, -0.012442);
    }

    @Test
    void textbookBcc14() {
        check(Shells.bcc14(), 0.03637, 0.51069, Double.NaN, Double.NaN);
    }

    @Test
    void textbookSimpleCubic() {
        check(Shells.sc(), 0.76376, 0.35355, Double.NaN, Double.NaN);
    }

    @Test
    void textbookIcosahedron() {
        check(Shells.icosahedron(), Double.NaN, 0.66332, Double.NaN, -0.169754);
    }

    @Test
    void exactClosedForms() {
        // sc: q4 = sqrt(7/12), q6 = sqrt(1/8); fcc q4 = sqrt(7/192)
        BondOrder sc = ST.compute(Neighborhoods.shell(Shells.sc()));
        assertEquals(Math.sqrt(7.0 / 12), sc.q(4)[0], 1e-14);
        assertEquals(Math.sqrt(1.0 / 8), sc.q(6)[0], 1e-14);
        BondOrder fcc = ST.compute(Neighborhoods.shell(Shells.fcc()));
        assertEquals(Math.sqrt(7.0 / 192), fcc.q(4)[0], 1e-14);
    }

    @Test
    void rotationInvariant() {
        Steinhardt all = Steinhardt.builder().build();
        for (double[][] shell : new double[][][] {Shells.fcc(), Shells.hcp(), Shells.bcc14(), Shells.icosahedron()}) {
            BondOrder a = all.compute(Neighborhoods.shell(shell));
            double[][] r = Shells.rotation(0.3, 1.1, -2.4);
            BondOrder b = all.compute(Neighborhoods.shell(Shells.rotate(r, shell)));
            for (int l = 2; l <= 12; l++) {
                assertEquals(a.q(l)[0], b.q(l)[0], 1e-12, "q" + l);
                if (a.q(l)[0] > 1e-6) assertEquals(a.wHat(l)[0], b.wHat(l)[0], 1e-11, "ŵ" + l);
                else assertTrue(b.q(l)[0] < 1e-9, "q" + l + " vanishes in both orientations");
            }
        }
    }

    @Test
    void thirdOrderVanishesForOddDegreesAndQIsBounded() {
        // a random environment: q_l in [0, 1], ŵ_l real and bounded
        java.util.Random rnd = new java.util.Random(7);
        double[][] v = new double[9][3];
        for (double[] x : v) for (int c = 0; c < 3; c++) x[c] = rnd.nextGaussian();
        BondOrder b = Steinhardt.builder().build().compute(Neighborhoods.shell(v));
        for (int l = 2; l <= 12; l++) {
            assertTrue(b.q(l)[0] >= 0 && b.q(l)[0] <= 1 + 1e-12);
            assertTrue(Math.abs(b.wHat(l)[0]) <= 0.5);
        }
        // a single bond: q_l = 1 for every l (all weight on one direction)
        BondOrder one = Steinhardt.builder().build().compute(Neighborhoods.shell(new double[][] {{0.2, -0.7, 0.4}}));
        for (int l = 2; l <= 12; l++) assertEquals(1.0, one.q(l)[0], 1e-13);
    }

    @Test
    void averagedEqualsPlainOnPerfectLattice() {
        // every atom of a perfect crystal has the same q_lm, so q̄_l = q_l
        double[][] shell = Shells.fcc();
        int n = 13;
        int[][] idx = new int[n][];
        double[][][] vec = new double[n][][];
        for (int i = 0; i < n; i++) {
            idx[i] = new int[12];
            for (int k = 0; k < 12; k++) idx[i][k] = (i + k + 1) % n;
            vec[i] = shell;
        }
        BondOrder b =
                Steinhardt.builder().setDegrees(4, 6).optAveraged(true).build().compute(Neighborhoods.of(idx, vec));
        for (int i = 0; i < n; i++) {
            assertEquals(b.q(6)[i], b.qAvg(6)[i], 1e-14);
            assertEquals(b.wHat(4)[i], b.wHatAvg(4)[i], 1e-13);
        }
    }

    @Test
    void tableNamesAndSummary() {
        BondOrder b = Steinhardt.builder()
                .setDegrees(4, 6)
                .optAveraged(true)
                .build()
                .compute(Neighborhoods.of(new int[][] {{1}, {0}}, new double[][][] {{{1, 0, 0}}, {{-1, 0, 0}}}));
        assertEquals(
                java.util.List.of(
                        "q4",
                        "w4",
                        "w4_hat",
                        "q6",
                        "w6",
                        "w6_hat",
                        "q4_avg",
                        "w4_avg",
                        "w4_hat_avg",
                        "q6_avg",
                        "w6_avg",
                        "w6_hat_avg"),
                b.table().names());
        Features s = b.summary();
        assertEquals(1.0, s.get("q4_mean"), 1e-14);
        assertEquals(0.0, s.get("q4_std"), 1e-14);
    }
}

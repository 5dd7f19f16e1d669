package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values worked out by hand from the definitions (see the comments). */
class MetricsTest {

    @Test
    void regressionScores() {
        // errors 0.5, 0.5, 0, 1 -> MAE 0.5, MSE 0.375; mean 2.875, SS_tot 29.1875, SS_res 1.5
        RegressionMetrics m = Metrics.regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8});
        assertEquals(0.5, m.mae(), 1e-12);
        assertEquals(Math.sqrt(0.375), m.rmse(), 1e-12);
        assertEquals(1 - 1.5 / 29.1875, m.r2(), 1e-12);
        assertEquals(4, m.n());
    }

    static final int[] Y = {0, 1, 2, 2, 1, 0, 2, 1, 1, 0};
    static final double[][] P = {
        {.7, .2, .1}, {.1, .6, .3}, {.2, .3, .5}, {.5, .1, .4}, {.3, .3, .4},
        {.4, .35, .25}, {.1, .1, .8}, {.2, .5, .3}, {.6, .3, .1}, {.3, .4, .3}
    };

    @Test
    void classificationScores() {
        ClassificationMetrics m = Metrics.classification(Y, P);
        // predicted 0,1,2,0,2,0,2,1,0,1: six right
        assertEquals(0.6, m.accuracy(), 1e-12);
        assertArrayEquals(new int[] {2, 1, 0}, m.confusion()[0]);
        assertArrayEquals(new int[] {1, 2, 1}, m.confusion()[1]);
        assertArrayEquals(new int[] {1, 0, 2}, m.confusion()[2]);
        // precision 1/2, 2/3, 2/3; recall 2/3, 1/2, 2/3; F1 4/7, 4/7, 2/3; supports 3, 4, 3
        assertEquals((0.5 + 2.0 / 3 + 2.0 / 3) / 3, m.precisionMacro(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 2.0 / 3) / 3, m.recallMacro(), 1e-12);
        assertEquals(38.0 / 63, m.f1Macro(), 1e-12);
        assertEquals((1.5 + 8.0 / 3 + 2) / 10, m.precisionWeighted(), 1e-12);
        assertEquals(0.6, m.recallWeighted(), 1e-12);
        assertEquals(0.6, m.f1Weighted(), 1e-12);
        assertEquals(1.0, m.top5(), 1e-12);
        assertTrue(Double.isNaN(m.rocAuc()));
    }

    @Test
    void topKCountsTiesAgainstTheTrueClass() {
        // rows 4 (true .3 tied with .3, below .4) and 9 (true .3 tied, below .4) miss at k = 2
        assertEquals(0.8, Metrics.topK(Y, P, 2), 1e-12);
    }

    @Test
    void rocAucIsTheMannWhitneyStatisticWithTies() {
        // positives .35 .8 .4 .9 against negatives .1 .4 .2 .4: 2 + 4 + (2 + 2·½) + 4 = 13 of 16 pairs
        assertEquals(
                13.0 / 16,
                Metrics.rocAuc(new int[] {0, 0, 1, 1, 1, 0, 1, 0}, new double[] {.1, .4, .35, .8, .4, .2, .9, .4}),
                1e-12);
        assertEquals(1.0, Metrics.rocAuc(new int[] {0, 1}, new double[] {0.2, 0.9}), 1e-12);
    }

    @Test
    void accuracyCoverageWithholdsUnsureRows() {
        List<Metrics.CoveragePoint> c = Metrics.accuracyCoverage(Y, P, new double[] {0, 0.5, 0.9});
        assertEquals(1.0, c.get(0).coverage(), 1e-12);
        assertEquals(0.6, c.get(0).accuracy(), 1e-12);
        // top probability >= .5: rows 0,1,2,3,6,7,8 -> right: 0,1,2,6,7 = 5 of 7
        assertEquals(0.7, c.get(1).coverage(), 1e-12);
        assertEquals(5.0 / 7, c.get(1).accuracy(), 1e-12);
        assertEquals(0.0, c.get(2).coverage(), 1e-12);
        assertTrue(Double.isNaN(c.get(2).accuracy()));
    }
}

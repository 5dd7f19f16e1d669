package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalStructureClassifierTest {

    @Test
    void purityCountsMajorityClassPerCluster() {
        assertEquals(1.0, LocalStructureClassifier.purity(new int[] {1, 1, 0, 0}, new int[] {0, 0, 1, 1}));
        assertEquals(0.75, LocalStructureClassifier.purity(new int[] {0, 0, 0, 1}, new int[] {0, 0, 1, 1}));
    }

    @Test
    void findsThreeBlobsInEightDimensions() {
        // three classes that differ along one hidden direction, embedded in 8 correlated columns
        Random rnd = new Random(5);
        int per = 150;
        double[][] x = new double[3 * per][8];
        int[] truth = new int[3 * per];
        for (int i = 0; i < x.length; i++) {
            int c = i / per;
            truth[i] = c;
            double t = 3.0 * c + 0.25 * rnd.nextGaussian(), u = 0.25 * rnd.nextGaussian();
            for (int j = 0; j < 8; j++) x[i][j] = Math.sin(j + 1) * t + Math.cos(2 * j) * u + 0.05 * rnd.nextGaussian();
        }
        LocalStructureClassifier.Result r = LocalStructureClassifier.builder()
                .optEpochs(40)
                .optMaxClusters(5)
                .build()
                .fit(x);
        assertEquals(3, r.clusters(), "BIC choice; BIC per k = " + java.util.Arrays.toString(r.bic()));
        assertTrue(LocalStructureClassifier.purity(r.labels(), truth) > 0.99);
        assertTrue(r.fractionOfVarianceExplained() > 0.9, "FVE " + r.fractionOfVarianceExplained());
    }
}

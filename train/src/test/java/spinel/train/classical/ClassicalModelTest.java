package spinel.train.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every classical model learns a known rule from synthetic rows: y = 3·x0 + x1 (x2, x3 noise) for
 * regression and sign(x0 − x1) for classification; held-out error well below the mean predictor's, and
 * the importances (where the model has them) rank x0 first.
 */
class ClassicalModelTest {

    private static final String[] NAMES = {"x0", "x1", "x2", "x3"};

    private static TabularLearner.Table table(int n, boolean classification, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        double[] y = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) x[i][j] = (float) r.nextGaussian();
            y[i] = 3 * x[i][0] + x[i][1];
            c[i] = x[i][0] > x[i][1] ? 1 : 0;
        }
        return classification
                ? new TabularLearner.Table(x, NAMES, null, c, 2)
                : new TabularLearner.Table(x, NAMES, y, null, 0);
    }

    private static final Map<String, String> FAST = Map.of("trees", "30", "rounds", "150");

    private static Map<String, String> fast(ClassicalModel m) {
        Map<String, String> given = new java.util.HashMap<>();
        for (var e : FAST.entrySet())
            if (m.params(Map.of()).containsKey(e.getKey())) given.put(e.getKey(), e.getValue());
        return m.params(given);
    }

    @Test
    void everyModelLearnsARegressionRule() {
        TabularLearner.Table t = table(400, false, 1);
        int[] train = IntStream.range(0, 300).toArray(),
                test = IntStream.range(300, 400).toArray();
        double meanAbs = 0, mean = 0;
        for (int i : train) mean += t.values()[i] / train.length;
        for (int i : test) meanAbs += Math.abs(t.values()[i] - mean) / test.length;
        for (ClassicalModel m : ClassicalModel.values()) {
            TabularLearner.Fitted f = m.learner(fast(m), 7).fit(t, train);
            double[] p = f.predict(t.x(), test);
            double mae = 0;
            for (int k = 0; k < test.length; k++) mae += Math.abs(p[k] - t.values()[test[k]]) / test.length;
            double bound = m == ClassicalModel.LINEAR ? 0.05 : 0.5;
            assertTrue(mae < bound * meanAbs, m + ": MAE " + mae + " vs mean predictor " + meanAbs);
            Map<String, Double> imp = f.importances();
            if (m == ClassicalModel.LINEAR || m == ClassicalModel.GRADIENT_BOOSTING)
                assertEquals("x0", top(imp), m + " importances " + imp);
            Map<String, Double> perm = PermutationImportance.of(f, t, test, 100, 3);
            assertEquals("x0", top(perm), m + " permutation importances " + perm);
            assertTrue(
                    perm.get("x1") > Math.max(perm.get("x2"), perm.get("x3")), m + " permutation importances " + perm);
        }
    }

    @Test
    void everyModelLearnsAClassificationRule() {
        TabularLearner.Table t = table(400, true, 2);
        int[] train = IntStream.range(0, 300).toArray(),
                test = IntStream.range(300, 400).toArray();
        for (ClassicalModel m : ClassicalModel.values()) {
            TabularLearner.Fitted f = m.learner(fast(m), 7).fit(t, train);
            double[][] p = f.probabilities(t.x(), test);
            int right = 0;
            for (int k = 0; k < test.length; k++) {
                assertEquals(1.0, p[k][0] + p[k][1], 1e-4, m + " probabilities sum to 1");
                if ((p[k][1] > p[k][0] ? 1 : 0) == t.classes()[test[k]]) right++;
            }
            assertTrue(right >= 80, m + ": " + right + "/100 right");
        }
    }

    @Test
    void unknownHyperparameterNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ClassicalModel.RANDOM_FOREST.params(Map.of("tress", "3")));
        assertTrue(e.getMessage().contains("trees"), e.getMessage());
        assertEquals(ClassicalModel.GRADIENT_BOOSTING, ClassicalModel.of("gradient-boosting"));
        assertEquals(null, ClassicalModel.of("cgcnn"));
    }

    @Test
    void fittedModelsAreSavedInTheirLibrariesFormats(@TempDir Path dir) throws Exception {
        TabularLearner.Table t = table(100, false, 3);
        int[] rows = IntStream.range(0, 100).toArray();
        for (ClassicalModel m : new ClassicalModel[] {ClassicalModel.DECISION_TREE, ClassicalModel.GRADIENT_BOOSTING}) {
            String file = m.learner(fast(m), 1).fit(t, rows).save(dir);
            assertTrue(Files.size(dir.resolve(file)) > 100, file);
        }
    }

    private static String top(Map<String, Double> imp) {
        return imp.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}

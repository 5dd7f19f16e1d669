package spinel.train.classical;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Permutation feature importance (Breiman, Machine Learning 45, 5 (2001), section 10): how much the
 * error of a fitted model grows when one feature's column is shuffled across rows, breaking its link
 * with the target. Regression: increase of the mean absolute error (target units); classification:
 * increase of the mean negative log-probability of the true class (nats). Model-agnostic, so every
 * classical model — k-nearest neighbours included — gets comparable importances.
 */
public final class PermutationImportance {

    private PermutationImportance() {}

    /**
     * The importance of every feature on {@code rows} of {@code table} (at most {@code maxRows} of them,
     * a seeded sample), feature name → error increase.
     */
    public static Map<String, Double> of(
            TabularLearner.Fitted fitted, TabularLearner.Table table, int[] rows, int maxRows, long seed) {
        Random rng = new Random(seed);
        int[] sample = sample(rows, maxRows, rng);
        int f = table.names().length;
        float[][] x = new float[sample.length][];
        for (int i = 0; i < sample.length; i++) x[i] = table.x()[sample[i]].clone();
        int[] local = new int[sample.length];
        for (int i = 0; i < local.length; i++) local[i] = i;
        double base = error(fitted, table, x, local, sample);
        Map<String, Double> out = new LinkedHashMap<>();
        float[] saved = new float[sample.length];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < x.length; i++) saved[i] = x[i][j];
            for (int i = x.length - 1; i > 0; i--) {
                int k = rng.nextInt(i + 1);
                float t = x[i][j];
                x[i][j] = x[k][j];
                x[k][j] = t;
            }
            out.put(table.names()[j], error(fitted, table, x, local, sample) - base);
            for (int i = 0; i < x.length; i++) x[i][j] = saved[i];
        }
        return out;
    }

    private static double error(
            TabularLearner.Fitted fitted, TabularLearner.Table table, float[][] x, int[] local, int[] truthRows) {
        double sum = 0;
        if (table.classification()) {
            double[][] p = fitted.probabilities(x, local);
            for (int i = 0; i < local.length; i++)
                sum -= Math.log(Math.max(p[i][table.classes()[truthRows[i]]], 1e-12));
        } else {
            double[] p = fitted.predict(x, local);
            for (int i = 0; i < local.length; i++) sum += Math.abs(p[i] - table.values()[truthRows[i]]);
        }
        return sum / local.length;
    }

    private static int[] sample(int[] rows, int max, Random rng) {
        int[] r = rows.clone();
        if (r.length <= max) return r;
        for (int i = 0; i < max; i++) {
            int k = i + rng.nextInt(r.length - i);
            int t = r[i];
            r[i] = r[k];
            r[k] = t;
        }
        return java.util.Arrays.copyOf(r, max);
    }
}

package spinel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import spinel.train.tabnet.TabNet;

/**
 * A trained TabNet's {@code feature_importances.csv}, in the classical models' layout (feature,
 * permutation, library, library_share; largest first): {@code library} is TabNet's aggregate attention
 * mask over the test rows, Σ_rows Σ_b η_b M_b,j with η_b = Σ_c ReLU(d_b,c) (Arik &amp; Pfister 2021,
 * section 4, "interpretability"), and {@code library_share} the same normalised to sum 1 (as
 * pytorch-tabnet's {@code feature_importances_}); {@code permutation} is the increase of the test MAE
 * (target units) or log-loss when the column is shuffled (Breiman 2001) on up to 500 test rows (a seeded
 * sample), as for the classical models.
 */
final class TabNetImportances {

    /** What the two importances mean, for metrics.json. */
    static final Map<String, String> NOTE = Map.of(
            "permutation",
            "increase of the test MAE (regression, target units) or log-loss (classification) when the feature "
                    + "is shuffled (Breiman 2001)",
            "library",
            "TabNet aggregate attention mask over the test rows, sum over rows and steps of eta_b * M_b "
                    + "(Arik & Pfister 2021); library_share normalised to sum 1");

    private TabNetImportances() {}

    /**
     * Rows of one forward pass (test rows, or permuted copies); each pass's arrays are freed before the
     * next, so memory stays at a few hundred MB for any test set.
     */
    private static final int PASS_ROWS = 1024;

    /** Test rows (a seeded sample) the permutation importance is measured on, as for the classical models. */
    private static final int PERMUTATION_SAMPLE = 500;

    /** Writes {@code dir/feature_importances.csv} for {@code net} on the rows of {@code test}. */
    static void write(
            Path dir, TabNet net, NDManager manager, BatchSource test, RunConfig config, List<String> names, long seed)
            throws IOException {
        if (test.size() == 0) return;
        ParameterStore store = new ParameterStore(manager, false);
        Random rng = new Random(seed);
        int[] all = IntStream.range(0, test.size()).toArray();
        double[] explain = aggregateMasks(net, store, manager, test, all);
        double[] permutation;
        try (NDManager m = manager.newSubManager()) {
            permutation = permutation(net, store, m, test.batch(m, sample(all, rng)), config, rng);
        }
        double total = 0;
        for (double e : explain) total += e;
        List<List<?>> table = new ArrayList<>();
        for (int j = 0; j < explain.length; j++) {
            String name = j < names.size() ? names.get(j) : "column_" + j;
            table.add(List.of(name, permutation[j], explain[j], total > 0 ? explain[j] / total : 0.0));
        }
        table.sort(Comparator.comparingDouble((List<?> r) -> -(Double) r.get(2)));
        RunFiles.writeCsv(
                dir.resolve("feature_importances.csv"),
                List.of("feature", "permutation", "library", "library_share"),
                table);
    }

    /** Σ over {@code rows} of the rows' aggregate masks Σ_b η_b M_b (one value per column). */
    private static double[] aggregateMasks(
            TabNet net, ParameterStore store, NDManager manager, BatchSource test, int[] rows) {
        double[] sum = null;
        for (int first = 0; first < rows.length; first += PASS_ROWS) {
            int[] pass = java.util.Arrays.copyOfRange(rows, first, Math.min(rows.length, first + PASS_ROWS));
            try (NDManager m = manager.newSubManager()) {
                float[] part = net.forward(store, test.batch(m, pass).inputs(), false)
                        .get(2)
                        .sum(new int[] {0})
                        .toFloatArray();
                if (sum == null) sum = new double[part.length];
                for (int j = 0; j < part.length; j++) sum[j] += part[j];
            }
        }
        return sum;
    }

    /** The error increase when each column of the batch is shuffled, the shuffled copies run in passes. */
    private static double[] permutation(
            TabNet net, ParameterStore store, NDManager m, BatchSource.Batch batch, RunConfig config, Random rng) {
        NDArray x = batch.inputs().head();
        NDArray labels = batch.labels().head();
        int rows = (int) x.getShape().get(0), cols = (int) x.getShape().get(1);
        double base = error(net.forward(store, new NDList(x), false).head(), labels, config);
        float[] flat = x.toFloatArray();
        double[] out = new double[cols];
        int perPass = Math.max(1, PASS_ROWS / rows);
        for (int first = 0; first < cols; first += perPass) {
            int n = Math.min(perPass, cols - first);
            float[] copies = new float[n * flat.length];
            for (int c = 0; c < n; c++) {
                int j = first + c;
                int[] perm = shuffled(rows, rng);
                System.arraycopy(flat, 0, copies, c * flat.length, flat.length);
                for (int i = 0; i < rows; i++) copies[c * flat.length + i * cols + j] = flat[perm[i] * cols + j];
            }
            try (NDManager pass = m.newSubManager()) {
                NDArray input = pass.create(copies, new Shape((long) n * rows, cols));
                NDList parts =
                        net.forward(store, new NDList(input), false).head().split(n, 0);
                for (int c = 0; c < n; c++) out[first + c] = error(parts.get(c), labels, config) - base;
            }
        }
        return out;
    }

    private static int[] shuffled(int n, Random rng) {
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[k];
            perm[k] = t;
        }
        return perm;
    }

    private static int[] sample(int[] rows, Random rng) {
        if (rows.length <= PERMUTATION_SAMPLE) return rows;
        int[] perm = shuffled(rows.length, rng);
        int[] out = new int[PERMUTATION_SAMPLE];
        for (int i = 0; i < out.length; i++) out[i] = rows[perm[i]];
        java.util.Arrays.sort(out);
        return out;
    }

    /** Mean absolute error in target units (regression) or mean negative log-probability of the true class. */
    private static double error(NDArray prediction, NDArray labels, RunConfig config) {
        float[] p = prediction.toFloatArray();
        float[] y = labels.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double sum = 0;
        if (config.task().classification()) {
            int k = p.length / y.length;
            for (int i = 0; i < y.length; i++) {
                double[] logp = TrainingLoop.logSoftmax(java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k));
                sum -= logp[(int) y[i]];
            }
        } else {
            Normalizer n = config.normalizer();
            for (int i = 0; i < y.length; i++) sum += Math.abs(n.denormalize(p[i]) - n.denormalize(y[i]));
        }
        return sum / y.length;
    }
}

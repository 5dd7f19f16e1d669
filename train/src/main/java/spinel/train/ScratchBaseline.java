package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The teaching baseline as a run ({@code spinel bench scratch-mlp}): the from-scratch {@link ScratchMlp}
 * (Commons Math, plain mini-batch gradient descent) on the same lattice + composition descriptors,
 * scaler, normaliser and split as {@code spinel train --model mlp-both}, after a gradient check of its
 * back-propagation on the first training rows. Writes predictions.csv, parity.png and metrics.json
 * ({@code test} MAE/RMSE/R², {@code gradient_check_max_error}) into the spec's out folder. Regression
 * only.
 */
public final class ScratchBaseline {

    /** Training rows the gradient check uses. */
    private static final int CHECK_ROWS = 8;

    private ScratchBaseline() {}

    /**
     * Runs the baseline.
     *
     * @param spec       data, target, split, seed, epochs, batch size and learning rate (its model is ignored)
     * @param hidden     hidden layer widths
     * @param activation hidden activation
     */
    public static Map<String, Object> run(
            ExperimentSpec spec, int[] hidden, ScratchMlp.Activation activation, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        if (spec.task().classification())
            throw new IllegalArgumentException(
                    "the scratch MLP baseline does regression only, not --task " + EnumIds.id(spec.task()));
        ExperimentSpec mlp =
                spec.toBuilder().optModel(ExperimentSpec.Model.MLP_BOTH).build();
        RunData data = RunData.load(mlp, log);
        int[] train = data.split().train(), test = data.split().test();
        Normalizer normalizer = Normalizer.fit(data.labels().values(), train);
        double[][] raw = RunFeatures.matrix(ModelFactory.tabularBlocks(mlp.model()), data.columns(), null);
        float[][] x = FeatureScaler.fit(raw, train).transform(raw);
        RealMatrix xTrain = rows(x, train), yTrain = targets(data, normalizer, train);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = x[0].length;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        TrainConfig t = spec.train();
        ScratchMlp net = new ScratchMlp(sizes, activation, ScratchMlp.Loss.MSE, t.seed());
        int[] few = Arrays.copyOf(train, Math.min(CHECK_ROWS, train.length));
        double check = net.gradientCheck(rows(x, few), targets(data, normalizer, few), 1e-6);
        log.printf(
                Locale.ROOT,
                "gradient check: max relative error %.2e (back-propagation vs finite differences)%n",
                check);
        double[] history = net.fit(xTrain, yTrain, t.epochs(), t.learningRate(), t.batchSize(), t.seed());
        log.printf(
                Locale.ROOT,
                "%d epochs, final training loss %.5f (normalised MSE)%n",
                t.epochs(),
                history[history.length - 1]);
        RealMatrix out = net.predict(rows(x, test));
        float[][] outputs = new float[test.length][];
        for (int i = 0; i < test.length; i++) outputs[i] = new float[] {(float) out.getEntry(i, 0)};
        List<String> ids = new ArrayList<>();
        for (int r : test) ids.add(data.dataset().ids().get(r));
        Files.createDirectories(spec.out());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "scratch-mlp");
        m.put(
                "test",
                RunReport.regression(
                        spec.out(),
                        ids,
                        RunEvaluation.pick(data.labels().values(), test),
                        outputs,
                        normalizer,
                        data.dataset().targetName(),
                        TargetUnits.of(data.dataset().targetName(), spec.units())));
        m.put("gradient_check_max_error", check);
        m.put("epochs", t.epochs());
        m.put("final_train_loss", history[history.length - 1]);
        m.put("n_train", train.length);
        m.put("n_test", test.length);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("peak_rss_mb", RunFiles.peakRssMb());
        RunFiles.writeJson(spec.out().resolve("metrics.json"), m);
        return m;
    }

    private static RealMatrix rows(float[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[x[rows[i]].length];
            for (int j = 0; j < out[i].length; j++) out[i][j] = x[rows[i]][j];
        }
        return new Array2DRowRealMatrix(out, false);
    }

    private static RealMatrix targets(RunData data, Normalizer normalizer, int[] rows) {
        double[][] y = new double[rows.length][1];
        for (int i = 0; i < rows.length; i++)
            y[i][0] = normalizer.normalize(data.labels().values()[rows[i]]);
        return new Array2DRowRealMatrix(y, false);
    }
}

package spinel.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 7 of a run, reports: turns a trained model's test outputs into the files of a run folder:
 * {@code metrics.json}, {@code history.csv}, {@code predictions.csv} and the plots
 * ({@code learning_curves.png}, {@code parity.png} or {@code confusion.png}); also {@code split.csv}.
 * {@code config.json} is written before training starts, by {@link RunFolder}.
 */
public final class RunReport {

    private RunReport() {}

    /**
     * Scores regression outputs (normalised, as the network gives them) against the true values.
     *
     * @param ids      row ids of the test rows (for predictions.csv)
     * @param actual   true values in target units
     * @param quantity the target's name, for the parity plot
     * @param unit     the target's unit ({@link TargetUnits}), or null when unknown
     * @return the "test" section of metrics.json
     */
    public static Map<String, Object> regression(
            Path runDir,
            List<String> ids,
            double[] actual,
            float[][] outputs,
            Normalizer normalizer,
            String quantity,
            String unit)
            throws IOException {
        double[] predicted = new double[actual.length];
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            predicted[i] = normalizer.denormalize(outputs[i][0]);
            rows.add(List.of(ids.get(i), actual[i], predicted[i]));
        }
        RunFiles.writeCsv(runDir.resolve("predictions.csv"), List.of("id", "target", "prediction"), rows);
        Plots.parity(actual, predicted, quantity, unit, runDir.resolve("parity.png"));
        return Metrics.regression(actual, predicted).toMap();
    }

    /** Scores class logits against the true labels; writes predictions.csv with the top class and its probability. */
    public static Map<String, Object> classification(
            Path runDir, List<String> ids, int[] labels, float[][] logits, List<String> classNames) throws IOException {
        double[][] probs = new double[labels.length][];
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            probs[i] = TrainingLoop.softmax(logits[i]);
            int best = Metrics.argmax(probs[i]);
            rows.add(List.of(ids.get(i), classNames.get(labels[i]), classNames.get(best), probs[i][best]));
        }
        RunFiles.writeCsv(
                runDir.resolve("predictions.csv"), List.of("id", "target", "prediction", "probability"), rows);
        ClassificationMetrics m = Metrics.classification(labels, probs);
        Plots.confusion(m.confusion(), classNames, runDir.resolve("confusion.png"));
        Map<String, Object> map = m.toMap();
        map.put("classes", classNames);
        return map;
    }

    /**
     * Writes {@code split.csv}: every row of the split with its part ({@code train}, {@code validation},
     * {@code test}) and, with {@code --dedupe}, the index of its group of duplicate structures (blank
     * for a row without a duplicate), so the held-out rows can be scored by other models.
     */
    public static void split(Path runDir, RunData data) throws IOException {
        int[] group = new int[data.dataset().size()];
        java.util.Arrays.fill(group, -1);
        if (data.duplicates() != null) {
            List<List<Integer>> groups = data.duplicates().groups();
            for (int g = 0; g < groups.size(); g++) for (int r : groups.get(g)) group[r] = g;
        }
        List<List<?>> rows = new ArrayList<>();
        String[] names = {"train", "validation", "test"};
        int[][] parts = {data.split().train(), data.split().val(), data.split().test()};
        for (int p = 0; p < parts.length; p++)
            for (int r : parts[p])
                rows.add(List.of(data.dataset().ids().get(r), names[p], group[r] < 0 ? "" : group[r]));
        RunFiles.writeCsv(runDir.resolve("split.csv"), List.of("id", "part", "duplicate_group"), rows);
    }

    /** Writes history.csv and the learning-curve plot. */
    public static void history(Path runDir, List<TrainingLoop.EpochRecord> history) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        for (TrainingLoop.EpochRecord r : history) {
            rows.add(List.of(r.epoch(), r.trainLoss(), r.valLoss(), r.valScore(), r.learningRate(), r.seconds()));
        }
        RunFiles.writeCsv(
                runDir.resolve("history.csv"),
                List.of("epoch", "train_loss", "val_loss", "val_score", "learning_rate", "seconds"),
                rows);
        Plots.learningCurves(history, runDir.resolve("learning_curves.png"));
    }

    /**
     * What metrics.json says about the run besides its scores: dataset, task, model, target, fold, the
     * split's grouping and sizes, the duplicate groups of {@code --dedupe}.
     */
    public static Map<String, Object> context(ExperimentSpec spec, RunConfig config, RunData data) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dataset", data.dataset().name());
        extra.put("task", EnumIds.id(spec.task()).replace('-', '_'));
        extra.put("model", EnumIds.id(spec.model()));
        extra.put("target", config.task().targetName());
        if (spec.folds() != null) extra.put("fold", spec.fold());
        if (RunData.groupsByFormula(spec)) extra.put("split_grouped_by", "reduced_formula");
        extra.put("n_train", data.split().train().length);
        extra.put("n_val", data.split().val().length);
        extra.put("n_test", data.split().test().length);
        if (data.duplicates() != null) extra.put("dedupe", data.duplicates().settings());
        if (spec.model() == ExperimentSpec.Model.TABNET) {
            extra.put("n_features", config.featurizer().scaler().mean().length);
            extra.put("importances", TabNetImportances.NOTE);
        }
        return extra;
    }

    /**
     * Writes metrics.json: {@code {"test": {...}, "epochs", "best_epoch", "seconds",
     * "seconds_per_epoch", "peak_rss_mb", ...extra}}.
     */
    public static Map<String, Object> metrics(
            Path runDir,
            Map<String, Object> test,
            TrainingLoop.Result result,
            double seconds,
            Map<String, Object> extra)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", test);
        m.put("epochs", result.history().size());
        m.put("best_epoch", result.bestEpoch());
        m.put("stopped_early", result.stoppedEarly());
        m.put("seconds", seconds);
        double train = 0;
        for (TrainingLoop.EpochRecord r : result.history()) train += r.seconds();
        m.put(
                "seconds_per_epoch",
                result.history().isEmpty()
                        ? Double.NaN
                        : train / result.history().size());
        m.put("peak_rss_mb", RunFiles.peakRssMb());
        if (extra != null) m.putAll(extra);
        RunFiles.writeJson(runDir.resolve("metrics.json"), m);
        return m;
    }
}

package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import spinel.descriptors.Features;
import spinel.train.classical.ClassicalModel;
import spinel.train.classical.DescriptorSet;
import spinel.train.classical.PermutationImportance;
import spinel.train.classical.TabularLearner;

/**
 * A training run of a classical baseline ({@link ClassicalModel}) on per-structure descriptors
 * ({@link DescriptorSet}): the same dataset, labels and split as {@link Experiment}, the model fitted
 * on the training and validation rows (trees need no early stopping), optional k-fold
 * cross-validation on those rows, and the run folder of {@code spinel train} — config.json,
 * metrics.json, predictions.csv, the parity or confusion plot — plus {@code feature_importances.csv}
 * and the fitted model in its library's format. Features are standardised on the training rows only.
 */
public final class ClassicalExperiment {

    /** The classical part of a run: model, hyperparameters, descriptor groups, cross-validation folds. */
    public record Settings(ClassicalModel model, Map<String, String> params, List<DescriptorSet> features, int cv) {
        public Settings {
            params = model.params(params);
            if (cv == 1 || cv < 0) throw new IllegalArgumentException("--cv " + cv + ": expected 0 (off) or ≥ 2 folds");
        }

        /** The model with its default hyperparameters on all descriptor groups, no cross-validation. */
        public static Settings defaults(ClassicalModel model) {
            return new Settings(
                    model,
                    Map.of(),
                    List.of(DescriptorSet.LATTICE, DescriptorSet.COMPOSITION, DescriptorSet.STEINHARDT),
                    0);
        }
    }

    private ClassicalExperiment() {}

    /** Runs it; returns what it wrote to metrics.json. */
    public static Map<String, Object> run(ExperimentSpec spec, Settings settings, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        double cpu0 = cpuSeconds();
        Path out = spec.out();
        Map<String, Object> done = finished(spec, log);
        if (done != null) return done;
        check(spec, settings);
        Files.createDirectories(out);
        RunData data = RunData.load(spec, compositionOnly(settings), log);
        Split split = data.split();
        int[] fitRows = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.val()))
                .sorted()
                .toArray();
        log.printf(
                "%s: %d structures; %s on %d training rows, %d test rows%n",
                data.dataset().name(),
                data.dataset().size(),
                settings.model().cliName(),
                fitRows.length,
                split.test().length);
        Features[] rows = DescriptorSet.compute(data.dataset(), settings.features());
        String[] names = rows[0].names().toArray(new String[0]);
        double[][] raw = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) raw[i] = rows[i].values();
        FeatureScaler scaler = FeatureScaler.fit(raw, fitRows);
        TabularLearner.Table table = table(scaler.transform(raw), names, data.labels());
        TabularLearner learner =
                settings.model().learner(settings.params(), spec.train().seed());

        Map<String, Object> extra = context(spec, settings, data, fitRows.length, names.length);
        if (settings.cv() > 1) extra.put("cv", crossValidate(learner, table, fitRows, settings.cv(), spec, log));
        long tFit = System.nanoTime();
        TabularLearner.Fitted fitted = learner.fit(table, fitRows);
        extra.put("fit_seconds", (System.nanoTime() - tFit) / 1e9);
        Map<String, Object> test =
                score(fitted, table, fitRows, split.test(), data.dataset(), out, data.labels(), spec);
        writeImportances(
                out,
                fitted,
                PermutationImportance.of(
                        fitted, table, split.test(), 500, spec.train().seed()));
        extra.put("importances", importancesNote(data.labels(), fitted));
        config(spec, data, settings, scaler, names, fitted.save(out)).write(out);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", test);
        m.put("epochs", 0);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("cpu_seconds", cpuSeconds() - cpu0);
        m.put("peak_rss_mb", RunFiles.peakRssMb());
        m.putAll(extra);
        RunFiles.writeJson(out.resolve("metrics.json"), m);
        return m;
    }

    /** The metrics of a run that has finished already (kept with --resume, else refused); null when none. */
    private static Map<String, Object> finished(ExperimentSpec spec, PrintStream log) throws IOException {
        Path out = spec.out();
        Path metricsFile = out.resolve("metrics.json");
        if (!Files.isRegularFile(metricsFile)) return null;
        if (!spec.resume())
            throw new IllegalStateException(
                    out + " already holds a finished run; pass --resume to keep it, or choose another --out");
        log.printf("%s: finished already, keeping its metrics%n", out);
        @SuppressWarnings("unchecked")
        Map<String, Object> done = RunFiles.JSON.readValue(metricsFile.toFile(), Map.class);
        return done;
    }

    /** Refuses the tasks and feature groups a classical run cannot do honestly. */
    private static void check(ExperimentSpec spec, Settings settings) {
        if (spec.task() == ExperimentSpec.Task.MULTI_TASK)
            throw new IllegalArgumentException("--task multi-task needs --model cgcnn or fusion");
        if (spec.task() == ExperimentSpec.Task.VOLUME && settings.features().contains(DescriptorSet.LATTICE))
            throw new IllegalArgumentException("volume per atom can be read from the lattice features; "
                    + "use --features composition,steinhardt for --task volume");
    }

    /** The standardised descriptors {@code x} and the task's labels, as the learners take them. */
    private static TabularLearner.Table table(float[][] x, String[] names, RunData.Labels labels) {
        boolean classes = labels.classification();
        return new TabularLearner.Table(
                x,
                names,
                classes ? null : labels.values(),
                classes ? labels.classes() : null,
                classes ? labels.classNames().size() : 0);
    }

    /** What metrics.json says about the run besides its scores. */
    private static Map<String, Object> context(
            ExperimentSpec spec, Settings settings, RunData data, int fitRows, int features) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dataset", data.dataset().name());
        extra.put("task", EnumIds.id(spec.task()).replace('-', '_'));
        extra.put("model", settings.model().cliName());
        extra.put(
                "target", spec.target() != null ? spec.target() : data.dataset().targetName());
        if (spec.folds() != null) extra.put("fold", spec.fold());
        extra.put("n_train", fitRows);
        extra.put("n_test", data.split().test().length);
        extra.put("n_features", features);
        if (compositionOnly(settings)) extra.put("split_grouped_by", "reduced_formula");
        return extra;
    }

    /** Whether the model sees the composition alone: then its split keeps each reduced formula on one side. */
    private static boolean compositionOnly(Settings settings) {
        return RunFeatures.compositionOnly(
                settings.features().stream().map(DescriptorSet::id).toList());
    }

    /** What the two importances of feature_importances.csv measure. */
    private static Map<String, Object> importancesNote(RunData.Labels labels, TabularLearner.Fitted fitted) {
        return Map.of(
                "permutation",
                "increase of the test "
                        + (labels.classification() ? "log-loss" : "MAE")
                        + " when the feature is shuffled (Breiman 2001)",
                "library",
                fitted.importanceKind());
    }

    /**
     * The run's config.json: the same typed {@link RunConfig} as a network run's, its model part naming
     * the classical model, and the fitted model's file, hyperparameters and descriptor columns in
     * {@link RunConfig.ClassicalSettings}, so that {@link TrainedRun} predicts with it.
     */
    private static RunConfig config(
            ExperimentSpec spec, RunData data, Settings settings, FeatureScaler scaler, String[] names, String file)
            throws IOException {
        RunData.Labels labels = data.labels();
        return new RunConfig(
                RunConfig.FORMAT,
                RunFolder.dataSettings(spec, data),
                RunFolder.taskSettings(spec, data),
                RunConfig.ModelSettings.classical(
                        ExperimentSpec.Model.valueOf(settings.model().name()),
                        labels.classification() ? labels.classNames().size() : 1),
                new RunConfig.FeaturizerSettings(null, null, scaler),
                Normalizer.IDENTITY,
                null,
                List.of(),
                spec.train(),
                new RunConfig.ClassicalSettings(
                        file,
                        settings.params(),
                        settings.features().stream().map(DescriptorSet::id).toList(),
                        Arrays.asList(names),
                        settings.cv()),
                null);
    }

    /** Scores the test rows and writes predictions.csv and the plot. */
    private static Map<String, Object> score(
            TabularLearner.Fitted fitted,
            TabularLearner.Table table,
            int[] fitRows,
            int[] test,
            CrystalDataset dataset,
            Path out,
            RunData.Labels labels,
            ExperimentSpec spec)
            throws IOException {
        List<String> ids = new ArrayList<>();
        for (int r : test) ids.add(dataset.ids().get(r));
        if (labels.classification()) {
            double[][] p = fitted.probabilities(table.x(), test);
            float[][] logp = new float[p.length][];
            int[] truth = new int[test.length];
            for (int i = 0; i < p.length; i++) {
                truth[i] = labels.classes()[test[i]];
                logp[i] = new float[p[i].length];
                for (int c = 0; c < p[i].length; c++) logp[i][c] = (float) Math.log(Math.max(p[i][c], 1e-30));
            }
            Map<String, Object> scores = RunReport.classification(out, ids, truth, logp, labels.classNames());
            int[] trainClasses = new int[fitRows.length];
            for (int i = 0; i < fitRows.length; i++) trainClasses[i] = labels.classes()[fitRows[i]];
            SymmetryScores.add(scores, out, spec.task(), trainClasses, truth, logp, labels.classNames());
            return scores;
        }
        double[] pred = fitted.predict(table.x(), test);
        double[] truth = new double[test.length];
        float[][] outputs = new float[test.length][1];
        for (int i = 0; i < test.length; i++) {
            truth[i] = labels.values()[test[i]];
            outputs[i][0] = (float) pred[i];
        }
        String target = spec.target() != null ? spec.target() : dataset.targetName();
        return RunReport.regression(
                out, ids, truth, outputs, Normalizer.IDENTITY, target, TargetUnits.of(target, spec.units()));
    }

    /** k-fold cross-validation on the fitting rows: the test score of each fold, their mean and spread. */
    private static Map<String, Object> crossValidate(
            TabularLearner learner,
            TabularLearner.Table table,
            int[] rows,
            int k,
            ExperimentSpec spec,
            PrintStream log) {
        List<Split> folds;
        if (table.classification()) {
            int[] c = new int[rows.length];
            for (int i = 0; i < rows.length; i++) c[i] = table.classes()[rows[i]];
            folds = Split.stratifiedKFold(c, k, 0, spec.train().seed());
        } else folds = Split.kFold(rows.length, k, 0, spec.train().seed());
        String metric = table.classification() ? "accuracy" : "mae";
        double[] scores = new double[k];
        for (int f = 0; f < k; f++) {
            int[] tr = map(rows, folds.get(f).train()),
                    te = map(rows, folds.get(f).test());
            TabularLearner.Fitted m = learner.fit(table, tr);
            if (table.classification()) {
                double[][] p = m.probabilities(table.x(), te);
                int right = 0;
                for (int i = 0; i < te.length; i++) if (Metrics.argmax(p[i]) == table.classes()[te[i]]) right++;
                scores[f] = right / (double) te.length;
            } else {
                double[] p = m.predict(table.x(), te), t = new double[te.length];
                for (int i = 0; i < te.length; i++) t[i] = table.values()[te[i]];
                scores[f] = Metrics.regression(t, p).mae();
            }
            log.printf("cv fold %d/%d: %s %.6g%n", f + 1, k, metric, scores[f]);
        }
        double mean = Arrays.stream(scores).average().orElse(Double.NaN);
        double var = Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum() / k;
        Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("k", k);
        cv.put("metric", metric);
        cv.put("folds", scores);
        cv.put("mean", mean);
        cv.put("std", Math.sqrt(var));
        return cv;
    }

    private static int[] map(int[] rows, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = rows[idx[i]];
        return out;
    }

    /**
     * feature_importances.csv: feature, permutation importance on (up to 500) test rows, the library's
     * own importance and its share of the total; by permutation importance, largest first.
     */
    private static void writeImportances(Path out, TabularLearner.Fitted fitted, Map<String, Double> permutation)
            throws IOException {
        Map<String, Double> lib = fitted.importances();
        double total = lib.values().stream().mapToDouble(Double::doubleValue).sum();
        List<List<?>> rows = new ArrayList<>();
        permutation.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> {
                    double l = lib.getOrDefault(e.getKey(), 0.0);
                    rows.add(List.of(e.getKey(), e.getValue(), l, total > 0 ? l / total : 0.0));
                });
        RunFiles.writeCsv(
                out.resolve("feature_importances.csv"),
                List.of("feature", "permutation", "library", "library_share"),
                rows);
    }

    /** CPU time of this process so far (all threads), seconds; NaN where the JVM does not tell. */
    static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getProcessCpuTime() / 1e9;
        return Double.NaN;
    }
}

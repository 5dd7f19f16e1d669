package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Stage 6 of a run, evaluation: the members' test outputs become the run's test predictions — the
 * mean of the normalised outputs for regression, the mean of the class probabilities for
 * classification (Lakshminarayanan et al., NeurIPS 2017, deep ensembles) — scored against the
 * labels; predictions.csv and the parity/confusion plots are written through {@link RunReport}. For an
 * ensemble the members' own MAEs and the mean spread (population standard deviation of the member
 * predictions, target units) are reported too.
 */
public final class RunEvaluation {

    private RunEvaluation() {}

    /**
     * The "test" section of metrics.json, written with predictions and plots into {@code out}; adds
     * {@code member_mae} and {@code mean_spread} to {@code extra} for a regression ensemble, and the
     * partners' own scores ({@code blend}) for a {@link BlendRun} (whose classical model is in {@code
     * runDir}).
     */
    public static Map<String, Object> test(
            RunConfig config,
            RunData data,
            List<RunTraining.MemberResult> members,
            Path runDir,
            Path out,
            Map<String, Object> extra)
            throws IOException {
        int[] rows = data.split().test();
        List<String> ids = new ArrayList<>();
        for (int r : rows) ids.add(data.dataset().ids().get(r));
        RunData.Labels labels = data.labels();
        Function<Integer, List<TrainingLoop.Predictions>> output =
                k -> members.stream().map(m -> m.outputs().get(k)).toList();
        if (labels.multi()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put(
                    "space_group",
                    RunReport.classification(
                            out.resolve("space_group"),
                            ids,
                            pick(labels.classes(), rows),
                            meanLogProbabilities(output.apply(0)),
                            labels.classNames()));
            test.put(
                    "volume_per_atom",
                    RunReport.regression(
                            out.resolve("volume_per_atom"),
                            ids,
                            pick(data.columns().volumePerAtom(), rows),
                            meanOutputs(output.apply(1)),
                            config.volumeNormalizer(),
                            "volume per atom",
                            "Å³/atom"));
            test.put(
                    data.dataset().targetName(),
                    RunReport.regression(
                            out.resolve("property"),
                            ids,
                            pick(labels.values(), rows),
                            meanOutputs(output.apply(2)),
                            config.normalizer(),
                            config.task().targetName(),
                            TargetUnits.of(
                                    config.task().targetName(), config.task().units())));
            return test;
        }
        if (labels.classification()) {
            float[][] logits = meanLogProbabilities(output.apply(0));
            int[] truth = pick(labels.classes(), rows);
            Map<String, Object> test = RunReport.classification(out, ids, truth, logits, labels.classNames());
            int[] train = pick(labels.classes(), data.split().train());
            SymmetryScores.add(test, out, config.task().kind(), train, truth, logits, labels.classNames());
            return test;
        }
        double[] truth = pick(labels.values(), rows);
        float[][] mean = meanOutputs(output.apply(0));
        if (config.blend() != null) mean = BlendRun.outputs(config, runDir, data.dataset(), rows, mean, truth, extra);
        Map<String, Object> test = RunReport.regression(
                out,
                ids,
                truth,
                mean,
                config.normalizer(),
                config.task().quantity(),
                config.task().unit());
        if (members.size() > 1) ensembleScores(truth, output.apply(0), config.normalizer(), extra);
        return test;
    }

    /**
     * Scores the trained run in {@code modelDir} (every member, averaged) on every labelled row of
     * {@code dataPath}: its own target, or the {@code target} column of {@code labelsFile}; classes are
     * matched to the trained ones by name. Writes metrics.json, predictions.csv and a plot into
     * {@code outDir}; {@code cacheDir} null means the default graph cache.
     */
    static Map<String, Object> onNewData(
            Path modelDir, Path dataPath, String target, Path labelsFile, Path outDir, Path cacheDir, PrintStream log)
            throws IOException {
        long t0 = System.nanoTime();
        try (TrainedRun run = TrainedRun.open(modelDir)) {
            RunConfig config = run.config();
            if (config.task().kind() == ExperimentSpec.Task.MULTI_TASK)
                throw new IllegalArgumentException(
                        modelDir + ": evaluating multi-task runs on new data is not supported yet");
            ExperimentSpec spec = ExperimentSpec.builder()
                    .setData(dataPath)
                    .optTarget(target != null ? target : config.task().target())
                    .optLabels(labelsFile)
                    .optTask(config.task().kind())
                    .optBinaryThreshold(
                            config.task().binaryThreshold() == null
                                    ? 0
                                    : config.task().binaryThreshold())
                    .optModel(config.model().kind())
                    .optHead(config.model().head())
                    .optCacheDir(cacheDir)
                    .setOut(outDir)
                    .build();
            CrystalDataset dataset = CrystalDataset.open(dataPath, labelsFile != null ? null : spec.target());
            RunData.StructureColumns columns =
                    RunData.columns(dataset, config.featurizer().tabular(), spec.task() == ExperimentSpec.Task.VOLUME);
            RunData.Labels labels = trainedClasses(RunData.labels(spec, dataset, columns), config);
            int[] rows =
                    IntStream.range(0, dataset.size()).filter(labels::valid).toArray();
            RunData data = new RunData(dataset, columns, labels, new Split(new int[0], new int[0], rows));
            Map<String, Object> test;
            List<RunTraining.MemberResult> members;
            if (config.classical() != null) members = run.classicalOutputs(dataset, rows);
            else
                try (RunFeatures features = RunFeatures.forTrained(config, data, spec.cacheDir(), log)) {
                    members = run.outputs(features.source(rows));
                }
            Files.createDirectories(outDir);
            test = test(config, data, members, modelDir, outDir, new LinkedHashMap<>());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", modelDir.toString());
            m.put("data", dataPath.toString());
            m.put("test", test);
            m.put("seconds", (System.nanoTime() - t0) / 1e9);
            m.put("peak_rss_mb", RunFiles.peakRssMb());
            RunFiles.writeJson(outDir.resolve("metrics.json"), m);
            return m;
        }
    }

    /** {@code labels} re-indexed onto the trained run's class names (by name; unknown classes become −1). */
    private static RunData.Labels trainedClasses(RunData.Labels labels, RunConfig config) {
        if (!labels.classification()) return labels;
        List<String> trained = config.task().classes();
        if (trained.equals(labels.classNames())) return labels;
        int[] mapped = new int[labels.classes().length];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = labels.classes()[i] < 0
                    ? -1
                    : trained.indexOf(labels.classNames().get(labels.classes()[i]));
        }
        return new RunData.Labels(null, mapped, trained);
    }

    private static void ensembleScores(
            double[] truth, List<TrainingLoop.Predictions> members, Normalizer normalizer, Map<String, Object> extra) {
        List<Double> maes = new ArrayList<>();
        for (TrainingLoop.Predictions p : members) {
            double[] pred = new double[truth.length];
            for (int i = 0; i < truth.length; i++) pred[i] = normalizer.denormalize(p.outputs()[i][0]);
            maes.add(Metrics.regression(truth, pred).mae());
        }
        float[][] mean = meanOutputs(members);
        double spread = 0;
        for (int i = 0; i < truth.length; i++) spread += spread(members, i, mean[i][0], normalizer);
        extra.put("member_mae", maes);
        extra.put("mean_spread", spread / truth.length);
    }

    /** Population standard deviation of the members' denormalised first outputs of row {@code i}, target units. */
    static double spread(List<TrainingLoop.Predictions> members, int i, float meanOutput, Normalizer normalizer) {
        double mu = normalizer.denormalize(meanOutput), var = 0;
        for (TrainingLoop.Predictions p : members) var += Math.pow(normalizer.denormalize(p.outputs()[i][0]) - mu, 2);
        return Math.sqrt(var / members.size());
    }

    /** The members' mean raw outputs, row by row. */
    static float[][] meanOutputs(List<TrainingLoop.Predictions> members) {
        int n = members.get(0).outputs().length;
        float[][] mean = new float[n][];
        for (int i = 0; i < n; i++) {
            mean[i] = new float[members.get(0).outputs()[i].length];
            for (TrainingLoop.Predictions p : members)
                for (int j = 0; j < mean[i].length; j++) mean[i][j] += p.outputs()[i][j] / members.size();
        }
        return mean;
    }

    /** The members' mean class probabilities, as log-probabilities (so softmax gives them back). */
    static float[][] meanLogProbabilities(List<TrainingLoop.Predictions> members) {
        int n = members.get(0).outputs().length;
        float[][] mean = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] acc = new double[members.get(0).outputs()[i].length];
            for (TrainingLoop.Predictions p : members) {
                double[] prob = TrainingLoop.softmax(p.outputs()[i]);
                for (int j = 0; j < acc.length; j++) acc[j] += prob[j] / members.size();
            }
            mean[i] = new float[acc.length];
            for (int j = 0; j < acc.length; j++) mean[i][j] = (float) Math.log(Math.max(acc[j], 1e-30));
        }
        return mean;
    }

    static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }
}

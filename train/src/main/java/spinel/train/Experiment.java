package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One complete training run as {@code spinel train} performs it, in stages a file each:
 * {@link RunData} (data and labels, split) → {@link RunFeatures} (target normalisers, descriptors,
 * graphs, batch sources) → {@link ModelFactory} (the network) → {@link RunFolder} (the run's
 * {@link RunConfig}, {@code config.json}, written once before the first epoch) → {@link RunTraining}
 * (the members, through the one {@link TrainingLoop}) → {@link RunEvaluation} (ensemble mean, scores)
 * → {@link RunReport} (metrics, predictions, plots). Everything fitted on data (normaliser, feature
 * scaler) is fitted on the training rows only.
 */
public final class Experiment {

    private Experiment() {}

    /** Runs the experiment; returns what it wrote to metrics.json. */
    public static Map<String, Object> run(ExperimentSpec spec, PrintStream log) throws IOException {
        if (spec.model().classical()) {
            var m = spinel.train.classical.ClassicalModel.of(spec.model().name().replace('_', '-'));
            return ClassicalExperiment.run(spec, ClassicalExperiment.Settings.defaults(m), log);
        }
        long t0 = System.nanoTime();
        boolean started = RunFolder.started(spec);
        RunData data = RunData.load(spec, log);
        try (RunFeatures features = RunFeatures.fit(spec, data, log)) {
            RunConfig config = RunFolder.prepare(spec, data, features, started, log);
            List<RunTraining.MemberResult> members =
                    RunTraining.train(config, spec.out(), data.split(), features, spec.init(), log);
            if (config.blend() != null) BlendRun.train(spec, log);
            Map<String, Object> extra = RunReport.context(spec, config, data);
            Map<String, Object> test = RunEvaluation.test(config, data, members, spec.out(), spec.out(), extra);
            if (members.size() > 1) extra.put("ensemble", members.size());
            return RunReport.metrics(spec.out(), test, members.get(0).result(), (System.nanoTime() - t0) / 1e9, extra);
        }
    }

    /**
     * Evaluates the trained run in {@code modelDir} (every ensemble member, averaged) on every labelled
     * row of {@code data} (its own target, or the {@code target} column of {@code labels}); writes
     * metrics.json, predictions.csv and a plot into {@code outDir} and returns the metrics.
     */
    public static Map<String, Object> evaluate(
            Path modelDir, Path data, String target, Path labelsFile, Path outDir, PrintStream log) throws IOException {
        return RunEvaluation.onNewData(modelDir, data, target, labelsFile, outDir, null, log);
    }

    /** Like {@link #evaluate(Path, Path, String, Path, Path, PrintStream)} with the graph cache in {@code cacheDir}. */
    public static Map<String, Object> evaluate(
            Path modelDir, Path data, String target, Path labelsFile, Path outDir, Path cacheDir, PrintStream log)
            throws IOException {
        return RunEvaluation.onNewData(modelDir, data, target, labelsFile, outDir, cacheDir, log);
    }
}

package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One complete training run as {@code spinel train} performs it, in stages a file each:
 * {@link RunData} (data and labels, split) → {@link RunFeatures} (descriptors, graphs, batch
 * sources) → {@link ModelFactory} (the network) → {@link RunTraining} (the members, through the one
 * {@link TrainingLoop}) → {@link RunEvaluation} (ensemble mean, scores) → {@link RunReport} (the run
 * folder's files). The run is described by its {@link RunConfig} ({@code config.json}), written once
 * before the first epoch. Everything fitted on data (normaliser, feature scaler) is fitted on the
 * training rows only.
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
        Path out = spec.out();
        boolean started = Files.isRegularFile(out.resolve(TrainingLoop.CHECKPOINT))
                || Files.isRegularFile(out.resolve("seed-0").resolve(TrainingLoop.CHECKPOINT));
        if (started && !spec.resume()) {
            throw new IllegalStateException(
                    out + " already holds a started run; pass --resume to continue it, or choose another --out");
        }
        RunData data = RunData.load(spec, log);
        boolean multi = data.labels().multi();
        Normalizer normalizer = data.labels().classification()
                ? Normalizer.IDENTITY
                : Normalizer.fit(data.labels().values(), data.split().train(), spec.logTarget());
        Normalizer volumeNormalizer = multi
                ? Normalizer.fit(data.columns().volumePerAtom(), data.split().train())
                : null;
        try (RunFeatures features = RunFeatures.fit(spec, data, normalizer, volumeNormalizer, log)) {
            RunConfig config = config(spec, data, features, normalizer, volumeNormalizer);
            if (started) config = ResumeCheck.verify(RunConfig.read(out), config, spec.allowedChanges(), log);
            config.write(out);
            RunReport.split(out, data);
            List<RunTraining.MemberResult> members =
                    RunTraining.train(config, out, data.split(), features, spec.init(), log);
            Map<String, Object> extra = extra(spec, config, data);
            Map<String, Object> test = RunEvaluation.test(config, data, members, out, extra);
            if (members.size() > 1) extra.put("ensemble", members.size());
            return RunReport.metrics(out, test, members.get(0).result(), (System.nanoTime() - t0) / 1e9, extra);
        }
    }

    /** The typed description of the run that {@code spec} makes from {@code data}. */
    static RunConfig config(
            ExperimentSpec spec, RunData data, RunFeatures features, Normalizer normalizer, Normalizer volumeNormalizer)
            throws IOException {
        RunConfig.DataSettings d = dataSettings(spec, data);
        RunConfig.TaskSettings task = taskSettings(spec, data);
        List<RunConfig.Member> members = new ArrayList<>();
        for (int e = 0; e < spec.ensemble(); e++)
            members.add(new RunConfig.Member(
                    spec.ensemble() == 1 ? "." : "seed-" + e, spec.train().seed() + e));
        return new RunConfig(
                RunConfig.FORMAT,
                d,
                task,
                ModelFactory.settings(spec, data.labels()),
                features.settings(),
                normalizer,
                volumeNormalizer,
                members,
                spec.train());
    }

    /** Where the rows of the run came from and how they were split (config.json's {@code data}). */
    static RunConfig.DataSettings dataSettings(ExperimentSpec spec, RunData data) throws IOException {
        Split split = data.split();
        return new RunConfig.DataSettings(
                spec.data().toString(),
                data.dataset().contentHash(),
                spec.labels() == null ? null : spec.labels().toString(),
                spec.labels() == null ? null : Hashing.sha256Hex(Files.readAllBytes(spec.labels())),
                spec.limit(),
                data.dataset().size(),
                spec.folds() == null ? null : spec.folds().toString(),
                spec.folds() == null ? null : spec.fold(),
                spec.valFraction(),
                spec.testFraction(),
                List.of(split.train().length, split.val().length, split.test().length),
                data.duplicates() == null ? null : data.duplicates().settings());
    }

    /** What the run learns (config.json's {@code task}). */
    static RunConfig.TaskSettings taskSettings(ExperimentSpec spec, RunData data) {
        return new RunConfig.TaskSettings(
                spec.task(),
                spec.target(),
                targetName(spec, data),
                spec.task() == ExperimentSpec.Task.BINARY ? spec.binaryThreshold() : null,
                spec.task() == ExperimentSpec.Task.VOLUME ? spec.fixedVolumePerAtom() : null,
                data.labels().classNames(),
                data.labels().classification() ? null : TargetUnits.of(targetName(spec, data), spec.units()));
    }

    private static String targetName(ExperimentSpec spec, RunData data) {
        return spec.target() != null ? spec.target() : data.dataset().targetName();
    }

    private static Map<String, Object> extra(ExperimentSpec spec, RunConfig config, RunData data) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dataset", data.dataset().name());
        extra.put("task", EnumIds.id(spec.task()).replace('-', '_'));
        extra.put("model", EnumIds.id(spec.model()));
        extra.put("target", config.task().targetName());
        if (spec.folds() != null) extra.put("fold", spec.fold());
        if (RunData.groupsByFormula(spec.model())) extra.put("split_grouped_by", "reduced_formula");
        extra.put("n_train", data.split().train().length);
        extra.put("n_val", data.split().val().length);
        extra.put("n_test", data.split().test().length);
        if (data.duplicates() != null) extra.put("dedupe", data.duplicates().settings());
        return extra;
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

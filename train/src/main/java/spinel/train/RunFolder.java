package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 4 of a run, the run folder: before the first epoch, refuse to overwrite a started run without
 * {@code --resume}, describe the run as its {@link RunConfig} (data with its content hash, task, model,
 * featurizer, fitted normalisers, members, optimisation), check a resume against the run's own
 * description ({@link ResumeCheck}), and write {@code config.json} and {@code split.csv}. Training,
 * evaluation and reports then only add files to the folder.
 */
public final class RunFolder {

    private RunFolder() {}

    /**
     * Whether {@code out} holds a started run (a checkpoint of the single model or of the first member).
     *
     * @throws IllegalStateException when it does and {@code spec} does not resume
     */
    public static boolean started(ExperimentSpec spec) {
        Path out = spec.out();
        boolean started = Files.isRegularFile(out.resolve(TrainingLoop.CHECKPOINT))
                || Files.isRegularFile(out.resolve("seed-0").resolve(TrainingLoop.CHECKPOINT));
        if (started && !spec.resume()) {
            throw new IllegalStateException(
                    out + " already holds a started run; pass --resume to continue it, or choose another --out");
        }
        return started;
    }

    /**
     * Describes the run, checks it against the folder's own {@code config.json} when {@code started}, and
     * writes {@code config.json} and {@code split.csv}; returns the description training follows.
     */
    public static RunConfig prepare(
            ExperimentSpec spec, RunData data, RunFeatures features, boolean started, PrintStream log)
            throws IOException {
        Path out = spec.out();
        RunConfig config = describe(spec, data, features);
        if (started) config = ResumeCheck.verify(RunConfig.read(out), config, spec.allowedChanges(), log);
        config.write(out);
        RunReport.split(out, data);
        return config;
    }

    /** The typed description of the run that {@code spec} makes from {@code data} and its {@code features}. */
    static RunConfig describe(ExperimentSpec spec, RunData data, RunFeatures features) throws IOException {
        List<RunConfig.Member> members = new ArrayList<>();
        for (int e = 0; e < spec.ensemble(); e++)
            members.add(new RunConfig.Member(
                    spec.ensemble() == 1 ? "." : "seed-" + e, spec.train().seed() + e));
        return new RunConfig(
                RunConfig.FORMAT,
                dataSettings(spec, data),
                taskSettings(spec, data),
                ModelFactory.settings(spec, data.labels()),
                features.settings(),
                features.normalizer(),
                features.volumeNormalizer(),
                members,
                spec.train(),
                null,
                spec.blend() == null ? null : new RunConfig.Blend(RunConfig.Blend.FOLDER, 0.5));
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
                data.duplicates() == null ? null : data.duplicates().settings(),
                spec.searchFold() == null ? null : spec.searchFold().toString());
    }

    /** What the run learns (config.json's {@code task}). */
    static RunConfig.TaskSettings taskSettings(ExperimentSpec spec, RunData data) {
        String targetName =
                spec.target() != null ? spec.target() : data.dataset().targetName();
        return new RunConfig.TaskSettings(
                spec.task(),
                spec.target(),
                targetName,
                spec.task() == ExperimentSpec.Task.BINARY ? spec.binaryThreshold() : null,
                spec.task() == ExperimentSpec.Task.VOLUME ? spec.fixedVolumePerAtom() : null,
                data.labels().classNames(),
                data.labels().classification() ? null : TargetUnits.of(targetName, spec.units()));
    }
}

package spinel.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spinel.conv.TorchThreads;
import spinel.train.Experiment;
import spinel.train.ExperimentSpec;

/**
 * {@code spinel train}: trains and evaluates a model on a dataset ({@link Experiment}); prints the
 * run's metrics.json as one JSON line; the run folder gets config.json, metrics.json, history.csv,
 * predictions.csv, plots and the best parameters.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a CGCNN (or a tabular baseline: MLP, TabNet, trees) and evaluate it on the test rows.",
            "Writes OUT/metrics.json {\"test\": {...}, \"epochs\", \"seconds\", \"peak_rss_mb\"}, config.json, history.csv, "
                    + "predictions.csv, PNG plots and best.params; prints metrics.json as one JSON line.",
            "Killed at any moment, rerun with --resume to continue from the last epoch."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Option(
            names = "--resume",
            description = "Continue the run in --out from its last checkpoint. Refused when the data (content), "
                    + "target, task, model or any training option differs from the run's config.json.")
    boolean resume;

    @Option(
            names = "--allow",
            split = ",",
            paramLabel = "OPTION",
            description = "With --resume: options that may differ from the run's own (epochs, patience).")
    java.util.Set<String> allow = new java.util.TreeSet<>();

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure();
        ExperimentSpec s = options.toSpec()
                .setOut(out)
                .optResume(resume)
                .optAllowedChanges(allow)
                .build();
        var classical = options.classical();
        Map<String, Object> metrics = classical != null
                ? spinel.train.ClassicalExperiment.run(s, classical, System.err)
                : Experiment.run(s, System.err);
        new JsonLines(System.out).write(metrics);
        return 0;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E v : type.getEnumConstants())
                known.append(known.length() > 0 ? ", " : "")
                        .append(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(new TrainCommand()), option + " " + value + ": expected one of " + known);
        }
    }
}

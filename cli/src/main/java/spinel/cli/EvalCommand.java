package spinel.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spinel.conv.TorchThreads;
import spinel.train.Experiment;

/** {@code spinel eval}: scores a trained run folder on another dataset; prints metrics as one JSON line. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluate a model trained by 'spinel train' on every labelled row of a dataset.",
            "Writes metrics.json, predictions.csv and a parity/confusion plot into --out (default MODEL/eval-<data name>) "
                    + "and prints the metrics as one JSON line."
        })
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Run folder written by 'spinel train'.")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset (same formats as 'spinel train').")
    Path data;

    @Option(names = "--target", description = "Target column (default: the one the model was trained on).")
    String target;

    @Option(names = "--labels", description = "CSV with a header holding the --target column, joined by id.")
    Path labels;

    @Option(names = "--out", description = "Output folder (default: MODEL/eval-<data name>).")
    Path out;

    @Mixin
    GraphCacheOption graphCache = new GraphCacheOption();

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure();
        Path dir = out != null
                ? out
                : model.resolve("eval-" + data.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_"));
        Map<String, Object> metrics =
                Experiment.evaluate(model, data, target, labels, dir, graphCache.cache, System.err);
        new JsonLines(System.out).write(metrics);
        return 0;
    }
}

package spinel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spinel.conv.TorchThreads;
import spinel.train.Benchmarks;
import spinel.train.EnumIds;
import spinel.train.ExperimentSpec;
import spinel.train.ScratchBaseline;
import spinel.train.ScratchMlp;

/** {@code spinel bench}: model speed, and model comparisons on one dataset and split. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks: 'speed' (crystals/s of the default CGCNN), 'compare' (CGCNN, fusion and MLP baselines) and "
                        + "'scratch-mlp' (the from-scratch MLP with its gradient check).",
        subcommands = {BenchCommand.Speed.class, BenchCommand.Compare.class, BenchCommand.ScratchMlpBaseline.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** {@code spinel bench speed}. */
    @Command(
            name = "speed",
            mixinStandardHelpOptions = true,
            description = {
                "Training and inference speed of the default CGCNN on graphs already built (the model's speed, "
                        + "not the file reading). Prints one JSON line: train_crystals_per_s, train_atoms_per_s, "
                        + "infer_crystals_per_s, infer_atoms_per_s."
            })
    public static final class Speed implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Dataset (any format 'spinel train' reads).")
        Path data;

        @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(
                names = "--epochs",
                defaultValue = "2",
                description = "Timed training epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--limit", defaultValue = "0", description = "Use only the first N structures (0: all).")
        int limit;

        @Mixin
        GraphCacheOption graphCache = new GraphCacheOption();

        @Option(
                names = "--save-graphs",
                paramLabel = "FILE.npz",
                description = "Also write the graphs timed as NumPy arrays, for the reference CGCNN's timing on the "
                        + "same graphs (bench/cgcnn_reference_speed.py run FILE.npz).")
        Path saveGraphs;

        @Override
        public Integer call() throws Exception {
            TorchThreads.configure();
            new JsonLines(System.out)
                    .write(Benchmarks.speed(data, batch, epochs, limit, graphCache.cache, saveGraphs, System.err));
            return 0;
        }
    }

    /** {@code spinel bench compare}. */
    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Train several models on the same dataset and split(s) and tabulate their test scores.",
                "Each run goes to OUT/<model>/fold-<k>; finished runs are skipped and interrupted ones resumed, so the "
                        + "command can simply be rerun. Writes OUT/results.md and OUT/results.json; one JSON line per run."
            })
    public static final class Compare implements Callable<Integer> {
        @Mixin
        TrainOptions options = new TrainOptions();

        @Option(
                names = "--models",
                defaultValue = "cgcnn,fusion,mlp-lattice,mlp-composition",
                split = ",",
                description = "Models to compare (default: ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--fold-list", split = ",", description = "Folds of --folds to run (default: just --fold).")
        List<Integer> foldList;

        @Option(names = "--out", required = true, description = "Benchmark folder.")
        Path out;

        /** --models, or the recipe's model when a --recipe is given without --models. */
        List<String> modelsToRun() {
            options.applyRecipe(); // before the loop replaces the model run by run
            boolean given = options.mixee.commandLine().getParseResult().hasMatchedOption("--models");
            return options.recipe != null && !given ? List.of(options.model) : models;
        }

        @Override
        public Integer call() throws Exception {
            TorchThreads.configure();
            List<String> models = modelsToRun();
            List<Integer> folds = foldList != null ? foldList : List.of(options.fold);
            List<Map<String, Object>> runs = new ArrayList<>();
            JsonLines json = new JsonLines(System.out);
            for (String m : models) {
                for (int k : folds) {
                    options.model = m;
                    options.fold = k;
                    Path dir = out.resolve(m).resolve(options.folds != null ? "fold-" + k : "random");
                    ExperimentSpec spec =
                            options.toSpec().setOut(dir).optResume(true).build();
                    Map<String, Object> r = options.runResumable(spec, System.err);
                    Map<String, Object> line = new LinkedHashMap<>(r);
                    line.put("run", dir.toString());
                    json.write(line);
                    runs.add(line);
                }
            }
            Files.createDirectories(out);
            Benchmarks.writeTable(runs, out, options.data.getFileName().toString());
            return 0;
        }
    }

    /** {@code spinel bench scratch-mlp}. */
    @Command(
            name = "scratch-mlp",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Train the from-scratch MLP (Commons Math matrices, back-propagation by hand, plain mini-batch "
                        + "gradient descent) on the lattice + composition descriptors, with the split, scaler and "
                        + "normaliser of 'spinel train --model mlp-both', after checking its gradients against finite "
                        + "differences. Regression only; plain gradient descent wants a larger --lr (e.g. 0.05).",
                "Writes OUT/metrics.json (test MAE/RMSE/R², gradient_check_max_error), predictions.csv and parity.png; "
                        + "prints metrics.json as one JSON line."
            })
    public static final class ScratchMlpBaseline implements Callable<Integer> {
        @Mixin
        TrainOptions options = new TrainOptions();

        @Option(
                names = "--activation",
                defaultValue = "tanh",
                description = "sigmoid, relu or tanh (default: ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--out", required = true, description = "Output folder.")
        Path out;

        @Override
        public Integer call() throws Exception {
            // --hidden (of the shared train options) gives the scratch network's widths, default 64,32
            int[] hidden = options.hidden != null
                    ? options.hidden.stream().mapToInt(Integer::intValue).toArray()
                    : new int[] {64, 32};
            options.hidden = null;
            ExperimentSpec spec = options.toSpec().setOut(out).build();
            ScratchMlp.Activation act = EnumIds.parse(ScratchMlp.Activation.class, activation, "--activation");
            new JsonLines(System.out).write(ScratchBaseline.run(spec, hidden, act, System.err));
            return 0;
        }
    }
}

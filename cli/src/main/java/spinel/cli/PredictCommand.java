package spinel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import spinel.conv.TorchThreads;
import spinel.graph.io.InputEntries;
import spinel.graph.io.InputEntry;
import spinel.zoo.ModelRegistry;
import spinel.zoo.PredictionPipeline;
import spinel.zoo.PredictionResult;
import spinel.zoo.PredictionScore;
import spinel.zoo.StructureInput;
import spinel.zoo.StructureModel;

/**
 * {@code spinel predict --model ID|PATH [--atom-init FILE] [--format jsonl|csv] [--embeddings] FILE...|DIR|-}:
 * predictions of trained models for crystal files, one line per structure and model; or
 * {@code spinel predict [--model ID|PATH] --formula F | --formulas FILE}: composition models on formulas
 * ({@link FormulaPredictions}).
 *
 * <p>A thin shell over {@link PredictionPipeline}: inputs are read and turned into graphs on
 * {@code --threads} threads and predicted {@code --batch} at a time; lines come out in input order.
 * A CGCNN dataset folder ({@code id_prop.csv} and CIFs) is read the way the reference's
 * {@code predict.py} reads it: every line carries the known target, the MAE (or accuracy) is
 * reported on stderr at the end, and {@code --results} writes the reference's
 * {@code test_results.csv}. A file that cannot be read or featurised gives an {@code "ok": false}
 * line and the run goes on; the exit status is 1 when any input failed.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predict properties of crystal structures with trained models (see `spinel zoo list`).",
            "Output: one JSON object per structure and model on stdout (or CSV with --format csv).",
            "A CGCNN data folder (id_prop.csv + CIFs) carries its targets: the MAE (or accuracy) is printed on stderr."
        })
public final class PredictCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        jsonl,
        csv
    }

    @Option(
            names = {"-m", "--model"},
            paramLabel = "ID|PATH",
            description =
                    "model id from the registry, or a checkpoint file (.pth.tar of the reference CGCNN, or a converted"
                            + " .npz); repeat for several models (default: every model bundled with Spinel, spinel/*, or"
                            + " " + FALLBACK_MODEL + " when there is none)")
    List<String> models;

    /** The model used when none is given and no Spinel model is bundled. */
    static final String FALLBACK_MODEL = "cgcnn/formation-energy-per-atom";

    @Option(names = "--atom-init", paramLabel = "FILE", description = "atom_init.json for a checkpoint given as a PATH")
    Path atomInit;

    @Option(names = "--format", description = "jsonl or csv (default: ${DEFAULT-VALUE})", defaultValue = "jsonl")
    Format format;

    @Option(
            names = "--embeddings",
            description = "also write each crystal's embedding vector (the pooled atom features)")
    boolean embeddings;

    @Option(
            names = "--reject-below",
            paramLabel = "P",
            description = "classification: report a prediction whose most probable class has a probability below P"
                    + " as rejected (\"prediction\": null, \"rejected\": true)")
    Double rejectBelow;

    @Option(
            names = "--results",
            paramLabel = "FILE",
            description = "also write FILE with the reference CGCNN's test_results.csv columns: id,target,prediction")
    Path results;

    @Option(
            names = "--batch",
            description = "structures per forward pass (default: ${DEFAULT-VALUE})",
            defaultValue = "256")
    int batch;

    @Option(names = "--threads", description = "threads reading files and building graphs (default: all cores)")
    Integer threads;

    @Option(
            names = "--torch-threads",
            description = "PyTorch intra-op threads for the forward pass (default: ${DEFAULT-VALUE};"
                    + " the graph-building threads keep the other cores busy, and more would oversubscribe them)",
            defaultValue = "1")
    int torchThreads;

    @Option(
            names = "--no-progress",
            description = "No progress bar (it is drawn on stderr only when stderr is a terminal).")
    boolean noProgress;

    @Mixin
    ModelCacheOptions cache;

    @Mixin
    StrictOption strictOption;

    @Option(
            names = "--formula",
            paramLabel = "F",
            description = "predict from a chemical formula alone (repeatable), with composition models (default: "
                    + FORMULA_MODEL + "): the top --top space groups, Bravais lattices and crystal systems")
    List<String> formulas;

    @Option(
            names = "--formulas",
            paramLabel = "FILE",
            description = "like --formula for every line of FILE (one formula a line; # comments)")
    List<Path> formulaFiles;

    @Option(
            names = "--top",
            paramLabel = "K",
            description = "with --formula: classes listed per prediction (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int top;

    /** The model of --formula when none is given: the bundled composition → space-group classifier. */
    static final String FORMULA_MODEL = "spinel/space-group-from-composition";

    @Parameters(
            arity = "0..*",
            paramLabel = "FILE|DIR|-",
            description = "structure files, folders of them, CGCNN data folders, Matbench datasets, JSON Lines of"
                    + " structures (.jsonl, .jsonl.gz), or - for stdin (a structure file, or JSON Lines streamed)")
    List<String> inputs;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
        TorchThreads.configure(torchThreads);
        ModelRegistry registry = cache.registry();
        if (formulas != null || formulaFiles != null) return predictFormulas(registry);
        if (inputs == null || inputs.isEmpty())
            throw new IllegalArgumentException("give structure files (FILE|DIR|-), or --formula F / --formulas FILE");
        List<StructureModel<?>> loaded = new ArrayList<>();
        try {
            for (String m : models != null ? models : defaultModels(registry)) {
                loaded.add(registry.open(m, atomInit));
            }
            if (results != null && loaded.size() != 1) {
                throw new IllegalArgumentException(
                        "--results writes one model's predictions: give exactly one --model");
            }
            for (var card : registry.list()) {
                ExactSymmetry.Kind k = ExactSymmetry.kindOfTarget(targetName(card));
                if (k != null) symmetryModels.put(card.id(), k);
            }
            if (output.resume && format == Format.csv)
                throw new IllegalArgumentException("--resume continues JSON Lines output: use --format jsonl");
            try (InputEntries entries = InputFiles.open(inputs);
                    ResumableOutput out = output.open()) {
                Iterator<InputEntry> todo = out.skipDone(entries, batch);
                Iterator<StructureInput> in = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return todo.hasNext();
                    }

                    @Override
                    public StructureInput next() {
                        return InputFiles.predictionInput(todo.next(), strictOption.strict);
                    }
                };
                return run(loaded, in, out);
            }
        } finally {
            for (StructureModel<?> m : loaded) m.close();
        }
    }

    private int predictFormulas(ModelRegistry registry) throws Exception {
        if (inputs != null && !inputs.isEmpty())
            throw new IllegalArgumentException("give either structure files or --formula/--formulas, not both");
        if (top < 1) throw new IllegalArgumentException("--top must be at least 1");
        List<String> all = FormulaPredictions.formulas(formulas, formulaFiles);
        List<StructureModel<?>> loaded = new ArrayList<>();
        try {
            for (String m : models != null ? models : List.of(FORMULA_MODEL)) loaded.add(registry.open(m, atomInit));
            int failed = FormulaPredictions.run(loaded, all, top, new JsonLines(System.out));
            if (failed > 0) System.err.println("spinel predict: " + failed + " of " + all.size() + " formulas failed");
            return failed > 0 ? 1 : 0;
        } finally {
            for (StructureModel<?> m : loaded) m.close();
        }
    }

    /** Registry models that predict a crystal system or space group (their lines say if they agree). */
    private final java.util.Map<String, ExactSymmetry.Kind> symmetryModels = new java.util.HashMap<>();

    /**
     * Spinel's own bundled property models (ids spinel/*), or the fallback. The crystal-system and
     * space-group classifiers are left out: every line carries the exact symmetry instead, and a
     * classifier runs only when asked for with --model.
     */
    static List<String> defaultModels(ModelRegistry registry) {
        List<String> ids = new ArrayList<>();
        for (var card : registry.list()) {
            if (card.id().startsWith("spinel/") && ExactSymmetry.kindOfTarget(targetName(card)) == null) {
                ids.add(card.id());
            }
        }
        return ids.isEmpty() ? List.of(FALLBACK_MODEL) : ids;
    }

    private static String targetName(spinel.zoo.ModelCard card) {
        return card.target() == null ? null : card.target().name();
    }

    private int run(List<StructureModel<?>> loaded, Iterator<StructureInput> in, ResumableOutput out) throws Exception {
        PrintStream err = System.err;
        PredictionWriter writer = format == Format.csv
                ? PredictionWriter.csv(out.stream(), embeddings)
                : PredictionWriter.json(out.lines(), symmetryModels);
        List<PredictionScore> scores = new ArrayList<>();
        for (StructureModel<?> m : loaded) scores.add(new PredictionScore(m));
        ResultsFile file = results != null ? new ResultsFile(loaded.get(0)) : null;
        PredictionPipeline.Builder b = PredictionPipeline.builder()
                .addModels(loaded)
                .optBatchSize(batch)
                .optEmbeddings(embeddings);
        if (threads != null) b.optThreads(Math.max(1, threads));
        if (rejectBelow != null) b.optRejectBelow(rejectBelow);
        Outcome outcome = new Outcome();
        try (PredictionPipeline pipeline = b.build();
                ProgressBar bar = Progress.bar("predict", -1, !noProgress)) {
            pipeline.predict(in, r -> {
                writer.write(r);
                outcome.add(r, bar);
                for (PredictionScore s : scores) s.add(r);
                if (file != null) file.add(r);
            });
        }
        out.stream().flush();
        if (file != null) file.writeTo(results);
        if (out.skippedInputs() > 0)
            err.println("spinel predict: resumed after " + out.skippedInputs() + " inputs already in " + output.output);
        Summary.print(err, scores, rejectBelow);
        if (outcome.failedInputs > 0) {
            err.println("spinel predict: " + outcome.failedInputs + " of " + outcome.inputs
                    + " inputs failed (see the ok:false lines)");
        }
        return outcome.failedInputs > 0 ? 1 : 0;
    }

    /** Counts inputs done and failed as results stream by. */
    private static final class Outcome {
        private StructureInput last;
        private boolean lastFailed;
        int failedInputs;
        long inputs;

        void add(PredictionResult r, ProgressBar bar) {
            if (r.input() != last) {
                last = r.input();
                inputs++;
                lastFailed = false;
                if (bar != null) bar.step();
            }
            if (!r.ok() && !lastFailed) {
                lastFailed = true;
                failedInputs++;
            }
        }
    }
}

package spinel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import spinel.graph.CrystalGraph;
import spinel.graph.Structure;
import spinel.graph.io.ReadResult;
import spinel.zoo.CgcnnModel;
import spinel.zoo.ModelZoo;
import spinel.zoo.Prediction;
import spinel.zoo.ZooSettings;

/**
 * {@code spinel predict --model ID|PATH [--atom-init FILE] [--format jsonl|csv] [--embeddings] FILE...|DIR}:
 * predictions of pretrained models for crystal files, one line per structure and model.
 *
 * <p>Files are streamed in chunks of {@code --batch}: read and turned into graphs on
 * {@code --threads} threads, then predicted in one forward pass per model; lines come out in input
 * order. A file that cannot be read or featurised gives an {@code "ok": false} line and the run goes
 * on; the exit status is 1 when any input failed.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predict properties of crystal structures with pretrained models (see `spinel zoo list`).",
            "Output: one JSON object per structure and model on stdout (or CSV with --format csv)."
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

    @Option(
            names = "--strict",
            description = "Refuse (ok:false) every structure the reader has warnings about (a composition that"
                    + " contradicts the file's formula, overlapping sites, ...) instead of predicting it.")
    boolean strict;

    @Option(names = "--atom-init", paramLabel = "FILE", description = "atom_init.json for a checkpoint given as a PATH")
    Path atomInit;

    @Option(names = "--format", description = "jsonl or csv (default: ${DEFAULT-VALUE})", defaultValue = "jsonl")
    Format format;

    @Option(
            names = "--embeddings",
            description = "also write each crystal's embedding vector (the pooled atom features)")
    boolean embeddings;

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

    @Option(names = "--no-progress", description = "No progress bar on stderr (it is shown only on a terminal anyway).")
    boolean noProgress;

    @Option(
            names = "--cache-dir",
            description = "model cache root (default: $SPINEL_CACHE_DIR, -Dspinel.cache.dir, ~/.spinel/cache)")
    Path cacheDir;

    @Option(names = "--offline", description = "never use the network")
    boolean offline;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "structure files, or folders of them")
    List<Path> inputs;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        out = System.out;
        err = System.err;
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
        // read by DJL when the PyTorch engine starts (first model load); an explicit -D wins
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, torchThreads)));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        ZooSettings settings = ZooSettings.fromEnvironment();
        if (cacheDir != null) settings = settings.withCacheDir(cacheDir.toAbsolutePath());
        if (offline) settings = settings.withOffline(true);
        ModelZoo zoo = ModelZoo.create(settings);

        List<CgcnnModel> loaded = new ArrayList<>();
        try {
            for (String m : models != null ? models : defaultModels(zoo)) loaded.add(load(zoo, m));
            List<Path> files = InputFiles.expand(inputs);
            return run(loaded, files);
        } finally {
            for (CgcnnModel m : loaded) m.close();
        }
    }

    /** Spinel's own bundled models (ids spinel/*), or the fallback. */
    static List<String> defaultModels(ModelZoo zoo) {
        List<String> ids = new ArrayList<>();
        for (var card : zoo.list()) if (card.id().startsWith("spinel/")) ids.add(card.id());
        return ids.isEmpty() ? List.of(FALLBACK_MODEL) : ids;
    }

    private CgcnnModel load(ModelZoo zoo, String spec) throws IOException {
        Path p = Path.of(spec);
        boolean looksLikePath = Files.isRegularFile(p)
                || spec.endsWith(".pth.tar")
                || spec.endsWith(".pth")
                || spec.endsWith(".pt")
                || spec.endsWith(".npz");
        if (looksLikePath && zoo.find(spec).isEmpty()) {
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("model file " + p + " does not exist");
            if (atomInit == null) {
                throw new IllegalArgumentException("--atom-init FILE is needed with a checkpoint file (" + p
                        + "): the atom_init.json of the data it was trained on");
            }
            return zoo.loadModel(p, atomInit);
        }
        return zoo.loadModel(spec);
    }

    /** The structures of one file with their graphs per model, or the failure. */
    private record Item(
            Path file,
            List<Structure> structures,
            List<List<Object>> graphs,
            Exception error,
            List<ReadResult> failedBlocks) {}

    private int run(List<CgcnnModel> loaded, List<Path> files) throws InterruptedException {
        int nThreads =
                threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
            Thread t = new Thread(r, "spinel-predict");
            t.setDaemon(true);
            return t;
        });
        Writer writer = format == Format.csv ? new CsvWriter(out, embeddings) : new JsonWriter(out);
        int failures = 0;
        // a bar only where a person watches: in logs and pipes it is noise
        boolean bar = !noProgress && files.size() > 1 && System.console() != null;
        try (ProgressBar pb = bar
                ? new ProgressBarBuilder()
                        .setTaskName("predict")
                        .setInitialMax(files.size())
                        .setConsumer(new ConsoleProgressBarConsumer(err))
                        .setUpdateIntervalMillis(500)
                        .showSpeed()
                        .build()
                : null) {
            // chunk k+1 is read and featurised while chunk k goes through the network
            List<Future<Item>> next = submit(pool, files, 0, loaded);
            for (int start = 0; start < files.size(); start += batch) {
                List<Future<Item>> current = next;
                next = submit(pool, files, start + batch, loaded);
                List<Item> items = new ArrayList<>();
                for (Future<Item> fu : current) {
                    try {
                        items.add(fu.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                failures += predictAndWrite(items, loaded, writer);
                if (pb != null) pb.stepBy(items.size());
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        if (failures > 0)
            err.println(
                    "spinel predict: " + failures + " of " + files.size() + " inputs failed (see the ok:false lines)");
        return failures > 0 ? 1 : 0;
    }

    private List<Future<Item>> submit(ExecutorService pool, List<Path> files, int start, List<CgcnnModel> loaded) {
        List<Future<Item>> futures = new ArrayList<>();
        for (Path f : files.subList(Math.min(start, files.size()), Math.min(files.size(), start + batch))) {
            futures.add(pool.submit(() -> prepare(f, loaded)));
        }
        return futures;
    }

    private Item prepare(Path file, List<CgcnnModel> loaded) {
        List<Structure> structures = new ArrayList<>();
        List<ReadResult> failedBlocks = new ArrayList<>();
        try {
            for (ReadResult r : InputFiles.read(file, strict)) {
                if (r.ok()) structures.add(r.structure());
                else failedBlocks.add(r);
            }
            if (structures.isEmpty() && failedBlocks.size() == 1)
                throw failedBlocks.get(0).error();
            if (structures.isEmpty() && failedBlocks.isEmpty())
                throw new IllegalArgumentException(file + ": no structure in this file");
        } catch (Exception | StackOverflowError e) {
            Exception ex = e instanceof Exception x ? x : new IllegalStateException(file + ": " + e);
            return new Item(file, null, null, ex, List.of());
        }
        List<List<Object>> graphs = new ArrayList<>();
        for (CgcnnModel m : loaded) {
            List<Object> g = new ArrayList<>();
            for (Structure s : structures) {
                try {
                    g.add(m.graph(s.id() == null ? s.withId(file.getFileName().toString()) : s));
                } catch (RuntimeException e) {
                    g.add(e);
                }
            }
            graphs.add(g);
        }
        return new Item(file, structures, graphs, null, failedBlocks);
    }

    private int predictAndWrite(List<Item> items, List<CgcnnModel> loaded, Writer writer) {
        int failures = 0;
        // per model: one forward pass over every good graph of the chunk
        List<Map<CrystalGraph, Object>> results = new ArrayList<>();
        for (int m = 0; m < loaded.size(); m++) {
            List<CrystalGraph> good = new ArrayList<>();
            for (Item it : items) {
                if (it.error != null) continue;
                for (Object g : it.graphs.get(m)) if (g instanceof CrystalGraph cg) good.add(cg);
            }
            Map<CrystalGraph, Object> r = new java.util.IdentityHashMap<>();
            // a file may hold many structures (a dataset): at most --batch crystals per forward pass
            for (int from = 0; from < good.size(); from += batch) {
                List<CrystalGraph> part = good.subList(from, Math.min(good.size(), from + batch));
                try {
                    List<Prediction> p = loaded.get(m).predictGraphs(part, embeddings);
                    for (int i = 0; i < part.size(); i++) r.put(part.get(i), p.get(i));
                } catch (RuntimeException e) {
                    for (CrystalGraph g : part) r.put(g, e);
                }
            }
            results.add(r);
        }
        for (Item it : items) {
            if (it.error != null) {
                writer.failure(it.file, null, null, it.error);
                failures++;
                continue;
            }
            boolean many = it.structures.size() + it.failedBlocks.size() > 1;
            boolean failed = !it.failedBlocks.isEmpty();
            for (ReadResult b : it.failedBlocks) writer.failure(it.file, b.id(), null, b.error());
            for (int m = 0; m < loaded.size(); m++) {
                for (int s = 0; s < it.structures.size(); s++) {
                    Object g = it.graphs.get(m).get(s);
                    Object r = g instanceof CrystalGraph cg ? results.get(m).get(cg) : g;
                    String id = many ? it.structures.get(s).id() : null;
                    if (r instanceof Prediction p) {
                        writer.ok(
                                it.file,
                                id,
                                loaded.get(m),
                                p,
                                it.structures.get(s).warnings());
                    } else {
                        writer.failure(it.file, id, loaded.get(m).name(), (Exception) r);
                        failed = true;
                    }
                }
            }
            if (failed) failures++;
        }
        return failures;
    }

    /** One output format. */
    interface Writer {
        void ok(Path file, String id, CgcnnModel model, Prediction p, List<String> warnings);

        void failure(Path file, String id, String model, Exception e);
    }

    static final class JsonWriter implements Writer {
        private final JsonLines lines;

        JsonWriter(PrintStream out) {
            lines = new JsonLines(out);
        }

        @Override
        public void ok(Path file, String id, CgcnnModel model, Prediction p, List<String> warnings) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            if (id != null) r.put("id", id);
            r.put("ok", true);
            r.put("model", model.name());
            if (p.isClassification()) {
                r.put("prediction", p.label());
                r.put("probabilities", p.probabilities());
            } else {
                r.put("prediction", p.value());
                if (p.units() != null) r.put("units", p.units());
            }
            if (p.embedding() != null) r.put("embedding", p.embedding());
            r.put("warnings", warnings);
            lines.write(r);
        }

        @Override
        public void failure(Path file, String id, String model, Exception e) {
            Map<String, Object> r = InputFiles.failure(file, e);
            if (id != null || model != null) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", r.get("file"));
                if (id != null) o.put("id", id);
                o.put("ok", false);
                if (model != null) o.put("model", model);
                o.put("error", r.get("error"));
                r = o;
            }
            lines.write(r);
        }
    }

    /** CSV: file,id,model,ok,prediction,probability,units,error[,embedding]. */
    static final class CsvWriter implements Writer {
        private final PrintStream out;
        private final boolean embeddings;

        CsvWriter(PrintStream out, boolean embeddings) {
            this.out = out;
            this.embeddings = embeddings;
            out.println("file,id,model,ok,prediction,probability,units,error" + (embeddings ? ",embedding" : ""));
        }

        @Override
        public synchronized void ok(Path file, String id, CgcnnModel model, Prediction p, List<String> warnings) {
            String pred = p.isClassification() ? p.label() : Double.toString(p.value());
            String prob = p.isClassification() ? Double.toString(p.value()) : "";
            StringBuilder emb = new StringBuilder();
            if (embeddings && p.embedding() != null) {
                for (int i = 0; i < p.embedding().length; i++)
                    emb.append(i > 0 ? " " : "").append(p.embedding()[i]);
            }
            row(
                    file.toString(),
                    id,
                    model.name(),
                    "true",
                    pred,
                    prob,
                    p.units(),
                    "",
                    embeddings ? emb.toString() : null);
        }

        @Override
        public synchronized void failure(Path file, String id, String model, Exception e) {
            String msg = (String) InputFiles.failure(file, e).get("error");
            row(file.toString(), id, model, "false", "", "", "", msg, embeddings ? "" : null);
        }

        private void row(String... cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] == null && i == cells.length - 1) break;
                if (i > 0) b.append(',');
                b.append(quote(cells[i] == null ? "" : cells[i]));
            }
            out.println(b);
        }

        static String quote(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
            return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
        }
    }
}

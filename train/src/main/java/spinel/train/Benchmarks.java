package spinel.train;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import spinel.conv.CrystalGraphConvNet;
import spinel.conv.TorchThreads;
import spinel.graph.CrystalGraph;
import spinel.graph.io.NpzWriter;

/** The work behind {@code spinel bench}: model speed, resumable comparison runs, the results table. */
public final class Benchmarks {

    private Benchmarks() {}

    /**
     * Training and inference speed of the default CGCNN (64/3/128, regression, MSE, Adam) on graphs
     * already built, reduced ({@link spinel.conv.ReducedGraph}) and cached, through the real training loop ({@link TrainingLoop#fit}, checkpoints to a
     * temporary folder) and {@link TrainingLoop#predict}. One untimed warm-up epoch of each, then {@code
     * epochs} timed ones. Rates are crystals (atoms) per second of wall-clock time and crystals per
     * second of CPU time of the whole process (all threads; robust to other load on the machine).
     *
     * @param limit      use only the first {@code limit} rows (0: all)
     * @param saveGraphs null, or an {@code .npz} file receiving the graphs timed (arrays {@code
     *                   atom_counts, atomic_numbers, atom_fea, nbr_fea_idx, nbr_dist}), for the reference
     *                   CGCNN's timing on the same graphs ({@code bench/cgcnn_reference_speed.py})
     */
    public static Map<String, Object> speed(
            Path data, int batch, int epochs, int limit, Path cacheDir, Path saveGraphs, PrintStream log)
            throws IOException {
        CrystalDataset dataset = CrystalDataset.open(data, null);
        ExperimentSpec spec = ExperimentSpec.builder()
                .setData(data)
                .optCacheDir(cacheDir)
                .setOut(Path.of("."))
                .build();
        int n = limit > 0 ? Math.min(limit, dataset.size()) : dataset.size();
        int[] rows = IntStream.range(0, n).toArray();
        float[][] y = new float[dataset.size()][1];
        Random random = new Random(0);
        for (float[] row : y) row[0] = (float) random.nextGaussian();
        Path tmp = Files.createTempDirectory("spinel-bench-speed");
        double load = TorchThreads.loadAverage();
        try (GraphCache cache = RunFeatures.graphCache(
                        RunConfig.GraphSettings.cgcnnDefaults(null), dataset, spec.cacheDir(), log);
                NDManager manager = NDManager.newBaseManager()) {
            if (saveGraphs != null) saveGraphs(cache, rows, saveGraphs);
            long atoms = 0;
            for (int r : rows) atoms += cache.numAtoms(r);
            CrystalGraphConvNet net = CrystalGraphConvNet.builder()
                    .optAtomInputLength(cache.atomFeatureLength())
                    .optBondFeatureLength(cache.bondFeatureLength())
                    .build();
            net.initializeParameters(manager);
            // the graphs' reductions were computed once, when the cache was written
            BatchSource source =
                    GraphBatchSource.regression(cache::graph, rows, y, null).optReduced(cache::reduced);
            fit(net, manager, source, batch, 1, tmp.resolve("warm-up"), log);
            Clock train = Clock.start();
            fit(net, manager, source, batch, Math.max(1, epochs), tmp.resolve("timed"), log);
            train.stop();
            TrainingLoop.predict(net, manager, source, batch);
            Clock infer = Clock.start();
            for (int e = 0; e < Math.max(1, epochs); e++) TrainingLoop.predict(net, manager, source, batch);
            infer.stop();
            long timed = (long) n * Math.max(1, epochs);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("data", data.toString());
            m.put("crystals", n);
            m.put("atoms_per_crystal", (double) atoms / n);
            m.put("batch", batch);
            m.put("epochs", Math.max(1, epochs));
            m.put("threads", JniUtils.getNumThreads());
            m.put("train_crystals_per_s", timed / train.wallSeconds);
            m.put("train_atoms_per_s", atoms * Math.max(1, epochs) / train.wallSeconds);
            m.put("train_crystals_per_cpu_s", timed / train.cpuSeconds);
            m.put("infer_crystals_per_s", timed / infer.wallSeconds);
            m.put("infer_atoms_per_s", atoms * Math.max(1, epochs) / infer.wallSeconds);
            m.put("infer_crystals_per_cpu_s", timed / infer.cpuSeconds);
            m.put("load_average", List.of(load, TorchThreads.loadAverage()));
            m.put("heap_max_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
            m.put("peak_rss_mb", RunFiles.peakRssMb());
            return m;
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void fit(
            CrystalGraphConvNet net,
            NDManager manager,
            BatchSource source,
            int batch,
            int epochs,
            Path dir,
            PrintStream log)
            throws IOException {
        TrainConfig config =
                TrainConfig.builder().optBatchSize(batch).optEpochs(epochs).build();
        new TrainingLoop(config).setLog(log).optProgressBar(false).fit(net, manager, source, null, dir);
    }

    /** Wall-clock and process CPU time of a stretch of work. */
    private static final class Clock {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long wall0 = System.nanoTime();
        private final long cpu0 = OS.getProcessCpuTime();
        double wallSeconds;
        double cpuSeconds;

        static Clock start() {
            return new Clock();
        }

        void stop() {
            wallSeconds = (System.nanoTime() - wall0) / 1e9;
            cpuSeconds = (OS.getProcessCpuTime() - cpu0) / 1e9;
        }
    }

    /** Writes the graphs of {@code rows} as NumPy arrays in the reference CGCNN's layout. */
    static void saveGraphs(GraphCache cache, int[] rows, Path file) throws IOException {
        List<CrystalGraph> graphs = new ArrayList<>(rows.length);
        int atoms = 0;
        for (int r : rows) {
            graphs.add(cache.graph(r));
            atoms += graphs.get(graphs.size() - 1).numAtoms();
        }
        int m = cache.maxNeighbors(), f = cache.atomFeatureLength();
        long[] counts = new long[rows.length];
        long[] z = new long[atoms];
        float[] atomFeatures = new float[atoms * f];
        long[] neighbors = new long[atoms * m];
        float[] distances = new float[atoms * m];
        int at = 0;
        for (int c = 0; c < graphs.size(); c++) {
            CrystalGraph g = graphs.get(c);
            counts[c] = g.numAtoms();
            for (int i = 0; i < g.numAtoms(); i++) z[at + i] = g.atomicNumbers()[i];
            System.arraycopy(g.atomFeatures(), 0, atomFeatures, at * f, g.numAtoms() * f);
            for (int k = 0; k < g.numAtoms() * m; k++) neighbors[at * m + k] = g.neighborIndices()[k];
            System.arraycopy(g.neighborDistances(), 0, distances, at * m, g.numAtoms() * m);
            at += g.numAtoms();
        }
        new NpzWriter()
                .addInt64("atom_counts", new int[] {rows.length}, counts)
                .addInt64("atomic_numbers", new int[] {atoms}, z)
                .addFloat32("atom_fea", new int[] {atoms, f}, atomFeatures)
                .addInt64("nbr_fea_idx", new int[] {atoms, m}, neighbors)
                .addFloat32("nbr_dist", new int[] {atoms, m}, distances)
                .write(file);
    }

    /**
     * The metrics of the run in {@code spec.out()}: read back when the run has finished, otherwise the
     * run is started or resumed. Lets a long benchmark be rerun after any interruption.
     */
    public static Map<String, Object> runOrLoad(ExperimentSpec spec, PrintStream log) throws IOException {
        Path metrics = spec.out().resolve("metrics.json");
        if (Files.isRegularFile(metrics)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = RunFiles.JSON.readValue(metrics.toFile(), Map.class);
            log.printf("%s: finished earlier, skipped%n", spec.out());
            return m;
        }
        return Experiment.run(spec, log);
    }

    /** Writes {@code results.md} (a markdown table, mean ± std over folds per model) and {@code results.json}. */
    @SuppressWarnings("unchecked")
    public static void writeTable(List<Map<String, Object>> runs, Path out, String title) throws IOException {
        Map<String, List<Map<String, Object>>> byModel = new TreeMap<>();
        for (Map<String, Object> r : runs)
            byModel.computeIfAbsent(String.valueOf(r.get("model")), k -> new ArrayList<>())
                    .add(r);
        boolean classification =
                runs.stream().anyMatch(r -> ((Map<String, Object>) r.get("test")).containsKey("accuracy"));
        StringBuilder md = new StringBuilder("### " + title + "\n\n");
        md.append(
                classification
                        ? "| model | runs | accuracy | top-5 | F1 macro | s/epoch | epochs | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n"
                        : "| model | runs | MAE | RMSE | R² | s/epoch | epochs | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n");
        for (var e : byModel.entrySet()) {
            List<Map<String, Object>> rs = e.getValue();
            String[] keys =
                    classification ? new String[] {"accuracy", "top5", "f1_macro"} : new String[] {"mae", "rmse", "r2"};
            md.append("| ").append(e.getKey()).append(" | ").append(rs.size());
            for (String k : keys)
                md.append(" | ").append(meanStd(rs, r -> num(((Map<String, Object>) r.get("test")).get(k))));
            md.append(" | ").append(meanStd(rs, r -> num(r.get("seconds_per_epoch"))));
            md.append(" | ").append(meanStd(rs, r -> num(r.get("epochs"))));
            md.append(" | ").append(meanStd(rs, r -> num(r.get("peak_rss_mb")))).append(" |\n");
        }
        byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
        RunFiles.writeAtomically(out.resolve("results.md"), (OutputStream o) -> o.write(bytes));
        RunFiles.writeJson(out.resolve("results.json"), runs);
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String meanStd(
            List<Map<String, Object>> rs, java.util.function.ToDoubleFunction<Map<String, Object>> f) {
        double[] v = rs.stream().mapToDouble(f).toArray();
        double mean = 0;
        for (double x : v) mean += x / v.length;
        if (v.length == 1) return String.format(Locale.ROOT, "%.4g", mean);
        double var = 0;
        for (double x : v) var += (x - mean) * (x - mean) / (v.length - 1);
        return String.format(Locale.ROOT, "%.4g ± %.2g", mean, Math.sqrt(var));
    }
}

package spinel.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import spinel.conv.CrystalGraphConvNet;

/** The work behind {@code spinel bench}: model speed, resumable comparison runs, the results table. */
public final class Benchmarks {

    private Benchmarks() {}

    /**
     * Training and inference speed of the default CGCNN (64/3/128, regression, Adam) on graphs already
     * built and cached: {@code train_crystals_per_s, train_atoms_per_s, infer_crystals_per_s,
     * infer_atoms_per_s}. The first training epoch is a warm-up and not timed when more are asked.
     */
    public static Map<String, Object> speed(Path data, int batch, int epochs, int limit, Path cacheDir, PrintStream log)
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
        Map<String, Object> m = new LinkedHashMap<>();
        Path tmp = Files.createTempDirectory("spinel-bench-speed");
        try (GraphCache cache = RunFeatures.graphCache(
                        RunConfig.GraphSettings.cgcnnDefaults(null), dataset, spec.cacheDir(), log);
                NDManager manager = NDManager.newBaseManager()) {
            long atoms = 0;
            for (int r : rows) atoms += cache.numAtoms(r);
            CrystalGraphConvNet net = CrystalGraphConvNet.builder()
                    .optAtomInputLength(cache.atomFeatureLength())
                    .optBondFeatureLength(cache.bondFeatureLength())
                    .build();
            net.initializeParameters(manager);
            TrainConfig config = TrainConfig.builder()
                    .optBatchSize(batch)
                    .optEpochs(Math.max(1, epochs))
                    .build();
            TrainingLoop.Result r = new TrainingLoop(config)
                    .setLog(log)
                    .optProgressBar(false)
                    .fit(net, manager, GraphBatchSource.regression(cache, rows, y, null), null, tmp);
            List<TrainingLoop.EpochRecord> timed =
                    r.history().size() > 1 ? r.history().subList(1, r.history().size()) : r.history();
            double seconds = timed.stream()
                            .mapToDouble(TrainingLoop.EpochRecord::seconds)
                            .sum()
                    / timed.size();
            long t0 = System.nanoTime();
            TrainingLoop.predict(net, manager, GraphBatchSource.regression(cache, rows, y, null), batch);
            double infer = (System.nanoTime() - t0) / 1e9;
            m.put("data", data.toString());
            m.put("crystals", n);
            m.put("atoms_per_crystal", (double) atoms / n);
            m.put("batch", batch);
            m.put("train_crystals_per_s", n / seconds);
            m.put("train_atoms_per_s", atoms / seconds);
            m.put("infer_crystals_per_s", n / infer);
            m.put("infer_atoms_per_s", atoms / infer);
            m.put("peak_rss_mb", RunFiles.peakRssMb());
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        return m;
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
            log.printf(Locale.ROOT, "%s: finished earlier, skipped%n", spec.out());
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

package spinel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.train.Plots;
import spinel.train.RunFiles;

/**
 * {@code spinel search --sizes}: the cross-validated error of every candidate against the number of
 * training rows, as {@code learning_curve.csv} (candidate, options, rows, mean and std of the error over
 * the folds) and {@code learning_curve.png} (one line per candidate).
 */
final class LearningCurves {

    private LearningCurves() {}

    /** Writes both files into {@code out} from the search's trials (each with a {@code train_size}). */
    @SuppressWarnings("unchecked")
    static void write(List<Map<String, Object>> trials, Path out) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        Map<String, List<double[]>> byCandidate = new LinkedHashMap<>();
        String metric = "error";
        for (Map<String, Object> t : trials) {
            String name = "c" + t.get("candidate") + " " + t.get("options");
            int n = (Integer) t.get("train_size");
            double e = (double) t.get("mean_error");
            metric = String.valueOf(t.get("metric"));
            rows.add(List.of(t.get("candidate"), t.get("options").toString(), n, e, t.get("std_error")));
            byCandidate.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {n, e});
        }
        RunFiles.writeCsv(
                out.resolve("learning_curve.csv"),
                List.of("candidate", "options", "train_size", "mean_error", "std_error"),
                rows);
        Map<String, double[][]> series = new LinkedHashMap<>();
        byCandidate.forEach((name, points) -> {
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i)[0];
                xy[1][i] = points.get(i)[1];
            }
            series.put(name, xy);
        });
        Plots.errorBySize(series, metric, out.resolve("learning_curve.png"));
    }
}

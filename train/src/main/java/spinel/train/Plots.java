package spinel.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a run (XChart): learning curves, a parity plot, a confusion matrix. Written atomically. */
public final class Plots {

    private Plots() {}

    /** Training and validation loss against epoch. */
    public static void learningCurves(List<TrainingLoop.EpochRecord> history, Path png) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Learning curves")
                .xAxisTitle("epoch")
                .yAxisTitle("loss")
                .build();
        List<Double> epochs = new ArrayList<>(), train = new ArrayList<>(), val = new ArrayList<>();
        for (TrainingLoop.EpochRecord r : history) {
            epochs.add((double) r.epoch());
            train.add(r.trainLoss());
            val.add(Double.isFinite(r.valLoss()) ? r.valLoss() : null);
        }
        if (epochs.isEmpty()) return;
        chart.addSeries("train", epochs, train).setMarker(SeriesMarkers.NONE);
        if (val.stream().anyMatch(v -> v != null))
            chart.addSeries("validation", epochs, val).setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    /**
     * Learning curves against training-set size: for each named series (e.g. a candidate of a search),
     * its mean cross-validated error at each size, on a logarithmic size axis.
     *
     * @param series name → {sizes, errors}, both of one length
     */
    public static void errorBySize(java.util.Map<String, double[][]> series, String metric, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title("Learning curves: cross-validated " + metric + " against training rows")
                .xAxisTitle("training rows")
                .yAxisTitle(metric)
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        for (var e : series.entrySet()) chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
        if (!series.isEmpty()) save(chart, png);
    }

    /**
     * The texts of a parity plot: the title names the quantity and gives the test MAE (in its unit), R²
     * and n; both axes name the quantity and its unit ("units not given" when unknown).
     */
    record ParityLabels(String title, String xAxis, String yAxis) {
        static ParityLabels of(String quantity, String unit, RegressionMetrics m) {
            String q = quantity == null || quantity.isBlank() ? "target" : quantity;
            String u = unit == null || unit.isBlank() ? "units not given" : unit;
            String mae = unit == null || unit.isBlank() ? "" : " " + unit;
            String title = String.format(
                    java.util.Locale.ROOT, "%s: MAE %.4g%s, R² %.3f, n = %,d", q, m.mae(), mae, m.r2(), m.n());
            return new ParityLabels(title, q + ", DFT target (" + u + ")", q + ", predicted (" + u + ")");
        }
    }

    /**
     * Predicted against target values of the test rows, with the y = x line; {@link ParityLabels} says
     * what and in which unit.
     *
     * @param quantity the target's name (e.g. {@code e_form_per_atom})
     * @param unit     its unit (e.g. {@code eV/atom}), or null when unknown
     */
    public static void parity(double[] actual, double[] predicted, String quantity, String unit, Path png)
            throws IOException {
        ParityLabels labels = ParityLabels.of(quantity, unit, Metrics.regression(actual, predicted));
        XYChart chart = new XYChartBuilder()
                .width(640)
                .height(640)
                .title(labels.title())
                .xAxisTitle(labels.xAxis())
                .yAxisTitle(labels.yAxis())
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        if (actual.length == 0) return;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        chart.addSeries("test", actual, predicted);
        XYSeries line = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        save(chart, png);
    }

    /** Heat map of a confusion matrix ({@code confusion[true][predicted]}); classes never seen are dropped. */
    public static void confusion(int[][] confusion, List<String> classNames, Path png) throws IOException {
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < confusion.length; k++) {
            int total = 0;
            for (int j = 0; j < confusion.length; j++) total += confusion[k][j] + confusion[j][k];
            if (total > 0) used.add(k);
        }
        if (used.isEmpty()) return;
        List<String> names = new ArrayList<>();
        for (int k : used) names.add(classNames.get(k));
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < used.size(); a++) {
            for (int b = 0; b < used.size(); b++) cells.add(new Number[] {b, a, confusion[used.get(a)][used.get(b)]});
        }
        int side = Math.min(2000, 300 + 18 * used.size());
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(side)
                .height(side)
                .title("Confusion matrix (rows: true)")
                .xAxisTitle("predicted")
                .yAxisTitle("true")
                .build();
        chart.getStyler().setShowValue(used.size() <= 20);
        chart.addSeries("counts", names, names, cells);
        RunFiles.writeAtomically(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void save(XYChart chart, Path png) throws IOException {
        RunFiles.writeAtomically(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}

package spinel.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores of predictions against true values: regression (MAE, RMSE, R²) and classification
 * (accuracy, top-k, precision/recall/F1 macro and weighted, confusion matrix, binary ROC-AUC and the
 * accuracy–coverage curve of a reject option). Pure functions over plain arrays.
 */
public final class Metrics {

    /** Confidence thresholds at which the accuracy–coverage curve is reported. */
    public static final double[] DEFAULT_THRESHOLDS = {0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99};

    /**
     * One point of the reject option's curve: predictions whose top probability is below
     * {@code threshold} are withheld; {@code coverage} is the fraction kept and {@code accuracy} the
     * accuracy on those kept (NaN when none is kept).
     */
    public record CoveragePoint(double threshold, double coverage, double accuracy) {}

    private Metrics() {}

    /** MAE, RMSE and R² of {@code predicted} against {@code actual} (same units as the inputs). */
    public static RegressionMetrics regression(double[] actual, double[] predicted) {
        checkSameLength(actual.length, predicted.length);
        int n = actual.length;
        if (n == 0) return new RegressionMetrics(Double.NaN, Double.NaN, Double.NaN, 0);
        double abs = 0, sq = 0, mean = 0;
        for (double v : actual) mean += v;
        mean /= n;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            abs += Math.abs(e);
            sq += e * e;
            double d = actual[i] - mean;
            tot += d * d;
        }
        double r2 = tot > 0 ? 1 - sq / tot : Double.NaN;
        return new RegressionMetrics(abs / n, Math.sqrt(sq / n), r2, n);
    }

    /**
     * All classification scores for true {@code labels} (0..C−1) and predicted class
     * {@code probabilities} (n×C rows, each summing to 1).
     */
    public static ClassificationMetrics classification(int[] labels, double[][] probabilities) {
        checkSameLength(labels.length, probabilities.length);
        int n = labels.length;
        int c = n == 0 ? 0 : probabilities[0].length;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            if (probabilities[i].length != c)
                throw new IllegalArgumentException(
                        "row " + i + " has " + probabilities[i].length + " class probabilities, expected " + c);
            if (labels[i] < 0 || labels[i] >= c)
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " outside 0.." + (c - 1));
            predicted[i] = argmax(probabilities[i]);
        }
        int[][] confusion = confusion(labels, predicted, c);
        double[] agg = precisionRecallF1(confusion);
        double auc = c == 2 ? rocAuc(labels, column(probabilities, 1)) : Double.NaN;
        return new ClassificationMetrics(
                topK(labels, probabilities, 1),
                topK(labels, probabilities, 5),
                agg[0],
                agg[1],
                agg[2],
                agg[3],
                agg[4],
                agg[5],
                auc,
                confusion,
                accuracyCoverage(labels, probabilities, DEFAULT_THRESHOLDS),
                n);
    }

    /** Fraction of rows whose true label is among the {@code k} most probable classes. */
    public static double topK(int[] labels, double[][] probabilities, int k) {
        if (labels.length == 0) return Double.NaN;
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = probabilities[i][labels[i]];
            int better = 0;
            // Ties count against the true class so that a constant predictor does not score 100 %.
            for (int j = 0; j < probabilities[i].length; j++) {
                if (j != labels[i] && probabilities[i][j] >= p) better++;
            }
            if (better < k) hits++;
        }
        return (double) hits / labels.length;
    }

    /** Confusion matrix {@code m[true][predicted]} over {@code numClasses} classes. */
    public static int[][] confusion(int[] labels, int[] predicted, int numClasses) {
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) m[labels[i]][predicted[i]]++;
        return m;
    }

    /**
     * Precision, recall and F1, macro and support-weighted: {@code [pMacro, rMacro, f1Macro,
     * pWeighted, rWeighted, f1Weighted]}. Classes that appear neither in the labels nor in the
     * predictions are left out of the macro average (as scikit-learn does with the observed labels).
     */
    public static double[] precisionRecallF1(int[][] confusion) {
        int c = confusion.length;
        double pm = 0, rm = 0, fm = 0, pw = 0, rw = 0, fw = 0;
        int classes = 0;
        long total = 0;
        for (int k = 0; k < c; k++) {
            long tp = confusion[k][k], support = 0, predicted = 0;
            for (int j = 0; j < c; j++) {
                support += confusion[k][j];
                predicted += confusion[j][k];
            }
            if (support == 0 && predicted == 0) continue;
            classes++;
            total += support;
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = support == 0 ? 0 : (double) tp / support;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            pm += p;
            rm += r;
            fm += f;
            pw += p * support;
            rw += r * support;
            fw += f * support;
        }
        if (classes == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        return new double[] {pm / classes, rm / classes, fm / classes, pw / total, rw / total, fw / total};
    }

    /**
     * Area under the ROC curve of binary {@code labels} (0/1) ranked by {@code scores} (higher means
     * more likely 1), as the Mann–Whitney statistic with average ranks for ties. NaN when only one
     * class is present.
     */
    public static double rocAuc(int[] labels, double[] scores) {
        checkSameLength(labels.length, scores.length);
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositive += averageRank;
                    positives++;
                } else if (labels[order[k]] != 0) {
                    throw new IllegalArgumentException("ROC-AUC needs 0/1 labels, got " + labels[order[k]]);
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The reject option's accuracy–coverage curve at each confidence threshold. */
    public static List<CoveragePoint> accuracyCoverage(int[] labels, double[][] probabilities, double[] thresholds) {
        List<CoveragePoint> curve = new ArrayList<>();
        int n = labels.length;
        for (double t : thresholds) {
            int kept = 0, correct = 0;
            for (int i = 0; i < n; i++) {
                int best = argmax(probabilities[i]);
                if (probabilities[i][best] >= t) {
                    kept++;
                    if (best == labels[i]) correct++;
                }
            }
            curve.add(new CoveragePoint(
                    t, n == 0 ? Double.NaN : (double) kept / n, kept == 0 ? Double.NaN : (double) correct / kept));
        }
        return curve;
    }

    /** Index of the largest entry (the first one on ties). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) if (v[j] > v[best]) best = j;
        return best;
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) c[i] = m[i][j];
        return c;
    }

    private static void checkSameLength(int a, int b) {
        if (a != b) throw new IllegalArgumentException(a + " true values but " + b + " predictions");
    }
}

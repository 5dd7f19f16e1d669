package spinel.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import spinel.graph.symmetry.BravaisLattice;
import spinel.graph.symmetry.CrystalSystem;

/**
 * The extra scores of a symmetry classifier (space group, Bravais lattice or crystal system), next to
 * the {@link ClassificationMetrics} of its own classes:
 * <ul>
 * <li>{@code baselines}: the accuracy of always answering the most common training class, and the
 *     fraction of test rows whose class is one of the five most common training classes (the top-5
 *     baseline);</li>
 * <li>for a space-group model, its probabilities summed within each Bravais lattice and each crystal
 *     system (the marginals; for the two-stage head the Bravais marginal is stage 1 exactly), scored
 *     as classifiers of their own, and {@code space_group_within_crystal_system}: the space-group
 *     accuracy on the test rows whose crystal system it got right (Zhao et al., 2021);</li>
 * <li>{@code confusion*.csv} files in the run folder, {@code confusion[true][predicted]}, rows and
 *     columns named by class.</li>
 * </ul>
 */
public final class SymmetryScores {

    private SymmetryScores() {}

    /**
     * Adds the scores to {@code test} and writes the confusion matrices into {@code dir}.
     *
     * @param task        the run's task (nothing is added for tasks other than the three symmetry ones)
     * @param trainLabels class indices of the training rows (baselines; empty: no baselines)
     * @param labels      class indices of the test rows
     * @param logits      the test rows' class scores (softmax gives the probabilities)
     * @param classNames  class names in output order
     */
    public static void add(
            Map<String, Object> test,
            Path dir,
            ExperimentSpec.Task task,
            int[] trainLabels,
            int[] labels,
            float[][] logits,
            List<String> classNames)
            throws IOException {
        if (task != ExperimentSpec.Task.SPACE_GROUP
                && task != ExperimentSpec.Task.BRAVAIS
                && task != ExperimentSpec.Task.CRYSTAL_SYSTEM) return;
        double[][] probs = new double[labels.length][];
        for (int i = 0; i < probs.length; i++) probs[i] = TrainingLoop.softmax(logits[i]);
        if (trainLabels.length > 0) test.put("baselines", baselines(trainLabels, labels, classNames.size()));
        writeConfusion(dir.resolve("confusion.csv"), Metrics.classification(labels, probs), classNames);
        if (task != ExperimentSpec.Task.SPACE_GROUP) return;
        IntUnaryOperator toBravais = c -> BravaisLattice.ofSpaceGroup(c + 1).ordinal();
        IntUnaryOperator toSystem = c -> CrystalSystem.ofSpaceGroup(c + 1).ordinal();
        List<String> lattices = new ArrayList<>();
        for (BravaisLattice b : BravaisLattice.values()) lattices.add(b.pearsonSymbol());
        List<String> systems = new ArrayList<>();
        for (CrystalSystem s : CrystalSystem.values()) systems.add(s.label());
        test.put("bravais", marginal(dir, "bravais", labels, probs, toBravais, lattices));
        test.put("crystal_system", marginal(dir, "crystal_system", labels, probs, toSystem, systems));
        test.put("space_group_within_crystal_system", withinSystem(labels, probs, toSystem));
    }

    /** Accuracy of the most common training class and coverage of the five most common. */
    static Map<String, Object> baselines(int[] trainLabels, int[] labels, int classes) {
        long[] count = new long[classes];
        for (int c : trainLabels) count[c]++;
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < classes; c++) order.add(c);
        order.sort(Comparator.comparingLong((Integer c) -> count[c]).reversed());
        List<Integer> top5 = order.subList(0, Math.min(5, classes));
        int majority = 0, inTop5 = 0;
        for (int y : labels) {
            if (y == order.get(0)) majority++;
            if (top5.contains(y)) inTop5++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("majority_class_accuracy", (double) majority / labels.length);
        m.put("top5_most_common_accuracy", (double) inTop5 / labels.length);
        return m;
    }

    private static Map<String, Object> marginal(
            Path dir, String name, int[] labels, double[][] probs, IntUnaryOperator map, List<String> names)
            throws IOException {
        int[] y = new int[labels.length];
        double[][] p = new double[labels.length][names.size()];
        for (int i = 0; i < labels.length; i++) {
            y[i] = map.applyAsInt(labels[i]);
            for (int c = 0; c < probs[i].length; c++) p[i][map.applyAsInt(c)] += probs[i][c];
        }
        ClassificationMetrics m = Metrics.classification(y, p);
        writeConfusion(dir.resolve("confusion_" + name + ".csv"), m, names);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", m.accuracy());
        out.put("f1_macro", m.f1Macro());
        out.put("f1_weighted", m.f1Weighted());
        return out;
    }

    private static Map<String, Object> withinSystem(int[] labels, double[][] probs, IntUnaryOperator toSystem) {
        int rightSystem = 0, rightGroup = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = Metrics.argmax(probs[i]);
            if (toSystem.applyAsInt(best) != toSystem.applyAsInt(labels[i])) continue;
            rightSystem++;
            if (best == labels[i]) rightGroup++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", rightSystem == 0 ? Double.NaN : (double) rightGroup / rightSystem);
        m.put("n", rightSystem);
        return m;
    }

    /** Writes {@code confusion[true][predicted]} as CSV, one row per true class, unused classes left out. */
    static void writeConfusion(Path file, ClassificationMetrics m, List<String> names) throws IOException {
        int[][] c = m.confusion();
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < c.length; k++) {
            long total = 0;
            for (int j = 0; j < c.length; j++) total += c[k][j] + c[j][k];
            if (total > 0) used.add(k);
        }
        List<String> header = new ArrayList<>();
        header.add("true\\predicted");
        for (int k : used) header.add(names.get(k));
        List<List<?>> rows = new ArrayList<>();
        for (int k : used) {
            List<Object> row = new ArrayList<>();
            row.add(names.get(k));
            for (int j : used) row.add(c[k][j]);
            rows.add(row);
        }
        RunFiles.writeCsv(file, header, rows);
    }
}

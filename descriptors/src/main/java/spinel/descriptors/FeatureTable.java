package spinel.descriptors;

import java.util.ArrayList;
import java.util.List;

/**
 * A named feature matrix: one row per atom (or per structure), one column per named feature.
 * Rows are copied on the way in and out, so the table is immutable.
 */
public final class FeatureTable {

    private final List<String> names;
    private final double[][] rows;

    public FeatureTable(List<String> names, double[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != names.size()) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " values but there are " + names.size() + " names");
            }
        }
        this.names = List.copyOf(names);
        this.rows = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) this.rows[i] = rows[i].clone();
    }

    /** Column names. */
    public List<String> names() {
        return names;
    }

    /** Number of rows. */
    public int rows() {
        return rows.length;
    }

    /** Number of columns. */
    public int columns() {
        return names.size();
    }

    /** The matrix, rows × columns (a copy). */
    public double[][] values() {
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i].clone();
        return c;
    }

    /** Row {@code i} with its names. */
    public Features row(int i) {
        return new Features(names, rows[i]);
    }

    /** Column {@code j} (a copy). */
    public double[] column(int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i][j];
        return c;
    }

    /** The column called {@code name}. */
    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no column named '" + name + "'; have " + names);
        return column(j);
    }

    /**
     * Per-column statistics over the rows: for each column {@code x}, {@code x_mean}, {@code x_std}
     * (population standard deviation), {@code x_min}, {@code x_max} — the per-structure summary of
     * per-atom descriptors. NaN entries are skipped; a column of only NaN gives NaN.
     */
    public Features summary() {
        List<String> n = new ArrayList<>();
        double[] v = new double[names.size() * 4];
        for (int j = 0; j < names.size(); j++) {
            String c = names.get(j);
            n.add(c + "_mean");
            n.add(c + "_std");
            n.add(c + "_min");
            n.add(c + "_max");
            double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (double[] r : rows) {
                double x = r[j];
                if (Double.isNaN(x)) continue;
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                count++;
            }
            double mean = count == 0 ? Double.NaN : sum / count;
            double ss = 0;
            for (double[] r : rows) if (!Double.isNaN(r[j])) ss += (r[j] - mean) * (r[j] - mean);
            v[4 * j] = mean;
            v[4 * j + 1] = count == 0 ? Double.NaN : Math.sqrt(ss / count);
            v[4 * j + 2] = count == 0 ? Double.NaN : min;
            v[4 * j + 3] = count == 0 ? Double.NaN : max;
        }
        return new Features(n, v);
    }
}

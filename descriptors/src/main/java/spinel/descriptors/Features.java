package spinel.descriptors;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named feature vector: one value per column, with stable column names (for tabular baselines
 * and for fusing hand-made descriptors with learned embeddings). Immutable.
 */
public final class Features {

    private final List<String> names;
    private final double[] values;

    public Features(List<String> names, double[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names but " + values.length + " values");
        }
        this.names = List.copyOf(names);
        this.values = values.clone();
    }

    /** Column names, in the order of {@link #values()}. */
    public List<String> names() {
        return names;
    }

    /** The values (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Number of columns. */
    public int size() {
        return values.length;
    }

    /** Value of column {@code i}. */
    public double get(int i) {
        return values[i];
    }

    /** Value of the column called {@code name}. */
    public double get(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no feature named '" + name + "'; have " + names);
        return values[i];
    }

    /** The columns as an ordered map name → value. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) m.put(names.get(i), values[i]);
        return m;
    }

    /** This vector followed by {@code other}'s columns. */
    public Features concat(Features other) {
        List<String> n = new java.util.ArrayList<>(names);
        n.addAll(other.names);
        double[] v = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, v, values.length, other.values.length);
        return new Features(n, v);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}

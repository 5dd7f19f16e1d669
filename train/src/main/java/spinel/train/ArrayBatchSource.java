package spinel.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rows of an in-memory feature matrix as batches: inputs (B, F) float, labels (B, K) float targets
 * or (B) int class indices. Used for the tabular baselines.
 */
public final class ArrayBatchSource implements BatchSource {

    private final float[][] features;
    private final float[][] targets;
    private final int[] classes;
    private final int[] rows;

    private ArrayBatchSource(float[][] features, float[][] targets, int[] classes, int[] rows) {
        this.features = features;
        this.targets = targets;
        this.classes = classes;
        this.rows = rows;
    }

    /** Regression rows {@code rows} of {@code features} with (already normalised) {@code targets}. */
    public static ArrayBatchSource regression(float[][] features, float[][] targets, int[] rows) {
        return new ArrayBatchSource(features, targets, null, rows);
    }

    /** Classification rows {@code rows} of {@code features} with class indices {@code labels}. */
    public static ArrayBatchSource classification(float[][] features, int[] labels, int[] rows) {
        return new ArrayBatchSource(features, null, labels, rows);
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public Batch batch(NDManager manager, int[] positions) {
        int f = features[rows[0]].length;
        float[] x = new float[positions.length * f];
        for (int i = 0; i < positions.length; i++) System.arraycopy(features[rows[positions[i]]], 0, x, i * f, f);
        var input = manager.create(x, new Shape(positions.length, f));
        if (classes != null) {
            int[] y = new int[positions.length];
            for (int i = 0; i < positions.length; i++) y[i] = classes[rows[positions[i]]];
            return new Batch(new NDList(input), manager.create(y), positions.length);
        }
        int k = targets[rows[0]].length;
        float[] y = new float[positions.length * k];
        for (int i = 0; i < positions.length; i++) System.arraycopy(targets[rows[positions[i]]], 0, y, i * k, k);
        return new Batch(new NDList(input), manager.create(y, new Shape(positions.length, k)), positions.length);
    }
}

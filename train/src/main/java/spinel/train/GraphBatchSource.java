package spinel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import spinel.conv.GraphBatch;
import spinel.conv.ReducedGraph;
import spinel.graph.CrystalGraph;

/**
 * Rows of a {@link GraphCache} as {@link GraphBatch}es for a {@code CrystalGraphConvNet}: each batch
 * reads its graphs from disk (in parallel) and collates them, so only one batch of graphs is ever in
 * memory. Optional per-row global descriptors are appended (descriptor fusion).
 */
public final class GraphBatchSource implements BatchSource {

    private final IntFunction<CrystalGraph> graphs;
    private final int[] rows;
    private final float[][] targets;
    private final int[] classes;
    private final float[][] globals;
    private boolean multi;
    private IntFunction<ReducedGraph> reduced;

    private GraphBatchSource(
            IntFunction<CrystalGraph> graphs, int[] rows, float[][] targets, int[] classes, float[][] globals) {
        this.graphs = graphs;
        this.rows = rows;
        this.targets = targets;
        this.classes = classes;
        this.globals = globals;
    }

    /** Regression rows (graphs by dataset row, e.g. {@code cache::graph}) with normalised targets; {@code globals} may be null. */
    public static GraphBatchSource regression(
            IntFunction<CrystalGraph> graphs, int[] rows, float[][] targets, float[][] globals) {
        return new GraphBatchSource(graphs, rows, targets, null, globals);
    }

    /** Classification rows with class indices; {@code globals} may be null. */
    public static GraphBatchSource classification(
            IntFunction<CrystalGraph> graphs, int[] rows, int[] labels, float[][] globals) {
        return new GraphBatchSource(graphs, rows, null, labels, globals);
    }

    /**
     * Multi-task rows for the conv {@code MultiTaskHead}: labels [space-group index (C), volume (C×1),
     * properties (C×P)]; {@code volumeAndProperties} rows hold the (normalised) volume first.
     */
    public static GraphBatchSource multiTask(
            IntFunction<CrystalGraph> graphs,
            int[] rows,
            int[] spaceGroupIndex,
            float[][] volumeAndProperties,
            float[][] globals) {
        GraphBatchSource s = new GraphBatchSource(graphs, rows, volumeAndProperties, spaceGroupIndex, globals);
        s.multi = true;
        return s;
    }

    /**
     * Graphs held anywhere ({@code graphs} maps a row to its graph, and is called in parallel) with
     * regression targets, e.g. new structures to predict with zero targets.
     */
    public static GraphBatchSource of(
            IntFunction<CrystalGraph> graphs, int[] rows, float[][] targets, float[][] globals) {
        return new GraphBatchSource(graphs, rows, targets, null, globals);
    }

    /**
     * Collate batches from the rows' graphs reduced beforehand (e.g. {@code cache::reduced}, stored by
     * the {@link GraphCache} when it was written), instead of reading and reducing every graph again:
     * the same tensors, at the cost of a concatenation. {@code reduced} must give the reduction of
     * the graph {@code graphs} gives for the same row.
     */
    public GraphBatchSource optReduced(IntFunction<ReducedGraph> reduced) {
        this.reduced = reduced;
        return this;
    }

    @Override
    public int size() {
        return rows.length;
    }

    /** The dataset row of position {@code i}. */
    public int row(int i) {
        return rows[i];
    }

    @Override
    public Batch batch(NDManager manager, int[] positions) {
        float[][] g = null;
        if (globals != null) {
            g = new float[positions.length][];
            for (int i = 0; i < positions.length; i++) g[i] = globals[rows[positions[i]]];
        }
        GraphBatch batch = collate(manager, positions, g);
        NDArray labels;
        if (multi) {
            int c = positions.length, p = targets[rows[positions[0]]].length - 1;
            int[] sg = new int[c];
            float[] vol = new float[c];
            float[] props = new float[c * p];
            for (int i = 0; i < c; i++) {
                int r = rows[positions[i]];
                sg[i] = classes[r];
                vol[i] = targets[r][0];
                System.arraycopy(targets[r], 1, props, i * p, p);
            }
            return new Batch(
                    batch.toNDList(),
                    new NDList(
                            manager.create(sg),
                            manager.create(vol, new Shape(c, 1)),
                            manager.create(props, new Shape(c, p))),
                    c,
                    batch);
        }
        if (classes != null) {
            int[] y = new int[positions.length];
            for (int i = 0; i < positions.length; i++) y[i] = classes[rows[positions[i]]];
            labels = manager.create(y);
        } else {
            int k = targets[rows[positions[0]]].length;
            float[] y = new float[positions.length * k];
            for (int i = 0; i < positions.length; i++) System.arraycopy(targets[rows[positions[i]]], 0, y, i * k, k);
            labels = manager.create(y, new Shape(positions.length, k));
        }
        return new Batch(batch.toNDList(), new NDList(labels), positions.length, batch);
    }

    /** The batch's graphs (read in parallel), reduced beforehand when {@link #optReduced} was given. */
    private GraphBatch collate(NDManager manager, int[] positions, float[][] globals) {
        if (reduced != null) {
            List<ReducedGraph> batchGraphs = Arrays.stream(positions)
                    .parallel()
                    .mapToObj(p -> reduced.apply(rows[p]))
                    .toList();
            return GraphBatch.ofReduced(manager, batchGraphs, globals);
        }
        List<CrystalGraph> batchGraphs = Arrays.stream(positions)
                .parallel()
                .mapToObj(p -> graphs.apply(rows[p]))
                .toList();
        return GraphBatch.of(manager, batchGraphs, globals);
    }
}

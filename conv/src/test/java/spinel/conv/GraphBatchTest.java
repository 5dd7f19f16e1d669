package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.CrystalGraph;

class GraphBatchTest {

    @Test
    void collatesWithOffsetsPoolIndexAndMask() {
        List<CrystalGraph> graphs = TestGraphs.graphs(1, 3, 2, 5, true);
        try (NDManager manager = NDManager.newBaseManager();
                GraphBatch batch = GraphBatch.of(manager, graphs)) {
            int n = graphs.stream().mapToInt(CrystalGraph::numAtoms).sum();
            assertEquals(n, batch.numAtoms());
            assertEquals(new Shape(n, 92), batch.atomFeatures().getShape());
            assertEquals(new Shape(n, 12), batch.neighborIndices().getShape());
            assertEquals(new Shape(n, 12, 41), batch.bondFeatures().getShape());
            long[] nbr = batch.neighborIndices().toLongArray();
            long[] crystal = batch.crystalIndex().toLongArray();
            long[] pool = batch.poolIndex().toLongArray();
            float[] mask = batch.neighborMask().toFloatArray();
            int maxAtoms = (int) batch.poolIndex().getShape().get(1);
            int offset = 0;
            for (int c = 0; c < graphs.size(); c++) {
                CrystalGraph g = graphs.get(c);
                for (int i = 0; i < g.numAtoms(); i++) {
                    assertEquals(c, crystal[offset + i]);
                    assertEquals(offset + i, pool[c * maxAtoms + i]);
                    for (int k = 0; k < 12; k++) {
                        assertEquals(g.neighborIndex(i, k) + offset, nbr[(offset + i) * 12 + k]);
                        assertEquals(k < g.neighborCount(i) ? 1f : 0f, mask[(offset + i) * 12 + k]);
                    }
                }
                for (int i = g.numAtoms(); i < maxAtoms; i++) assertEquals(n, pool[c * maxAtoms + i]);
                assertEquals(g.numAtoms(), batch.atomCounts().getFloat(c, 0));
                offset += g.numAtoms();
            }
            assertArrayEquals(
                    graphs.get(1).bondFeatures(),
                    batch.bondFeatures()
                            .get(graphs.get(0).numAtoms() + ":"
                                    + (graphs.get(0).numAtoms() + graphs.get(1).numAtoms()))
                            .toFloatArray());
        }
    }

    /** Each crystal's bond rows are stored once; the per-atom view still sees every slot's own features. */
    @Test
    void storesEachCrystalsBondRowsOnce() {
        List<CrystalGraph> graphs = TestGraphs.graphs(4, 3, 4, 6, true);
        int n = graphs.stream().mapToInt(CrystalGraph::numAtoms).sum();
        float[] all = new float[n * 12 * 41];
        int at = 0, rows = 0;
        for (CrystalGraph g : graphs) {
            System.arraycopy(g.bondFeatures(), 0, all, at, g.bondFeatures().length);
            at += g.bondFeatures().length;
            rows += ReducedGraph.of(g).numBondRows();
        }
        try (NDManager manager = NDManager.newBaseManager();
                GraphBatch batch = GraphBatch.of(manager, graphs)) {
            assertEquals(new Shape(rows, 41), batch.distinctBondFeatures().getShape());
            assertTrue(rows < n * 12, "padding slots share one row");
            assertArrayEquals(all, batch.bondFeatures().toFloatArray());
        }
    }

    /** A batch of graphs reduced beforehand is the same batch, without the per-atom layout. */
    @Test
    void collatesGraphsReducedBeforehand() {
        List<CrystalGraph> graphs = TestGraphs.graphs(5, 4, 3, 7, true);
        float[][] globals = {{1f, 2f}, {3f, 4f}, {5f, 6f}, {7f, 8f}};
        try (NDManager manager = NDManager.newBaseManager();
                GraphBatch a = GraphBatch.of(manager, graphs, globals);
                GraphBatch b = GraphBatch.ofReduced(
                        manager, graphs.stream().map(ReducedGraph::of).toList(), globals)) {
            assertEquals(a.toNDList().size(), b.toNDList().size());
            for (int i = 0; i < a.toNDList().size(); i++) {
                NDArray x = a.toNDList().get(i), y = b.toNDList().get(i);
                boolean sparse = i == GraphBatch.MESSAGE_SUM || i == GraphBatch.POOL_SUM;
                assertTrue(sparse ? x.toDense().contentEquals(y.toDense()) : x.contentEquals(y), "tensor " + i);
            }
            assertTrue(a.representativeOf().contentEquals(b.representativeOf()));
            assertThrows(IllegalStateException.class, b::atomFeatures);
        }
    }

    @Test
    void rejectsInconsistentGraphsAndGlobals() {
        List<CrystalGraph> graphs = TestGraphs.graphs(2, 2, 2, 3, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> GraphBatch.of(manager, graphs, new float[][] {{1f}, {1f, 2f}}));
            assertTrue(e.getMessage().contains("global descriptor 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> GraphBatch.of(manager, List.of()));
        }
    }

    /** A long training and inference loop keeps a constant number of native arrays. */
    @Test
    void aLongLoopDoesNotAccumulateArrays() {
        List<CrystalGraph> graphs = TestGraphs.graphs(3, 8, 3, 9, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            CrystalGraphConvNet net = CrystalGraphConvNet.builder()
                    .optAtomFeatureLength(16)
                    .optHiddenLength(16)
                    .optNumConv(2)
                    .build();
            net.initializeParameters(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            int before = -1;
            for (int step = 0; step < 16; step++) {
                List<CrystalGraph> part = graphs.subList(step % 4, step % 4 + 4);
                try (GraphBatch batch = GraphBatch.of(manager, part)) {
                    NDArray target = batch.getManager().ones(new Shape(part.size(), 1));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDList out = net.forward(ps, batch, true);
                        collector.backward(net.head().loss(out, new NDList(target)));
                    }
                    sgdStep(net, 0.01f);
                }
                try (GraphBatch batch = GraphBatch.of(manager, part)) {
                    net.forward(ps, batch, false).head().toFloatArray();
                    net.embed(ps, batch);
                }
                int now = manager.getManagedArrays().size();
                if (step == 1) before = now;
                if (step > 1) assertEquals(before, now, "arrays after step " + step);
            }
        }
    }

    /** Plain gradient descent, each temporary closed at once (the optimiser proper lives in train). */
    private static void sgdStep(CrystalGraphConvNet net, float learningRate) {
        for (var p : net.getParameters().values()) {
            if (!p.requiresGradient()) continue;
            NDArray w = p.getArray();
            try (NDArray g = w.getGradient();
                    NDArray delta = g.mul(learningRate)) {
                w.subi(delta);
            }
        }
    }
}

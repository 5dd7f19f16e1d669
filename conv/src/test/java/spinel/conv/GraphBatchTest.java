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

    /** Each distinct bond-feature row is stored once; every slot still sees its own features. */
    @Test
    void storesEachDistinctBondRowOnce() {
        List<CrystalGraph> graphs = TestGraphs.graphs(4, 3, 4, 6, true);
        int n = graphs.stream().mapToInt(CrystalGraph::numAtoms).sum();
        java.util.Set<java.util.List<Float>> distinct = new java.util.HashSet<>();
        float[] all = new float[n * 12 * 41];
        int at = 0;
        for (CrystalGraph g : graphs) {
            float[] f = g.bondFeatures();
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
            for (int s = 0; s < f.length; s += 41) {
                java.util.List<Float> row = new java.util.ArrayList<>();
                for (int k = 0; k < 41; k++) row.add(f[s + k]);
                distinct.add(row);
            }
        }
        try (NDManager manager = NDManager.newBaseManager();
                GraphBatch batch = GraphBatch.of(manager, graphs)) {
            assertEquals(
                    new Shape(distinct.size(), 41), batch.distinctBondFeatures().getShape());
            assertTrue(distinct.size() < n * 12, "padding slots share one row");
            assertEquals(new Shape(n, 12), batch.bondIndex().getShape());
            assertArrayEquals(all, batch.bondFeatures().toFloatArray());
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

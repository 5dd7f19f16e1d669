package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spinel.graph.CrystalGraph;
import spinel.graph.symmetry.BravaisLattice;

class CrystalGraphConvNetTest {

    private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A network with random weights and non-trivial BatchNorm running statistics. */
    private CrystalGraphConvNet randomNet(CrystalGraphConvNet.Builder builder, long seed) {
        CrystalGraphConvNet net = builder.build();
        net.initializeParameters(manager);
        Random r = new Random(seed);
        Map<String, float[]> state = new HashMap<>(net.stateDict());
        for (var e : state.entrySet()) {
            float[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (e.getKey().endsWith("running_var")) v[i] = 0.5f + r.nextFloat();
                else if (e.getKey().endsWith("running_mean")) v[i] = (float) r.nextGaussian() * 0.3f;
                else if (e.getKey().contains(".bn"))
                    v[i] = e.getKey().endsWith("weight") ? 0.5f + r.nextFloat() : (float) r.nextGaussian() * 0.2f;
            }
        }
        net.loadStateDict(state);
        return net;
    }

    private static void assertArraysClose(NDArray expected, NDArray actual, double rel) {
        Anchors.assertClose("array", expected.toFloatArray(), actual.toFloatArray(), rel);
    }

    /**
     * The evaluation pass (representatives and distinct slots, BatchNorm folded) equals the layer as
     * the reference writes it, on every atom, for each option.
     */
    @Test
    void evaluationPassEqualsTheReferenceFormulation() {
        List<CrystalGraph> graphs = new java.util.ArrayList<>(TestGraphs.graphs(5, 3, 10, 20, true));
        graphs.addAll(TestGraphs.covers(6, 8));
        List<CrystalGraphConvNet.Builder> options = new java.util.ArrayList<>();
        for (boolean mask : new boolean[] {false, true}) {
            for (CGConv.Aggregation agg : CGConv.Aggregation.values()) {
                options.add(CrystalGraphConvNet.builder().optMaskPadding(mask).optAggregation(agg));
            }
        }
        for (Pooling.Mode pool : Pooling.Mode.values())
            options.add(CrystalGraphConvNet.builder().optPooling(pool));
        try (GraphBatch batch = GraphBatch.of(manager, graphs);
                GraphBatch every = GraphBatch.ofEveryAtom(manager, graphs, null)) {
            assertTrue(batch.numRepresentatives() < batch.numAtoms());
            for (CrystalGraphConvNet.Builder option : options) {
                CrystalGraphConvNet net = randomNet(option, 7);
                NDArray exact = net.trace(ps, batch).get("out.0");
                // float32 sums in another order (folded BatchNorm, weighted sums): 2.7e-5 seen
                assertArraysClose(exact, net.forward(ps, batch, false).head(), 1e-4);
                assertArraysClose(exact, net.forward(ps, every, false).head(), 1e-4);
            }
        }
    }

    /**
     * A training step on representatives gives the loss, the gradients and the BatchNorm running
     * statistics of the same step on every atom and slot.
     */
    @Test
    void representativesTrainAsEveryAtom() {
        List<CrystalGraph> graphs = TestGraphs.covers(17, 10);
        for (boolean mask : new boolean[] {false, true}) {
            CrystalGraphConvNet.Builder builder = CrystalGraphConvNet.builder()
                    .optMaskPadding(mask)
                    .optAggregation(mask ? CGConv.Aggregation.MEAN : CGConv.Aggregation.SUM)
                    .optPooling(mask ? Pooling.Mode.ATTENTION : Pooling.Mode.MEAN);
            CrystalGraphConvNet reduced = randomNet(builder, 4);
            CrystalGraphConvNet every = builder.build();
            every.initializeParameters(manager);
            every.loadStateDict(reduced.stateDict());
            try (GraphBatch a = GraphBatch.of(manager, graphs);
                    GraphBatch b = GraphBatch.ofEveryAtom(manager, graphs, null)) {
                assertTrue(a.numRepresentatives() * 2 < a.numAtoms(), a.numRepresentatives() + " representatives");
                assertTrue(a.numSlots() * 2 < b.numSlots(), a.numSlots() + " slots");
                NDArray target = a.getManager().randomNormal(new Shape(graphs.size(), 1));
                float la = step(reduced, a, target), lb = step(every, b, target);
                assertEquals(lb, la, 1e-5 * Math.abs(lb));
                Map<String, Parameter> pa = reduced.torchParameters(), pb = every.torchParameters();
                for (String name : pa.keySet()) {
                    NDArray x = pa.get(name).getArray(), y = pb.get(name).getArray();
                    if (name.contains("running")) {
                        assertArraysClose(y, x, 1e-5);
                    } else if (!name.endsWith("fc_full.bias") && !name.endsWith("gate.bias")) {
                        // (those two are cancelled by BatchNorm and by the softmax: their gradients are round-off)
                        Anchors.assertClose(
                                name,
                                y.getGradient().toFloatArray(),
                                x.getGradient().toFloatArray(),
                                1e-4);
                    }
                }
            }
        }
    }

    private float step(CrystalGraphConvNet net, GraphBatch batch, NDArray target) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = net.forward(ps, batch, true);
            NDArray loss = net.head().loss(out, new NDList(target));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    @Test
    void maskingIgnoresPaddingSlotsAndMeanDividesTheSum() {
        Random r = new Random(11);
        CrystalGraph g = TestGraphs.graph(r, "padded", 6, true);
        float[] bonds = g.bondFeatures().clone();
        int last = g.numAtoms() - 1;
        for (int k = g.neighborCount(last); k < 12; k++) {
            for (int b = 0; b < 41; b++) bonds[(last * 12 + k) * 41 + b] = r.nextFloat();
        }
        CrystalGraph changed = new CrystalGraph(
                "changed",
                g.atomicNumbers(),
                g.atomFeatures(),
                g.neighborIndices(),
                g.neighborDistances(),
                g.neighborImages(),
                g.neighborCounts(),
                bonds);
        for (boolean mask : new boolean[] {false, true}) {
            CrystalGraphConvNet net = randomNet(CrystalGraphConvNet.builder().optMaskPadding(mask), 3);
            try (GraphBatch a = GraphBatch.of(manager, List.of(g));
                    GraphBatch b = GraphBatch.of(manager, List.of(changed))) {
                float pa = net.forward(ps, a, false).head().getFloat(0, 0);
                float pb = net.forward(ps, b, false).head().getFloat(0, 0);
                if (mask) assertEquals(pa, pb, 1e-6f, "masked: padding bond features must not matter");
                else assertNotEquals(pa, pb, "unmasked (reference): padding slots take part");
            }
        }
        CrystalGraphConvNet sum = randomNet(CrystalGraphConvNet.builder(), 5);
        CrystalGraphConvNet mean = CrystalGraphConvNet.builder()
                .optAggregation(CGConv.Aggregation.MEAN)
                .build();
        mean.initializeParameters(manager);
        mean.loadStateDict(sum.stateDict());
        try (GraphBatch batch = GraphBatch.of(manager, List.of(g))) {
            NDArray s = sum.trace(ps, batch).get("conv0.nbr_sumed");
            NDArray m = mean.trace(ps, batch).get("conv0.nbr_sumed");
            assertArraysClose(s.div(12f), m, 1e-6);
        }
    }

    @Test
    void poolingModesAgreeWithTheirDefinitions() {
        List<CrystalGraph> graphs = TestGraphs.graphs(9, 4, 2, 7, false);
        for (Pooling.Mode mode : Pooling.Mode.values()) {
            CrystalGraphConvNet net = randomNet(CrystalGraphConvNet.builder().optPooling(mode), 13);
            try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
                NDList emb = net.embed(ps, batch);
                float[] atoms = emb.get(0).toFloatArray();
                float[] pooled = emb.get(1).toFloatArray();
                assertEquals(new Shape(4, 128), emb.get(2).getShape());
                float[] gw = null;
                float gb = 0;
                if (mode == Pooling.Mode.ATTENTION) {
                    gw = net.torchParameters()
                            .get("pooling.gate.weight")
                            .getArray()
                            .toFloatArray();
                    gb = net.torchParameters()
                            .get("pooling.gate.bias")
                            .getArray()
                            .getFloat(0);
                }
                int offset = 0;
                for (int c = 0; c < graphs.size(); c++) {
                    int n = graphs.get(c).numAtoms();
                    double[] w = new double[n];
                    if (gw != null) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < n; i++) {
                            double s = gb;
                            for (int k = 0; k < 64; k++) s += gw[k] * atoms[(offset + i) * 64 + k];
                            w[i] = s;
                            max = Math.max(max, s);
                        }
                        double z = 0;
                        for (int i = 0; i < n; i++) z += w[i] = Math.exp(w[i] - max);
                        for (int i = 0; i < n; i++) w[i] /= z;
                    }
                    for (int k = 0; k < 64; k++) {
                        double expect = mode == Pooling.Mode.MAX ? Double.NEGATIVE_INFINITY : 0;
                        for (int i = 0; i < n; i++) {
                            double v = atoms[(offset + i) * 64 + k];
                            switch (mode) {
                                case MAX:
                                    expect = Math.max(expect, v);
                                    break;
                                case ATTENTION:
                                    expect += w[i] * v;
                                    break;
                                default:
                                    expect += v;
                            }
                        }
                        if (mode == Pooling.Mode.MEAN) expect /= n;
                        assertEquals(
                                expect,
                                pooled[c * 64 + k],
                                1e-5 * Math.max(1, Math.abs(expect)),
                                mode + " crystal " + c);
                    }
                    offset += n;
                }
            }
        }
    }

    @Test
    void residualConvolutionsAddNormsOnlyWhenAskedAndPassGradientsThroughEightLayers() {
        CrystalGraphConvNet reference =
                CrystalGraphConvNet.builder().optNumConv(8).build();
        reference.initializeParameters(manager);
        assertTrue(!reference.isResidual()
                && reference.torchParameters().keySet().stream().noneMatch(k -> k.startsWith("norms.")));
        CrystalGraphConvNet net =
                randomNet(CrystalGraphConvNet.builder().optNumConv(8).optResidual(true), 5);
        assertTrue(net.isResidual());
        for (int t = 0; t < 8; t++) {
            assertTrue(net.torchParameters().containsKey("norms." + t + ".weight"), "norms." + t);
            assertTrue(net.torchParameters().containsKey("norms." + t + ".running_var"), "norms." + t);
        }
        List<CrystalGraph> graphs = TestGraphs.graphs(6, 4, 2, 6, true);
        try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
            NDList out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = net.forward(ps, batch, true);
                NDArray loss = out.head().square().mean();
                collector.backward(loss);
            }
            assertEquals(new Shape(4, 1), out.head().getShape());
            // the shortcut carries the embedding's gradient through all eight blocks, first block included
            for (String name : List.of("embedding.weight", "convs.0.fc_full.weight", "norms.0.weight")) {
                try (NDArray g = net.torchParameters().get(name).getArray().getGradient()) {
                    assertTrue(g.abs().sum().getFloat() > 0, "no gradient reaches " + name);
                }
            }
            // the state dict round-trips with the extra norms, and evaluation gives the same numbers
            CrystalGraphConvNet copy = CrystalGraphConvNet.builder()
                    .optNumConv(8)
                    .optResidual(true)
                    .build();
            copy.initializeParameters(manager);
            copy.loadStateDict(net.stateDict());
            assertArraysClose(
                    net.forward(ps, batch, false).head(),
                    copy.forward(ps, batch, false).head(),
                    1e-6);
            assertThrows(IllegalArgumentException.class, () -> reference.loadStateDict(net.stateDict()));
        }
    }

    @Test
    void headsGiveNormalisedDistributionsAndTrainableLosses() {
        List<CrystalGraph> graphs = TestGraphs.graphs(4, 5, 2, 6, true);
        Random r = new Random(2);
        float[] sg = new float[5];
        for (int i = 0; i < 5; i++) sg[i] = r.nextInt(230);
        Map<String, CrystalGraphConvNet.Builder> builders = Map.of(
                "regression", CrystalGraphConvNet.builder().optRegression(3).optNumHidden(2),
                "classification", CrystalGraphConvNet.builder().optClassification(7),
                "multitask", CrystalGraphConvNet.builder().optMultiTask(2),
                "bravais", CrystalGraphConvNet.builder().optBravaisSpaceGroup());
        for (var e : builders.entrySet()) {
            CrystalGraphConvNet net = randomNet(e.getValue(), 21);
            try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
                NDManager bm = batch.getManager();
                NDList labels;
                switch (e.getKey()) {
                    case "regression":
                        labels = new NDList(bm.randomNormal(new Shape(5, 3)));
                        break;
                    case "classification":
                        labels = new NDList(bm.create(new long[] {0, 6, 3, 2, 1}));
                        break;
                    case "multitask":
                        labels = new NDList(
                                bm.create(sg), bm.randomNormal(new Shape(5, 1)), bm.randomNormal(new Shape(5, 2)));
                        break;
                    default:
                        labels = new NDList(bm.create(sg));
                }
                NDList out;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    out = net.forward(ps, batch, true);
                    NDArray loss = net.head().loss(out, labels);
                    assertTrue(Float.isFinite(loss.getFloat()), e.getKey() + " loss");
                    collector.backward(loss);
                }
                assertEquals(net.head().outputNames().size(), out.size());
                for (var p : net.torchParameters().entrySet()) {
                    if (p.getKey().contains("running") || !p.getValue().requiresGradient()) continue;
                    if (p.getKey().endsWith("fc_full.bias")) continue; // cancelled by BatchNorm
                    try (NDArray g = p.getValue().getArray().getGradient()) {
                        assertTrue(g.abs().sum().getFloat() > 0, e.getKey() + ": no gradient reaches " + p.getKey());
                        g.subi(g);
                    }
                }
                NDList eval = net.forward(ps, batch, false);
                for (int i = 0; i < eval.size(); i++) {
                    String name = net.head().outputNames().get(i);
                    if (name.contains("log_probabilities")) {
                        NDArray total = eval.get(i).exp().sum(new int[] {1});
                        assertArraysClose(bm.ones(total.getShape()), total, 1e-5);
                    }
                }
                if (e.getKey().equals("bravais")) {
                    // p(lattice) equals the sum of p(space group) over the lattice's groups
                    float[] lat = eval.get(0).exp().toFloatArray();
                    float[] grp = eval.get(1).exp().toFloatArray();
                    for (int c = 0; c < 5; c++) {
                        double[] sums = new double[14];
                        for (int s = 1; s <= 230; s++)
                            sums[BravaisLattice.ofSpaceGroup(s).ordinal()] += grp[c * 230 + s - 1];
                        for (int l = 0; l < 14; l++) assertEquals(lat[c * 14 + l], sums[l], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void globalDescriptorsAreFusedWithThePooledEmbedding() {
        List<CrystalGraph> graphs = TestGraphs.graphs(6, 3, 2, 5, false);
        CrystalGraphConvNet net = randomNet(CrystalGraphConvNet.builder().optGlobalFeatureLength(4), 1);
        assertEquals(
                new Shape(128, 68),
                net.torchParameters().get("conv_to_fc.weight").getArray().getShape());
        float[][] g1 = {{0, 0, 0, 0}, {1, 2, 3, 4}, {0, 0, 0, 0}};
        float[][] g2 = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        try (GraphBatch a = GraphBatch.of(manager, graphs, g1);
                GraphBatch b = GraphBatch.of(manager, graphs, g2);
                GraphBatch none = GraphBatch.of(manager, graphs)) {
            float[] pa = net.forward(ps, a, false).head().toFloatArray();
            float[] pb = net.forward(ps, b, false).head().toFloatArray();
            assertEquals(pa[0], pb[0], 1e-6f);
            assertNotEquals(pa[1], pb[1]);
            var e = assertThrows(IllegalArgumentException.class, () -> net.forward(ps, none, false));
            assertTrue(e.getMessage().contains("global descriptors"), e.getMessage());
            CrystalGraphConvNet other =
                    CrystalGraphConvNet.builder().optAtomInputLength(50).build();
            other.initializeParameters(manager);
            e = assertThrows(IllegalArgumentException.class, () -> other.forward(ps, none, false));
            assertTrue(e.getMessage().contains("92 atom and 41 bond"), e.getMessage());
        }
    }

    @Test
    void stateDictRoundTripsAndMismatchesAreExplained() {
        CrystalGraphConvNet a = randomNet(CrystalGraphConvNet.builder().optNumConv(2), 8);
        CrystalGraphConvNet b = CrystalGraphConvNet.builder().optNumConv(2).build();
        b.initializeParameters(manager);
        b.loadStateDict(a.stateDict());
        List<CrystalGraph> graphs = TestGraphs.graphs(8, 3, 2, 5, false);
        try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
            assertArraysClose(
                    a.forward(ps, batch, false).head(),
                    b.forward(ps, batch, false).head(),
                    0);
        }
        Map<String, float[]> state = new HashMap<>(a.stateDict());
        state.remove("convs.1.bn2.running_var");
        state.put("convs.2.fc_full.weight", new float[1]);
        var e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(state));
        assertTrue(
                e.getMessage().contains("convs.1.bn2.running_var")
                        && e.getMessage().contains("convs.2.fc_full.weight"),
                e.getMessage());
        Map<String, float[]> wrongShape = new HashMap<>(a.stateDict());
        wrongShape.put("embedding.bias", new float[3]);
        e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(wrongShape));
        assertTrue(e.getMessage().startsWith("embedding.bias"), e.getMessage());
        Map<String, Parameter> params = a.torchParameters();
        assertEquals(DataType.FLOAT32, params.get("embedding.weight").getArray().getDataType());
        assertEquals(
                new Shape(64, 92), params.get("embedding.weight").getArray().getShape());
    }

    @Test
    void bravaisLatticesOfTheSpaceGroups() {
        int[] expected = {2, 8, 5, 30, 15, 9, 5, 49, 19, 7, 45, 15, 10, 11};
        int[] counts = new int[14];
        for (int s = 1; s <= 230; s++) counts[BravaisLattice.ofSpaceGroup(s).ordinal()]++;
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(counts));
        assertEquals(BravaisLattice.CUBIC_F, BravaisLattice.ofSpaceGroup(225)); // Fm-3m, rock salt
        assertEquals(BravaisLattice.RHOMBOHEDRAL, BravaisLattice.ofSpaceGroup(167));
        assertEquals(BravaisLattice.ORTHORHOMBIC_C, BravaisLattice.ofSpaceGroup(38)); // Amm2
        assertThrows(IllegalArgumentException.class, () -> BravaisLattice.ofSpaceGroup(231));
    }
}

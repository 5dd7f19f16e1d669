package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spinel.graph.BondAngles;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

class AngleLayersTest {

    private static final int NEAREST = 8;
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

    /** A triclinic cell with {@code n} atoms at random positions. */
    private static Structure randomCrystal(long seed, int n) {
        Random r = new Random(seed);
        Lattice lattice = Lattice.fromParameters(4.1, 4.7, 5.3, 81, 97, 104);
        List<Element> elements = new ArrayList<>();
        double[][] frac = new double[n][];
        String[] symbols = {"Na", "Cl", "O", "Si", "Fe"};
        for (int i = 0; i < n; i++) {
            elements.add(Element.of(symbols[i % symbols.length]));
            frac[i] = new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        }
        return Structure.of(lattice, elements, frac);
    }

    private static CrystalGraph graph(Structure s) {
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        return g.withBondAngles(BondAngles.of(s, g, NEAREST));
    }

    /** {@code s} rotated by a rotation about (1, 2, 3) by 0.7 rad (same fractional coordinates). */
    private static Structure rotated(Structure s) {
        double[] u = {1 / Math.sqrt(14), 2 / Math.sqrt(14), 3 / Math.sqrt(14)};
        double c = Math.cos(0.7), sn = Math.sin(0.7);
        double[][] rot = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rot[i][j] = (i == j ? c : 0) + (1 - c) * u[i] * u[j];
            }
        }
        rot[0][1] -= sn * u[2];
        rot[0][2] += sn * u[1];
        rot[1][0] += sn * u[2];
        rot[1][2] -= sn * u[0];
        rot[2][0] -= sn * u[1];
        rot[2][1] += sn * u[0];
        double[][] m = s.lattice().matrix();
        double[][] out = new double[3][3];
        for (int v = 0; v < 3; v++)
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) out[v][i] += rot[i][j] * m[v][j];
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) elements.add(s.site(i).element());
        return Structure.of(new Lattice(out), elements, s.fracCoords());
    }

    /** {@code s} with its sites in reverse order. */
    private static Structure reversed(Structure s) {
        List<Element> elements = new ArrayList<>();
        double[][] frac = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            elements.add(s.site(s.size() - 1 - i).element());
            frac[i] = s.site(s.size() - 1 - i).fracCoords();
        }
        return Structure.of(s.lattice(), elements, frac);
    }

    /** A network with angle layers, random weights and non-trivial BatchNorm running statistics. */
    private CrystalGraphConvNet randomNet(long seed) {
        CrystalGraphConvNet net =
                CrystalGraphConvNet.builder().optAngleLayers(2).build();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed); // the initial weights too: no flaky test
        net.initializeParameters(manager);
        Random r = new Random(seed);
        Map<String, float[]> state = new HashMap<>(net.stateDict());
        for (var e : state.entrySet()) {
            float[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (e.getKey().endsWith("running_var")) v[i] = 0.5f + r.nextFloat();
                else if (e.getKey().endsWith("running_mean")) v[i] = (float) r.nextGaussian() * 0.3f;
            }
        }
        net.loadStateDict(state);
        return net;
    }

    private float[] predict(CrystalGraphConvNet net, List<CrystalGraph> graphs) {
        try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
            assertTrue(batch.hasBondAngles());
            return net.forward(ps, batch, false).head().toFloatArray();
        }
    }

    @Test
    void outputIsInvariantToRotatingTheStructureAndPermutingItsAtoms() {
        CrystalGraphConvNet net = randomNet(3);
        Structure a = randomCrystal(1, 5), b = randomCrystal(2, 3);
        float[] expected = predict(net, List.of(graph(a), graph(b)));
        float[] moved = predict(net, List.of(graph(rotated(a)), graph(reversed(b))));
        float[] both = predict(net, List.of(graph(reversed(rotated(b))), graph(rotated(reversed(a)))));
        for (int c = 0; c < 2; c++) {
            assertEquals(expected[c], moved[c], 1e-5 * Math.max(1, Math.abs(expected[c])), "crystal " + c);
            assertEquals(expected[c], both[1 - c], 1e-5 * Math.max(1, Math.abs(expected[c])), "crystal " + c);
        }
    }

    @Test
    void theAnglesChangeTheOutput() {
        CrystalGraphConvNet net = randomNet(4);
        Structure a = randomCrystal(5, 4);
        CrystalGraph g = graph(a);
        float[] cos = g.bondAngles().cosines().clone();
        for (int t = 0; t < cos.length; t++) cos[t] = -cos[t];
        CrystalGraph flipped = g.withBondAngles(new BondAngles(NEAREST, cos));
        assertFalse(Math.abs(predict(net, List.of(g))[0] - predict(net, List.of(flipped))[0]) < 1e-4);
    }

    @Test
    void trainsEveryLayerAndRoundTripsItsStateDict() {
        CrystalGraphConvNet net = randomNet(6);
        assertEquals(2, net.angleLayers());
        List<CrystalGraph> graphs = List.of(graph(randomCrystal(7, 4)), graph(randomCrystal(8, 6)));
        try (GraphBatch batch = GraphBatch.of(manager, graphs)) {
            assertEquals(batch.numAtoms() * 12L, batch.numSlots()); // every slot kept
            NDList out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = net.forward(ps, batch, true);
                collector.backward(out.head().square().mean());
            }
            assertEquals(new Shape(2, 1), out.head().getShape());
            for (String name : List.of(
                    "embedding.weight",
                    "angle_layers.angle_embedding.weight",
                    "angle_layers.layers.0.line.edge_gate.weight",
                    "angle_layers.layers.1.atom.src_update.weight",
                    "convs.0.fc_full.weight")) {
                try (NDArray g = net.torchParameters().get(name).getArray().getGradient()) {
                    assertTrue(g.abs().sum().getFloat() > 0, "no gradient reaches " + name);
                }
            }
            CrystalGraphConvNet copy =
                    CrystalGraphConvNet.builder().optAngleLayers(2).build();
            copy.initializeParameters(manager);
            copy.loadStateDict(net.stateDict());
            Anchors.assertClose(
                    "copy",
                    net.forward(ps, batch, false).head().toFloatArray(),
                    copy.forward(ps, batch, false).head().toFloatArray(),
                    1e-6);
        }
    }

    @Test
    void aNetworkWithAngleLayersRefusesABatchWithoutAngles() {
        CrystalGraphConvNet net = randomNet(9);
        CrystalGraph plain = CrystalGraphBuilder.cgcnnDefaults().build(randomCrystal(10, 3));
        try (GraphBatch batch = GraphBatch.of(manager, List.of(plain))) {
            assertFalse(batch.hasBondAngles());
            var e = assertThrows(IllegalArgumentException.class, () -> net.forward(ps, batch, false));
            assertTrue(e.getMessage().contains("no bond angles"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> GraphBatch.of(manager, List.of(plain, graph(randomCrystal(11, 3)))));
    }
}

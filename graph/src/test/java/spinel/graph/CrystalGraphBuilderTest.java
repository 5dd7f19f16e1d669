package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.junit.jupiter.api.Test;

class CrystalGraphBuilderTest {

    static Structure nacl() {
        double[][] frac = {
            {0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5},
            {0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}, {0.5, 0.5, 0.5},
        };
        List<Element> el = new ArrayList<>();
        for (int i = 0; i < 8; i++) el.add(Element.of(i < 4 ? "Na" : "Cl"));
        return Structure.of(Lattice.cubic(5.64), el, frac).withId("NaCl");
    }

    @Test
    void defaultsAreCgcnns() {
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(nacl());
        assertEquals("NaCl", g.id());
        assertEquals(8, g.numAtoms());
        assertEquals(12, g.maxNeighbors());
        assertEquals(92, g.atomFeatureLength());
        assertEquals(41, g.bondFeatureLength());
        for (int i = 0; i < 8; i++) {
            assertEquals(12, g.neighborCount(i));
            for (int k = 0; k < 6; k++) assertEquals(2.82f, g.neighborDistance(i, k), 1e-6f);
            for (int k = 6; k < 12; k++) assertEquals((float) (5.64 / Math.sqrt(2)), g.neighborDistance(i, k), 1e-6f);
        }
        assertArrayEquals(
                CgcnnAtomFeaturizer.instance().featurize(Element.of("Cl")),
                java.util.Arrays.copyOfRange(g.atomFeatures(), 4 * 92, 5 * 92));
    }

    @Test
    void shortListsArePaddedAsTheReference() {
        // two atoms 3 Å apart in a 20 Å box: each sees only the other within 8 Å
        Lattice lat = Lattice.cubic(20);
        Structure s = Structure.of(
                lat, List.of(Element.of("H"), Element.of("H")), new double[][] {{0.1, 0.1, 0.1}, {0.25, 0.1, 0.1}});
        GaussianDistance gd = new GaussianDistance();
        CrystalGraph g =
                CrystalGraphBuilder.builder().optWarnOnPadding(false).build().build(s);
        for (int i = 0; i < 2; i++) {
            assertEquals(1, g.neighborCount(i));
            assertEquals(1 - i, g.neighborIndex(i, 0));
            assertEquals(3.0f, g.neighborDistance(i, 0), 1e-6f);
            for (int k = 1; k < 12; k++) {
                assertEquals(0, g.neighborIndex(i, k));
                assertEquals(9.0f, g.neighborDistance(i, k));
                float[] fea = java.util.Arrays.copyOfRange(g.bondFeatures(), (i * 12 + k) * 41, (i * 12 + k + 1) * 41);
                assertArrayEquals(gd.featurize(9.0), fea);
            }
        }
    }

    @Test
    void anElementWithoutFeaturesNamesTheStructureAndSite() throws Exception {
        AtomInitFeaturizer onlyNa = AtomInitFeaturizer.load(
                new java.io.ByteArrayInputStream("{\"11\": [1, 0]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "na.json");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CrystalGraphBuilder.builder()
                        .optAtomFeaturizer(onlyNa)
                        .build()
                        .build(nacl()));
        assertTrue(e.getMessage().startsWith("NaCl, site 4 (Cl)"), e.getMessage());
        assertTrue(e.getMessage().contains("na.json"), e.getMessage());
    }

    @Test
    void optionsChangeTheGraph() {
        CrystalGraphBuilder b = CrystalGraphBuilder.builder()
                .optRadius(4)
                .optMaxNeighbors(6)
                .optBondFeaturizer(new GaussianDistance(0, 4, 0.5, 0.5))
                .build();
        CrystalGraph g = b.build(nacl());
        assertEquals(6, g.maxNeighbors());
        assertEquals(9, g.bondFeatureLength());
        assertEquals(6, g.neighborCount(0));
        // default bond featurizer follows the radius, as CGCNN's GaussianDistance(dmin=0, dmax=radius)
        assertEquals(
                31,
                CrystalGraphBuilder.builder()
                        .optRadius(6)
                        .build()
                        .bondFeaturizer()
                        .length());
    }

    @Test
    void disorderedSitesAreOccupancyWeighted() {
        Lattice lat = Lattice.cubic(3.6);
        Site mixed = new Site(
                Map.of(Species.of(Element.of("Fe")), 0.5, Species.of(Element.of("Ni")), 0.5), new double[3], lat, null);
        Structure s = new Structure(lat, List.of(mixed));
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        float[] fe = CgcnnAtomFeaturizer.instance().featurize(Element.of("Fe"));
        float[] ni = CgcnnAtomFeaturizer.instance().featurize(Element.of("Ni"));
        for (int k = 0; k < 92; k++) assertEquals(0.5f * (fe[k] + ni[k]), g.atomFeatures()[k], 1e-7f);
    }

    @Test
    void multigraphOfAOneAtomCellIsSelfLoops() {
        Structure s = Structure.of(Lattice.cubic(3.0), List.of(Element.of("Po")), new double[][] {{0, 0, 0}});
        Graph<Integer, Bond> d = CrystalMultigraph.directed(s, 4.3, new GaussianDistance());
        assertEquals(1, d.vertexSet().size());
        // 6 faces at 3 Å and 12 edges at 4.24 Å
        assertEquals(18, d.edgeSet().size());
        assertTrue(d.edgeSet().stream().allMatch(Bond::isSelfLoop));
        assertEquals(41, d.edgeSet().iterator().next().features().length);
        Graph<Integer, Bond> u = CrystalMultigraph.undirected(s, 4.3, null);
        assertEquals(9, u.edgeSet().size());
        assertEquals(0, u.edgeSet().iterator().next().features().length);
    }

    @Test
    void multigraphHasEveryNeighbourWithinTheRadius() {
        Structure s = nacl();
        NeighborList nl = NeighborList.within(s, 8.0);
        Graph<Integer, Bond> d = CrystalGraphBuilder.cgcnnDefaults().buildMultigraph(s);
        assertEquals(8, d.vertexSet().size());
        assertEquals(nl.size(), d.edgeSet().size());
        for (int i = 0; i < 8; i++) assertEquals(nl.count(i), d.outDegreeOf(i));
        // between Na 0 and Cl 4: parallel edges, one per image within 8 Å
        long parallel = d.getAllEdges(0, 4).size();
        long expected = nl.neighbors(0).stream().filter(n -> n.index() == 4).count();
        assertEquals(expected, parallel);
        assertTrue(parallel > 1);
        Graph<Integer, Bond> u = CrystalMultigraph.undirected(nl, null);
        assertEquals(nl.size() / 2, u.edgeSet().size());
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.NeighborList;
import spinel.graph.Structure;

/**
 * The reference CGCNN's 10 sample COD CIFs (anchors/cgcnn/sample) read as the reference read them.
 * The reference (pymatgen's CifParser with its default primitive=True) stores the primitive cell
 * in sample_graphs.npz; we read the conventional cell as given, so the test checks that both cells
 * hold the same crystal: same element ratios, the same volume per atom, and a whole number of
 * primitive cells in ours. Every site of our cell is equivalent to a site of the primitive cell, so
 * each site's 12 nearest-neighbour distances (all periodic images within 8 Å) must equal those of a
 * reference site of the same element, to 1e-4 Å, and every reference row must be met.
 */
class CgcnnSampleCifTest {

    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path SAMPLE = SHARED.resolve("anchors/cgcnn/sample");
    static final Path GRAPHS = SHARED.resolve("anchors/cgcnn/reference/sample_graphs.npz");

    static Stream<String> ids() {
        return Stream.of(
                "1000041", "1000050", "1101051", "1507756", "7206075", "9000046", "9009743", "9011050", "9011998",
                "9012304");
    }

    private static Npz npz;

    private static synchronized Npz graphs() throws Exception {
        if (npz == null) npz = Npz.read(GRAPHS);
        return npz;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void sameCrystalAsTheReference(String id) throws Exception {
        assumeTrue(Files.isDirectory(SAMPLE) && Files.isRegularFile(GRAPHS), "CGCNN anchors absent");
        Structure s = new CifReader().readOne(SAMPLE.resolve(id + ".cif"));
        int[] z = graphs().ints(id + "/atomic_numbers");
        double[] m = graphs().doubles(id + "/lattice");
        double refVolume =
                new Lattice(new double[][] {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], m[8]}}).volume();

        Map<Element, Integer> ref = new TreeMap<>();
        for (int zi : z) ref.merge(Element.of(zi), 1, Integer::sum);
        Map<Element, Double> ours = s.composition().asMap();
        assertEquals(ref.keySet(), new java.util.TreeSet<>(ours.keySet()), id);
        double cells = s.size() / (double) z.length;
        assertEquals(
                Math.rint(cells),
                cells,
                1e-12,
                id + ": " + s.size() + " sites vs " + z.length + " in the primitive cell");
        assertTrue(cells >= 1, id);
        for (Map.Entry<Element, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue() * cells, ours.get(e.getKey()), 1e-9, id + " " + e.getKey());
        }
        assertEquals(refVolume * cells, s.volume(), 1e-6 * s.volume(), id + ": volume per atom");
        assertTrue(s.isOrdered(), id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void twelveNearestDistancesEqualTheReferenceGraph(String id) throws Exception {
        assumeTrue(Files.isDirectory(SAMPLE) && Files.isRegularFile(GRAPHS), "CGCNN anchors absent");
        Structure s = new CifReader().readOne(SAMPLE.resolve(id + ".cif"));
        int[] refZ = graphs().ints(id + "/atomic_numbers");
        double[] refD = graphs().doubles(id + "/nbr_dist");
        int m = refD.length / refZ.length;
        assertEquals(12, m, id);
        NeighborList nl = NeighborList.nearest(s, m, 8.0);
        boolean[] met = new boolean[refZ.length];
        for (int i = 0; i < s.size(); i++) {
            assertEquals(m, nl.count(i), id + " site " + i + " has fewer than 12 neighbours within 8 Å");
            int match = -1;
            for (int r = 0; r < refZ.length && match < 0; r++) {
                if (refZ[r] != s.site(i).element().z()) continue;
                boolean same = true;
                for (int k = 0; k < m && same; k++)
                    same = Math.abs(nl.distance(nl.start(i) + k) - refD[r * m + k]) <= 1e-4;
                if (same) match = r;
            }
            assertTrue(
                    match >= 0,
                    id + ": site " + i + " (" + s.site(i) + ") has no reference site with its 12 distances");
            met[match] = true;
            for (int r = 0; r < refZ.length; r++) {
                if (met[r] || refZ[r] != refZ[match]) continue;
                boolean same = true;
                for (int k = 0; k < m && same; k++) same = Math.abs(refD[r * m + k] - refD[match * m + k]) <= 1e-4;
                if (same) met[r] = true; // symmetry-equivalent reference sites share the row
            }
        }
        for (int r = 0; r < refZ.length; r++) assertTrue(met[r], id + ": reference site " + r + " is not in our cell");
    }
}

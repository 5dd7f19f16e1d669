package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spinel.graph.io.Npz;

/**
 * Parity with the reference CGCNN graphs of the 10 sample CIFs (anchors/cgcnn/reference/
 * sample_graphs.npz, made by cgcnn/data.py with pymatgen): structures are rebuilt from the stored
 * lattice, fractional coordinates and atomic numbers.
 */
class CgcnnParityTest {

    static final Path REF =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn");
    static Npz npz;
    static JsonNode ties;
    static List<String> ids;

    @BeforeAll
    static void load() throws IOException {
        Path file = REF.resolve("reference/sample_graphs.npz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "anchors absent");
        npz = Npz.read(file);
        ties = new ObjectMapper()
                .readTree(REF.resolve("reference/sample_graphs_ties.json").toFile())
                .get("ties");
        Set<String> s = new TreeSet<>();
        for (String name : npz.names()) if (name.contains("/")) s.add(name.substring(0, name.indexOf('/')));
        ids = new ArrayList<>(s);
        assertEquals(10, ids.size());
    }

    static Structure structure(String id) {
        Lattice lat = new Lattice(npz.get(id + "/lattice").asDoubleMatrix());
        double[][] frac = npz.get(id + "/frac_coords").asDoubleMatrix();
        List<Element> el = new ArrayList<>();
        for (int z : npz.ints(id + "/atomic_numbers")) el.add(Element.of(z));
        return Structure.of(lat, el, frac).withId(id);
    }

    @Test
    void gaussianCentresAreTheReferences() {
        assertArrayEquals(npz.doubles("gaussian_centers"), new GaussianDistance().centers(), 0.0);
        assertEquals(npz.doubles("gaussian_var")[0], new GaussianDistance().var());
    }

    @Test
    void cartesianCoordinatesAgree() {
        for (String id : ids) {
            double[][] ref = npz.get(id + "/cart_coords").asDoubleMatrix();
            double[][] ours = structure(id).cartCoords();
            for (int i = 0; i < ref.length; i++) assertArrayEquals(ref[i], ours[i], 1e-9, id);
        }
    }

    @Test
    void neighbourCountsWithinTheRadiusAgree() {
        for (String id : ids) {
            NeighborList nl = NeighborList.within(structure(id), 8.0);
            int[] ref = npz.ints(id + "/n_nbrs_within_radius");
            for (int i = 0; i < ref.length; i++) assertEquals(ref[i], nl.count(i), id + " site " + i);
        }
    }

    @Test
    void graphsMatchTheReference() throws IOException {
        AtomInitFeaturizer atomInit = AtomInitFeaturizer.load(REF.resolve("sample/atom_init.json"));
        CrystalGraphBuilder builder =
                CrystalGraphBuilder.builder().optAtomFeaturizer(atomInit).build();
        int tieAtoms = 0;
        for (String id : ids) {
            CrystalGraph g = builder.build(structure(id));
            int n = g.numAtoms();
            int m = 12;
            assertEquals(m, g.maxNeighbors());
            assertEquals(41, g.bondFeatureLength());
            assertArrayEquals(npz.floats(id + "/atom_fea"), g.atomFeatures(), id + " atom features");
            double[] refDist = npz.doubles(id + "/nbr_dist");
            int[] refIdx = npz.ints(id + "/nbr_fea_idx");
            int[] refImg = npz.ints(id + "/nbr_image");
            float[] refFea = npz.floats(id + "/nbr_fea");
            Set<Integer> tied = new HashSet<>();
            if (ties.has(id))
                for (JsonNode t : ties.get(id)) tied.add(t.get("atom").asInt());
            tieAtoms += tied.size();
            for (int i = 0; i < n; i++) {
                assertEquals(m, g.neighborCount(i));
                // distances slot by slot (both sorted ascending)
                for (int k = 0; k < m; k++) {
                    assertEquals(refDist[i * m + k], g.neighborDistance(i, k), 1e-4, id + " atom " + i + " slot " + k);
                }
                float[] ours = Arrays.copyOfRange(g.bondFeatures(), i * m * 41, (i + 1) * m * 41);
                float[] ref = Arrays.copyOfRange(refFea, i * m * 41, (i + 1) * m * 41);
                for (int q = 0; q < ours.length; q++)
                    assertEquals(ref[q], ours[q], 1e-5, id + " atom " + i + " feature " + q);
                if (tied.contains(i)) continue;
                // no tie at the cut: the same (index, image) pairs within each shell of equal distance
                int k = 0;
                while (k < m) {
                    int end = k;
                    while (end < m && Math.abs(refDist[i * m + end] - refDist[i * m + k]) < 1e-6) end++;
                    assertEquals(
                            pairs(refIdx, refImg, i, k, end, m),
                            pairs(g.neighborIndices(), g.neighborImages(), i, k, end, m),
                            id + " atom " + i + " shell starting at slot " + k);
                    k = end;
                }
            }
        }
        assertTrue(tieAtoms > 0, "the sample set has ties at the 12th neighbour, which this test must cover");
    }

    private static Set<String> pairs(int[] idx, int[] img, int i, int from, int to, int m) {
        Set<String> s = new TreeSet<>();
        for (int k = from; k < to; k++) {
            int slot = i * m + k;
            s.add(idx[slot] + ":" + img[3 * slot] + "," + img[3 * slot + 1] + "," + img[3 * slot + 2]);
        }
        return s;
    }
}

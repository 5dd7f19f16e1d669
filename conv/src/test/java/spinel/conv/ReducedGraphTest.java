package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spinel.graph.CrystalGraph;

class ReducedGraphTest {

    /**
     * Each representative's distinct slots, expanded by their counts, are its atom's M slots: the
     * same neighbour representatives, bond-feature rows and padding flags.
     */
    @Test
    void distinctSlotsExpandToTheAtomsSlots() {
        List<CrystalGraph> graphs = new ArrayList<>(TestGraphs.graphs(7, 3, 3, 8, true));
        graphs.add(TestGraphs.cover(new Random(3), "cover", 4, 3, true));
        for (CrystalGraph g : graphs) {
            ReducedGraph r = ReducedGraph.of(g);
            int m = g.maxNeighbors(), b = g.bondFeatureLength();
            ReducedGraph.SlotTable t = r.slots();
            for (int j = 0; j < r.numRepresentatives(); j++) {
                int atom = firstAtom(r, j);
                assertArrayEquals(
                        Arrays.copyOfRange(
                                g.atomFeatures(), atom * g.atomFeatureLength(), (atom + 1) * g.atomFeatureLength()),
                        Arrays.copyOfRange(
                                r.atomFeatures(), j * g.atomFeatureLength(), (j + 1) * g.atomFeatureLength()));
                List<String> expected = new ArrayList<>();
                for (int k = 0; k < m; k++) {
                    float[] row = Arrays.copyOfRange(g.bondFeatures(), (atom * m + k) * b, (atom * m + k + 1) * b);
                    int nbr = r.representativeOf()[g.neighborIndex(atom, k)];
                    expected.add(nbr + " " + Arrays.toString(row) + " " + (k < g.neighborCount(atom)));
                }
                List<String> actual = new ArrayList<>();
                for (int s = 0; s < t.size(); s++) {
                    if (t.atom()[s] != j) continue;
                    float[] row = Arrays.copyOfRange(r.bondFeatures(), t.bond()[s] * b, (t.bond()[s] + 1) * b);
                    for (int c = 0; c < t.count()[s]; c++)
                        actual.add(t.neighbor()[s] + " " + Arrays.toString(row) + " " + t.real()[s]);
                }
                expected.sort(null);
                actual.sort(null);
                assertEquals(expected, actual, g.id() + " representative " + j);
            }
        }
    }

    /** The cyclic cover's copies of an atom share a representative; the bond rows are distinct. */
    @Test
    void equivalentAtomsShareARepresentativeAndRowsAreDistinct() {
        CrystalGraph g = TestGraphs.cover(new Random(5), "cover", 4, 3, false);
        ReducedGraph r = ReducedGraph.of(g);
        assertTrue(r.numRepresentatives() <= 4, "at most one representative per base atom");
        assertEquals(g.numAtoms(), Arrays.stream(r.atomsPerRepresentative()).sum());
        int b = r.bondFeatureLength();
        for (int u = 0; u < r.numBondRows(); u++) {
            for (int v = u + 1; v < r.numBondRows(); v++) {
                assertNotEquals(
                        Arrays.toString(Arrays.copyOfRange(r.bondFeatures(), u * b, (u + 1) * b)),
                        Arrays.toString(Arrays.copyOfRange(r.bondFeatures(), v * b, (v + 1) * b)));
            }
        }
        for (int u = 0; u < r.numBondRows(); u++) {
            float d = r.bondDistances()[u];
            int slot = 0;
            while (g.neighborDistances()[slot] != d) slot++;
            assertArrayEquals(
                    Arrays.copyOfRange(g.bondFeatures(), slot * b, (slot + 1) * b),
                    Arrays.copyOfRange(r.bondFeatures(), u * b, (u + 1) * b),
                    "row " + u + " is the expansion of its distance");
        }
    }

    @Test
    void everyAtomKeepsEverySlot() {
        CrystalGraph g = TestGraphs.graphs(2, 1, 5, 5, true).get(0);
        ReducedGraph r = ReducedGraph.everyAtom(g);
        assertEquals(g.numAtoms(), r.numRepresentatives());
        assertEquals(g.numAtoms() * g.maxNeighbors(), r.slots().size());
        assertTrue(Arrays.stream(r.slots().count()).allMatch(c -> c == 1));
    }

    @Test
    void rejectsInconsistentParts() {
        ReducedGraph r = ReducedGraph.of(TestGraphs.graphs(4, 1, 4, 4, false).get(0));
        ReducedGraph.SlotTable t = r.slots();
        int[] count = t.count().clone();
        count[0]++;
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new ReducedGraph(
                        r.maxNeighbors(),
                        r.representativeOf(),
                        r.atomFeatures(),
                        new ReducedGraph.SlotTable(t.atom(), t.neighbor(), t.bond(), count, t.real()),
                        r.bondFeatures(),
                        r.bondDistances()));
        assertTrue(e.getMessage().contains("expected M = 12"), e.getMessage());
        int[] repOf = r.representativeOf().clone();
        repOf[0] = 1;
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReducedGraph(
                        r.maxNeighbors(), repOf, r.atomFeatures(), t, r.bondFeatures(), r.bondDistances()));
    }

    private static int firstAtom(ReducedGraph r, int rep) {
        int i = 0;
        while (r.representativeOf()[i] != rep) i++;
        return i;
    }
}

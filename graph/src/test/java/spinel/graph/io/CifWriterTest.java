package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;

/** CifWriter output read back by CifReader gives the same structure. */
class CifWriterTest {

    static void assertSameStructure(Structure a, Structure b, double latticeTol, double posTol) {
        assertArrayEquals(a.lattice().lengths(), b.lattice().lengths(), latticeTol);
        assertArrayEquals(a.lattice().angles(), b.lattice().angles(), latticeTol);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // CifReader, like pymatgen's CifParser, wraps positions into the cell: compare modulo lattice translations
            for (int j = 0; j < 3; j++) {
                double d = a.site(i).frac(j) - b.site(i).frac(j);
                assertEquals(
                        0,
                        d - Math.rint(d),
                        posTol,
                        "site " + i + " coordinate " + j + ": " + a.site(i) + " vs " + b.site(i));
            }
            assertEquals(a.site(i).species().size(), b.site(i).species().size(), "site " + i);
            for (Map.Entry<Species, Double> e : a.site(i).species().entrySet()) {
                Double occ = b.site(i).species().get(e.getKey());
                assertTrue(occ != null, "site " + i + " lost " + e.getKey() + ": " + b.site(i));
                assertEquals(e.getValue(), occ, 1e-12);
            }
        }
    }

    @Test
    void disorderedOxidisedTriclinicStructureRoundTrips() throws Exception {
        Structure s = new PymatgenJson()
                .parse(PoscarReaderTest.resource("pymatgen_disordered.json"), "d")
                .get(0);
        String cif = new CifWriter().format(s);
        assertTrue(cif.contains("  Fe3+  Fe0  1  0.1  0.2  0.3  0.5\n  Mn2+  Mn0  1  0.1  0.2  0.3  0.5\n"), cif);
        Structure back = new CifReader().parse(cif, "d.cif").get(0);
        assertSameStructure(s, back, 1e-8, 1e-12);
    }

    @Test
    void orderedStructureWithUnroundedNumbersRoundTrips() throws Exception {
        Lattice l = new Lattice(new double[][] {{4.123456789, 0.31, -0.2}, {0.7, 5.2, 0.1}, {-0.4, 0.25, 6.3}});
        Structure s = new Structure(
                l,
                List.of(
                        Site.of(Element.of("Li"), new double[] {0.1234567891234, 0.2, 0.3}, l),
                        Site.of(Element.of("Fe"), new double[] {0.987654321, -0.1, 1.0}, l),
                        Site.of(Element.of("O"), new double[] {0.5, 0.5, 0.5}, l),
                        Site.of(Element.of("O"), new double[] {0.25, 0.75, 0.125}, l)),
                "rt");
        Structure back =
                new CifReader().parse(new CifWriter().format(s), "rt.cif").get(0);
        assertSameStructure(s, back, 1e-8, 1e-11);
        assertEquals(s.volume(), back.volume(), 1e-8);
    }

    @Test
    void matbenchStructuresRoundTripThroughCif() throws Exception {
        Path file = MatbenchDataTest.data().resolve("matbench_jdft2d.json.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file));
        try (MatbenchReader.Dataset d = MatbenchReader.open(file)) {
            for (int k = 0; k < 100; k++) {
                Structure s = d.nextEntry().structure();
                Structure once =
                        new CifReader().parse(new CifWriter().format(s), s.id()).get(0);
                // CifReader snaps coordinates within 1e-4 (relative) of 1/3 and 2/3 to them, as pymatgen does
                assertSameStructure(s, once, 1e-8, 1e-4);
                // read-write-read: a structure read from CIF comes back unchanged
                Structure twice = new CifReader()
                        .parse(new CifWriter().format(once), s.id())
                        .get(0);
                assertSameStructure(once, twice, 1e-8, 1e-12);
            }
        }
    }
}

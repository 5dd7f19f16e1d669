package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Structures read from real CIFs (the examples and Avogadro's COD files, ordered and disordered),
 * written as P1 CIFs by {@link CifWriter} and read back: the same cell, sites, species and
 * occupancies, in the same order.
 */
class CifRoundTripTest {

    private static boolean hasNearDuplicates(Structure s) {
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                boolean close = true;
                for (int k = 0; k < 3 && close; k++) {
                    double d = s.site(i).frac(k) - s.site(j).frac(k);
                    close = Math.abs(d - Math.rint(d)) < 5e-4;
                }
                if (close) return true;
            }
        }
        return false;
    }

    @Test
    void writeThenReadGivesTheSameStructure() throws Exception {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(ExamplesTest.EXAMPLES)) {
            try (Stream<Path> s = Files.list(ExamplesTest.EXAMPLES)) {
                s.filter(p -> p.toString().endsWith(".cif")).sorted().forEach(files::add);
            }
        }
        if (Files.isDirectory(AvogadroParityTest.CRYSTALS)) {
            try (Stream<Path> s = Files.walk(AvogadroParityTest.CRYSTALS)) {
                // every third file keeps the test quick; the disordered ones all, they are few
                List<Path> all =
                        s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
                for (int i = 0; i < all.size(); i++) {
                    if (i % 3 == 0
                            || Files.readString(all.get(i), java.nio.charset.StandardCharsets.ISO_8859_1)
                                    .contains("_atom_site_occupancy")) {
                        files.add(all.get(i));
                    }
                }
            }
        }
        assumeTrue(!files.isEmpty(), "no CIFs to read");
        CifReader reader = new CifReader();
        CifWriter writer = new CifWriter();
        int checked = 0, disordered = 0;
        for (Path f : files) {
            Structure s;
            try {
                s = reader.read(f).get(0);
            } catch (StructureFormatException e) {
                continue; // the parity test accounts for these
            }
            // some COD files give 0.1667 for 1/6: their images land 1e-4 apart, which pymatgen (and
            // we) keep as two sites; re-reading merges them, so such cells cannot round-trip
            if (s.size() > 600 || hasNearDuplicates(s)) continue;
            Structure back = reader.parse(writer.format(s), f + " (written)").get(0);
            assertEquals(s.size(), back.size(), f.toString());
            assertArrayEquals(s.lattice().lengths(), back.lattice().lengths(), 1e-9, f.toString());
            assertArrayEquals(s.lattice().angles(), back.lattice().angles(), 1e-8, f.toString());
            for (int i = 0; i < s.size(); i++) {
                Site a = s.site(i), b = back.site(i);
                for (int k = 0; k < 3; k++) {
                    double d = a.frac(k) - b.frac(k);
                    // pymatgen's rule, which the reader follows: a coordinate written with few
                    // decimals within 1e-4 (relative) of 1/3 or 2/3 is read as 1/3 or 2/3; an image
                    // like 0.1667 + 1/2 = 0.6667 is written as "0.6667" and comes back as 2/3
                    boolean snapped = (b.frac(k) == 1 / 3.0 || b.frac(k) == 2 / 3.0)
                            && Math.abs(1 - a.frac(k) / b.frac(k)) < 1.001e-4;
                    if (!snapped) assertEquals(0, d - Math.rint(d), 1e-9, f + " site " + i);
                }
                assertEquals(a.species().keySet(), b.species().keySet(), f + " site " + i);
                for (Map.Entry<Species, Double> e : a.species().entrySet()) {
                    assertEquals(e.getValue(), b.species().get(e.getKey()), 1e-9, f + " site " + i);
                }
            }
            checked++;
            if (!s.isOrdered()) disordered++;
        }
        System.out.println("CIF round trip: " + checked + " structures (" + disordered + " disordered)");
        assertEquals(true, checked > 10 || files.size() < 20);
    }
}

package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import spinel.graph.symmetry.BravaisLattice;
import spinel.graph.symmetry.CrystalSystem;
import spinel.graph.symmetry.SpaceGroups;

/**
 * The class labels of the symmetry tasks: crystal system (graph module) and Bravais lattice (conv
 * module) of each space group, checked against known groups, against each other and the
 * Hermann–Mauguin symbols, and against spglib's labels of real Materials Project rows.
 */
class SpaceGroupsTest {

    static String pearson(int sg) {
        return BravaisLattice.ofSpaceGroup(sg).pearsonSymbol();
    }

    @Test
    void knownGroups() {
        assertEquals("aP", pearson(2)); // P-1
        assertEquals("mP", pearson(14)); // P2_1/c
        assertEquals("mC", pearson(12)); // C2/m
        assertEquals("oP", pearson(62)); // Pnma
        assertEquals("oC", pearson(63)); // Cmcm
        assertEquals("oC", pearson(38)); // Amm2
        assertEquals("oF", pearson(70)); // Fddd
        assertEquals("oI", pearson(71)); // Immm
        assertEquals("tI", pearson(139)); // I4/mmm
        assertEquals("hR", pearson(166)); // R-3m
        assertEquals("hP", pearson(164)); // P-3m1
        assertEquals("hP", pearson(194)); // P6_3/mmc
        assertEquals("cF", pearson(225)); // Fm-3m
        assertEquals("cI", pearson(230)); // Ia-3d
        assertEquals(CrystalSystem.TRIGONAL, CrystalSystem.ofSpaceGroup(166));
        assertEquals(CrystalSystem.HEXAGONAL, CrystalSystem.ofSpaceGroup(194));
    }

    /** Centring letter of the symbol and crystal system determine the lattice, for all 230 groups. */
    @Test
    void latticeAgreesWithTheHermannMauguinSymbols() {
        Set<BravaisLattice> seen = EnumSet.noneOf(BravaisLattice.class);
        for (int n = 1; n <= 230; n++) {
            char centring = SpaceGroups.byNumber(n).get(0).symbol().charAt(0);
            if (centring == 'A' || centring == 'B') centring = 'C';
            String family =
                    switch (CrystalSystem.ofSpaceGroup(n)) {
                        case TRICLINIC -> "a";
                        case MONOCLINIC -> "m";
                        case ORTHORHOMBIC -> "o";
                        case TETRAGONAL -> "t";
                        case TRIGONAL, HEXAGONAL -> "h";
                        case CUBIC -> "c";
                    };
            assertEquals(
                    family + centring,
                    pearson(n),
                    "space group " + n + " " + SpaceGroups.byNumber(n).get(0).symbol());
            seen.add(BravaisLattice.ofSpaceGroup(n));
        }
        assertEquals(14, seen.size());
    }

    /** The crystal systems of real Materials Project rows (spglib's labels) agree with ours. */
    @Test
    void agreesWithSpglibLabelsOfMpGap() throws IOException {
        Path csv =
                Path.of(System.getProperty("spinel.shared", "../shared")).resolve("data/matbench_meta/mp_gap.csv.gz");
        Assumptions.assumeTrue(Files.isRegularFile(csv));
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(csv)), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            int rows = 0;
            while ((line = r.readLine()) != null && rows < 20000) {
                String[] f = line.split(",");
                int spg = Integer.parseInt(f[f.length - 2]);
                assertEquals(CrystalSystem.of(f[f.length - 1]), CrystalSystem.ofSpaceGroup(spg), line);
                rows++;
            }
            assertEquals(20000, rows);
        }
    }
}

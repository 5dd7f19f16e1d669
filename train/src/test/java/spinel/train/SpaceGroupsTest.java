package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class SpaceGroupsTest {

    @Test
    void knownGroups() {
        assertEquals(BravaisLattice.aP, SpaceGroups.bravais(2));      // P-1
        assertEquals(BravaisLattice.mP, SpaceGroups.bravais(14));     // P2_1/c
        assertEquals(BravaisLattice.mC, SpaceGroups.bravais(12));     // C2/m
        assertEquals(BravaisLattice.oP, SpaceGroups.bravais(62));     // Pnma
        assertEquals(BravaisLattice.oC, SpaceGroups.bravais(63));     // Cmcm
        assertEquals(BravaisLattice.oC, SpaceGroups.bravais(38));     // Amm2
        assertEquals(BravaisLattice.oF, SpaceGroups.bravais(70));     // Fddd
        assertEquals(BravaisLattice.oI, SpaceGroups.bravais(71));     // Immm
        assertEquals(BravaisLattice.tP, SpaceGroups.bravais(123));    // P4/mmm
        assertEquals(BravaisLattice.tI, SpaceGroups.bravais(139));    // I4/mmm
        assertEquals(BravaisLattice.hR, SpaceGroups.bravais(166));    // R-3m
        assertEquals(BravaisLattice.hR, SpaceGroups.bravais(146));    // R3
        assertEquals(BravaisLattice.hP, SpaceGroups.bravais(164));    // P-3m1
        assertEquals(BravaisLattice.hP, SpaceGroups.bravais(194));    // P6_3/mmc
        assertEquals(BravaisLattice.cP, SpaceGroups.bravais(221));    // Pm-3m
        assertEquals(BravaisLattice.cF, SpaceGroups.bravais(225));    // Fm-3m
        assertEquals(BravaisLattice.cF, SpaceGroups.bravais(227));    // Fd-3m
        assertEquals(BravaisLattice.cI, SpaceGroups.bravais(229));    // Im-3m
        assertEquals(BravaisLattice.cI, SpaceGroups.bravais(230));    // Ia-3d
        assertThrows(IllegalArgumentException.class, () -> SpaceGroups.bravais(231));
    }

    @Test
    void allFourteenLatticesAndConsistentFamilies() {
        Set<BravaisLattice> seen = EnumSet.noneOf(BravaisLattice.class);
        for (int n = 1; n <= 230; n++) {
            BravaisLattice b = SpaceGroups.bravais(n);
            seen.add(b);
            CrystalSystem cs = SpaceGroups.crystalSystem(n);
            // hP lattices host trigonal P groups too
            if (!(b == BravaisLattice.hP && cs == CrystalSystem.TRIGONAL)) assertEquals(cs, b.family(), "group " + n);
        }
        assertEquals(14, seen.size());
    }

    /** The crystal systems of real Materials Project rows (spglib's labels) agree with ours. */
    @Test
    void agreesWithSpglibLabelsOfMpGap() throws IOException {
        Path csv = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("data/matbench_meta/mp_gap.csv.gz");
        Assumptions.assumeTrue(Files.isRegularFile(csv));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csv)),
                StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            int rows = 0;
            while ((line = r.readLine()) != null && rows < 20000) {
                String[] f = line.split(",");
                int spg = Integer.parseInt(f[f.length - 2]);
                assertEquals(CrystalSystem.of(f[f.length - 1]), SpaceGroups.crystalSystem(spg), line);
                rows++;
            }
            assertEquals(20000, rows);
        }
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class MatbenchReaderTest {

    static final String S1 =
            "{\"@class\": \"Structure\", \"lattice\": {\"matrix\": [[3,0,0],[0,3,0],[0,0,3]]}, \"sites\": ["
                    + "{\"species\": [{\"element\": \"Cs\", \"occu\": 1}], \"abc\": [0, 0, 0], \"label\": \"Cs\"},"
                    + "{\"species\": [{\"element\": \"Cl\", \"occu\": 1}], \"abc\": [0.5, 0.5, 0.5], \"label\": \"Cl\"}]}";

    @Test
    void streamsRowsInOrder() throws Exception {
        String text = "{\"index\": [\"mb-a-1\", \"mb-a-2\"], \"columns\": [\"structure\", \"gap\"], \"data\": [[" + S1
                + ", 1.25], [" + S1 + ", 0]]}";
        try (MatbenchReader.Dataset d = MatbenchReader.open(text, "t.json")) {
            assertEquals("gap", d.targetName());
            assertEquals(2, d.size());
            List<MatbenchEntry> all = d.stream().collect(Collectors.toList());
            assertEquals(
                    List.of("mb-a-1", "mb-a-2"),
                    all.stream().map(MatbenchEntry::id).toList());
            assertEquals(1.25, all.get(0).target());
            assertEquals("mb-a-2", all.get(1).structure().id());
            assertEquals("Cs1 Cl1", all.get(1).structure().composition().formula());
        }
    }

    @Test
    void keyOrderColumnOrderAndBooleanTargets() throws Exception {
        String text = "{\"data\": [[true, " + S1 + "], [false, " + S1
                + "]], \"columns\": [\"is_metal\", \"structure\"], \"index\": [\"a\", \"b\"]}";
        List<MatbenchEntry> all = MatbenchReader.open(text, "t.json").toList();
        assertEquals(1.0, all.get(0).target());
        assertEquals(0.0, all.get(1).target());
        assertEquals("b", all.get(1).id());
    }

    @Test
    void inconsistentFilesAreRefused() {
        String twoIds = "{\"index\": [\"a\", \"b\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + S1 + ", 1]]}";
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> MatbenchReader.open(twoIds, "t")
                .toList());
        assertTrue(e.getMessage().contains("2 ids but 'data' has 1 rows"), e.getMessage());
        String noStructure = "{\"index\": [\"a\"], \"columns\": [\"composition\", \"y\"], \"data\": [[\"NaCl\", 1]]}";
        e = assertThrows(StructureFormatException.class, () -> MatbenchReader.open(noStructure, "t")
                .toList());
        assertTrue(e.getMessage().contains("no 'structure' column"), e.getMessage());
        String badTarget =
                "{\"index\": [\"a\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + S1 + ", \"high\"]]}";
        e = assertThrows(StructureFormatException.class, () -> MatbenchReader.open(badTarget, "t")
                .toList());
        assertTrue(e.getMessage().contains("target 'y' of a"), e.getMessage());
        String shortRow = "{\"index\": [\"a\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + S1 + "]]}";
        e = assertThrows(StructureFormatException.class, () -> MatbenchReader.open(shortRow, "t")
                .toList());
        assertTrue(e.getMessage().contains("has 1 values, expected 2"), e.getMessage());
    }

    /** First and last rows agree with pymatgen's Structure.from_dict on the same files (values printed by pymatgen 2022.11.7). */
    @Test
    void firstAndLastRowsMatchPymatgen() throws Exception {
        Path d = MatbenchDataTest.data();
        check(
                d.resolve("matbench_jdft2d.json.gz"),
                0,
                "mb-jdft2d-001",
                "Hf2 Si2 Te2",
                367.3119588080003,
                63.5938333333,
                new double[] {0.4071739999999977, 0.9071739999999977, 0.0604916131025426});
        check(
                d.resolve("matbench_jdft2d.json.gz"),
                635,
                "mb-jdft2d-636",
                "Co1 O2",
                150.38531191412963,
                63.5643333333,
                new double[] {0.3240110050188096, 0.1840903683503159, 0.0857317203596525});
        check(
                d.resolve("matbench_phonons.json.gz"),
                1264,
                "mb-phonons-1265",
                "W1 N2",
                29.15497344824146,
                1038.5856965894,
                new double[] {6.109999999999999e-06, 1.2219999999999998e-05, 0.18125075000000002});
    }

    private static void check(
            Path file, int row, String id, String formula, double volume, double target, double[] lastFrac)
            throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(file));
        try (MatbenchReader.Dataset ds = MatbenchReader.open(file);
                Stream<MatbenchEntry> s = ds.stream()) {
            MatbenchEntry e = s.skip(row).findFirst().orElseThrow();
            Structure st = e.structure();
            assertEquals(id, e.id());
            assertEquals(formula, st.composition().formula());
            assertEquals(volume, st.volume(), 1e-9);
            assertEquals(target, e.target(), 0);
            double[] f = st.site(st.size() - 1).fracCoords();
            for (int j = 0; j < 3; j++) assertEquals(lastFrac[j], f[j], 0);
        }
    }
}

package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

class SymmetryCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    // spglib 2.0.2 on the examples (scripts/gen_spglib_reference.py), symprec 0.01
    private static final Map<String, String> SPGLIB = Map.ofEntries(
            Map.entry("Al2O3-corundum.cif", "167 R-3c hR"),
            Map.entry("CsCl.cif", "221 Pm-3m cP"),
            Map.entry("Cu.cif", "225 Fm-3m cF"),
            Map.entry("Fe.cif", "229 Im-3m cI"),
            Map.entry("Kaolinite.cif", "1 P1 aP"),
            Map.entry("Mg.cif", "194 P6_3/mmc hP"),
            Map.entry("NaCl.cif", "225 Fm-3m cF"),
            Map.entry("Si.cif", "227 Fd-3m cF"),
            Map.entry("SrTiO3.cif", "221 Pm-3m cP"),
            Map.entry("TiO2-rutile.cif", "136 P4_2/mnm tP"),
            Map.entry("ZnO-wurtzite.cif", "186 P6_3mc hP"));

    @Test
    void everyExampleGetsSpglibsSpaceGroup() throws Exception {
        String[] args = new String[SPGLIB.size() + 1];
        args[0] = "symmetry";
        int k = 1;
        for (String f : SPGLIB.keySet()) args[k++] = EXAMPLES.resolve(f).toString();
        GraphCommandTest.Result r = GraphCommandTest.run(args);
        assertEquals(0, r.code());
        assertEquals(SPGLIB.size(), r.lines().size());
        for (JsonNode line : r.lines()) {
            String name = Path.of(line.get("file").asText()).getFileName().toString();
            assertTrue(line.get("ok").asBoolean(), name);
            assertEquals(
                    SPGLIB.get(name),
                    line.get("number").asInt() + " " + line.get("international").asText() + " "
                            + line.get("bravais").asText(),
                    name);
            assertTrue(line.get("declared_agrees").asBoolean(), name);
        }
    }

    @Test
    void rockSaltRecordFollowsTheContract() throws Exception {
        JsonNode l = GraphCommandTest.run(
                        "symmetry",
                        "--symprec",
                        "0.001",
                        EXAMPLES.resolve("NaCl.cif").toString())
                .lines()
                .get(0);
        assertEquals(0.001, l.get("symprec").asDouble());
        assertEquals(523, l.get("hall_number").asInt());
        assertEquals("-F 4 2 3", l.get("hall").asText());
        assertEquals("m-3m", l.get("point_group").asText());
        assertEquals("cubic", l.get("crystal_system").asText());
        assertEquals(2, l.get("n_primitive").asInt());
        assertEquals(8, l.get("conventional").get("nsites").asInt());
        assertEquals(5.6402, l.get("conventional").get("a").asDouble(), 1e-6);
        assertEquals(90, l.get("conventional").get("gamma").asDouble(), 1e-6);
        assertEquals("[0,0,0,0,4,4,4,4]", l.get("equivalent_atoms").toString());
        assertEquals(
                "[\"a\",\"a\",\"a\",\"a\",\"b\",\"b\",\"b\",\"b\"]",
                l.get("wyckoffs").toString());
        assertEquals("m-3m", l.get("site_symmetry_symbols").get(7).asText());
        assertEquals(225, l.get("declared").get("number").asInt());
        assertEquals("F m -3 m", l.get("declared").get("symbol").asText());
    }

    @Test
    void badFileGivesAnOkFalseLineAndTheOthersGoOn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.cif");
        Files.writeString(bad, "data_x\n_cell_length_a 3\n");
        GraphCommandTest.Result r = GraphCommandTest.run(
                "symmetry", bad.toString(), EXAMPLES.resolve("Cu.cif").toString());
        assertEquals(1, r.code());
        assertFalse(r.lines().get(0).get("ok").asBoolean());
        assertTrue(r.lines().get(0).get("error").asText().length() > 0);
        assertEquals(225, r.lines().get(1).get("number").asInt());
    }

    @Test
    void latticeSymprecKeepsANearlyTetragonalCellOrthorhombic(@TempDir Path dir) throws Exception {
        Path poscar = dir.resolve("POSCAR");
        Files.writeString(poscar, "Cu\n1.0\n4.0 0 0\n0 4.2 0\n0 0 5.5\nCu\n1\nDirect\n0 0 0\n");
        GraphCommandTest.Result loose = GraphCommandTest.run("symmetry", "--symprec", "0.6", poscar.toString());
        assertEquals(123, loose.lines().get(0).get("number").asInt());
        GraphCommandTest.Result split =
                GraphCommandTest.run("symmetry", "--symprec", "0.6", "--lattice-symprec", "0.01", poscar.toString());
        assertEquals(47, split.lines().get(0).get("number").asInt());
        assertEquals(0.01, split.lines().get(0).get("lattice_symprec").asDouble());
    }

    @Test
    void standardizeWritesTheConventionalCell(@TempDir Path dir) throws Exception {
        GraphCommandTest.Result r = GraphCommandTest.run(
                "symmetry",
                "--standardize",
                "conventional",
                "--out",
                dir.toString(),
                EXAMPLES.resolve("Si.cif").toString());
        assertEquals(0, r.code());
        Path written = Path.of(r.lines().get(0).get("standardized").asText());
        Structure s = Structures.readOne(written);
        assertEquals(8, s.size());
        assertEquals(5.431, s.lattice().a(), 1e-3);
        GraphCommandTest.Result again = GraphCommandTest.run("symmetry", written.toString());
        assertEquals(227, again.lines().get(0).get("number").asInt());
    }

    @Test
    void standardizePrimitiveOfAPoscarWritesAPoscar(@TempDir Path dir) throws Exception {
        Path poscar = dir.resolve("POSCAR");
        Structures.write(Structures.readOne(EXAMPLES.resolve("NaCl.cif")), poscar);
        Path out = dir.resolve("std");
        GraphCommandTest.Result r = GraphCommandTest.run(
                "symmetry", "--standardize", "primitive", "--out", out.toString(), poscar.toString());
        assertEquals(0, r.code());
        Path written = Path.of(r.lines().get(0).get("standardized").asText());
        assertTrue(written.getFileName().toString().endsWith(".vasp"), written.toString());
        Structure s = Structures.readOne(written);
        assertEquals(2, s.size());
        // spglib's find_primitive: the F-centring matrix on the standardized cell, a/√2 = 3.98817 Å, 60°
        assertEquals(5.6402 / Math.sqrt(2), s.lattice().a(), 1e-4);
        assertEquals(60, s.lattice().angles()[0], 1e-6);
    }

    @Test
    void predictCarriesTheExactSymmetryAndRunsNoSymmetryClassifierByDefault() throws Exception {
        GraphCommandTest.Result r = GraphCommandTest.run(
                "predict",
                "--no-progress",
                "--offline",
                EXAMPLES.resolve("NaCl.cif").toString(),
                EXAMPLES.resolve("ZnO-wurtzite.cif").toString());
        assertEquals(0, r.code());
        assertTrue(r.lines().size() >= 2);
        for (JsonNode l : r.lines()) {
            String name = Path.of(l.get("file").asText()).getFileName().toString();
            String want = SPGLIB.get(name);
            JsonNode sym = l.get("symmetry");
            assertEquals(
                    want.split(" ")[0] + " " + want.split(" ")[1],
                    sym.get("number").asInt() + " " + sym.get("international").asText(),
                    name);
            String model = l.get("model").asText();
            assertFalse(model.contains("crystal-system") || model.contains("space-group"), model);
        }
    }

    @Test
    void aSymmetryClassifierAskedForSaysWhetherItAgrees() throws Exception {
        GraphCommandTest.Result r = GraphCommandTest.run(
                "predict",
                "--no-progress",
                "--offline",
                "--model",
                "spinel/space-group",
                EXAMPLES.resolve("NaCl.cif").toString());
        JsonNode l = r.lines().get(0);
        assertEquals(225, l.get("symmetry").get("number").asInt());
        assertEquals(
                l.get("prediction").asText().equals("225"),
                l.get("agrees_with_symmetry").asBoolean());
        if (!l.get("agrees_with_symmetry").asBoolean())
            assertTrue(
                    l.get("prediction").isNull() && l.has("model_guess"), "a wrong guess is not the prediction: " + l);
    }

    @Test
    void noBundledClassifierPrintsAWrongSymmetryForAKnownStructure() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "predict",
                "--no-progress",
                "--offline",
                "--model",
                "spinel/space-group",
                "--model",
                "spinel/space-group-from-composition",
                "--model",
                "spinel/space-group-approximate"));
        try (var files = java.nio.file.Files.list(EXAMPLES)) {
            files.filter(f -> f.toString().endsWith(".cif")).sorted().forEach(f -> args.add(f.toString()));
        }
        GraphCommandTest.Result r = GraphCommandTest.run(args.toArray(new String[0]));
        assertEquals(33, r.lines().size(), r.lines().toString());
        for (JsonNode l : r.lines()) {
            String exact = l.get("symmetry").get("number").asText();
            JsonNode p = l.get("prediction");
            assertTrue(p.isNull() || p.asText().equals(exact), "a guess other than the exact group: " + l);
            assertEquals(!p.isNull(), l.get("agrees_with_symmetry").asBoolean(), l.toString());
            if (l.get("model").asText().equals("spinel/space-group-approximate"))
                assertTrue(l.get("agrees_with_symmetry").asBoolean(), "trained on clean and noisy copies: " + l);
        }
    }
}

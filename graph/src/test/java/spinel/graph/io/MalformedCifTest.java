package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Structure;

/**
 * COD-style malformed CIFs (src/test/resources/malformed): a structure that contradicts its own
 * declarations always carries a warning, every readable block is read, a redundant field that is
 * wrong is a warning, and damage (truncation, flipped bits) never escapes as a bare exception.
 */
class MalformedCifTest {

    private static Path fixture(String name) {
        try {
            return Path.of(
                    MalformedCifTest.class.getResource("/malformed/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ReadResult> each(String name) throws Exception {
        return new CifReader().readEach(fixture(name));
    }

    private static Structure only(String name) throws Exception {
        List<ReadResult> r = each(name);
        assertEquals(1, r.size(), name);
        assertTrue(r.get(0).ok(), name + ": " + r.get(0).error());
        return r.get(0).structure();
    }

    private static String warnings(Structure s) {
        return String.join(" | ", s.warnings());
    }

    @Test
    void everyReadableBlockIsReadAndTheBadOneIsNamed() throws Exception {
        List<ReadResult> r = each("multiblock-one-bad.cif");
        assertEquals(6, r.size());
        assertEquals(5, r.stream().filter(ReadResult::ok).count());
        ReadResult bad = r.get(3);
        assertEquals("broken_quote", bad.id());
        assertTrue(
                bad.error().getMessage().contains("data_broken_quote: unterminated quoted string"),
                bad.error().getMessage());
        // a wrong redundant number next to the operators: a warning, not a refusal
        Structure seven = r.get(4).structure();
        assertEquals(4, seven.size());
        assertTrue(warnings(seven).contains("ignored _space_group_IT_number 'seven'"), warnings(seven));

        List<ReadResult> inc = each("incomplete-coordinates.cif");
        assertEquals(
                List.of(true, false, true, true),
                inc.stream().map(ReadResult::ok).toList());
        assertTrue(inc.get(1)
                .error()
                .getMessage()
                .contains("data_incomplete: expected a number for _atom_site_fract_z of atom Cu1, found '?'"));
        assertTrue(warnings(inc.get(0).structure()).contains("data_ok_a is used by 2 blocks"));
    }

    @Test
    void contradictionsOfTheDeclaredFormulaAndDensityAreWarnings() throws Exception {
        Structure mg = only("magnesite-other-origin.cif");
        assertTrue(
                warnings(mg).contains("contradicts the declared formula")
                        && warnings(mg).contains("O 36 built, 18 declared"),
                warnings(mg));
        assertTrue(warnings(mg).contains("the file declares 3.009 g/cm³"), warnings(mg));
        Structure fragment = only("fragment-without-symmetry.cif");
        assertTrue(warnings(fragment).contains("expected Z = 2 × 'C2 H4 O2'"), warnings(fragment));
        assertTrue(warnings(only("wrong-density.cif")).contains("density 2.164 g/cm³, the file declares 5.000"));
        assertTrue(warnings(only("overlapping-sites.cif")).contains("Cu1 (site 1) and Cu2 (site 2) at 0.200 Å"));
    }

    @Test
    void modulatedStructuresAreReadAsTheirAverageAndSaySo() throws Exception {
        Structure s = only("modulated.cif");
        assertEquals(
                Map.of(Element.of("Na"), 2.0, Element.of("Cl"), 2.0),
                s.composition().asMap());
        assertEquals(1, s.warnings().size(), warnings(s)); // formula and density agree with the average
        assertTrue(warnings(s).contains("modulated structure (superspace group P-1(00g)0): read as its average"));
        // superspace notation in the ordinary operator tag
        String text = Files.readString(fixture("modulated.cif"))
                .replace("_space_group_symop_ssg_id", "_symmetry_equiv_pos_site_id")
                .replace("_space_group_symop_ssg_operation_algebraic", "_symmetry_equiv_pos_as_xyz")
                .replace("_cell_modulation_dimension 1\n", "");
        Structure t = new CifReader().parse(text, "ss.cif").get(0);
        assertEquals(4, t.size());
        assertTrue(warnings(t).contains("average structure"), warnings(t));
    }

    @Test
    void guessedTypesAndDummySitesAreSaid() throws Exception {
        Structure u = only("unknown-types.cif");
        assertEquals(
                Map.of(Element.of("Fe"), 4.0, Element.of("O"), 4.0),
                u.composition().asMap());
        assertTrue(
                warnings(u).contains("Fe1 (type 'AA' is no element) read as Fe")
                        && warnings(u).contains("O1 (type 'EI' is no element) read as O"),
                warnings(u));
        Structure d = only("dummy-site.cif");
        assertEquals(8, d.size());
        assertEquals("skipped 1 dummy site X1 (_atom_site_calc_flag 'dum'): not atoms", warnings(d));
    }

    @Test
    void aCellFormulaIsAcceptedOnlyFromWritersThatWriteIt() throws Exception {
        String body = "data_NaCl\n_chemical_formula_sum 'Na4 Cl4'\n_cell_formula_units_Z 4\n"
                + "_symmetry_space_group_name_H-M 'F m -3 m'\n_cell_length_a 5.64\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n";
        assertEquals(
                List.of(),
                new CifReader()
                        .parse("# generated using pymatgen\n" + body, "p.cif")
                        .get(0)
                        .warnings());
        assertTrue(warnings(new CifReader().parse(body, "q.cif").get(0)).contains("expected Z = 4 × 'Na4 Cl4'"));
    }

    @Test
    void formulaSums() {
        assertEquals(
                Map.of(Element.of("K"), 0.88, Element.of("Na"), 0.12, Element.of("Al"), 2.0),
                StructureChecks.parseFormula("(K.88 Na.12) Al2").orElseThrow());
        assertEquals(
                Map.of(Element.of("O"), 3.0, Element.of("H"), 6.0),
                StructureChecks.parseFormula("(O H2)3").orElseThrow());
        assertEquals(
                Map.of(Element.of("H"), 2.0, Element.of("O"), 1.0),
                StructureChecks.parseFormula("D2 O").orElseThrow());
        assertFalse(StructureChecks.parseFormula("Fe3+ O2-").isPresent());
        assertFalse(StructureChecks.parseFormula("Xx2").isPresent());
    }

    @Test
    void textFieldsAndBlockBoundaries() throws Exception {
        String cu = "_cell_length_a 3.6\n_cell_length_b 3.6\n_cell_length_c 3.6\n_cell_angle_alpha 90\n"
                + "_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\nCu1 0 0 0\n";
        // a line starting with data_ inside a closed text field is text
        String inside = "data_a\n_publ_section_comment\n;\ndata_not_a_block\n;\n" + cu;
        assertEquals(
                List.of("a"),
                new CifReader()
                        .parse(inside, "t.cif").stream().map(Structure::id).toList());
        // an unterminated text field costs only its block
        String text = "data_a\n" + cu + "data_b\n_publ_section_comment\n;\nnever closed\n" + cu + "data_c\n" + cu;
        List<ReadResult> r = new CifReader().parseEach(text, "t.cif");
        assertEquals(List.of("a", "b", "c"), r.stream().map(ReadResult::id).toList());
        assertEquals(List.of(true, false, true), r.stream().map(ReadResult::ok).toList());
        assertTrue(
                r.get(1).error().getMessage().contains("data_b: unterminated text field"),
                r.get(1).error().getMessage());
    }

    @Test
    void damagedFilesNeverEscapeAsBareExceptions() throws Exception {
        Random rnd = new Random(11);
        List<Path> files;
        try (Stream<Path> s = Files.list(fixture("modulated.cif").getParent())) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            byte[] good = Files.readAllBytes(f);
            for (int round = 0; round < 40; round++) {
                byte[] b = round % 2 == 0 ? java.util.Arrays.copyOf(good, rnd.nextInt(good.length)) : good.clone();
                if (round % 2 == 1)
                    for (int k = 0; k < 3; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                String text = new String(b, StandardCharsets.UTF_8);
                for (ReadResult r : new CifReader().parseEach(text, "damaged.cif")) {
                    if (!r.ok()) {
                        String m = r.error().getMessage();
                        assertTrue(m.startsWith("damaged.cif"), f.getFileName() + " round " + round + ": " + m);
                    }
                }
            }
        }
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class CifReaderTest {

    private static final String CUBIC = "_cell_length_a 4.0(1)\n_cell_length_b 4.0\n_cell_length_c 4.0\n"
            + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n";

    private static Structure one(String text) throws StructureFormatException {
        List<Structure> s = new CifReader().parse(text, "test.cif");
        assertEquals(1, s.size());
        return s.get(0);
    }

    private static StructureFormatException fails(String text) {
        return assertThrows(StructureFormatException.class, () -> new CifReader().parse(text, "bad.cif"));
    }

    @Test
    void readsChargesUncertaintiesAndOperatorsWithIndex() throws Exception {
        Structure s = one("data_rs\n" + CUBIC
                + "loop_\n_space_group_symop_id\n_space_group_symop_operation_xyz\n1 'x, y, z'\n2 'x+1/2, y+1/2, z'\n3 'x+1/2, y, z+1/2'\n4 'x, y+1/2, z+1/2'\n"
                + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Mg1 Mg2+ 0 0 0\nO1 O2- 0.5000(3) 0.5 0.5\n");
        assertEquals("rs", s.id());
        assertEquals(8, s.size());
        assertEquals(64.0, s.volume(), 1e-9);
        assertEquals(new Species(Element.of("Mg"), 2), s.site(0).specie());
        assertEquals(new Species(Element.of("O"), -2), s.site(4).specie());
        assertEquals("O1", s.site(4).label());
    }

    @Test
    void readsACifWrittenByPymatgen() throws Exception {
        // rutile with 10 % Zr on the Ti site and oxidation states, written by pymatgen's CifWriter
        // (symprec 0.01), which reads it as 6 sites, Ti4+1.8 Zr4+0.2 O2-4, 62.4347 Å³
        String text;
        try (var in = getClass().getResourceAsStream("rutile_pymatgen_symmetrized.cif")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Structure s = one(text);
        assertEquals("Zr0.2Ti1.8O4", s.id());
        assertEquals(6, s.size());
        assertEquals(62.434723178803, s.volume(), 1e-9);
        Site ti = s.site(0);
        assertEquals(
                Map.of(new Species(Element.of("Ti"), 4), 0.9, new Species(Element.of("Zr"), 4), 0.1), ti.species());
        assertEquals(1.8, s.composition().get(Element.of("Ti")), 1e-12);
        assertEquals(new Species(Element.of("O"), -2), s.site(2).specie());
    }

    @Test
    void derivesElementsFromLabelsAndTypeSymbols() {
        assertEquals(Element.of("Fe"), CifReader.elementOf("Fe1a"));
        assertEquals(Element.of("O"), CifReader.elementOf("OW1"));
        assertEquals(Element.of("O"), CifReader.elementOf("O(2)"));
        assertEquals(Element.of("Ca"), CifReader.elementOf("CA1"));
        assertEquals(Element.of("C"), CifReader.elementOf("C12"));
        assertEquals(Element.of("Cl"), CifReader.elementOf("Cl-"));
        assertEquals(Element.of("H"), CifReader.elementOf("D1"));
        assertEquals(Element.of("O"), CifReader.elementOf("Wat"));
        assertEquals(Element.of("N"), CifReader.elementOf("NO3"));
        assertEquals(null, CifReader.elementOf("?x"));
        assertEquals(null, CifReader.elementOf("Q1"));
        assertEquals(3.0, CifReader.chargeOf("Fe3+"));
        assertEquals(3.0, CifReader.chargeOf("Fe+3"));
        assertEquals(-2.0, CifReader.chargeOf("O2-"));
        assertEquals(-1.0, CifReader.chargeOf("Cl-"));
        assertEquals(2.5, CifReader.chargeOf("Fe2.5+"));
        assertTrue(Double.isNaN(CifReader.chargeOf("Fe")));
        assertTrue(Double.isNaN(CifReader.chargeOf("Fe1")));
    }

    @Test
    void oxidationStatesFromTheAtomTypeLoop() throws Exception {
        Structure s =
                one("data_x\n" + CUBIC + "loop_\n_atom_type_symbol\n_atom_type_oxidation_number\nNa1+ 1\nCl1- -1\n"
                        + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                        + "Na Na1+ 0 0 0\nCl Cl1- 0.5 0.5 0.5\n");
        assertEquals(1.0, s.site(0).specie().oxidationState());
        assertEquals(-1.0, s.site(1).specie().oxidationState());
    }

    @Test
    void partialOccupanciesMergeIntoDisorderedSites() throws Exception {
        // Fe and Ni share 0,0,0 (Ni listed at an equivalent position), O half occupied
        Structure s = one("data_x\n" + CUBIC + "_symmetry_space_group_name_H-M 'P m -3 m'\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n"
                + "Fe1 0 0 0 0.75\nNi1 1 0 0 0.25\nO1 0.5 0.5 0.5 0.5\nCu1 0.25 0.25 0.25 0\n");
        assertEquals(2, s.size());
        Site m = s.site(0);
        assertFalse(m.isOrdered());
        assertEquals(Map.of(Species.of(Element.of("Fe")), 0.75, Species.of(Element.of("Ni")), 0.25), m.species());
        assertEquals(0.5, s.site(1).totalOccupancy(), 1e-12);
        assertEquals(0.5, s.composition().get(Element.of("O")), 1e-12);
        assertEquals(0, s.composition().get(Element.of("Cu")), 0.0); // occupancy 0: no atom
    }

    @Test
    void slightOverOccupancyIsScaledLargeIsRefused() throws Exception {
        String head = "data_x\n" + CUBIC
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n";
        Structure s = one(head + "Fe1 0 0 0 0.51\nNi1 0 0 0 0.51\n");
        assertEquals(1.0, s.site(0).totalOccupancy(), 1e-12);
        StructureFormatException e = fails(head + "Fe1 0 0 0 1\nNi1 0 0 0 0.5\n");
        assertEquals(14, e.line());
        assertTrue(e.getMessage().contains("sum to at most 1"), e.getMessage());
    }

    @Test
    void symbolSettingsAreChosenByTheCell() throws Exception {
        String atoms = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n";
        // corundum-like Al at 0,0,z: 12 sites with hexagonal axes, 4 with rhombohedral axes
        Structure hex =
                one("data_h\n_cell_length_a 4.76\n_cell_length_b 4.76\n_cell_length_c 12.99\n_cell_angle_alpha 90\n"
                        + "_cell_angle_beta 90\n_cell_angle_gamma 120\n_symmetry_space_group_name_H-M 'R -3 c'\n"
                        + atoms + "Al 0 0 0.35216\n");
        assertEquals(12, hex.size());
        Structure rh =
                one("data_r\n_cell_length_a 5.13\n_cell_length_b 5.13\n_cell_length_c 5.13\n_cell_angle_alpha 55.3\n"
                        + "_cell_angle_beta 55.3\n_cell_angle_gamma 55.3\n_symmetry_Int_Tables_number 167\n" + atoms
                        + "Al 0.35216 0.35216 0.35216\n");
        assertEquals(4, rh.size());
        // diamond given in origin choice 1 by number only: origin choice 1 gives 8 sites, choice 2 would give 16
        Structure si =
                one("data_si\n_cell_length_a 5.43\n_space_group_IT_number 227\n_space_group_crystal_system cubic\n"
                        + atoms + "Si 0 0 0\n");
        assertEquals(8, si.size());
        assertEquals(Math.pow(5.43, 3), si.volume(), 1e-9);
    }

    @Test
    void readsCartesianCoordinatesAndIdealThirds() throws Exception {
        Structure s = one("data_c\n" + CUBIC
                + "loop_\n_atom_site_label\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\n"
                + "Cs1 0 0 0\nCl1 2.0 2.0 2.0\n");
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.site(1).fracCoords(), 1e-12);
        Structure h = one(
                "data_h\n_cell_length_a 3.2\n_cell_length_c 5.2\n_cell_angle_gamma 120\n_symmetry_cell_setting hexagonal\n"
                        + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-y,x-y,z\n-x+y,-x,z\n"
                        + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nMg 0.3333 0.6667 0.25\n");
        assertEquals(1, h.size()); // 0.3333, 0.6667 read as 1/3, 2/3: on the three-fold axis
        assertEquals(3.2, h.lattice().b(), 1e-12);
    }

    @Test
    void cartesianWithAFractionalisationMatrixAndHallSymbol() throws Exception {
        // a 4 Å cubic cell whose Cartesian frame is shifted by 1 Å along x: frac = M cart + t
        Structure s = one(
                "data_t\n" + CUBIC + "_space_group_name_Hall '-P 4 2 3'\n"
                        + "_atom_sites_fract_tran_matrix_11 0.25\n_atom_sites_fract_tran_matrix_12 0\n_atom_sites_fract_tran_matrix_13 0\n"
                        + "_atom_sites_fract_tran_matrix_21 0\n_atom_sites_fract_tran_matrix_22 0.25\n_atom_sites_fract_tran_matrix_23 0\n"
                        + "_atom_sites_fract_tran_matrix_31 0\n_atom_sites_fract_tran_matrix_32 0\n_atom_sites_fract_tran_matrix_33 0.25\n"
                        + "_atom_sites_fract_tran_vector_1 -0.25\n"
                        + "loop_\n_atom_site_label\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\nTi 1 0 0\nO 3 0 0\n");
        assertEquals(4, s.size()); // Pm-3m from the Hall symbol: Ti at 1a, O at 3d
        assertArrayEquals(new double[] {0, 0, 0}, s.site(0).fracCoords(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0, 0}, s.site(1).fracCoords(), 1e-12);
    }

    @Test
    void aBadBlockCostsOnlyItself() throws Exception {
        String good = "data_good\n" + CUBIC
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCu 0 0 0\n";
        String text = good + good.replace("good", "bad").replace("Cu 0 0 0", "Cu 0 0 x");
        List<ReadResult> each = new CifReader().parseEach(text, "two.cif");
        assertEquals(2, each.size());
        assertTrue(each.get(0).ok());
        assertEquals("bad", each.get(1).id());
        assertTrue(
                each.get(1).error().getMessage().contains("data_bad"),
                each.get(1).error().getMessage());
        // the list API returns the good block, with a warning naming the one not read
        Structure s = one(text);
        assertEquals("good", s.id());
        assertTrue(
                s.warnings().get(0).startsWith("data_bad of this file was not read"),
                s.warnings().toString());
        // a file whose only block is bad is still refused
        assertTrue(fails(good.replace("Cu 0 0 0", "Cu 0 0 x")).getMessage().contains("data_good"));
    }

    @Test
    void severalBlocksGiveSeveralStructures(@TempDir Path dir) throws Exception {
        String block = CUBIC
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCu -0.25 1.5 0\n";
        Path f = dir.resolve("two.cif");
        Files.writeString(f, "data_publication\n_journal_year 1999\ndata_one\n" + block + "data_two\n" + block);
        List<Structure> s = new CifReader().read(f);
        assertEquals(List.of("one", "two"), s.stream().map(Structure::id).toList());
        assertArrayEquals(new double[] {0.75, 0.5, 0}, s.get(0).site(0).fracCoords(), 1e-12);
    }

    @Test
    void errorsNameTheFileTheLineAndWhatWasExpected() {
        String atoms = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n";
        StructureFormatException e = fails("data_x\n_cell_length_a 4\n_cell_length_b 4\n" + atoms + "Cu 0 0 0\n");
        assertEquals("bad.cif", e.file());
        assertTrue(e.getMessage().contains("expected the cell parameter _cell_length_c"), e.getMessage());

        e = fails("data_x\n" + CUBIC + atoms + "Cu 0 zero 0\n");
        assertEquals(13, e.line());
        assertTrue(
                e.getMessage().contains("expected a number for _atom_site_fract_y of atom Cu, found 'zero'"),
                e.getMessage());

        e = fails("data_x\n" + CUBIC.replace("4.0(1)", "4.0a") + atoms + "Cu 0 0 0\n");
        assertEquals(2, e.line());

        e = fails("data_x\n" + CUBIC + atoms + "Xx1 0 0 0\n");
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("unknown element"), e.getMessage());

        e = fails("data_x\n" + CUBIC + "_title\n;\nunterminated\n" + atoms + "Cu 0 0 0\n");
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("unterminated text field"), e.getMessage());

        e = fails("data_x\n" + CUBIC + atoms + "Cu 0 0 0\nCu 0.5 0.5\n");
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("expected a multiple of 4"), e.getMessage());

        e = fails("data_x\n" + CUBIC + "_symmetry_space_group_name_H-M 'Q 9'\n" + atoms + "Cu 0 0 0\n");
        assertTrue(e.getMessage().contains("expected a known Hermann-Mauguin symbol"), e.getMessage());

        e = fails("data_x\n" + CUBIC + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y\n" + atoms + "Cu 0 0 0\n");
        assertEquals(11, e.line());
        assertTrue(e.getMessage().contains("expected a symmetry operation"), e.getMessage());

        e = fails("data_x\n" + CUBIC + atoms + "Cu ? 0 0\n");
        assertTrue(e.getMessage().contains("found '?'"), e.getMessage());

        e = fails("data_x\n" + CUBIC);
        assertTrue(e.getMessage().contains("expected atom sites"), e.getMessage());
    }
}

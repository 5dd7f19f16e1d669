package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class PymatgenJsonTest {

    @Test
    void readsPymatgenDictWithOxidationStatesAndDisorder() throws Exception {
        // written by pymatgen's Structure.as_dict() (scripts/gen_io_fixtures.py)
        Structure s = new PymatgenJson()
                .parse(PoscarReaderTest.resource("pymatgen_disordered.json"), "d.json")
                .get(0);
        assertEquals(3, s.size());
        assertEquals(190.28017395228335, s.volume(), 1e-9);
        assertEquals(5.1, s.lattice().a(), 1e-12);
        Site s0 = s.site(0);
        assertEquals(
                Map.of(new Species(Element.of("Fe"), 3), 0.5, new Species(Element.of("Mn"), 2), 0.5), s0.species());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, s0.fracCoords(), 1e-15);
        assertEquals(0.75, s.site(2).totalOccupancy(), 0);
        assertEquals(new Species(Element.of("O"), -2), s.site(1).specie());
        assertTrue(!s.isOrdered());
    }

    @Test
    void writeThenReadGivesTheSameStructure() throws Exception {
        Structure s = new PymatgenJson()
                .parse(PoscarReaderTest.resource("pymatgen_disordered.json"), "d.json")
                .get(0);
        String json = new PymatgenJson().format(s);
        Structure back = new PymatgenJson().parse(json, "back").get(0);
        for (int i = 0; i < 3; i++)
            assertArrayEquals(s.lattice().matrix()[i], back.lattice().matrix()[i], 0);
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.site(i).species(), back.site(i).species());
            assertArrayEquals(s.site(i).fracCoords(), back.site(i).fracCoords(), 0);
            assertEquals(s.site(i).label(), back.site(i).label());
        }
        assertTrue(json.contains("\"@class\":\"Structure\""));
    }

    @Test
    void listOfDictsAndCartesianOnlySites() throws Exception {
        String one =
                "{\"lattice\": {\"matrix\": [[2,0,0],[0,2,0],[0,0,2]]}, \"sites\": [{\"species\": [{\"element\": \"Cu\", \"occu\": 1}], \"xyz\": [1, 1, 1]}]}";
        List<Structure> all = new PymatgenJson().parse("[" + one + "," + one + "]", "l.json");
        assertEquals(2, all.size());
        assertEquals("l.json#1", all.get(1).id());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, all.get(0).site(0).fracCoords(), 1e-15);
    }

    @Test
    void errorsSayWhatWasExpected() {
        PymatgenJson r = new PymatgenJson();
        String good =
                "{\"lattice\": {\"matrix\": [[2,0,0],[0,2,0],[0,0,2]]},\n \"sites\": [{\"species\": [{\"element\": \"Cu\", \"occu\": 1}], \"abc\": [0, 0, 0]}]}";
        StructureFormatException e =
                assertThrows(StructureFormatException.class, () -> r.parse(good.replace("\"Cu\"", "\"Qq\""), "f"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown element 'Qq'"), e.getMessage());
        e = assertThrows(StructureFormatException.class, () -> r.parse(good.replace("[0, 0, 0]", "[0, 0]"), "f"));
        assertTrue(e.getMessage().contains("expected 3 numbers"), e.getMessage());
        e = assertThrows(StructureFormatException.class, () -> r.parse(good.replace("\"matrix\"", "\"mat\""), "f"));
        assertTrue(e.getMessage().contains("no 'matrix'"), e.getMessage());
        e = assertThrows(
                StructureFormatException.class, () -> r.parse(good.replace("\"occu\": 1", "\"occu\": 1.5"), "f"));
        assertTrue(e.getMessage().contains("occupancy"), e.getMessage());
        e = assertThrows(StructureFormatException.class, () -> r.parse(good.substring(0, 60), "f"));
        assertTrue(e.getMessage().contains("f:"), e.getMessage());
        e = assertThrows(StructureFormatException.class, () -> r.parse("{\"@class\": \"Molecule\"}", "f"));
        assertTrue(e.getMessage().contains("Molecule"), e.getMessage());
    }
}

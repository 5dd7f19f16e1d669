package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class ExtxyzReaderTest {

    @Test
    void readsAseFramesAsAseDoes() throws Exception {
        // ase_frames.extxyz and its reference numbers come from ASE (scripts/gen_io_fixtures.py)
        List<ExtxyzFrame> frames =
                new ExtxyzReader().parseFrames(PoscarReaderTest.resource("ase_frames.extxyz"), "ase.extxyz");
        JsonNode ref = new ObjectMapper().readTree(PoscarReaderTest.resource("ase_frames.ref.json"));
        assertEquals(2, frames.size());
        for (int k = 0; k < 2; k++) {
            Structure s = frames.get(k).structure();
            JsonNode r = ref.get(k);
            assertEquals("ase.extxyz#" + k, s.id());
            assertEquals(r.get("volume").asDouble(), s.volume(), 1e-10);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++)
                    assertEquals(
                            r.get("cell").get(i).get(j).asDouble(), s.lattice().get(i, j), 1e-12);
            }
            for (int a = 0; a < s.size(); a++) {
                assertEquals(
                        r.get("symbols").get(a).asText(), s.site(a).element().symbol());
                for (int j = 0; j < 3; j++)
                    assertEquals(
                            r.get("frac").get(a).get(j).asDouble(), s.site(a).frac(j), 1e-8);
            }
        }
        assertEquals("rock salt", frames.get(0).info().get("name"));
        assertEquals(-6.75, frames.get(0).number("energy").getAsDouble());
        assertEquals(5.6, frames.get(1).number("band_gap").getAsDouble());
        assertTrue(frames.get(0).number("name").isEmpty());
        assertTrue(frames.get(1).number("missing").isEmpty());
    }

    @Test
    void infoLineSyntax() throws Exception {
        Map<String, String> info = ExtxyzReader.parseInfo(
                "Lattice=\"1 0 0 0 1 0 0 0 1\" flag quoted=\"a \\\"b\\\" c\" arr=[1, 2, 3] obj={x y} spaced = 7",
                "f",
                2);
        assertEquals("1 0 0 0 1 0 0 0 1", info.get("Lattice"));
        assertEquals("T", info.get("flag"));
        assertEquals("a \"b\" c", info.get("quoted"));
        assertEquals("1, 2, 3", info.get("arr"));
        assertEquals("x y", info.get("obj"));
        assertEquals("7", info.get("spaced"));
        StructureFormatException e =
                assertThrows(StructureFormatException.class, () -> ExtxyzReader.parseInfo("a=\"open", "f", 2));
        assertEquals(2, e.line());
    }

    @Test
    void atomicNumbersAndDefaultProperties() throws Exception {
        String text = "1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=Z:I:1:pos:R:3\n26 1.5 1.5 1.5\n"
                + "1\nLattice=\"3 0 0 0 3 0 0 0 3\"\nFe 0 0 0\n";
        List<Structure> s = new ExtxyzReader().parse(text, "z.xyz");
        assertEquals(Element.of("Fe"), s.get(0).site(0).element());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.get(0).site(0).fracCoords(), 1e-15);
        assertEquals(Element.of("Fe"), s.get(1).site(0).element());
    }

    @Test
    void nonPeriodicFrameIsRefused() {
        String text = "2\nwater dimer, no cell\nO 0 0 0\nH 0 0 1\n";
        StructureFormatException e =
                assertThrows(StructureFormatException.class, () -> new ExtxyzReader().parse(text, "w.xyz"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("periodic"), e.getMessage());
    }

    @Test
    void errorsNameLines() {
        ExtxyzReader r = new ExtxyzReader();
        String head = "2\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3\n";
        StructureFormatException e =
                assertThrows(StructureFormatException.class, () -> r.parse(head + "Na 0 0 0\nCl 1 1\n", "f"));
        assertEquals(4, e.line());
        e = assertThrows(StructureFormatException.class, () -> r.parse(head + "Na 0 0 0\n", "f"));
        assertTrue(e.getMessage().contains("declares 2 atoms"), e.getMessage());
        e = assertThrows(StructureFormatException.class, () -> r.parse(head + "Na 0 0 0\nQq 1 1 1\n", "f"));
        assertEquals(4, e.line());
        e = assertThrows(StructureFormatException.class, () -> r.parse("two\n", "f"));
        assertEquals(1, e.line());
        e = assertThrows(
                StructureFormatException.class, () -> r.parse("1\nLattice=\"3 0 0 0 3 0 0 0\"\nNa 0 0 0\n", "f"));
        assertEquals(2, e.line());
        e = assertThrows(
                StructureFormatException.class,
                () -> r.parse("1\nLattice=\"1 0 0 0 1 0 0 0 1\" Properties=species:S:1:pos:Q:3\nNa 0 0 0\n", "f"));
        assertEquals(2, e.line());
    }

    @Test
    void writerRoundTripKeepsInfo() throws Exception {
        Lattice l = new Lattice(new double[][] {{4.1, 0.3, -0.2}, {0.7, 5.2, 0.1}, {-0.4, 0.25, 6.3}});
        Structure s = new Structure(
                l,
                List.of(
                        Site.of(Element.of("Li"), new double[] {0.1, 0.2, 0.3}, l),
                        Site.of(Element.of("O"), new double[] {0.6, -0.1, 1.05}, l)),
                "x");
        String text = new ExtxyzWriter()
                .format(List.of(new ExtxyzFrame(s, Map.of("energy", "-1.5", "note", "two words \"q\""))));
        ExtxyzFrame back = new ExtxyzReader().parseFrames(text, "rt.xyz").get(0);
        assertEquals("two words \"q\"", back.info().get("note"));
        assertEquals(-1.5, back.number("energy").getAsDouble());
        for (int i = 0; i < 3; i++)
            assertArrayEquals(l.matrix()[i], back.structure().lattice().matrix()[i], 0);
        for (int a = 0; a < 2; a++) {
            assertEquals(s.site(a).element(), back.structure().site(a).element());
            assertArrayEquals(s.site(a).fracCoords(), back.structure().site(a).fracCoords(), 1e-14);
        }
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class CgcnnFolderReaderTest {

    @TempDir
    Path dir;

    private void writeCif(String id, String source) throws Exception {
        Structure s = new PymatgenJson().parse(source, id).get(0);
        new CifWriter().write(s, dir.resolve(id + ".cif"));
    }

    @Test
    void readsEntriesEagerlyAndStructuresOnDemand() throws Exception {
        writeCif("mp-1", MatbenchReaderTest.S1);
        writeCif("mp-2", MatbenchReaderTest.S1.replace("Cs", "K"));
        Files.writeString(dir.resolve("id_prop.csv"), "mp-1,1.5,0.25\n\nmp-2, -0.75 ,nan\n");
        CgcnnFolderReader r = new CgcnnFolderReader(dir);
        List<CgcnnEntry> e = r.entries();
        assertEquals(2, e.size());
        assertEquals("mp-2", e.get(1).id());
        assertEquals(-0.75, e.get(1).target());
        assertTrue(Double.isNaN(e.get(1).targets()[1]));
        assertEquals(3, e.get(1).line());
        Structure s = r.load(e.get(1));
        assertEquals("mp-2", s.id());
        assertEquals("K1 Cl1", s.composition().formula());
        List<String> formulas =
                r.stream().map(l -> l.structure().composition().formula()).collect(Collectors.toList());
        assertEquals(List.of("Cs1 Cl1", "K1 Cl1"), formulas);
    }

    @Test
    void badRowsNameFileAndLine() throws Exception {
        assertError("a,1\nb\n", 2, "expected 'id,target'");
        assertError("id,target\na,1\n", 1, "no header row");
        assertError("a,1\nb,x\n", 2, "to be a number");
        assertError("a,1,2\nb,1\n", 2, "expected 3 columns");
        assertError("a,1\na,2\n", 2, "duplicate id 'a'");
        assertError("../x,1\n", 1, "naming a file");
        assertError(",1\n", 1, "expected an id");
    }

    @Test
    void missingStructureFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("id_prop.csv"), "a,1\n");
        CgcnnFolderReader r = new CgcnnFolderReader(dir);
        StructureFormatException e = assertThrows(
                StructureFormatException.class, () -> r.load(r.entries().get(0)));
        assertTrue(e.getMessage().contains("a.cif"), e.getMessage());
        assertEquals(1, e.line());
    }

    private void assertError(String csv, int line, String what) throws Exception {
        Files.writeString(dir.resolve("id_prop.csv"), csv);
        StructureFormatException e =
                assertThrows(StructureFormatException.class, () -> new CgcnnFolderReader(dir).entries());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains("id_prop.csv"), e.getMessage());
    }

    @Test
    void noIdPropIsAClearError() {
        Exception e = assertThrows(Exception.class, () -> new CgcnnFolderReader(dir).entries());
        assertTrue(e.getMessage().contains("id_prop.csv"), e.getMessage());
        assertArrayEquals(new double[0], new double[0]);
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class StructuresTest {

    @TempDir
    Path dir;

    @Test
    void formatComesFromTheNameAndForJsonFromTheContent() throws Exception {
        Structure s = new PoscarReader().parseOne(PoscarReaderTest.resource("POSCAR_BaTiO3"), "BaTiO3");
        for (String name : List.of(
                "x.cif",
                "POSCAR",
                "CONTCAR_relaxed",
                "POSCAR.gz",
                "x.vasp",
                "y.POSCAR",
                "z.xyz",
                "z.extxyz.gz",
                "s.json",
                "s.JSON.gz")) {
            Path f = dir.resolve(name);
            Structures.write(s, f);
            Structure back = Structures.readOne(f);
            assertEquals("Ba1 Ti1 O3", back.composition().formula(), name);
            CifWriterTest.assertSameStructure(s, back, 1e-8, 1e-10);
            assertTrue(
                    Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                    "temporary file left by " + name);
        }
        assertEquals(Structures.Format.PYMATGEN_JSON, Structures.formatOf(dir.resolve("s.json")));
        assertEquals(Structures.Format.POSCAR, Structures.formatOf(dir.resolve("CONTCAR_relaxed")));
    }

    @Test
    void matbenchJsonIsToldApartByContent() throws Exception {
        Path f = dir.resolve("tiny.json");
        Files.writeString(
                f,
                "{\"index\": [\"a\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + MatbenchReaderTest.S1
                        + ", 1]]}");
        assertEquals(Structures.Format.MATBENCH, Structures.formatOf(f));
        List<Structure> all = Structures.read(f);
        assertEquals("a", all.get(0).id());
    }

    @Test
    void unknownTypesAreClearErrors() throws Exception {
        Path f = dir.resolve("structure.txt");
        Files.writeString(f, "hello");
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> Structures.read(f));
        assertTrue(e.getMessage().contains("unknown structure file type"), e.getMessage());
        Structure s = new PoscarReader().parseOne(PoscarReaderTest.resource("POSCAR_BaTiO3"), "x");
        assertThrows(IllegalArgumentException.class, () -> Structures.write(s, dir.resolve("out.docx")));
        Path g = dir.resolve("broken.json");
        Files.writeString(g, "[1, 2");
        assertThrows(StructureFormatException.class, () -> Structures.read(g));
    }
}

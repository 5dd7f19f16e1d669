package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

class InputEntriesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static List<InputEntry> all(InputEntries e) {
        List<InputEntry> out = new ArrayList<>();
        try (e) {
            e.forEachRemaining(out::add);
        }
        return out;
    }

    static String cif(String name) throws Exception {
        return Files.readString(ExamplesTest.EXAMPLES.resolve(name));
    }

    static void gzip(Path file, String text) throws Exception {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Rows of every kind: CIF text with an id and a target, a bare pymatgen dict, a CIF string, a broken line. */
    String jsonLines() throws Exception {
        Structure nacl = Structures.readOne(ExamplesTest.EXAMPLES.resolve("NaCl.cif"));
        ObjectNode wrapped = JSON.createObjectNode().put("id", "rock-salt").put("target", 1.5);
        wrapped.put("structure", cif("NaCl.cif"));
        String bare = PymatgenJson.toDict(nacl).toString();
        String text = JSON.writeValueAsString(cif("Si.cif"));
        return wrapped + "\n\n" + bare + "\n" + text + "\n{\"id\": \"bad\", \"structure\": {\"lattice\": 3}}\n";
    }

    @Test
    void jsonLinesGzippedGiveOneEntryPerRowWithIdsTargetsAndAFailingBadRow() throws Exception {
        Path f = tmp.resolve("rows.jsonl.gz");
        gzip(f, jsonLines());
        List<InputEntry> e = all(InputEntries.of(List.of(f)));
        assertEquals(4, e.size());
        assertEquals(
                List.of("rock-salt", f + "#1", f + "#2", "bad"),
                e.stream().map(InputEntry::id).toList());
        assertEquals(1.5, e.get(0).target());
        assertNull(e.get(1).target());
        Structure nacl = Structures.readOne(ExamplesTest.EXAMPLES.resolve("NaCl.cif"));
        for (int i = 0; i < 2; i++) {
            Structure s = e.get(i).read().get(0);
            assertEquals(e.get(i).id(), s.id());
            assertEquals(nacl.composition().reducedFormula(), s.composition().reducedFormula());
            assertEquals(nacl.volume(), s.volume(), 1e-9);
        }
        assertEquals("Si", e.get(2).read().get(0).composition().reducedFormula());
        StructureFormatException x =
                assertThrows(StructureFormatException.class, () -> e.get(3).read());
        assertEquals(f.toString(), x.file());
        assertEquals(5, x.line(), "the line number counts the blank line: " + x.getMessage());
        assertFalse(e.get(3).readEach().get(0).ok());
    }

    @Test
    void stdinStreamsJsonLinesAndReadsAnythingElseAsOneFile() throws Exception {
        byte[] rows = jsonLines().getBytes(StandardCharsets.UTF_8);
        List<InputEntry> e = all(InputEntries.open(List.of("-"), new ByteArrayInputStream(rows)));
        assertEquals(4, e.size());
        assertEquals("-", e.get(0).source());
        assertEquals("-#1", e.get(1).id());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(rows);
        }
        assertEquals(
                4,
                all(InputEntries.open(List.of("-"), new ByteArrayInputStream(gz.toByteArray())))
                        .size());
        byte[] cif = cif("SrTiO3.cif").getBytes(StandardCharsets.UTF_8);
        List<InputEntry> one = all(InputEntries.open(List.of("-"), new ByteArrayInputStream(cif)));
        assertEquals(1, one.size());
        assertNull(one.get(0).id());
        assertEquals(5, one.get(0).read().get(0).size());
        List<InputEntry> none = all(InputEntries.open(List.of("-"), new ByteArrayInputStream(new byte[0])));
        assertTrue(
                assertThrows(StructureFormatException.class, () -> none.get(0).read())
                        .getMessage()
                        .contains("found nothing"));
    }

    @Test
    void aMatbenchDatasetGivesItsRowsWithIdsAndTargets() throws Exception {
        Path f = tmp.resolve("mini.json.gz");
        StringBuilder data = new StringBuilder();
        String[] names = {"NaCl.cif", "Cu.cif", "ZnO-wurtzite.cif"};
        for (int i = 0; i < names.length; i++) {
            Structure s = Structures.readOne(ExamplesTest.EXAMPLES.resolve(names[i]));
            data.append(i > 0 ? "," : "")
                    .append("[")
                    .append(PymatgenJson.toDict(s))
                    .append(",")
                    .append(i + 0.5)
                    .append("]");
        }
        gzip(
                f,
                "{\"index\": [\"mb-1\", \"mb-2\", \"mb-3\"], \"columns\": [\"structure\", \"e\"], \"data\": [" + data
                        + "]}");
        List<InputEntry> e = all(InputEntries.of(List.of(f)));
        assertEquals(
                List.of("mb-1", "mb-2", "mb-3"), e.stream().map(InputEntry::id).toList());
        assertEquals(2.5, e.get(2).target());
        assertEquals("ZnO", e.get(2).read().get(0).composition().reducedFormula());
        assertEquals(f.toString(), e.get(0).source());
    }

    @Test
    void foldersAreWalkedInPathOrderWithDatasetsInsideExpanded() throws Exception {
        Path root = tmp.resolve("tree");
        for (String p : List.of("b.cif", "b/x.cif", "a.vasp", "b/c/y.cif", "notes.txt", "atom_init.json", "b-.cif")) {
            Path f = root.resolve(p);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "");
        }
        gzip(root.resolve("b/rows.jsonl.gz"), jsonLines());
        List<String> sources = all(InputEntries.of(List.of(root))).stream()
                .map(InputEntry::source)
                .distinct()
                .toList();
        List<String> expected;
        try (Stream<Path> s = Files.walk(root)) {
            expected = s.filter(Files::isRegularFile)
                    .filter(InputEntries::looksLikeStructure)
                    .sorted()
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(expected, sources);
        assertEquals(
                List.of("a.vasp", "b-.cif", "b.cif", "c/y.cif", "rows.jsonl.gz", "x.cif"),
                sources.stream()
                        .map(s -> s.substring(s.lastIndexOf("tree/") + 5).replaceFirst("^b/", ""))
                        .toList());
    }

    @Test
    void aMissingFileIsAnEntryThatFailsNotAnExceptionOfTheStream() throws Exception {
        List<InputEntry> e = all(InputEntries.of(List.of(tmp.resolve("gone.jsonl"), tmp.resolve("gone.cif"))));
        assertEquals(2, e.size());
        assertInstanceOf(java.nio.file.NoSuchFileException.class, assertThrows(Exception.class, () -> e.get(0)
                .read()));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> e.get(1).read());
    }
}

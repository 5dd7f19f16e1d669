package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on hostile input: the COD-style malformed CIFs of graph's test resources, a missing
 * file, a damaged file, and a model cache that cannot be written. Every readable block gives an
 * ok line with its warnings, every unreadable one an ok:false line naming it, {@code --strict}
 * refuses what has warnings, and no message is a bare Java exception.
 */
class FaultInjectionCliTest {

    static final Path MALFORMED = Path.of("..", "graph", "src", "test", "resources", "malformed");
    static final Path EXAMPLES = Path.of("..", "examples");

    /** What a bare Java exception looks like in a message. */
    static final Pattern BARE = Pattern.compile("(java|javax|jdk|sun)\\.[a-z]+\\.|Exception\\b|\\bat [a-z]+\\.");

    static void assertClear(List<JsonNode> lines) {
        for (JsonNode l : lines) {
            if (l.get("ok").asBoolean()) {
                assertTrue(l.get("warnings").isArray(), "every ok line carries its warnings: " + l);
            } else {
                String e = l.get("error").asText();
                assertFalse(BARE.matcher(e).find(), "bare exception: " + e);
                assertTrue(e.startsWith(l.get("file").asText()), "the message names the file: " + e);
            }
        }
    }

    static JsonNode line(List<JsonNode> lines, String file, String id) {
        return lines.stream()
                .filter(l -> l.get("file").asText().endsWith(file))
                .filter(l -> id == null || id.equals(l.path("id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + file + " " + id + " in " + lines));
    }

    @Test
    void graphReadsEveryGoodBlockAndSaysWhatIsWrong(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("missing.cif");
        GraphCommandTest.Result r = GraphCommandTest.run("graph", MALFORMED.toString(), missing.toString());
        assertEquals(1, r.code());
        assertClear(r.lines());
        List<JsonNode> multi = r.lines().stream()
                .filter(l -> l.get("file").asText().endsWith("multiblock-one-bad.cif"))
                .toList();
        assertEquals(6, multi.size());
        assertEquals(5, multi.stream().filter(l -> l.get("ok").asBoolean()).count());
        JsonNode bad = line(r.lines(), "multiblock-one-bad.cif", "broken_quote");
        assertTrue(bad.get("error").asText().contains("data_broken_quote: unterminated quoted string"));
        JsonNode mg = line(r.lines(), "magnesite-other-origin.cif", null);
        assertTrue(mg.get("ok").asBoolean());
        assertTrue(mg.get("warnings").get(0).asText().contains("contradicts the declared formula"));
        assertEquals(
                missing + ": not found",
                line(r.lines(), "missing.cif", null).get("error").asText());
        // a structure that contradicts its declarations is never ok without a warning
        for (String f : List.of("magnesite-other-origin.cif", "fragment-without-symmetry.cif", "wrong-density.cif")) {
            assertTrue(line(r.lines(), f, null).get("warnings").size() > 0, f);
        }
        assertEquals(
                0,
                line(r.lines(), "multiblock-one-bad.cif", "cu_1")
                        .get("warnings")
                        .size());
    }

    @Test
    void strictRefusesWhatHasWarnings() throws Exception {
        GraphCommandTest.Result r = GraphCommandTest.run(
                "graph",
                "--strict",
                MALFORMED.resolve("magnesite-other-origin.cif").toString(),
                EXAMPLES.resolve("NaCl.cif").toString());
        assertEquals(1, r.code());
        assertClear(r.lines());
        JsonNode mg = r.lines().get(0);
        assertFalse(mg.get("ok").asBoolean());
        assertTrue(mg.get("error").asText().contains("refused by --strict: the structure built (Mg6 C6 O36)"));
        assertTrue(r.lines().get(1).get("ok").asBoolean());
    }

    @Test
    void damagedFilesGiveClearMessages(@TempDir Path tmp) throws Exception {
        byte[] good = Files.readAllBytes(EXAMPLES.resolve("SrTiO3.cif"));
        Files.write(tmp.resolve("truncated.cif"), java.util.Arrays.copyOf(good, good.length / 3));
        byte[] flipped = good.clone();
        for (int i = 40; i < flipped.length; i += 97) flipped[i] ^= 0x20;
        Files.write(tmp.resolve("flipped.cif"), flipped);
        Files.write(tmp.resolve("binary.cif"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0x1f, (byte) 0x8b});
        Files.write(tmp.resolve("empty.json"), new byte[0]);
        Files.writeString(tmp.resolve("POSCAR"), "comment\n1.0\n");
        GraphCommandTest.Result r = GraphCommandTest.run("graph", tmp.toString());
        assertEquals(5, r.lines().size());
        assertClear(r.lines());
    }

    @Test
    void aMissingFileIsNamedAsMissing(@TempDir Path tmp) {
        Path folds = tmp.resolve("perovskites.folds.json");
        assertEquals("no such file: " + folds, Spinel.message(new java.nio.file.NoSuchFileException(folds.toString())));
        assertEquals("permission denied: x", Spinel.message(new java.nio.file.AccessDeniedException("x")));
        assertEquals("bad value", Spinel.message(new IllegalArgumentException("bad value")));
    }

    @Test
    void predictWorksWithACacheThatCannotBeWritten(@TempDir Path tmp) throws Exception {
        Path notADir = Files.writeString(tmp.resolve("cache"), "a file where the cache folder should be");
        PredictCommandTest.Run r = PredictCommandTest.run(
                "--cache-dir",
                notADir.toString(),
                "--offline",
                "--no-progress",
                EXAMPLES.resolve("NaCl.cif").toString(),
                MALFORMED.resolve("multiblock-one-bad.cif").toString());
        List<JsonNode> lines = PredictCommandTest.lines(r.stdout());
        assertClear(lines);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.get("ok").asBoolean()
                                && l.get("file").asText().endsWith("NaCl.cif")),
                r.stdout());
        // predict reads a file's good blocks; each says which block of the file was not read
        assertTrue(lines.stream()
                .anyMatch(l -> l.get("ok").asBoolean()
                        && l.get("warnings").toString().contains("data_broken_quote of this file was not read")));
        assertEquals("a file where the cache folder should be", Files.readString(notADir), "nothing written");
    }
}

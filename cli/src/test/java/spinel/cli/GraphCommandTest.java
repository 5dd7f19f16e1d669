package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    /** Runs the command line, returns its JSON lines and exit code. */
    static Result run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Spinel.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : buf.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) lines.add(m.readTree(l));
        }
        return new Result(code, lines);
    }

    record Result(int code, List<JsonNode> lines) {}

    @Test
    void rockSaltHasSixNearestNeighboursAtHalfTheEdge() throws Exception {
        Result r = run("graph", EXAMPLES.resolve("NaCl.cif").toString());
        assertEquals(0, r.code());
        JsonNode line = r.lines().get(0);
        assertTrue(line.get("ok").asBoolean());
        assertEquals(8, line.get("nsites").asInt());
        assertEquals(4.0, line.get("composition").get("Na").asDouble(), 1e-9);
        assertEquals(4.0, line.get("composition").get("Cl").asDouble(), 1e-9);
        double a = Math.cbrt(line.get("volume").asDouble());
        JsonNode shells = line.get("neighbors");
        assertEquals(8, shells.size());
        for (JsonNode site : shells) {
            assertEquals(12, site.size());
            for (int k = 0; k < 6; k++) assertEquals(a / 2, site.get(k).asDouble(), 1e-6);
            for (int k = 6; k < 12; k++)
                assertEquals(a / Math.sqrt(2), site.get(k).asDouble(), 1e-6);
        }
    }

    @Test
    void badFileGivesAnErrorLineAndTheOthersGoOn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.cif");
        Files.writeString(bad, "data_broken\n_cell_length_a 5.0\nloop_\n_atom_site_label\n");
        Result r = run(
                "graph",
                "--max-neighbors",
                "4",
                bad.toString(),
                dir.resolve("missing.cif").toString(),
                EXAMPLES.resolve("Cu.cif").toString());
        assertEquals(1, r.code());
        assertEquals(3, r.lines().size());
        assertFalse(r.lines().get(0).get("ok").asBoolean());
        assertTrue(r.lines().get(0).get("error").asText().contains("broken.cif"));
        assertFalse(r.lines().get(1).get("ok").asBoolean());
        assertTrue(r.lines().get(2).get("ok").asBoolean());
        assertEquals(4, r.lines().get(2).get("neighbors").get(0).size());
    }
}

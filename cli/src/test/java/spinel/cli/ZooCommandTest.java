package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ZooCommandTest {

    static final Path CGCNN =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code zoo args...} and returns its stdout lines as JSON. */
    static List<JsonNode> run(int expectedStatus, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            status = new CommandLine(new ZooCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(expectedStatus, status, buf.toString(StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\n"))
            if (!line.isBlank()) out.add(JSON.readTree(line));
        return out;
    }

    @Test
    void listShowsEveryModel(@TempDir Path cache) throws Exception {
        List<JsonNode> lines = run(0, "list", "--cache-dir", cache.toString());
        assertTrue(lines.size() >= 8);
        JsonNode fe = lines.stream()
                .filter(n -> n.get("id").asText().equals("cgcnn/formation-energy-per-atom"))
                .findFirst()
                .orElseThrow();
        assertEquals("eV/atom", fe.get("units").asText());
        assertEquals(false, fe.get("cached").asBoolean());
        assertEquals("mae", fe.at("/metrics/0/name").asText());
    }

    @Test
    void infoPrintsTheCard() throws Exception {
        List<JsonNode> lines = run(0, "info", "cgcnn/band-gap");
        assertEquals("eV", lines.get(0).at("/target/units").asText());
        assertEquals(41, lines.get(0).at("/network/nbr_fea_len").asInt());
    }

    @Test
    void getFetchesFromAMirrorAndFailsOfflineWithTheMissingPath(@TempDir Path cache) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CGCNN.resolve("pre-trained")));
        List<JsonNode> offline = run(1, "get", "--offline", "--cache-dir", cache.toString(), "cgcnn/efermi");
        assertEquals(false, offline.get(0).get("ok").asBoolean());
        assertTrue(offline.get(0)
                .get("error")
                .asText()
                .contains(cache.resolve("models/cgcnn/efermi/2018").toString()));

        try (CgcnnMirror mirror = new CgcnnMirror(CGCNN)) {
            List<JsonNode> got = run(0, "get", "--cache-dir", cache.toString(), "cgcnn/efermi");
            Path weights = Path.of(got.get(0).at("/files/weights").asText());
            assertEquals(-1, Files.mismatch(weights, CGCNN.resolve("pre-trained/efermi.pth.tar")));
            assertTrue(run(0, "list", "--cache-dir", cache.toString()).stream()
                    .anyMatch(n -> n.get("id").asText().equals("cgcnn/efermi")
                            && n.get("cached").asBoolean()));
        }
    }
}

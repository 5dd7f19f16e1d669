package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
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

/**
 * Streaming inputs (JSON Lines, gzip'd, on stdin) and {@code --output FILE --resume}: a run killed at any
 * byte and resumed ends with exactly the file of an uninterrupted run.
 */
class ResumeTest {

    static final Path EXAMPLES = Path.of(System.getProperty("spinel.examples", "../examples"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] TWO_MODELS = {"--model", "spinel/band-gap", "--model", "spinel/formation-energy-per-atom"};

    @TempDir
    Path tmp;

    /** Every example CIF twice (as CIF text, ids ex-0...), one broken row in the middle; gzip'd. */
    Path rows() throws Exception {
        List<Path> cifs;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            cifs = s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
        }
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (int rep = 0; rep < 2; rep++) {
            for (Path c : cifs) {
                ObjectNode row = JSON.createObjectNode().put("id", "ex-" + k++);
                row.put("structure", Files.readString(c));
                b.append(row).append('\n');
                if (k == 7) b.append("{\"id\": \"broken\", \"structure\": \"data_x\\n_cell_length_a 4\\n\"}\n");
            }
        }
        Path f = tmp.resolve("rows.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    static FirstHourTest.Run spinel(String... args) {
        return FirstHourTest.run(null, args);
    }

    static String[] args(String command, String[] options, String... rest) {
        List<String> a = new ArrayList<>(List.of(command.split(" ")));
        a.addAll(List.of(options));
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

    @Test
    void predictOnJsonLinesWritesOneLinePerRowAndModelWithIdsInOrder() throws Exception {
        Path in = rows();
        FirstHourTest.Run r = spinel(args("predict", TWO_MODELS, "--no-progress", in.toString()));
        assertEquals(1, r.code(), "the broken row fails, the others go on: " + r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(2 * 22 + 1, lines.size());
        assertEquals("ex-0", lines.get(0).get("id").asText());
        assertEquals("spinel/band-gap", lines.get(0).get("model").asText());
        assertEquals("ex-0", lines.get(1).get("id").asText());
        JsonNode broken = lines.get(14);
        assertEquals("broken", broken.get("id").asText());
        assertEquals(false, broken.get("ok").asBoolean());
        assertTrue(broken.get("error").asText().contains(in + ":8"), broken.toString());
        assertEquals(in.toString(), lines.get(44).get("file").asText());
        assertEquals("ex-21", lines.get(44).get("id").asText());
        // the same rows on stdin give the same lines (file "-")
        byte[] gz = Files.readAllBytes(in);
        FirstHourTest.Run piped = FirstHourTest.run(new ByteArrayInputStream(gz), args("predict", TWO_MODELS, "-"));
        assertEquals(r.out().replace(in.toString(), "-"), piped.out());
    }

    @Test
    void aRunKilledAnywhereAndResumedGivesExactlyTheLinesOfAnUninterruptedRun() throws Exception {
        Path in = rows();
        Path full = tmp.resolve("full.jsonl");
        assertEquals(
                1,
                spinel(args("predict", TWO_MODELS, "--output", full.toString(), in.toString()))
                        .code());
        String expected = Files.readString(full);
        assertEquals(45, expected.lines().count());
        assertEquals(
                expected, spinel(args("predict", TWO_MODELS, in.toString())).out(), "file = stdout");
        byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
        int line3 = expected.indexOf('\n', expected.indexOf('\n', expected.indexOf('\n') + 1) + 1) + 1;
        // torn first line; after 3 lines (in the middle of an input's two lines); torn in the middle; complete
        int[] cuts = {17, line3, bytes.length / 2, bytes.length};
        for (int cut : cuts) {
            Path out = tmp.resolve("cut-" + cut + ".jsonl");
            Files.write(out, java.util.Arrays.copyOf(bytes, cut));
            FirstHourTest.Run r =
                    spinel(args("predict", TWO_MODELS, "--output", out.toString(), "--resume", in.toString()));
            assertTrue(r.code() <= 1, r.err());
            assertEquals(expected, Files.readString(out), "resumed after " + cut + " bytes: " + r.err());
        }
    }

    @Test
    void anExistingOutputNeedsResumeAndResumingOtherInputsIsRefused() throws Exception {
        Path in = rows();
        Path out = tmp.resolve("out.jsonl");
        Files.writeString(out, "{\"file\":\"elsewhere.cif\",\"ok\":true}\n");
        FirstHourTest.Run r = spinel(args("symmetry", new String[0], "--output", out.toString(), in.toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--resume"), r.err());
        r = spinel(args("symmetry", new String[0], "--output", out.toString(), "--resume", in.toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 1 (elsewhere.cif) is not the line of input"), r.err());
    }

    @Test
    void symmetryAndDescriptorsStreamAndResumeTheSameWay() throws Exception {
        Path in = rows();
        for (String command : List.of("symmetry", "descriptors lattice", "graph")) {
            Path full = tmp.resolve(command.replace(' ', '-') + ".jsonl");
            assertEquals(
                    1,
                    spinel(args(command, new String[0], "-o", full.toString(), in.toString()))
                            .code());
            String expected = Files.readString(full);
            assertEquals(23, expected.lines().count(), command);
            assertTrue(expected.lines().allMatch(l -> l.contains("\"id\":\"")), command + " lines carry the row id");
            Path out = tmp.resolve(command.replace(' ', '-') + "-cut.jsonl");
            Files.writeString(out, expected.substring(0, expected.length() * 2 / 3));
            spinel(args(command, new String[0], "-o", out.toString(), "--resume", in.toString()));
            assertEquals(expected, Files.readString(out), command);
        }
    }
}

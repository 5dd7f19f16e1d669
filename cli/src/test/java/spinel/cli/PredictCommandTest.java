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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PredictCommandTest {

    static final Path CGCNN =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    void needAnchors() {
        Assumptions.assumeTrue(Files.isDirectory(CGCNN.resolve("pre-trained")), "no " + CGCNN);
    }

    record Run(int status, String stdout, String stderr) {}

    static Run run(String... args) {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = new CommandLine(new PredictCommand()).execute(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return new Run(status, buf.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> lines(String s) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : s.split("\n")) if (!line.isBlank()) out.add(JSON.readTree(line));
        return out;
    }

    static Map<String, Double> expected(String model) throws Exception {
        Map<String, Double> m = new HashMap<>();
        List<String> rows = Files.readAllLines(CGCNN.resolve("reference/" + model + ".predictions.csv"));
        for (String r : rows.subList(1, rows.size())) m.put(r.split(",")[0], Double.parseDouble(r.split(",")[2]));
        return m;
    }

    /** A folder with the sample CIFs and one broken file in the middle. */
    Path inputs() throws Exception {
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        try (var s = Files.list(CGCNN.resolve("sample"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().endsWith(".cif")) Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        Files.writeString(
                dir.resolve("5000000-broken.cif"), "data_broken\n_cell_length_a 4.0\nloop_\n_atom_site_label\n");
        return dir;
    }

    @Test
    void checkpointPathOverAFolderStreamsAndSurvivesABadFile() throws Exception {
        Run r = run(
                "--model",
                CGCNN.resolve("pre-trained/band-gap.pth.tar").toString(),
                "--atom-init",
                CGCNN.resolve("sample/atom_init.json").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString(),
                "--no-progress",
                "--batch",
                "4",
                inputs().toString());
        assertEquals(1, r.status(), "a bad input makes the exit status 1");
        List<JsonNode> out = lines(r.stdout());
        assertEquals(11, out.size());
        Map<String, Double> want = expected("band-gap");
        int ok = 0;
        for (JsonNode n : out) {
            String id = Path.of(n.get("file").asText()).getFileName().toString().replace(".cif", "");
            if (id.endsWith("broken")) {
                assertEquals(false, n.get("ok").asBoolean());
                assertTrue(n.get("error").asText().contains("5000000-broken.cif"), n.toString());
                continue;
            }
            assertEquals(true, n.get("ok").asBoolean(), n.toString());
            assertEquals("band-gap.pth.tar", n.get("model").asText());
            assertEquals(want.get(id), n.get("prediction").asDouble(), 1e-4, id);
            ok++;
        }
        assertEquals(10, ok);
        // input order is kept
        assertTrue(out.get(0).get("file").asText().endsWith("1000041.cif"));
    }

    @Test
    void registryModelCsvWithEmbeddingsAndClassification() throws Exception {
        // the registry's models come from a loopback mirror of their public URLs
        try (CgcnnMirror mirror = new CgcnnMirror(CGCNN)) {
            Path cif = CGCNN.resolve("sample/1507756.cif");
            Run r = run(
                    "--model",
                    "cgcnn/semi-metal-classification",
                    "--cache-dir",
                    tmp.resolve("cache").toString(),
                    "--no-progress",
                    cif.toString());
            assertEquals(0, r.status(), r.stdout());
            JsonNode n = lines(r.stdout()).get(0);
            double metal = expected("semi-metal-classification").get("1507756");
            assertEquals(
                    metal < 0.5 ? "semiconductor" : "metal", n.get("prediction").asText());
            assertEquals(metal, n.at("/probabilities/metal").asDouble(), 1e-4);

            Run csv = run(
                    "--model",
                    "cgcnn/formation-energy-per-atom",
                    "--format",
                    "csv",
                    "--embeddings",
                    "--cache-dir",
                    tmp.resolve("cache").toString(),
                    "--no-progress",
                    cif.toString(),
                    tmp.resolve("missing.cif").toString());
            assertEquals(1, csv.status());
            String[] rows = csv.stdout().split("\n");
            assertEquals("file,id,model,ok,prediction,probability,units,error,embedding", rows[0]);
            String[] cells = rows[1].split(",");
            assertEquals("true", cells[3]);
            assertEquals(expected("formation-energy-per-atom").get("1507756"), Double.parseDouble(cells[4]), 1e-4);
            assertEquals("eV/atom", cells[6]);
            assertEquals(64, cells[8].split(" ").length);
            assertTrue(rows[2].contains("missing.cif") && rows[2].contains("false"), rows[2]);
        }
    }

    @Test
    void checkpointWithoutAtomInitIsAClearError() {
        Run r = run(
                "--model",
                CGCNN.resolve("pre-trained/band-gap.pth.tar").toString(),
                "--no-progress",
                CGCNN.resolve("sample/1507756.cif").toString());
        assertTrue(r.status() != 0);
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("--atom-init FILE is needed"), r.stderr());
    }

    /** The reference's predict.py on its own sample folder: targets on each line, MAE, test_results.csv. */
    @Test
    void cgcnnFolderCarriesTargetsReportsMaeAndWritesTheReferenceResults() throws Exception {
        Path results = tmp.resolve("test_results.csv");
        Run r = run(
                "--model",
                CGCNN.resolve("pre-trained/band-gap.pth.tar").toString(),
                "--atom-init",
                CGCNN.resolve("sample/atom_init.json").toString(),
                "--cache-dir",
                tmp.resolve("cache").toString(),
                "--results",
                results.toString(),
                CGCNN.resolve("sample").toString());
        assertEquals(0, r.status(), r.stderr());
        List<JsonNode> out = lines(r.stdout());
        Map<String, double[]> ref = reference("band-gap");
        assertEquals(ref.size(), out.size(), "one line per id_prop.csv row; atom_init.json is not a structure");
        double mae = 0;
        for (JsonNode n : out) {
            double[] want = ref.get(n.get("id").asText());
            assertEquals(want[0], n.get("target").asDouble(), 1e-12, n.toString());
            assertEquals(want[1], n.get("prediction").asDouble(), 1e-4, n.toString());
            mae += Math.abs(want[1] - want[0]) / ref.size();
        }
        assertTrue(r.stderr().contains(String.format(java.util.Locale.ROOT, "MAE %.4f", mae)), r.stderr());
        List<String> rows = Files.readAllLines(results);
        assertEquals(ref.size(), rows.size());
        for (String row : rows) {
            String[] c = row.split(",");
            assertEquals(ref.get(c[0])[0], Double.parseDouble(c[1]), 1e-12, row);
            assertEquals(ref.get(c[0])[1], Double.parseDouble(c[2]), 1e-4, row);
        }
    }

    /** id → {target, prediction} of the reference implementation on the sample folder. */
    static Map<String, double[]> reference(String model) throws Exception {
        Map<String, double[]> m = new HashMap<>();
        List<String> rows = Files.readAllLines(CGCNN.resolve("reference/" + model + ".predictions.csv"));
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            m.put(c[0], new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[2])});
        }
        return m;
    }

    @Test
    void rejectBelowWithholdsUnsureClassifications() throws Exception {
        try (CgcnnMirror mirror = new CgcnnMirror(CGCNN)) {
            Run r = run(
                    "--model",
                    "cgcnn/semi-metal-classification",
                    "--cache-dir",
                    tmp.resolve("cache").toString(),
                    "--reject-below",
                    "0.9",
                    CGCNN.resolve("sample").toString());
            assertEquals(0, r.status(), r.stderr());
            Map<String, double[]> ref = reference("semi-metal-classification");
            int rejected = 0;
            for (JsonNode n : lines(r.stdout())) {
                double metal = ref.get(n.get("id").asText())[1];
                boolean unsure = Math.max(metal, 1 - metal) < 0.9;
                assertEquals(unsure, n.path("rejected").asBoolean(false), n.toString());
                assertEquals(unsure, n.get("prediction").isNull(), n.toString());
                if (unsure) rejected++;
            }
            assertTrue(r.stderr().contains(rejected + " rejected (probability below 0.9)"), r.stderr());
        }
    }
}

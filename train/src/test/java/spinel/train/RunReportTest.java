package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    static void assertPng(Path p) throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(p), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, p.toString());
    }

    @Test
    void writesEveryRunFile(@TempDir Path dir) throws Exception {
        List<TrainingLoop.EpochRecord> history = List.of(
                new TrainingLoop.EpochRecord(1, 1.0, 0.9, 0.8, 1e-3, 0.5),
                new TrainingLoop.EpochRecord(2, 0.5, 0.6, 0.55, 1e-3, 0.5));
        RunReport.history(dir, history);
        Map<String, Object> test = RunReport.regression(
                dir,
                List.of("a", "b", "c"),
                new double[] {1, 2, 3},
                new float[][] {{0f}, {1f}, {2f}},
                new Normalizer(1, 1),
                "band_gap",
                "eV");
        TrainingLoop.Result result = new TrainingLoop.Result(history, 2, 0.55, false, 1.0);
        RunReport.metrics(dir, test, result, 1.5, Map.of("model", "mlp"));
        JsonNode m = RunFiles.JSON.readTree(dir.resolve("metrics.json").toFile());
        assertEquals(0.0, m.get("test").get("mae").asDouble(), 1e-6);
        assertEquals(3, m.get("test").get("n").asInt());
        assertEquals(2, m.get("epochs").asInt());
        assertTrue(m.get("peak_rss_mb").asDouble() > 0);
        assertEquals("mlp", m.get("model").asText());
        List<String> csv = Files.readAllLines(dir.resolve("predictions.csv"));
        assertEquals("id,target,prediction", csv.get(0));
        assertEquals("b,2.0000000,2.0000000", csv.get(2));
        assertEquals(3, Files.readAllLines(dir.resolve("history.csv")).size());
        assertPng(dir.resolve("parity.png"));
        assertPng(dir.resolve("learning_curves.png"));

        Map<String, Object> cls = RunReport.classification(
                dir,
                List.of("a", "b"),
                new int[] {0, 1},
                new float[][] {{2f, 0f}, {0f, 2f}},
                List.of("metal", "insulator"));
        assertEquals(1.0, (double) cls.get("accuracy"), 1e-12);
        assertEquals(1.0, (double) cls.get("roc_auc"), 1e-12);
        assertPng(dir.resolve("confusion.png"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}

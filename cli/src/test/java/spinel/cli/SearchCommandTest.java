package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** spinel search on the 10 sample CIFs: cross-validation inside the training rows, tables, resume. */
class SearchCommandTest {

    private static final List<String> TEST_IDS = List.of("1000041", "9011050", "9012304");

    @Test
    void searchesTheGridWithoutTouchingTheTestFoldAndResumes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TrainCommandTest.SAMPLE));
        Path folds = Files.writeString(
                dir.resolve("folds.json"), "{\"fold_0\": [\"" + String.join("\", \"", TEST_IDS) + "\"]}");
        Path out = dir.resolve("search");
        String[] args = {
            "--data", TrainCommandTest.SAMPLE.toString(),
            "--folds", folds.toString(),
            "--model", "mlp-composition",
            "--epochs", "2",
            "--batch", "4",
            "--val-fraction", "0.3",
            "--cache", dir.resolve("cache").toString(),
            "--space", "lr=0.001,0.01",
            "--space", "batch-norm=false,true",
            "--cv-folds", "2",
            "--out", out.toString()
        };
        List<JsonNode> lines = TrainCommandTest.run(new SearchCommand(), args);
        assertEquals(4, lines.size(), "one line per candidate of the 2 × 2 grid");
        for (JsonNode l : lines) {
            assertEquals(2, l.get("fold_errors").size());
            assertEquals("mae", l.get("metric").asText());
        }
        JsonNode ranked = new ObjectMapper().readTree(out.resolve("search.json").toFile());
        assertEquals(4, ranked.size());
        assertTrue(ranked.get(0).get("mean_error").asDouble()
                <= ranked.get(3).get("mean_error").asDouble());
        JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
        assertTrue(best.get("command").asText().startsWith("spinel train --data"), best.toString());
        assertTrue(Files.readString(out.resolve("search.md")).contains("| lr | batch-norm |"));

        Set<String> seen = new HashSet<>();
        for (int c = 0; c < 4; c++)
            for (int j = 0; j < 2; j++) {
                Path run = out.resolve("c" + c).resolve("cv-" + j);
                JsonNode config =
                        new ObjectMapper().readTree(run.resolve("config.json").toFile());
                assertEquals(j + "/2", config.get("data").get("search_fold").asText());
                for (String row : Files.readAllLines(run.resolve("split.csv")).subList(1, 8)) {
                    String id = row.split(",")[0];
                    assertFalse(TEST_IDS.contains(id), id + " of the test fold was used in " + run);
                    seen.add(id);
                }
            }
        assertEquals(7, seen.size(), "every row outside the test fold, none of it");
        // the candidate with batch norm really got it (its option reached the run)
        JsonNode withBn =
                new ObjectMapper().readTree(out.resolve("c1/cv-0/config.json").toFile());
        assertTrue(
                withBn.get("model").get("batch_norm").asBoolean(),
                withBn.get("model").toString());

        FileTime before = Files.getLastModifiedTime(out.resolve("c0/cv-0/metrics.json"));
        List<JsonNode> again = TrainCommandTest.run(new SearchCommand(), args);
        assertEquals(lines.get(0).get("fold_errors"), again.get(0).get("fold_errors"));
        assertEquals(before, Files.getLastModifiedTime(out.resolve("c0/cv-0/metrics.json")), "finished runs are kept");
    }

    @Test
    void learningCurvesTrainEachCandidateOnNestedSubsetsOfTheTrainingRows(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TrainCommandTest.SAMPLE));
        Path out = dir.resolve("curve");
        List<JsonNode> lines = TrainCommandTest.run(
                new SearchCommand(),
                "--data",
                TrainCommandTest.SAMPLE.toString(),
                "--model",
                "mlp-lattice",
                "--epochs",
                "2",
                "--batch",
                "4",
                "--test-fraction",
                "0.2",
                "--val-fraction",
                "0.2",
                "--cache",
                dir.resolve("cache").toString(),
                "--space",
                "lr=0.001,0.01",
                "--sizes",
                "3,2",
                "--cv-folds",
                "2",
                "--out",
                out.toString());
        assertEquals(4, lines.size(), "2 candidates × 2 sizes");
        List<String> csv = Files.readAllLines(out.resolve("learning_curve.csv"));
        assertEquals("candidate,options,train_size,mean_error,std_error", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(Files.size(out.resolve("learning_curve.png")) > 0);
        for (int n : new int[] {2, 3}) {
            JsonNode config = new ObjectMapper()
                    .readTree(out.resolve("c0/n" + n + "/cv-1/config.json").toFile());
            assertEquals(n, config.get("data").get("split_sizes").get(0).asInt(), "trained on " + n + " rows");
        }
        JsonNode ranked = new ObjectMapper().readTree(out.resolve("search.json").toFile());
        assertEquals(2, ranked.size(), "ranked at the largest size only");
        assertEquals(3, ranked.get(0).get("train_size").asInt());
    }

    @Test
    void unknownOptionsInTheSpaceAreRefusedByName(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new SearchCommand());
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(
                "--data",
                dir.toString(),
                "--space",
                "learning-rate=0.1",
                "--out",
                dir.resolve("s").toString());
        assertEquals(2, code);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("learning-rate: not an option of spinel train"),
                err.toString());
    }
}

package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs on the reference CGCNN's 10 sample CIFs (tiny, so only the plumbing is tested). */
class ExperimentTest {

    static final Path SAMPLE = CrystalDatasetTest.SAMPLE;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static ExperimentSpec.Builder spec(Path dir, String out) {
        return ExperimentSpec.builder()
                .setData(SAMPLE)
                .setOut(dir.resolve(out))
                .optCacheDir(dir.resolve("cache"))
                .optValFraction(0.2)
                .optTestFraction(0.3)
                .optArchitecture(16, 2, 16)
                .optTrain(TrainConfig.builder()
                        .optEpochs(3)
                        .optBatchSize(4)
                        .optSeed(1)
                        .build());
    }

    /** {@code dir/meta.csv}: a spg_num column for the sample rows (made-up groups: only the plumbing is tested). */
    /** The first sample CIF (by file name), read. */
    static spinel.graph.Structure firstSample() throws Exception {
        try (var files = Files.list(SAMPLE)) {
            return spinel.graph.io.Structures.readOne(
                    files.filter(f -> f.toString().endsWith(".cif"))
                            .sorted()
                            .findFirst()
                            .orElseThrow());
        }
    }

    static Path spaceGroups(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,spg_num\n");
        int[] groups = {225, 221, 62, 221, 194, 14, 2, 166, 139, 12};
        List<String> ids = CrystalDataset.open(SAMPLE, null).ids();
        for (int i = 0; i < 10; i++)
            csv.append(ids.get(i)).append(',').append(groups[i]).append('\n');
        return Files.writeString(dir.resolve("meta.csv"), csv);
    }

    @Test
    void cgcnnRegressionWritesTheRunFolderAndEvaluates(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        Map<String, Object> m = Experiment.run(spec(dir, "run").build(), QUIET);
        Path run = dir.resolve("run");
        for (String f : new String[] {
            "config.json",
            "metrics.json",
            "history.csv",
            "predictions.csv",
            "learning_curves.png",
            "parity.png",
            "best.params",
            "checkpoint.bin"
        }) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        JsonNode metrics = RunFiles.JSON.readTree(run.resolve("metrics.json").toFile());
        assertEquals(3, metrics.get("test").get("n").asInt());
        assertTrue(metrics.get("test").has("mae")
                && metrics.get("test").has("rmse")
                && metrics.get("test").has("r2"));
        assertEquals(3, metrics.get("epochs").asInt());
        assertTrue(metrics.get("seconds").asDouble() > 0
                && metrics.get("peak_rss_mb").asDouble() > 0);
        assertEquals(m.get("n_test"), 3);
        // a finished run refuses to start over without --resume, and resumes to the same numbers
        assertThrows(
                IllegalStateException.class,
                () -> Experiment.run(spec(dir, "run").build(), QUIET));
        Map<String, Object> again =
                Experiment.run(spec(dir, "run").optResume(true).build(), QUIET);
        assertEquals(((Map<?, ?>) m.get("test")).get("mae"), ((Map<?, ?>) again.get("test")).get("mae"));

        Map<String, Object> eval = Experiment.evaluate(run, SAMPLE, null, null, dir.resolve("eval"), QUIET);
        assertEquals(10, ((Map<?, ?>) eval.get("test")).get("n"));
        assertTrue(Files.isRegularFile(dir.resolve("eval/predictions.csv")));
    }

    @Test
    void classificationTasksFusionAndMlps(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        TrainConfig cls = TrainConfig.builder()
                .setTask(TrainConfig.Task.CLASSIFICATION)
                .optEpochs(2)
                .optBatchSize(4)
                .build();
        Map<String, Object> bin = Experiment.run(
                spec(dir, "binary")
                        .optTask(ExperimentSpec.Task.BINARY)
                        .optBinaryThreshold(5)
                        .optModel(ExperimentSpec.Model.FUSION)
                        .optTrain(cls)
                        .build(),
                QUIET);
        Map<?, ?> test = (Map<?, ?>) bin.get("test");
        assertTrue(
                test.containsKey("accuracy") && test.containsKey("f1_macro") && test.containsKey("accuracy_coverage"));
        assertTrue(Files.isRegularFile(dir.resolve("binary/confusion.png")));

        Map<String, Object> vol = Experiment.run(
                spec(dir, "volume")
                        .optTask(ExperimentSpec.Task.VOLUME)
                        .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                        .optEnsemble(2)
                        .build(),
                QUIET);
        assertEquals(2, vol.get("ensemble"));
        assertTrue(Files.isRegularFile(dir.resolve("volume/seed-1/best.params")));
        assertThrows(IllegalArgumentException.class, () -> spec(dir, "x")
                .optTask(ExperimentSpec.Task.VOLUME)
                .optModel(ExperimentSpec.Model.MLP_LATTICE)
                .build());

        spaceGroups(dir);
        TrainConfig multiConfig = cls.toBuilder().build();
        Map<String, Object> multi = Experiment.run(
                spec(dir, "multi")
                        .optTask(ExperimentSpec.Task.MULTI_TASK)
                        .optLabels(dir.resolve("meta.csv"))
                        .optTrain(multiConfig)
                        .build(),
                QUIET);
        Map<?, ?> mt = (Map<?, ?>) multi.get("test");
        assertTrue(((Map<?, ?>) mt.get("space_group")).containsKey("top5"));
        assertTrue(((Map<?, ?>) mt.get("volume_per_atom")).containsKey("mae"));
        assertTrue(Files.isRegularFile(dir.resolve("multi/property/predictions.csv")));
    }
}

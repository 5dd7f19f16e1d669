package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that refuse to mix, checkpoints that are checked, data that is checked: {@code --resume}
 * against the run's {@link RunConfig}, damaged checkpoints, missing targets, datasets too small to
 * split. Tabular MLPs on copies of the reference CGCNN's 10 sample CIFs (fast; skipped without
 * ../shared).
 */
class RunSafetyTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void sample() {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
    }

    /** A copy of the sample folder whose id_prop.csv rows are {@code rows} (null: unchanged). */
    Path copy(String name, List<String> rows) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(ExperimentTest.SAMPLE)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        if (rows != null) Files.write(to.resolve("id_prop.csv"), rows);
        return to;
    }

    ExperimentSpec.Builder mlp(Path data, String out, int epochs) {
        return ExperimentTest.spec(dir, out)
                .setData(data)
                .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                .optTrain(TrainConfig.builder()
                        .optEpochs(epochs)
                        .optBatchSize(4)
                        .optSeed(1)
                        .build());
    }

    @Test
    void resumeRefusesOtherDataOrSettingsAndAllowsOnlyNamedSafeOptions() throws Exception {
        Path data = copy("data", null);
        Experiment.run(mlp(data, "run", 2).build(), ExperimentTest.QUIET);
        byte[] config = Files.readAllBytes(dir.resolve("run/config.json"));

        IllegalArgumentException lr = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optTrain(TrainConfig.builder()
                                        .optEpochs(2)
                                        .optBatchSize(4)
                                        .optSeed(1)
                                        .optLearningRate(0.01)
                                        .build())
                                .optResume(true)
                                .build(),
                        ExperimentTest.QUIET));
        assertTrue(lr.getMessage().contains("optimisation.learning_rate: 0.001 → 0.01"), lr.getMessage());

        List<String> rows = Files.readAllLines(data.resolve("id_prop.csv"));
        rows.set(0, rows.get(0).replace(",1.0", ",1.5"));
        Path changed = copy("changed", rows);
        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(mlp(changed, "run", 2).optResume(true).build(), ExperimentTest.QUIET));
        assertTrue(other.getMessage().contains("data.sha256"), other.getMessage());

        IllegalArgumentException model = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optModel(ExperimentSpec.Model.MLP_BOTH)
                                .optResume(true)
                                .build(),
                        ExperimentTest.QUIET));
        assertTrue(model.getMessage().contains("model.kind: \"mlp-composition\" → \"mlp-both\""), model.getMessage());

        IllegalArgumentException epochs = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(mlp(data, "run", 3).optResume(true).build(), ExperimentTest.QUIET));
        assertTrue(epochs.getMessage().contains("optimisation.epochs: 2 → 3"), epochs.getMessage());
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("run/config.json")), "refusals change nothing");

        assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optResume(true)
                                .optAllowedChanges(Set.of("lr"))
                                .build(),
                        ExperimentTest.QUIET));
        Map<String, Object> same =
                Experiment.run(mlp(data, "run", 2).optResume(true).build(), ExperimentTest.QUIET);
        assertArrayEquals(config, Files.readAllBytes(dir.resolve("run/config.json")), "nothing changed");
        Map<String, Object> longer = Experiment.run(
                mlp(data, "run", 3)
                        .optResume(true)
                        .optAllowedChanges(Set.of("epochs"))
                        .build(),
                ExperimentTest.QUIET);
        assertEquals(2, same.get("epochs"));
        assertEquals(3, longer.get("epochs"));
        assertEquals(3, RunConfig.read(dir.resolve("run")).optimisation().epochs());
    }

    @Test
    void resumedRunIsBitIdenticalToAnUninterruptedOne() throws Exception {
        Path data = copy("data", null);
        Experiment.run(mlp(data, "straight", 4).build(), ExperimentTest.QUIET);
        Experiment.run(mlp(data, "stop", 2).build(), ExperimentTest.QUIET);
        Experiment.run(
                mlp(data, "stop", 4)
                        .optResume(true)
                        .optAllowedChanges(Set.of("epochs"))
                        .build(),
                ExperimentTest.QUIET);
        assertEquals(
                Files.readString(dir.resolve("straight/predictions.csv")),
                Files.readString(dir.resolve("stop/predictions.csv")));
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("straight/best.params")),
                Files.readAllBytes(dir.resolve("stop/best.params")));
    }

    @Test
    void damagedCheckpointsAreNamedWithWhatToDo() throws Exception {
        Path data = copy("data", null);
        Experiment.run(mlp(data, "run", 1).build(), ExperimentTest.QUIET);
        Path checkpoint = dir.resolve("run").resolve(TrainingLoop.CHECKPOINT);
        byte[] good = Files.readAllBytes(checkpoint);

        Files.write(checkpoint, Arrays.copyOf(good, good.length - 100));
        IOException truncated = assertThrows(
                IOException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optResume(true)
                                .optAllowedChanges(Set.of("epochs"))
                                .build(),
                        ExperimentTest.QUIET));
        assertTrue(
                truncated.getMessage().contains(checkpoint + " is damaged: it is truncated"), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("Delete it"), truncated.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(checkpoint, flipped);
        IOException bit = assertThrows(
                IOException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optResume(true)
                                .optAllowedChanges(Set.of("epochs"))
                                .build(),
                        ExperimentTest.QUIET));
        assertTrue(bit.getMessage().contains("checksum does not match"), bit.getMessage());

        Files.write(checkpoint, Arrays.copyOf(good, 10));
        IOException header = assertThrows(
                IOException.class,
                () -> Experiment.run(
                        mlp(data, "run", 2)
                                .optResume(true)
                                .optAllowedChanges(Set.of("epochs"))
                                .build(),
                        ExperimentTest.QUIET));
        assertTrue(header.getMessage().contains("is damaged"), header.getMessage());
    }

    @Test
    void missingTargetsAreRefusedOrDroppedWithACount() throws Exception {
        List<String> rows = Files.readAllLines(ExperimentTest.SAMPLE.resolve("id_prop.csv"));
        rows.set(2, rows.get(2).replaceAll(",.*", ",nan"));
        Path data = copy("nan", rows);
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(mlp(data, "refused", 1).build(), ExperimentTest.QUIET));
        assertTrue(refused.getMessage().contains("1 of 10 rows have no finite target"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--drop-missing-targets"), refused.getMessage());
        assertTrue(Files.notExists(dir.resolve("refused/config.json")), "a refused run leaves no config.json");

        // a lattice model: a composition model would also leave out rows sharing a formula with the test rows
        Map<String, Object> m = Experiment.run(
                mlp(data, "dropped", 1)
                        .optModel(ExperimentSpec.Model.MLP_LATTICE)
                        .optDropMissingTargets(true)
                        .build(),
                ExperimentTest.QUIET);
        assertEquals(9, (int) m.get("n_train") + (int) m.get("n_val") + (int) m.get("n_test"));
    }

    @Test
    void datasetsTooSmallToSplitAreRefusedBeforeTraining() throws Exception {
        List<String> rows = Files.readAllLines(ExperimentTest.SAMPLE.resolve("id_prop.csv"));
        Path two = copy("two", rows.subList(0, 2));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(mlp(two, "small", 1).build(), ExperimentTest.QUIET));
        assertTrue(e.getMessage().contains("training rows"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("small/config.json")));
    }
}

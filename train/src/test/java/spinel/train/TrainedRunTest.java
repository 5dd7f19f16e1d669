package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

/**
 * Every kind of run {@code spinel train} makes, reopened with {@link TrainedRun#open} and asked about
 * the structures of its own test rows, predicts what the run wrote into its predictions.csv (to
 * 1e-5), from structures alone: no atom_init.json, no settings passed by hand. On the reference
 * CGCNN's 10 sample CIFs (3 test rows; skipped without ../shared).
 */
class TrainedRunTest {

    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;

    @BeforeAll
    static void sample() {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
    }

    static TrainConfig classification() {
        return TrainConfig.builder()
                .setTask(TrainConfig.Task.CLASSIFICATION)
                .optEpochs(2)
                .optBatchSize(4)
                .optSeed(3)
                .build();
    }

    static Path train(String name, ExperimentSpec.Builder spec) throws Exception {
        Experiment.run(spec.build(), ExperimentTest.QUIET);
        return dir.resolve(name);
    }

    @Test
    void cgcnnRegression() throws Exception {
        Path run = train("cgcnn", ExperimentTest.spec(dir, "cgcnn"));
        assertMatches(run, "", 0);
    }

    @Test
    void fusionBinaryClassification() throws Exception {
        Path run = train(
                "fusion",
                ExperimentTest.spec(dir, "fusion")
                        .optTask(ExperimentSpec.Task.BINARY)
                        .optBinaryThreshold(5)
                        .optModel(ExperimentSpec.Model.FUSION)
                        .optTrain(classification()));
        assertMatches(run, "", 0);
    }

    @Test
    void mlpEnsembleOfVolumePerAtomWithSpread() throws Exception {
        Path run = train(
                "mlp-volume",
                ExperimentTest.spec(dir, "mlp-volume")
                        .optTask(ExperimentSpec.Task.VOLUME)
                        .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                        .optEnsemble(3));
        assertMatches(run, "", 0);
        try (TrainedRun r = TrainedRun.open(run)) {
            RunPrediction.Output o =
                    r.predict(List.of(structure(firstTestId(run, "")))).get(0).first();
            assertEquals(3, o.memberValues().length);
            assertTrue(o.spread() > 0, "members trained with different seeds disagree");
            assertEquals("Å³/atom", o.unit());
        }
    }

    @Test
    void classicalModelsPredictFromTheirSavedFiles() throws Exception {
        // Tribuo (tree, k-NN) and XGBoost, regression and classification, read back from the run folder
        assertMatches(
                train("tree", ExperimentTest.spec(dir, "tree").optModel(ExperimentSpec.Model.DECISION_TREE)), "", 0);
        assertMatches(train("knn", ExperimentTest.spec(dir, "knn").optModel(ExperimentSpec.Model.KNN)), "", 0);
        Path boost = train("boost", ExperimentTest.spec(dir, "boost").optModel(ExperimentSpec.Model.GRADIENT_BOOSTING));
        assertMatches(boost, "", 0);
        assertMatches(
                train(
                        "forest",
                        ExperimentTest.spec(dir, "forest")
                                .optTask(ExperimentSpec.Task.BINARY)
                                .optBinaryThreshold(5)
                                .optModel(ExperimentSpec.Model.RANDOM_FOREST)),
                "",
                0);
        RunConfig config = RunConfig.read(boost);
        assertEquals("model.ubj", config.classical().file());
        assertEquals(
                config.featurizer().scaler().mean().length,
                config.classical().featureNames().size());
        try (TrainedRun r = TrainedRun.open(boost)) {
            RunPrediction.Output o =
                    r.predict(List.of(structure(firstTestId(boost, "")))).get(0).first();
            assertEquals(0, o.spread(), "one model: no spread");
            var e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, r::stateDict, "a classical run has no CGCNN weights");
            assertTrue(e.getMessage().contains("gradient-boosting"), e.getMessage());
        }
    }

    @Test
    void mlpLatticeAndBothClassifyAndRegress() throws Exception {
        assertMatches(
                train(
                        "mlp-lattice",
                        ExperimentTest.spec(dir, "mlp-lattice")
                                .optModel(ExperimentSpec.Model.MLP_LATTICE)
                                .optTask(ExperimentSpec.Task.CLASSIFICATION)
                                .optTrain(classification())),
                "",
                0);
        assertMatches(
                train("mlp-both", ExperimentTest.spec(dir, "mlp-both").optModel(ExperimentSpec.Model.MLP_BOTH)), "", 0);
    }

    @Test
    void fusionWithAngularAtomDescriptorsAndResidualConvolutions() throws Exception {
        List<String> kinds = List.of(AtomDescriptors.STEINHARDT, AtomDescriptors.ACSF);
        Path run = train(
                "angular",
                ExperimentTest.spec(dir, "angular")
                        .optModel(ExperimentSpec.Model.FUSION)
                        .optAtomDescriptors(kinds)
                        .optResidual(true));
        assertMatches(run, "", 0);
        RunConfig c = RunConfig.read(run);
        int k = AtomDescriptors.length(kinds);
        assertEquals(26, k);
        assertEquals(92 + k, c.featurizer().graph().atomFeatureLength());
        assertEquals(k, c.featurizer().atomScaler().mean().length);
        assertEquals(
                List.of("lattice", "composition", "atom-descriptors"),
                c.featurizer().tabular());
        assertTrue(c.model().residualConvolutions());
    }

    @Test
    void deepMlpWithBatchNormSqueezeExcitationShortcutsAndLogTarget() throws Exception {
        Path run = train(
                "deep-mlp",
                ExperimentTest.spec(dir, "deep-mlp")
                        .optModel(ExperimentSpec.Model.MLP_BOTH)
                        .optMlp(new ExperimentSpec.MlpArchitecture(List.of(32, 32, 16), 0.1, true, true))
                        .optResidual(true)
                        .optLogTarget(true)
                        // one batch: BatchNorm refuses a training batch of a single row
                        .optTrain(TrainConfig.builder()
                                .optEpochs(3)
                                .optBatchSize(16)
                                .optSeed(1)
                                .build()));
        assertMatches(run, "", 0);
        RunConfig c = RunConfig.read(run);
        assertEquals(List.of(32, 32, 16), c.model().hidden());
        assertTrue(c.model().batchNorm()
                && c.model().squeezeExcitation()
                && c.model().residualConvolutions());
        assertTrue(c.normalizer().logScale());
        try (TrainedRun r = TrainedRun.open(run)) {
            double v = r.predict(List.of(structure(firstTestId(run, ""))))
                    .get(0)
                    .first()
                    .value();
            assertTrue(v > 0, "a log-scale target comes back positive: " + v);
        }
    }

    @Test
    void transferFromARunFolderWithFrozenConvolutions() throws Exception {
        Path source = train("init-source", ExperimentTest.spec(dir, "init-source"));
        TransferInit.Weights weights = TransferInit.fromRun(source);
        Path run = train(
                "init-frozen",
                ExperimentTest.spec(dir, "init-frozen")
                        .optInit(weights, true)
                        .optTrain(TrainConfig.builder()
                                .optEpochs(2)
                                .optBatchSize(4)
                                .optSeed(9)
                                .optLearningRate(0.01)
                                .build()));
        assertMatches(run, "", 0);
        RunConfig c = RunConfig.read(run);
        assertEquals(source.toString(), c.model().init());
        assertTrue(c.model().freeze());
        try (TrainedRun trained = TrainedRun.open(run)) {
            java.util.Map<String, float[]> after = trained.stateDict();
            // frozen: the embedding and convolution weights are the source's after two epochs at lr 0.01
            for (String name : List.of("embedding.weight", "convs.0.fc_full.weight", "convs.1.fc_full.bias"))
                org.junit.jupiter.api.Assertions.assertArrayEquals(
                        weights.stateDict().get(name), after.get(name), name);
            // trained: the layers after pooling moved
            assertTrue(!java.util.Arrays.equals(
                    weights.stateDict().get("conv_to_fc.weight"), after.get("conv_to_fc.weight")));
        }
    }

    @Test
    void cgcnnVolumeOnRescaledStructures() throws Exception {
        assertMatches(train("volume", ExperimentTest.spec(dir, "volume").optTask(ExperimentSpec.Task.VOLUME)), "", 0);
    }

    @Test
    void twoStageSpaceGroupHead() throws Exception {
        Path labels = ExperimentTest.spaceGroups(dir);
        Path run = train(
                "two-stage",
                ExperimentTest.spec(dir, "two-stage")
                        .optTask(ExperimentSpec.Task.SPACE_GROUP)
                        .optLabels(labels)
                        .optTarget("spg_num")
                        .optHead(ExperimentSpec.Head.TWO_STAGE)
                        .optTrain(classification()));
        assertMatches(run, "", 0);
    }

    @Test
    void twoStageCompositionMlpPredictsAndReportsLatticesAndBaselines() throws Exception {
        Path run = train(
                "mlp-two-stage",
                ExperimentTest.spec(dir, "mlp-two-stage")
                        .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                        .optTask(ExperimentSpec.Task.SPACE_GROUP)
                        .optLabels(ExperimentTest.spaceGroups(dir))
                        .optTarget("spg_num")
                        .optHead(ExperimentSpec.Head.TWO_STAGE)
                        .optTrain(classification()));
        assertMatches(run, "", 0);
        RunConfig config = RunConfig.read(run);
        assertEquals(List.of(128, 64), config.model().hidden());
        assertEquals(0.2, config.model().dropout());
        try (TrainedRun r = TrainedRun.open(run)) {
            RunPrediction.Output o =
                    r.predict(List.of(structure(firstTestId(run, "")))).get(0).first();
            assertEquals(230, o.probabilities().length);
            assertEquals(1, java.util.Arrays.stream(o.probabilities()).sum(), 1e-5);
        }
        var test = RunFiles.JSON.readTree(run.resolve("metrics.json").toFile()).path("test");
        for (String key : List.of("baselines", "bravais", "crystal_system", "space_group_within_crystal_system"))
            assertTrue(test.has(key), key);
        assertEquals(
                "reduced_formula",
                RunFiles.JSON
                        .readTree(run.resolve("metrics.json").toFile())
                        .path("split_grouped_by")
                        .asText());
        for (String f : List.of("confusion.csv", "confusion_bravais.csv", "confusion_crystal_system.csv"))
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }

    @Test
    void conventionalLatticeMlpClassifiesSpaceGroups() throws Exception {
        Path run = train(
                "mlp-conventional",
                ExperimentTest.spec(dir, "mlp-conventional")
                        .optModel(ExperimentSpec.Model.MLP_CONVENTIONAL_LATTICE)
                        .optTask(ExperimentSpec.Task.SPACE_GROUP)
                        .optLabels(ExperimentTest.spaceGroups(dir))
                        .optTarget("spg_num")
                        .optTrain(classification()));
        assertMatches(run, "", 0);
        assertEquals(
                List.of(RunFeatures.CONVENTIONAL_LATTICE),
                RunConfig.read(run).featurizer().tabular());
    }

    @Test
    void twoStageHeadIsRefusedForClassicalModels() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ExperimentTest.spec(dir, "tree")
                        .optModel(ExperimentSpec.Model.RANDOM_FOREST)
                        .optTask(ExperimentSpec.Task.SPACE_GROUP)
                        .optHead(ExperimentSpec.Head.TWO_STAGE)
                        .build());
        assertTrue(e.getMessage().contains("classical"), e.getMessage());
    }

    @Test
    void multiTaskPredictsSpaceGroupVolumeAndProperty() throws Exception {
        Path run = train(
                "multi",
                ExperimentTest.spec(dir, "multi")
                        .optTask(ExperimentSpec.Task.MULTI_TASK)
                        .optLabels(ExperimentTest.spaceGroups(dir))
                        .optTrain(classification()));
        assertMatches(run, "space_group/", 0);
        assertMatches(run, "volume_per_atom/", 1);
        assertMatches(run, "property/", 2);
    }

    @Test
    void runFoldersOfEarlierSpinelStillPredict() throws Exception {
        Path run = train("legacy", ExperimentTest.spec(dir, "legacy").optModel(ExperimentSpec.Model.MLP_BOTH));
        RunConfig now = RunConfig.read(run);
        RunFiles.writeJson(
                run.resolve("model.json"),
                java.util.Map.of(
                        "normalizer",
                        now.normalizer(),
                        "scaler",
                        now.featurizer().scaler()));
        Files.writeString(
                run.resolve("config.json"),
                """
                {"data": "sample", "target": null, "labels": null, "task": "regression", "model": "mlp-both",
                 "head": "default", "folds": null, "fold": 0, "val_fraction": 0.2, "test_fraction": 0.3, "limit": 0,
                 "atom_fea_len": 16, "n_conv": 2, "h_fea_len": 16, "ensemble": 1,
                 "train": {"task": "REGRESSION", "loss": "MSE", "optimizer": "ADAM", "learningRate": 0.001,
                   "momentum": 0.9, "weightDecay": 0.0, "schedule": "CONSTANT", "stepEpochs": 100, "stepGamma": 0.1,
                   "clipNorm": 0.0, "epochs": 3, "batchSize": 4, "patience": 0, "seed": 1}}
                """);
        assertEquals(1, RunConfig.read(run).format());
        assertMatches(run, "", 0);
    }

    /** Compares output {@code k} of the run's predictions with {@code run/<sub>predictions.csv}. */
    static void assertMatches(Path run, String sub, int k) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line :
                Files.readAllLines(run.resolve(sub + "predictions.csv")).subList(1, 4)) rows.add(line.split(","));
        List<Structure> structures = new ArrayList<>();
        for (String[] r : rows) structures.add(structure(r[0]));
        try (TrainedRun trained = TrainedRun.open(run)) {
            List<RunPrediction> predictions = trained.predict(structures);
            for (int i = 0; i < rows.size(); i++) {
                RunPrediction.Output o = predictions.get(i).outputs().get(k);
                String[] r = rows.get(i);
                if (o.classification()) {
                    assertEquals(r[2], o.label(), r[0]);
                    assertEquals(Double.parseDouble(r[3]), o.probability(), TOLERANCE, r[0]);
                } else {
                    assertEquals(Double.parseDouble(r[2]), o.value(), TOLERANCE, r[0]);
                }
            }
        }
    }

    static String firstTestId(Path run, String sub) throws Exception {
        return Files.readAllLines(run.resolve(sub + "predictions.csv")).get(1).split(",")[0];
    }

    static Structure structure(String id) throws Exception {
        return Structures.readOne(ExperimentTest.SAMPLE.resolve(id + ".cif"));
    }
}

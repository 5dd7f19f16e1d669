package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.train.classical.ClassicalModel;
import spinel.train.classical.DescriptorSet;

/** {@code spinel train --model decision-tree ...} end to end on the 10 sample CIFs (plumbing only). */
class ClassicalExperimentTest {

    @Test
    void writesTheRunFolderWithImportancesAndCrossValidation(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        ExperimentSpec spec = ExperimentTest.spec(dir, "run")
                .optModel(ExperimentSpec.Model.DECISION_TREE)
                .build();
        var settings = new ClassicalExperiment.Settings(
                ClassicalModel.DECISION_TREE,
                Map.of("max_depth", "3", "min_child_weight", "1"),
                List.of(DescriptorSet.values()) /* acsf and the symmetry ladder too */,
                2);
        Map<String, Object> m = ClassicalExperiment.run(spec, settings, ExperimentTest.QUIET);
        Path run = dir.resolve("run");
        for (String f : new String[] {
            "config.json", "metrics.json", "predictions.csv", "parity.png", "feature_importances.csv", "model.tribuo"
        }) assertTrue(Files.isRegularFile(run.resolve(f)), f);
        JsonNode metrics = RunFiles.JSON.readTree(run.resolve("metrics.json").toFile());
        assertEquals(3, metrics.get("test").get("n").asInt());
        assertEquals(2, metrics.get("cv").get("folds").size());
        RunConfig config = RunConfig.read(run);
        assertEquals(ExperimentSpec.Model.DECISION_TREE, config.model().kind());
        assertEquals("3", config.classical().params().get("max_depth"));
        assertEquals(
                DescriptorSet.values().length, config.classical().features().size());
        assertEquals(
                ((Number) m.get("n_features")).intValue(),
                config.classical().featureNames().size());
        assertEquals(2, config.classical().cv());
        List<String> imp = Files.readAllLines(run.resolve("feature_importances.csv"));
        assertEquals("feature,permutation,library,library_share", imp.get(0));
        assertEquals(1 + ((Number) m.get("n_features")).intValue(), imp.size(), "one row per feature");
        // finished: refused without resume, read back with it
        assertThrows(IllegalStateException.class, () -> ClassicalExperiment.run(spec, settings, ExperimentTest.QUIET));
        Map<String, Object> again = ClassicalExperiment.run(
                ExperimentTest.spec(dir, "run").optResume(true).build(), settings, ExperimentTest.QUIET);
        assertEquals(((Map<?, ?>) m.get("test")).get("mae"), ((Map<?, ?>) again.get("test")).get("mae"));
    }

    @Test
    void compositionRunEvaluatesNewDataAndPredictsFromFormulas(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        ExperimentSpec spec = ExperimentTest.spec(dir, "comp")
                .optModel(ExperimentSpec.Model.KNN)
                .build();
        var settings = new ClassicalExperiment.Settings(
                ClassicalModel.KNN, Map.of("k", "2"), List.of(DescriptorSet.COMPOSITION), 0);
        Map<String, Object> trained = ClassicalExperiment.run(spec, settings, ExperimentTest.QUIET);
        assertEquals("reduced_formula", trained.get("split_grouped_by"), "a formula never on both sides of the split");
        Path run = dir.resolve("comp");
        Map<String, Object> m =
                Experiment.evaluate(run, ExperimentTest.SAMPLE, null, null, dir.resolve("eval"), ExperimentTest.QUIET);
        assertEquals(10, ((Number) ((Map<?, ?>) m.get("test")).get("n")).intValue(), "every sample row evaluated");
        assertTrue(Files.isRegularFile(dir.resolve("eval/predictions.csv")));
        spinel.graph.Structure s = ExperimentTest.firstSample();
        try (TrainedRun r = TrainedRun.open(run)) {
            assertTrue(r.compositionOnly());
            double fromStructure = r.predict(List.of(s)).get(0).first().value();
            double fromFormula = r.predictCompositions(List.of(s.composition()))
                    .get(0)
                    .first()
                    .value();
            assertEquals(fromStructure, fromFormula, 1e-9, "a formula gives what its structure gives");
        }
    }

    @Test
    void spaceGroupFromTheConventionalLatticeIsScoredAsTheNetworksAre(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        ExperimentSpec spec = ExperimentTest.spec(dir, "sg")
                .optModel(ExperimentSpec.Model.DECISION_TREE)
                .optTask(ExperimentSpec.Task.SPACE_GROUP)
                .optLabels(ExperimentTest.spaceGroups(dir))
                .optTarget("spg_num")
                .build();
        var settings = new ClassicalExperiment.Settings(
                ClassicalModel.DECISION_TREE, Map.of(), List.of(DescriptorSet.CONVENTIONAL_LATTICE), 0);
        Map<String, Object> m = ClassicalExperiment.run(spec, settings, ExperimentTest.QUIET);
        Map<?, ?> test = (Map<?, ?>) m.get("test");
        for (String key : List.of("baselines", "bravais", "crystal_system", "space_group_within_crystal_system"))
            assertTrue(test.containsKey(key), key);
        assertTrue(m.get("split_grouped_by") == null, "the lattice is not the composition");
        for (String f : List.of("confusion.csv", "confusion_bravais.csv", "confusion_crystal_system.csv"))
            assertTrue(Files.isRegularFile(dir.resolve("sg").resolve(f)), f);
    }

    @Test
    void volumeTaskRefusesLatticeFeatures(@TempDir Path dir) {
        ExperimentSpec spec = ExperimentTest.spec(dir, "vol")
                .optTask(ExperimentSpec.Task.VOLUME)
                .optModel(ExperimentSpec.Model.KNN)
                .build();
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ClassicalExperiment.run(
                        spec, ClassicalExperiment.Settings.defaults(ClassicalModel.KNN), ExperimentTest.QUIET));
        assertTrue(e.getMessage().contains("--features composition,steinhardt"), e.getMessage());
    }
}

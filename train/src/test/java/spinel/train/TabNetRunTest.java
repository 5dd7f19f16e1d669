package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.train.tabnet.TabNet;

/**
 * {@code spinel train --model tabnet} on the reference CGCNN's 10 sample CIFs (skipped without
 * ../shared): the run trains on its descriptor blocks, records TabNet's settings in config.json, writes
 * feature_importances.csv (one row per column, attention shares summing to 1), and, reopened with
 * {@link TrainedRun}, predicts its own test rows as its predictions.csv says (to 1e-5) — regression and
 * classification.
 */
class TabNetRunTest {

    @TempDir
    static Path dir;

    /** A small TabNet whose ghost batch norm cuts the batches of 4 into chunks of 2. */
    static final TabNet.Settings SMALL = new TabNet.Settings(8, 2, 1.3, 1e-3, 2, 0.9);

    @BeforeAll
    static void sample() {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
    }

    static Path train(String name, ExperimentSpec.Builder spec) throws Exception {
        Experiment.run(spec.build(), ExperimentTest.QUIET);
        return dir.resolve(name);
    }

    static ExperimentSpec.Builder tabnet(String name, List<String> features) {
        return ExperimentTest.spec(dir, name)
                .optModel(ExperimentSpec.Model.TABNET)
                .optTabNet(new ExperimentSpec.TabNetArchitecture(features, SMALL));
    }

    @Test
    void regressionOnLatticeCompositionSteinhardt() throws Exception {
        Path run = train("tabnet", tabnet("tabnet", ExperimentSpec.TabNetArchitecture.DEFAULT_FEATURES));
        TrainedRunTest.assertMatches(run, "", 0);
        RunConfig c = RunConfig.read(run);
        assertEquals(ExperimentSpec.Model.TABNET, c.model().kind());
        assertEquals(SMALL, c.model().tabnet());
        assertEquals(
                List.of("lattice", "composition", "steinhardt"), c.featurizer().tabular());
        int columns = c.featurizer().scaler().mean().length;

        List<String> lines = Files.readAllLines(run.resolve("feature_importances.csv"));
        assertEquals("feature,permutation,library,library_share", lines.get(0));
        assertEquals(columns + 1, lines.size(), "one row per input column");
        double share = 0, previous = Double.POSITIVE_INFINITY;
        HashSet<String> names = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            names.add(f[0]);
            double library = Double.parseDouble(f[2]);
            assertTrue(library >= 0 && library <= previous, "by attention, largest first: " + line);
            previous = library;
            share += Double.parseDouble(f[3]);
        }
        assertEquals(1, share, 1e-6, "attention shares sum to 1");
        assertEquals(columns, names.size(), "distinct column names");
        assertTrue(names.contains("lattice:volume") && names.contains("steinhardt:q6_mean"), names.toString());

        @SuppressWarnings("unchecked")
        Map<String, Object> metrics =
                RunFiles.JSON.readValue(run.resolve("metrics.json").toFile(), Map.class);
        assertEquals("tabnet", metrics.get("model"));
        assertEquals(columns, metrics.get("n_features"));
    }

    @Test
    void binaryClassificationOnComposition() throws Exception {
        Path run = train(
                "tabnet-binary",
                tabnet("tabnet-binary", List.of("composition"))
                        .optTask(ExperimentSpec.Task.BINARY)
                        .optBinaryThreshold(5)
                        .optTrain(TrainedRunTest.classification()));
        TrainedRunTest.assertMatches(run, "", 0);
        assertTrue(Files.isRegularFile(run.resolve("feature_importances.csv")));
    }

    @Test
    void refusesWhatItCannotDoHonestly() {
        var volume = assertThrows(
                IllegalArgumentException.class, () -> tabnet("v", ExperimentSpec.TabNetArchitecture.DEFAULT_FEATURES)
                        .optTask(ExperimentSpec.Task.VOLUME)
                        .build());
        assertTrue(volume.getMessage().contains("--features composition,steinhardt"), volume.getMessage());
        var other = assertThrows(IllegalArgumentException.class, () -> ExperimentTest.spec(dir, "o")
                .optModel(ExperimentSpec.Model.MLP_BOTH)
                .optTabNet(ExperimentSpec.TabNetArchitecture.defaults())
                .build());
        assertTrue(other.getMessage().contains("--model tabnet"), other.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> new ExperimentSpec.TabNetArchitecture(List.of("magpie"), SMALL));
        assertEquals(
                ExperimentSpec.TabNetArchitecture.defaults(),
                ExperimentTest.spec(dir, "d")
                        .optModel(ExperimentSpec.Model.TABNET)
                        .build()
                        .tabnet(),
                "the seed's defaults when no options are given");
    }
}

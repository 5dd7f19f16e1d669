package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.train.classical.ClassicalModel;

/** {@code spinel train --blend}: a network and a classical model on one split, predicting their mean. */
class BlendRunTest {

    @Test
    void theRunPredictsTheMeanOfTheNetworkAndTheTrees(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        ExperimentSpec spec = ExperimentTest.spec(dir, "run")
                .optModel(ExperimentSpec.Model.MLP_LATTICE)
                .optBlend(ClassicalModel.KNN)
                .build();
        Map<String, Object> m = Experiment.run(spec, ExperimentTest.QUIET);
        Path run = dir.resolve("run");
        assertTrue(Files.isRegularFile(run.resolve("blend/metrics.json")), "the partner is a run folder of its own");
        Map<?, ?> blend = (Map<?, ?>) m.get("blend");
        assertEquals(0.5, ((Number) blend.get("weight")).doubleValue());
        assertTrue(blend.containsKey("network_mae") && blend.containsKey("classical_mae"), blend.toString());

        Structure s = ExperimentTest.firstSample();
        try (TrainedRun r = TrainedRun.open(run);
                TrainedRun trees = TrainedRun.open(run.resolve("blend"))) {
            double network =
                    r.predictInputs(List.of(r.featurize(s))).get(0).first().value();
            double knn = trees.predict(List.of(s)).get(0).first().value();
            assertEquals(
                    (network + knn) / 2, r.predict(List.of(s)).get(0).first().value(), 1e-5);
        }
        // an average of two predictions errs by at most the average of their errors (triangle inequality)
        double mae = ((Number) ((Map<?, ?>) m.get("test")).get("mae")).doubleValue();
        double a = ((Number) blend.get("network_mae")).doubleValue(),
                b = ((Number) blend.get("classical_mae")).doubleValue();
        assertTrue(mae <= (a + b) / 2 + 1e-5, mae + " vs " + a + ", " + b);
        Map<String, Object> eval =
                Experiment.evaluate(run, ExperimentTest.SAMPLE, null, null, dir.resolve("eval"), ExperimentTest.QUIET);
        assertEquals(10, ((Number) ((Map<?, ?>) eval.get("test")).get("n")).intValue());
    }

    @Test
    void blendIsForRegressionWithANetwork(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> ExperimentTest.spec(dir, "x")
                .optModel(ExperimentSpec.Model.KNN)
                .optBlend(ClassicalModel.GRADIENT_BOOSTING)
                .build());
        assertTrue(e.getMessage().contains("--blend"), e.getMessage());
    }
}

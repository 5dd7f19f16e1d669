package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    static ExperimentSpec spec(ExperimentSpec.Task task, TrainConfig loop) {
        return ExperimentSpec.builder()
                .setData(Path.of("data"))
                .setOut(Path.of("out"))
                .optCacheDir(Path.of("cache"))
                .optLabels(Path.of("labels.csv"))
                .optTask(task)
                .optTrain(loop)
                .build();
    }

    @Test
    void theLoopsTaskFollowsTheSpecsTask() {
        TrainConfig l1 = TrainConfig.builder()
                .optLoss(TrainConfig.LossKind.L1)
                .optEpochs(7)
                .build();
        for (ExperimentSpec.Task t : ExperimentSpec.Task.values()) {
            TrainConfig loop = spec(t, l1).train();
            assertEquals(t.classification(), loop.task() == TrainConfig.Task.CLASSIFICATION, t.id());
            assertEquals(
                    t.classification() ? TrainConfig.LossKind.CROSS_ENTROPY : TrainConfig.LossKind.L1,
                    loop.loss(),
                    t.id());
            assertEquals(7, loop.epochs(), "the other settings are kept");
        }
        assertFalse(ExperimentSpec.Task.REGRESSION.classification());
        assertFalse(ExperimentSpec.Task.VOLUME.classification());
        assertTrue(ExperimentSpec.Task.BINARY.classification());
        assertTrue(ExperimentSpec.Task.MULTI_TASK.classification());
    }

    @Test
    void aClassificationLoopTurnedToRegressionGetsTheDefaultLoss() {
        TrainConfig classes =
                TrainConfig.builder().setTask(TrainConfig.Task.CLASSIFICATION).build();
        assertEquals(TrainConfig.LossKind.CROSS_ENTROPY, classes.loss());
        assertSame(classes, classes.forClassification(true));
        TrainConfig values = spec(ExperimentSpec.Task.REGRESSION, classes).train();
        assertEquals(TrainConfig.Task.REGRESSION, values.task());
        assertEquals(TrainConfig.LossKind.MSE, values.loss());
    }
}

package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final int N = 96;
    static final float[][] X = new float[N][3];
    static final float[][] Y = new float[N][1];

    static {
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) X[i][j] = (float) r.nextGaussian();
            Y[i][0] = (float) (Math.sin(X[i][0]) + X[i][1] * X[i][2]);
        }
    }

    static float[] runAndPredict(TrainConfig config, Path dir, int[] train, int[] val) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(1);
            SequentialBlock block = TabularMlp.block(1, new int[] {16, 8}, 0.2);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            new TrainingLoop(config)
                    .setLog(QUIET)
                    .optProgressBar(false)
                    .fit(
                            block,
                            manager,
                            ArrayBatchSource.regression(X, Y, train),
                            ArrayBatchSource.regression(X, Y, val),
                            dir);
            TrainingLoop.Predictions p =
                    TrainingLoop.predict(block, manager, ArrayBatchSource.regression(X, Y, val), 64);
            float[] out = new float[p.outputs().length];
            for (int i = 0; i < out.length; i++) out[i] = p.outputs()[i][0];
            return out;
        }
    }

    static final int[] TRAIN = IntStream.range(0, 72).toArray();
    static final int[] VAL = IntStream.range(72, N).toArray();

    @Test
    void deterministicForASeedAndResumesExactly(@TempDir Path dir) throws Exception {
        TrainConfig.Builder b = TrainConfig.builder()
                .optBatchSize(16)
                .optSeed(3)
                .optSchedule(TrainConfig.Schedule.CONSTANT)
                .optWeightDecay(1e-4)
                .optClipNorm(5);
        float[] once = runAndPredict(b.optEpochs(8).build(), dir.resolve("a"), TRAIN, VAL);
        float[] again = runAndPredict(b.optEpochs(8).build(), dir.resolve("b"), TRAIN, VAL);
        assertArrayEquals(once, again, 0f);
        // "killed" after 4 epochs, then resumed to 8 in the same folder
        runAndPredict(b.optEpochs(4).build(), dir.resolve("c"), TRAIN, VAL);
        float[] resumed = runAndPredict(b.optEpochs(8).build(), dir.resolve("c"), TRAIN, VAL);
        assertArrayEquals(once, resumed, 0f);
    }

    @Test
    void sgdWithStepScheduleAndEarlyStopping(@TempDir Path dir) throws Exception {
        TrainConfig c = TrainConfig.builder()
                .optOptimizer(TrainConfig.OptimizerKind.SGD)
                .optLearningRate(0.05)
                .optSchedule(TrainConfig.Schedule.STEP)
                .optStep(5, 0.5)
                .optEpochs(200)
                .optPatience(3)
                .optBatchSize(16)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = TabularMlp.block(1, new int[] {16, 8}, 0);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            TrainingLoop.Result r = new TrainingLoop(c)
                    .setLog(QUIET)
                    .optProgressBar(false)
                    .fit(
                            block,
                            manager,
                            ArrayBatchSource.regression(X, Y, TRAIN),
                            ArrayBatchSource.regression(X, Y, VAL),
                            dir);
            assertTrue(r.stoppedEarly());
            assertTrue(r.history().size() < 200);
            assertEquals(r.history().size() - 3, r.bestEpoch());
            assertTrue(r.history().get(r.history().size() - 1).trainLoss()
                    < r.history().get(0).trainLoss());
        }
    }

    @Test
    void schedules() {
        TrainConfig.Builder b = TrainConfig.builder().optLearningRate(0.1);
        assertEquals(0.1, b.optSchedule(TrainConfig.Schedule.COSINE).build().learningRateAt(0, 101, 10), 1e-12);
        assertEquals(0.05, b.build().learningRateAt(50, 101, 10), 1e-12);
        assertEquals(0.0, b.build().learningRateAt(100, 101, 10), 1e-12);
        TrainConfig one = b.optSchedule(TrainConfig.Schedule.ONE_CYCLE).build();
        assertEquals(0.1 / 25, one.learningRateAt(0, 101, 10), 1e-12);
        assertEquals(0.1, one.learningRateAt(30, 101, 10), 1e-12);
        assertEquals(0.1 / 1e4, one.learningRateAt(100, 101, 10), 1e-12);
        TrainConfig step =
                b.optSchedule(TrainConfig.Schedule.STEP).optStep(2, 0.1).build();
        assertEquals(0.1, step.learningRateAt(19, 100, 10), 1e-12);
        assertEquals(0.01, step.learningRateAt(20, 100, 10), 1e-12);
    }

    @Test
    void nanLossStopsAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        float[][] bad = new float[N][];
        for (int i = 0; i < N; i++) bad[i] = Y[i].clone();
        TrainConfig c = TrainConfig.builder().optBatchSize(16).optEpochs(3).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = TabularMlp.block(1, new int[] {8}, 0);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            TrainingLoop trainer = new TrainingLoop(c).setLog(QUIET).optProgressBar(false);
            trainer.fit(block, manager, ArrayBatchSource.regression(X, bad, TRAIN), null, dir);
            byte[] good = Files.readAllBytes(dir.resolve(TrainingLoop.CHECKPOINT));
            bad[5][0] = Float.NaN;
            TrainingLoop more = new TrainingLoop(c.toBuilder().optEpochs(6).build())
                    .setLog(QUIET)
                    .optProgressBar(false);
            TrainingLoop.DivergedException e = assertThrows(
                    TrainingLoop.DivergedException.class,
                    () -> more.fit(block, manager, ArrayBatchSource.regression(X, bad, TRAIN), null, dir));
            assertTrue(e.getMessage().contains("epoch 4") && e.getMessage().contains("after epoch 3"), e.getMessage());
            assertTrue(e.getMessage().contains("training loss became NaN"), e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("or enable gradient clipping"),
                    "no clipping in this run: " + e.getMessage());
            assertArrayEquals(good, Files.readAllBytes(dir.resolve(TrainingLoop.CHECKPOINT)));
        }
    }
}

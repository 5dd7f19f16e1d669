package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularMlpTest {

    /** A smooth nonlinear target of 3 features. */
    static double[][] features(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
        return x;
    }

    static double target(double[] x) {
        return Math.sin(x[0]) + 0.5 * x[1] * x[2];
    }

    /**
     * The DJL network and the from-scratch one, started from the same weights and trained by the same
     * full-batch plain gradient descent on the same MSE, stay together (float vs double precision).
     */
    @Test
    void djlMatchesScratchMlpUnderGradientDescent(@TempDir Path dir) throws Exception {
        int n = 32;
        double[][] x = features(n, 1);
        ScratchMlp scratch = new ScratchMlp(new int[] {3, 8, 4, 1}, ScratchMlp.Activation.RELU, ScratchMlp.Loss.MSE, 5);
        float[][] fx = new float[n][3];
        float[][] fy = new float[n][1];
        RealMatrix mx = new Array2DRowRealMatrix(n, 3), my = new Array2DRowRealMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                // round inputs to float so both networks see the same numbers
                fx[i][j] = (float) x[i][j];
                mx.setEntry(i, j, fx[i][j]);
            }
            fy[i][0] = (float) target(x[i]);
            my.setEntry(i, 0, fy[i][0]);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = TabularMlp.block(1, new int[] {8, 4}, 0);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            int layer = 1;
            for (Block child : block.getChildren().values()) {
                if (!(child instanceof Linear)) continue;
                RealMatrix w = scratch.weights(layer);
                float[] wt = new float[w.getRowDimension() * w.getColumnDimension()];
                // DJL's Linear stores W as (out, in) and computes x Wᵀ + b
                for (int o = 0; o < w.getColumnDimension(); o++) {
                    for (int i = 0; i < w.getRowDimension(); i++) {
                        wt[o * w.getRowDimension() + i] = (float) w.getEntry(i, o);
                        w.setEntry(i, o, wt[o * w.getRowDimension() + i]);
                    }
                }
                child.getParameters().get("weight").getArray().set(wt);
                layer++;
            }
            TrainConfig config = TrainConfig.builder()
                    .optOptimizer(TrainConfig.OptimizerKind.SGD)
                    .optMomentum(0)
                    .optLearningRate(0.05)
                    .optBatchSize(n)
                    .optEpochs(40)
                    .build();
            int[] rows = java.util.stream.IntStream.range(0, n).toArray();
            new TrainingLoop(config)
                    .setLog(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .fit(block, manager, ArrayBatchSource.regression(fx, fy, rows), null, dir);
            scratch.fit(mx, my, 40, 0.05, n, 0);
            TrainingLoop.Predictions p =
                    TrainingLoop.predict(block, manager, ArrayBatchSource.regression(fx, fy, rows), n);
            RealMatrix expected = scratch.predict(mx);
            double start = scratch.loss(mx, my);
            for (int i = 0; i < n; i++) assertEquals(expected.getEntry(i, 0), p.outputs()[i][0], 2e-4, "row " + i);
            assertTrue(start < 1.0);
        }
    }

    @Test
    void learnsRegressionAndClassification(@TempDir Path dir) throws Exception {
        int n = 240;
        double[][] x = features(n, 2);
        double[] y = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = 10 + 3 * target(x[i]);
            labels[i] = x[i][0] + x[i][1] > 0 ? (x[i][2] > 0 ? 2 : 1) : 0;
        }
        Split split = Split.random(n, 0.15, 0.2, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
            TrainConfig reg = TabularMlp.defaults(TrainConfig.Task.REGRESSION)
                    .optEpochs(60)
                    .optPatience(15)
                    .optSeed(1)
                    .build();
            TabularMlp.Fitted f =
                    new TabularMlp(reg).setLog(quiet).fit(x, y, null, 0, split, manager, dir.resolve("reg"));
            double[] actual = new double[split.test().length], predicted = new double[actual.length];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = y[split.test()[i]];
                predicted[i] = f.normalizer().denormalize(f.test().outputs()[i][0]);
            }
            RegressionMetrics m = Metrics.regression(actual, predicted);
            assertTrue(m.r2() > 0.8, "R² " + m.r2());

            TrainConfig cls = TabularMlp.defaults(TrainConfig.Task.CLASSIFICATION)
                    .optEpochs(40)
                    .optPatience(10)
                    .optBatchSize(32)
                    .optSeed(1)
                    .build();
            TabularMlp.Fitted c =
                    new TabularMlp(cls).setLog(quiet).fit(x, null, labels, 3, split, manager, dir.resolve("cls"));
            int[] truth = new int[split.test().length];
            double[][] probs = new double[truth.length][];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = labels[split.test()[i]];
                probs[i] = TrainingLoop.softmax(c.test().outputs()[i]);
            }
            assertTrue(Metrics.classification(truth, probs).accuracy() > 0.85);
        }
    }
}

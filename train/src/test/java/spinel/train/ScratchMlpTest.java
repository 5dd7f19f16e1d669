package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ScratchMlpTest {

    static RealMatrix randomMatrix(int rows, int cols, long seed) {
        Random r = new Random(seed);
        RealMatrix m = new Array2DRowRealMatrix(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.setEntry(i, j, r.nextGaussian());
        return m;
    }

    /** Central differences of the loss against back-propagation, for every parameter. */
    static void gradientCheck(ScratchMlp.Activation act, ScratchMlp.Loss loss) {
        ScratchMlp mlp = new ScratchMlp(new int[] {4, 5, 3, 3}, act, loss, 11);
        RealMatrix x = randomMatrix(6, 4, 1);
        RealMatrix y = loss == ScratchMlp.Loss.MSE
                ? randomMatrix(6, 3, 2)
                : ScratchMlp.oneHot(new int[] {0, 2, 1, 1, 0, 2}, 3);
        ScratchMlp.Gradients g = mlp.gradients(x, y);
        double h = 1e-6;
        for (int l = 1; l <= mlp.numLayers(); l++) {
            RealMatrix w = mlp.weights(l);
            for (int i = 0; i < w.getRowDimension(); i++) {
                for (int j = 0; j < w.getColumnDimension(); j++) {
                    double v = w.getEntry(i, j);
                    w.setEntry(i, j, v + h);
                    double up = mlp.loss(x, y);
                    w.setEntry(i, j, v - h);
                    double down = mlp.loss(x, y);
                    w.setEntry(i, j, v);
                    double numeric = (up - down) / (2 * h);
                    assertEquals(
                            numeric,
                            g.weights().get(l - 1).getEntry(i, j),
                            1e-7 + 1e-5 * Math.abs(numeric),
                            act + " " + loss + " W" + l + "[" + i + "," + j + "]");
                }
            }
            double[] b = mlp.bias(l);
            for (int j = 0; j < b.length; j++) {
                double v = b[j];
                b[j] = v + h;
                double up = mlp.loss(x, y);
                b[j] = v - h;
                double down = mlp.loss(x, y);
                b[j] = v;
                assertEquals(
                        (up - down) / (2 * h),
                        g.biases().get(l - 1)[j],
                        1e-7,
                        act + " " + loss + " b" + l + "[" + j + "]");
            }
        }
    }

    @Test
    void backpropMatchesFiniteDifferences() {
        for (ScratchMlp.Activation a : ScratchMlp.Activation.values()) {
            for (ScratchMlp.Loss l : ScratchMlp.Loss.values()) gradientCheck(a, l);
        }
    }

    @Test
    void learnsXor() {
        RealMatrix x = new Array2DRowRealMatrix(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        RealMatrix y = ScratchMlp.oneHot(new int[] {0, 1, 1, 0}, 2);
        ScratchMlp mlp = new ScratchMlp(
                new int[] {2, 8, 2}, ScratchMlp.Activation.TANH, ScratchMlp.Loss.SOFTMAX_CROSS_ENTROPY, 3);
        double[] history = mlp.fit(x, y, 2000, 0.5, 4, 5);
        assertTrue(history[history.length - 1] < 0.05, "final loss " + history[history.length - 1]);
        RealMatrix p = mlp.predict(x);
        for (int i = 0; i < 4; i++) assertEquals(y.getEntry(i, 1), p.getEntry(i, 1), 0.2);
    }

    @Test
    void gradientCheckOfTheWholeNetworkIsSmall() {
        ScratchMlp mlp = new ScratchMlp(new int[] {4, 5, 3}, ScratchMlp.Activation.TANH, ScratchMlp.Loss.MSE, 11);
        assertTrue(mlp.gradientCheck(randomMatrix(6, 4, 1), randomMatrix(6, 3, 2), 1e-6) < 1e-6);
    }

    @Test
    void baselineRunChecksGradientsAndScoresTheTestRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(ExperimentTest.SAMPLE));
        ExperimentSpec spec = ExperimentTest.spec(dir, "scratch")
                .optTrain(TrainConfig.builder()
                        .optEpochs(20)
                        .optBatchSize(4)
                        .optLearningRate(0.05)
                        .build())
                .build();
        java.util.Map<String, Object> m =
                ScratchBaseline.run(spec, new int[] {8}, ScratchMlp.Activation.TANH, ExperimentTest.QUIET);
        assertTrue((double) m.get("gradient_check_max_error") < 1e-5, m.toString());
        assertEquals(3, ((java.util.Map<?, ?>) m.get("test")).get("n"));
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("scratch/predictions.csv")));
    }
}

package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperparameterSearchTest {

    @Test
    void crossValidationRanksAUsefulLearningRateFirst(@TempDir Path dir) throws Exception {
        int n = 150;
        double[][] x = TabularMlpTest.features(n, 9);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 2 * x[i][0] - x[i][1];
        int[] rows = IntStream.range(0, 120).toArray();
        // a learning rate too small to move in 15 epochs against a reasonable one
        List<HyperparameterSearch.Candidate> grid = HyperparameterSearch.grid(
                new double[] {1e-7, 1e-2}, new int[][] {{16}}, new double[] {0}, new double[] {0}, new int[] {32});
        assertEquals(2, grid.size());
        TrainConfig base = TrainConfig.builder().optEpochs(15).optSeed(2).build();
        List<HyperparameterSearch.Trial> trials = HyperparameterSearch.crossValidate(
                grid, x, y, null, 0, rows, 3, base, dir, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(1e-2, trials.get(0).candidate().learningRate(), 0);
        assertEquals(3, trials.get(0).foldErrors().length);
        assertTrue(trials.get(0).meanError() < 0.5 * trials.get(1).meanError(), trials.toString());
        assertEquals(
                5,
                HyperparameterSearch.random(5, 1, new int[][] {{64, 32}}, new int[] {64})
                        .size());
    }
}

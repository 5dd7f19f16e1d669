package spinel.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Grid or random hyperparameter search for the {@link TabularMlp} with k-fold cross-validation on the
 * training rows only (the test rows are never seen). Each candidate is trained on k−1 folds and scored
 * on the held-out fold; the candidates are ranked by the mean error over the folds (MAE in target units
 * for regression, 1 − accuracy for classification).
 */
public final class HyperparameterSearch {

    /** One point of the search space. */
    public record Candidate(double learningRate, int[] hidden, double dropout, double weightDecay, int batchSize) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "lr %.2g, hidden %s, dropout %.2f, weight decay %.2g, batch %d",
                    learningRate,
                    Arrays.toString(hidden),
                    dropout,
                    weightDecay,
                    batchSize);
        }
    }

    /** A candidate's cross-validated error: mean and standard deviation over the folds. */
    public record Trial(Candidate candidate, double meanError, double stdError, double[] foldErrors) {}

    private HyperparameterSearch() {}

    /** Every combination of the given values. */
    public static List<Candidate> grid(
            double[] learningRates, int[][] hiddens, double[] dropouts, double[] weightDecays, int[] batchSizes) {
        List<Candidate> out = new ArrayList<>();
        for (double lr : learningRates)
            for (int[] h : hiddens)
                for (double d : dropouts)
                    for (double wd : weightDecays) for (int b : batchSizes) out.add(new Candidate(lr, h, d, wd, b));
        return out;
    }

    /**
     * {@code n} seeded random candidates: learning rate log-uniform in [1e-4, 1e-2], hidden widths
     * from {@code hiddens}, dropout uniform in [0, 0.5], weight decay log-uniform in [1e-6, 1e-3] or 0,
     * batch size from {@code batchSizes}.
     */
    public static List<Candidate> random(int n, long seed, int[][] hiddens, int[] batchSizes) {
        Random r = new Random(seed);
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lr = Math.pow(10, -4 + 2 * r.nextDouble());
            double wd = r.nextBoolean() ? 0 : Math.pow(10, -6 + 3 * r.nextDouble());
            out.add(new Candidate(
                    lr,
                    hiddens[r.nextInt(hiddens.length)],
                    0.5 * r.nextDouble(),
                    wd,
                    batchSizes[r.nextInt(batchSizes.length)]));
        }
        return out;
    }

    /**
     * Cross-validates every candidate on {@code rows} (the training rows) with {@code k} folds.
     *
     * @param base     the other training settings (task, epochs, patience, seed)
     * @param targets  regression targets (null for classification)
     * @param labels   class indices (null for regression)
     * @param workDir  scratch folder for the fold runs' checkpoints
     * @return the trials, best (lowest mean error) first
     */
    public static List<Trial> crossValidate(
            List<Candidate> candidates,
            double[][] x,
            double[] targets,
            int[] labels,
            int numClasses,
            int[] rows,
            int k,
            TrainConfig base,
            Path workDir,
            PrintStream log)
            throws IOException {
        boolean classification = base.task() == TrainConfig.Task.CLASSIFICATION;
        List<Split> folds = classification
                ? Split.stratifiedKFold(Arrays.stream(rows).map(r -> labels[r]).toArray(), k, 0.0, base.seed())
                : Split.kFold(rows.length, k, 0.0, base.seed());
        List<Trial> trials = new ArrayList<>();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (int c = 0; c < candidates.size(); c++) {
            Candidate cand = candidates.get(c);
            TrainConfig config = base.toBuilder()
                    .optLearningRate(cand.learningRate())
                    .optWeightDecay(cand.weightDecay())
                    .optBatchSize(cand.batchSize())
                    .build();
            double[] errors = new double[folds.size()];
            for (int f = 0; f < folds.size(); f++) {
                Split local = folds.get(f);
                int[] trainRows = Arrays.stream(local.train()).map(i -> rows[i]).toArray();
                int[] heldOut = Arrays.stream(local.test()).map(i -> rows[i]).toArray();
                // early stopping needs validation rows: hold 10 % of the fold's training rows out
                int[][] tv = Split.holdOut(trainRows, 0.1, base.seed() + f);
                Split split = new Split(tv[0], tv[1], heldOut);
                try (NDManager manager = NDManager.newBaseManager()) {
                    TabularMlp mlp = new TabularMlp(config)
                            .optHidden(cand.hidden())
                            .optDropout(cand.dropout())
                            .setLog(quiet);
                    TabularMlp.Fitted fit = mlp.fit(
                            x,
                            targets,
                            labels,
                            numClasses,
                            split,
                            manager,
                            workDir.resolve("candidate-" + c).resolve("fold-" + f));
                    errors[f] = error(fit, split.test(), targets, labels);
                }
            }
            double mean = Arrays.stream(errors).average().orElse(Double.NaN);
            double sd = Math.sqrt(
                    Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum() / Math.max(1, errors.length - 1));
            trials.add(new Trial(cand, mean, sd, errors));
            log.printf(
                    Locale.ROOT, "candidate %d/%d (%s): error %.5g ± %.2g%n", c + 1, candidates.size(), cand, mean, sd);
        }
        trials.sort(Comparator.comparingDouble(Trial::meanError));
        return trials;
    }

    private static double error(TabularMlp.Fitted fit, int[] rows, double[] targets, int[] labels) {
        float[][] out = fit.test().outputs();
        if (labels != null) {
            int wrong = 0;
            for (int i = 0; i < rows.length; i++)
                if (Metrics.argmax(TrainingLoop.softmax(out[i])) != labels[rows[i]]) wrong++;
            return (double) wrong / rows.length;
        }
        double sum = 0;
        for (int i = 0; i < rows.length; i++)
            sum += Math.abs(fit.normalizer().denormalize(out[i][0]) - targets[rows[i]]);
        return sum / rows.length;
    }
}

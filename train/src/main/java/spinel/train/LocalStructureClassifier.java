package spinel.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.util.Pair;

/**
 * Unsupervised classification of local atomic environments after Boattini, Dijkstra &amp; Filion,
 * J. Chem. Phys. 151, 154901 (2019): each atom's descriptor vector (in the paper, the averaged
 * bond-order parameters q̄_1..q̄_8 with SANN neighbours) is standardised and compressed by a
 * fully connected autoencoder (DJL, PyTorch engine: d → h (ReLU) → c (linear) → h (ReLU) → d,
 * trained on the mean squared reconstruction error with Adam by the one {@link TrainingLoop}); a Gaussian mixture (Commons Math
 * expectation–maximisation, k-means++ initialisation, best of several starts) is fitted to the
 * standardised latent vectors for k = 1..k_max components, and the k with the lowest Bayesian
 * information criterion is kept, as in the paper. Each atom's label is its most probable
 * component.
 */
public final class LocalStructureClassifier {

    private final int latent;
    private final int hidden;
    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final int maxClusters;
    private final int restarts;
    private final long seed;

    private LocalStructureClassifier(Builder b) {
        latent = b.latent;
        hidden = b.hidden;
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        maxClusters = b.maxClusters;
        restarts = b.restarts;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The outcome of {@link #fit}.
     *
     * @param latent      each atom's latent vector (autoencoder bottleneck, standardised), N × c
     * @param labels      each atom's cluster, 0..clusters-1
     * @param clusters    the number of mixture components chosen
     * @param bic         the BIC of the mixture for k = 1..k_max (index k − 1; NaN where EM failed)
     * @param fractionOfVarianceExplained 1 − reconstruction error / variance of the standardised input
     * @param mixture     the fitted mixture on the latent space
     */
    public record Result(
            double[][] latent,
            int[] labels,
            int clusters,
            double[] bic,
            double fractionOfVarianceExplained,
            MixtureMultivariateNormalDistribution mixture) {}

    /** Trains the autoencoder on {@code x} (N × d, one row per atom) and clusters its latent space. */
    public Result fit(double[][] x) {
        int n = x.length;
        if (n < 10) throw new IllegalArgumentException("need at least 10 environments, got " + n);
        double[][] z = standardise(x);
        double[] fve = new double[1];
        double[][] code = encode(z, fve);
        double[][] lat = standardise(code);
        double[] bic = new double[maxClusters];
        Arrays.fill(bic, Double.NaN);
        MixtureMultivariateNormalDistribution best = null;
        int bestK = 0;
        for (int k = 1; k <= Math.min(maxClusters, n / (latent + 2)); k++) {
            MixtureMultivariateNormalDistribution mix = mixture(lat, k);
            if (mix == null) continue;
            double ll = 0;
            for (double[] p : lat) ll += Math.log(Math.max(mix.density(p), Double.MIN_VALUE));
            int params = (k - 1) + k * latent + k * latent * (latent + 1) / 2;
            bic[k - 1] = -2 * ll + params * Math.log(n);
            if (best == null || bic[k - 1] < bic[bestK - 1]) {
                best = mix;
                bestK = k;
            }
        }
        if (best == null) throw new IllegalStateException("no Gaussian mixture could be fitted to the latent space");
        return new Result(lat, assign(best, lat), bestK, bic, fve[0], best);
    }

    /**
     * Trains the autoencoder on the standardised rows {@code z} through the one training loop
     * ({@link TrainingLoop}: Adam, mean squared reconstruction error, seeded shuffles; its checkpoints
     * go to a temporary folder, deleted afterwards) and returns each row's latent vector;
     * {@code fve[0]} receives the fraction of variance explained.
     */
    private double[][] encode(double[][] z, double[] fve) {
        int n = z.length, d = z[0].length, h = hidden > 0 ? hidden : 10 * d;
        SequentialBlock encoder = new SequentialBlock()
                .add(Linear.builder().setUnits(h).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(latent).build());
        SequentialBlock decoder = new SequentialBlock()
                .add(Linear.builder().setUnits(h).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(d).build());
        SequentialBlock autoencoder = new SequentialBlock().add(encoder).add(decoder);
        float[][] rows = new float[n][d];
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) flat[i * d + j] = rows[i][j] = (float) z[i][j];
        TrainConfig config = TrainConfig.builder()
                .optLearningRate(learningRate)
                .optBatchSize(Math.min(batchSize, n))
                .optEpochs(epochs)
                .optSeed(seed)
                .build();
        Path tmp = null;
        try (NDManager m = NDManager.newBaseManager()) {
            tmp = Files.createTempDirectory("spinel-autoencoder");
            Engine.getInstance().setRandomSeed((int) seed);
            // the initialiser DJL's DefaultTrainingConfig gives weights (as before the move to TrainingLoop)
            autoencoder.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            autoencoder.initialize(m, DataType.FLOAT32, new Shape(1, d));
            new TrainingLoop(config)
                    .setLog(new PrintStream(OutputStream.nullOutputStream()))
                    .optProgressBar(false)
                    .fit(
                            autoencoder,
                            m,
                            ArrayBatchSource.regression(
                                    rows, rows, IntStream.range(0, n).toArray()),
                            null,
                            tmp);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray c = encoder.forward(ps, new NDList(m.create(flat, new Shape(n, d))), false)
                    .singletonOrThrow();
            float[] rec =
                    decoder.forward(ps, new NDList(c), false).singletonOrThrow().toFloatArray();
            float[] cf = c.toFloatArray();
            double[][] code = new double[n][latent];
            double err = 0, var = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < latent; j++) code[i][j] = cf[i * latent + j];
                for (int j = 0; j < d; j++) {
                    err += (z[i][j] - rec[i * d + j]) * (z[i][j] - rec[i * d + j]);
                    var += z[i][j] * z[i][j];
                }
            }
            fve[0] = var == 0 ? 1 : 1 - err / var;
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException("autoencoder training failed: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    /** Most probable component of each point. */
    public static int[] assign(MixtureMultivariateNormalDistribution mix, double[][] points) {
        List<Pair<Double, MultivariateNormalDistribution>> comps = mix.getComponents();
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            double bestP = -1;
            for (int c = 0; c < comps.size(); c++) {
                double p = comps.get(c).getFirst() * comps.get(c).getSecond().density(points[i]);
                if (p > bestP) {
                    bestP = p;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /**
     * Cluster purity against known classes: Σ over clusters of the size of its largest class,
     * divided by the number of points (1 = every cluster holds one class only).
     */
    public static double purity(int[] labels, int[] truth) {
        if (labels.length != truth.length) throw new IllegalArgumentException("labels and truth differ in length");
        int nl = Arrays.stream(labels).max().orElse(0) + 1,
                nt = Arrays.stream(truth).max().orElse(0) + 1;
        int[][] count = new int[nl][nt];
        for (int i = 0; i < labels.length; i++) count[labels[i]][truth[i]]++;
        int s = 0;
        for (int[] row : count) s += Arrays.stream(row).max().orElse(0);
        return (double) s / labels.length;
    }

    /** EM from k-means++ starts; the best log-likelihood over the restarts, null if every start fails. */
    private MixtureMultivariateNormalDistribution mixture(double[][] x, int k) {
        MixtureMultivariateNormalDistribution best = null;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            try {
                MixtureMultivariateNormalDistribution init = kMeansStart(x, k, seed + 31L * r + k);
                MultivariateNormalMixtureExpectationMaximization em =
                        new MultivariateNormalMixtureExpectationMaximization(x);
                em.fit(init, 500, 1e-6);
                if (em.getLogLikelihood() > bestLl) {
                    bestLl = em.getLogLikelihood();
                    best = em.getFittedModel();
                }
            } catch (RuntimeException e) {
                // a component collapsed onto too few points (singular covariance): try the next start
            }
        }
        return best;
    }

    private static MixtureMultivariateNormalDistribution kMeansStart(double[][] x, int k, long seed) {
        List<DoublePoint> pts = new ArrayList<>(x.length);
        for (double[] p : x) pts.add(new DoublePoint(p));
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(seed);
        List<CentroidCluster<DoublePoint>> cl = new KMeansPlusPlusClusterer<DoublePoint>(
                        k, 100, new org.apache.commons.math3.ml.distance.EuclideanDistance(), rng)
                .cluster(pts);
        int dim = x[0].length;
        double[] w = new double[k];
        double[][] means = new double[k][];
        double[][][] covs = new double[k][][];
        for (int c = 0; c < k; c++) {
            List<DoublePoint> members = cl.get(c).getPoints();
            if (members.size() <= dim) throw new IllegalStateException("k-means cluster too small");
            double[][] data = new double[members.size()][];
            for (int i = 0; i < data.length; i++) data[i] = members.get(i).getPoint();
            w[c] = (double) members.size() / x.length;
            means[c] = cl.get(c).getCenter().getPoint();
            double[][] cov = new Covariance(data).getCovarianceMatrix().getData();
            for (int j = 0; j < dim; j++) cov[j][j] += 1e-6; // keep tight clusters invertible
            covs[c] = cov;
        }
        return new MixtureMultivariateNormalDistribution(w, means, covs);
    }

    /** Columns shifted to zero mean and scaled to unit variance (constant columns left at zero). */
    static double[][] standardise(double[][] x) {
        int n = x.length, d = x[0].length;
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : x) mean += r[j];
            mean /= n;
            double var = 0;
            for (double[] r : x) var += (r[j] - mean) * (r[j] - mean);
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) out[i][j] = sd > 0 ? (x[i][j] - mean) / sd : 0;
        }
        return out;
    }

    /** Options of {@link LocalStructureClassifier}. */
    public static final class Builder {
        private int latent = 2;
        private int hidden = 0;
        private int epochs = 60;
        private int batchSize = 128;
        private float learningRate = 1e-3f;
        private int maxClusters = 8;
        private int restarts = 3;
        private long seed = 42;

        /** Bottleneck size c (default 2, which can be plotted). */
        public Builder optLatentDim(int c) {
            if (c < 1) throw new IllegalArgumentException("latent dimension must be >= 1");
            latent = c;
            return this;
        }

        /** Hidden layer width (default 10 × input dimension, as in the paper). */
        public Builder optHiddenUnits(int h) {
            hidden = h;
            return this;
        }

        /** Training epochs (default 60). */
        public Builder optEpochs(int e) {
            epochs = e;
            return this;
        }

        /** Mini-batch size (default 128). */
        public Builder optBatchSize(int b) {
            batchSize = b;
            return this;
        }

        /** Adam learning rate (default 1e-3). */
        public Builder optLearningRate(float lr) {
            learningRate = lr;
            return this;
        }

        /** Largest number of mixture components tried (default 8). */
        public Builder optMaxClusters(int k) {
            if (k < 1) throw new IllegalArgumentException("max clusters must be >= 1");
            maxClusters = k;
            return this;
        }

        /** EM starts per k (default 3). */
        public Builder optRestarts(int r) {
            restarts = Math.max(1, r);
            return this;
        }

        /** Seed for weights, mini-batch order and k-means++ (default 42). */
        public Builder optSeed(long s) {
            seed = s;
            return this;
        }

        public LocalStructureClassifier build() {
            return new LocalStructureClassifier(this);
        }
    }
}

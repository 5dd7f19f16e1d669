package spinel.descriptors;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * trained on the mean squared reconstruction error with Adam); a Gaussian mixture (Commons Math
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
        int d = x[0].length;
        double[][] z = standardise(x);
        double[][] code;
        double fve;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        int h = hidden > 0 ? hidden : 10 * d;
        try (Model model = Model.newInstance("boattini-autoencoder", engine.getEngineName())) {
            SequentialBlock encoder = new SequentialBlock()
                    .add(Linear.builder().setUnits(h).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(latent).build());
            SequentialBlock decoder = new SequentialBlock()
                    .add(Linear.builder().setUnits(h).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(d).build());
            model.setBlock(new SequentialBlock().add(encoder).add(decoder));
            NDManager m = model.getNDManager();
            float[] flat = new float[n * d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) flat[i * d + j] = (float) z[i][j];
            NDArray data = m.create(flat, new Shape(n, d));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(learningRate))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize, d));
                ArrayDataset ds = new ArrayDataset.Builder()
                        .setData(data)
                        .optLabels(data)
                        .setSampling(Math.min(batchSize, n), true)
                        .build();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(ds)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                }
                ParameterStore ps = new ParameterStore(m, false);
                NDArray c = encoder.forward(ps, new NDList(data), false).singletonOrThrow();
                NDArray rec = decoder.forward(ps, new NDList(c), false).singletonOrThrow();
                float[] cf = c.toFloatArray();
                float[] rf = rec.toFloatArray();
                code = new double[n][latent];
                for (int i = 0; i < n; i++) for (int j = 0; j < latent; j++) code[i][j] = cf[i * latent + j];
                double err = 0, var = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        double r = z[i][j] - rf[i * d + j];
                        err += r * r;
                        var += z[i][j] * z[i][j];
                    }
                }
                fve = var == 0 ? 1 : 1 - err / var;
            } catch (IOException | TranslateException e) {
                throw new IllegalStateException("autoencoder training failed: " + e.getMessage(), e);
            }
        }
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
        return new Result(lat, assign(best, lat), bestK, bic, fve, best);
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

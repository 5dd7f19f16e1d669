package spinel.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tabular baseline: an MLP in DJL on a fixed-length feature vector (lattice/shape features,
 * composition statistics), input → 64 → 32 → output with ReLU, dropout 0.3 after each hidden layer
 * for classification, trained by {@link TrainingLoop} (Adam 1e-3, batch 64, early stopping by default).
 * Features are standardised and regression targets normalised on the training rows only.
 */
public final class TabularMlp {

    /** A trained model with its scalers, and its outputs on the test rows. */
    public record Fitted(
            SequentialBlock block,
            FeatureScaler scaler,
            Normalizer normalizer,
            TrainingLoop.Result result,
            TrainingLoop.Predictions test) {}

    private final TrainConfig config;
    private int[] hidden = {64, 32};
    private double dropout = -1;
    private java.io.PrintStream log = System.err;

    public TabularMlp(TrainConfig config) {
        this.config = config;
    }

    /** The default configuration: Adam 1e-3, batch 64, 300 epochs, patience 30. */
    public static TrainConfig.Builder defaults(TrainConfig.Task task) {
        return TrainConfig.builder()
                .setTask(task)
                .optLearningRate(1e-3)
                .optBatchSize(64)
                .optEpochs(300)
                .optPatience(30);
    }

    /** Hidden layer widths (default 64, 32). */
    public TabularMlp optHidden(int... widths) {
        hidden = widths.clone();
        return this;
    }

    /** Where the trainer's epoch lines go (default standard error). */
    public TabularMlp setLog(java.io.PrintStream log) {
        this.log = log;
        return this;
    }

    /** Dropout after each hidden layer (default 0.3 for classification, 0 for regression). */
    public TabularMlp optDropout(double p) {
        dropout = p;
        return this;
    }

    /**
     * Optional parts of each hidden layer of the deep MLP.
     *
     * @param batchNorm         BatchNorm between the Linear and the ReLU (Ioffe &amp; Szegedy 2015)
     * @param squeezeExcitation a gate x ⊙ σ(W₂ ReLU(W₁ x)), W₁ reducing the width 4-fold (Hu et al.,
     *                          CVPR 2018, applied to a feature vector)
     * @param residual          x + layer(x) where a hidden width equals its input width (He et al. 2016)
     */
    public record Layers(boolean batchNorm, boolean squeezeExcitation, boolean residual) {
        /** The plain MLP: Linear, ReLU, dropout. */
        public static final Layers PLAIN = new Layers(false, false, false);
    }

    /** The network: Linear and ReLU for each hidden width (plus dropout when p > 0), then a Linear output. */
    public static SequentialBlock block(int outputs, int[] hidden, double dropout) {
        return block(outputs, hidden, dropout, Layers.PLAIN);
    }

    /**
     * The deep MLP: per hidden width h, Linear(h) [→ BatchNorm] → ReLU [→ squeeze-and-excitation]
     * [→ dropout], wrapped in a shortcut when {@code layers.residual()} and the input width is h; then a
     * Linear output. With {@link Layers#PLAIN} this is exactly {@link #block(int, int[], double)}.
     *
     */
    public static SequentialBlock block(int outputs, int[] hidden, double dropout, Layers layers) {
        SequentialBlock b = new SequentialBlock();
        for (int k = 0; k < hidden.length; k++) {
            int h = hidden[k];
            SequentialBlock layer =
                    new SequentialBlock().add(Linear.builder().setUnits(h).build());
            if (layers.batchNorm()) layer.add(BatchNorm.builder().build());
            layer.add(Activation::relu);
            if (layers.squeezeExcitation()) layer.add(squeezeExcitation(h));
            if (dropout > 0)
                layer.add(Dropout.builder().optRate((float) dropout).build());
            boolean shortcut = layers.residual() && k > 0 && hidden[k - 1] == h;
            // without a shortcut the layer's blocks go in flat, as in the plain MLP (whose saved runs still load)
            if (shortcut) b.add(new ParallelBlock(TabularMlp::sum, List.of(layer, new LambdaBlock(x -> x))));
            else for (ai.djl.nn.Block part : layer.getChildren().values()) b.add(part);
        }
        b.add(Linear.builder().setUnits(outputs).build());
        b.setInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
        return b;
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(branches.get(0).head().add(branches.get(1).head()));
    }

    /** x ⊙ σ(W₂ ReLU(W₁ x)) with W₁: h → max(1, h/4), W₂: → h. */
    private static ai.djl.nn.Block squeezeExcitation(int h) {
        SequentialBlock gate = new SequentialBlock()
                .add(Linear.builder().setUnits(Math.max(1, h / 4)).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(h).build())
                .add(Activation::sigmoid);
        return new ParallelBlock(
                branches ->
                        new NDList(branches.get(0).head().mul(branches.get(1).head())),
                List.of(new LambdaBlock(x -> x), gate));
    }

    /**
     * Trains on {@code split.train()}, early-stops on {@code split.val()}, predicts {@code split.test()}.
     *
     * @param x         features, one row per sample
     * @param targets   regression targets (null for classification)
     * @param labels    class indices 0..numClasses−1 (null for regression)
     * @param numClasses number of classes (ignored for regression)
     * @param manager   owns the network's parameters
     */
    public Fitted fit(
            double[][] x, double[] targets, int[] labels, int numClasses, Split split, NDManager manager, Path runDir)
            throws IOException {
        boolean classification = config.task() == TrainConfig.Task.CLASSIFICATION;
        FeatureScaler scaler = FeatureScaler.fit(x, split.train());
        float[][] fx = scaler.transform(x);
        double p = dropout >= 0 ? dropout : classification ? 0.3 : 0.0;
        SequentialBlock block = block(classification ? numClasses : 1, hidden, p);
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) config.seed());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, fx[0].length));
        Normalizer norm;
        BatchSource train, val, test;
        if (classification) {
            norm = Normalizer.IDENTITY;
            train = ArrayBatchSource.classification(fx, labels, split.train());
            val = ArrayBatchSource.classification(fx, labels, split.val());
            test = ArrayBatchSource.classification(fx, labels, split.test());
        } else {
            norm = Normalizer.fit(targets, split.train());
            float[][] y = new float[targets.length][1];
            for (int i = 0; i < y.length; i++) y[i][0] = (float) norm.normalize(targets[i]);
            train = ArrayBatchSource.regression(fx, y, split.train());
            val = ArrayBatchSource.regression(fx, y, split.val());
            test = ArrayBatchSource.regression(fx, y, split.test());
        }
        TrainingLoop trainer = new TrainingLoop(config).setLog(log);
        TrainingLoop.Result result = trainer.fit(block, manager, train, val, runDir);
        TrainingLoop.Predictions predictions = TrainingLoop.predict(block, manager, test, 256);
        return new Fitted(block, scaler, norm, result, predictions);
    }
}

package spinel.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Settings of one training run (serialised to {@code config.json}). Build with {@link #builder()}.
 *
 * @param task          regression or classification
 * @param loss          MSE or L1 for regression; classification always uses softmax cross-entropy
 * @param optimizer     Adam (Kingma &amp; Ba 2015) or SGD with momentum
 * @param learningRate  peak learning rate
 * @param momentum      SGD momentum (PyTorch convention: v ← μv + g, w ← w − ηv)
 * @param weightDecay   L2 penalty added to the gradient (coupled, as torch.optim's weight_decay)
 * @param schedule      learning-rate schedule over the run
 * @param stepEpochs    STEP schedule: multiply the rate by {@code stepGamma} every this many epochs
 * @param stepGamma     STEP schedule factor
 * @param clipNorm      clip the global gradient L2 norm to this (0: no clipping)
 * @param epochs        maximum number of epochs
 * @param batchSize     crystals (rows) per batch
 * @param patience      stop after this many epochs without a better validation score (0: never)
 * @param seed          seed of initialisation, shuffling and dropout
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainConfig(
        Task task,
        LossKind loss,
        OptimizerKind optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        Schedule schedule,
        int stepEpochs,
        double stepGamma,
        double clipNorm,
        int epochs,
        int batchSize,
        int patience,
        long seed) {

    public enum Task implements EnumIds.Id {
        REGRESSION,
        CLASSIFICATION;
    }

    public enum LossKind implements EnumIds.Id {
        MSE,
        L1,
        CROSS_ENTROPY;
    }

    public enum OptimizerKind implements EnumIds.Id {
        ADAM,
        SGD;
    }

    public enum Schedule implements EnumIds.Id {
        CONSTANT,
        STEP,
        COSINE,
        ONE_CYCLE;
    }

    public TrainConfig {
        if (learningRate <= 0) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        if (task == Task.CLASSIFICATION) loss = LossKind.CROSS_ENTROPY;
        else if (loss == LossKind.CROSS_ENTROPY)
            throw new IllegalArgumentException("cross-entropy loss needs a classification task");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.task = task;
        b.loss = loss;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.schedule = schedule;
        b.stepEpochs = stepEpochs;
        b.stepGamma = stepGamma;
        b.clipNorm = clipNorm;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.patience = patience;
        b.seed = seed;
        return b;
    }

    /**
     * These settings for a classification task (softmax cross-entropy) or a regression one; unchanged when
     * {@link #task()} already agrees. A cross-entropy configuration turned to regression gets the default
     * MSE loss.
     */
    public TrainConfig forClassification(boolean classification) {
        if ((task == Task.CLASSIFICATION) == classification) return this;
        if (classification) return toBuilder().setTask(Task.CLASSIFICATION).build();
        return toBuilder().setTask(Task.REGRESSION).optLoss(LossKind.MSE).build();
    }

    /**
     * The learning rate at optimiser step {@code step} (0-based) of a run of {@code totalSteps} steps
     * with {@code stepsPerEpoch} steps an epoch.
     */
    public double learningRateAt(long step, long totalSteps, long stepsPerEpoch) {
        double t = totalSteps <= 1 ? 0 : (double) step / (totalSteps - 1);
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case STEP -> learningRate
                    * Math.pow(stepGamma, Math.floor((double) (step / Math.max(1, stepsPerEpoch)) / stepEpochs));
            case COSINE -> learningRate * 0.5 * (1 + Math.cos(Math.PI * t));
            case ONE_CYCLE -> {
                // Smith & Topin (2017) with cosine phases: lr/25 -> lr over the first 30 %, then -> lr/1e4.
                double warm = 0.3;
                double lo = learningRate / 25, end = learningRate / 1e4;
                if (t < warm) yield lo + (learningRate - lo) * 0.5 * (1 - Math.cos(Math.PI * t / warm));
                yield end + (learningRate - end) * 0.5 * (1 + Math.cos(Math.PI * (t - warm) / (1 - warm)));
            }
        };
    }

    /** Fluent builder with the defaults of the reference CGCNN's regression runs, Adam instead of SGD. */
    public static final class Builder {
        private Task task = Task.REGRESSION;
        private LossKind loss = LossKind.MSE;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 1e-3;
        private double momentum = 0.9;
        private double weightDecay = 0;
        private Schedule schedule = Schedule.CONSTANT;
        private int stepEpochs = 100;
        private double stepGamma = 0.1;
        private double clipNorm = 0;
        private int epochs = 100;
        private int batchSize = 64;
        private int patience = 0;
        private long seed = 0;

        public Builder setTask(Task v) {
            task = v;
            return this;
        }

        public Builder optLoss(LossKind v) {
            loss = v;
            return this;
        }

        public Builder optOptimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        public Builder optLearningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder optMomentum(double v) {
            momentum = v;
            return this;
        }

        public Builder optWeightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder optSchedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder optStep(int epochs, double gamma) {
            stepEpochs = epochs;
            stepGamma = gamma;
            return this;
        }

        public Builder optClipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder optPatience(int v) {
            patience = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(
                    task,
                    loss,
                    optimizer,
                    learningRate,
                    momentum,
                    weightDecay,
                    schedule,
                    stepEpochs,
                    stepGamma,
                    clipNorm,
                    epochs,
                    batchSize,
                    patience,
                    seed);
        }
    }
}

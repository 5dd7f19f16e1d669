package spinel.train;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training loop for any DJL {@link Block} fed by {@link BatchSource}s: the CGCNN, the tabular
 * MLP, fusion models.
 *
 * <p>Each epoch shuffles the training rows with a seeded generator and reseeds the engine (dropout),
 * so a run is deterministic for a seed on CPU and a resumed run continues exactly as an uninterrupted
 * one would. After each epoch the validation rows are scored (MAE of the normalised target for
 * regression, accuracy for classification), {@code best.params} is written when the score improves,
 * and {@code checkpoint.bin} (parameters, optimiser state, history, early-stopping counters) is
 * written atomically. {@link #fit} with an existing checkpoint in the run folder resumes from it (a
 * run killed mid-epoch redoes that epoch, with the same shuffle and dropout seeds, so the resumed run
 * ends bit-for-bit where an uninterrupted one would). A NaN or infinite loss stops the run with
 * {@link DivergedException}, leaving the last good checkpoint.
 */
public final class TrainingLoop {

    /** Thrown when the loss stops being finite; the checkpoint of the last good epoch is kept. */
    public static final class DivergedException extends RuntimeException {
        /** {@code message} says where the loss diverged and which checkpoint is kept. */
        public DivergedException(String message) {
            super(message);
        }
    }

    /** One row of {@code history.csv}. Scores are of the validation rows; NaN when there are none. */
    public record EpochRecord(
            int epoch, double trainLoss, double valLoss, double valScore, double learningRate, double seconds) {}

    /** Network outputs for some rows with their labels: regression values or class logits. */
    public record Predictions(float[][] outputs, float[][] labels) {}

    /** Outcome of {@link #fit}. */
    public record Result(
            List<EpochRecord> history, int bestEpoch, double bestValScore, boolean stoppedEarly, double seconds) {}

    static final String CHECKPOINT = "checkpoint.bin";
    static final String BEST = "best.params";

    /** A training loss over a network's outputs and a batch's labels (e.g. a conv {@code Head}'s own loss). */
    @FunctionalInterface
    public interface LossFunction {
        NDArray loss(NDList predictions, NDList labels);
    }

    private final TrainConfig config;
    private LossFunction lossFunction;
    private int outputIndex;
    private PrintStream log = System.err;
    private boolean progressBar = spinel.graph.io.Terminal.progressOnStderr();

    public TrainingLoop(TrainConfig config) {
        this.config = config;
    }

    public TrainConfig config() {
        return config;
    }

    /** Where the per-epoch lines go (default standard error). */
    public TrainingLoop setLog(PrintStream log) {
        this.log = log;
        return this;
    }

    /**
     * Use {@code loss} instead of the configuration's (MSE/L1/cross-entropy on the first output),
     * e.g. a multi-task head's weighted sum.
     */
    public TrainingLoop optLossFunction(LossFunction loss) {
        this.lossFunction = loss;
        return this;
    }

    /** Which of the network's outputs is scored on the validation rows (default 0). */
    public TrainingLoop optOutputIndex(int index) {
        this.outputIndex = index;
        return this;
    }

    /** Force the progress bar on or off (default: on when attached to a terminal). */
    public TrainingLoop optProgressBar(boolean on) {
        this.progressBar = on;
        return this;
    }

    /**
     * Trains {@code block} (already initialised on {@code manager}) on {@code train}, early-stopping on
     * {@code val}; writes checkpoints into {@code runDir} (resuming from one found there). On return the
     * block holds the parameters of the best epoch (the last one when there are no validation rows).
     */
    public Result fit(Block block, NDManager manager, BatchSource train, BatchSource val, Path runDir)
            throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(runDir);
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) trainable.add(p);
        }
        Run run = new Run(block, manager, new ParameterOptimizer(config, trainable, manager), runDir);
        Path checkpoint = runDir.resolve(CHECKPOINT);
        if (Files.isRegularFile(checkpoint)) {
            loadCheckpoint(checkpoint, run, trainable);
            log.printf(
                    Locale.ROOT,
                    "resuming %s after epoch %d (best epoch %d)%n",
                    runDir,
                    run.state.epoch,
                    run.state.bestEpoch);
        }
        while (run.state.epoch < config.epochs() && !run.state.stopped) {
            int epoch = run.state.epoch + 1;
            long epochStart = System.nanoTime();
            double[] lossAndRate = trainEpoch(run, train, epoch);
            endEpoch(run, val, epoch, lossAndRate, (System.nanoTime() - epochStart) / 1e9);
        }
        Path best = runDir.resolve(BEST);
        if (!Files.isRegularFile(best))
            throw new DivergedException(
                    "no epoch of " + runDir + " had a finite validation score, so no parameters were "
                            + "kept; check the data and lower the learning rate");
        loadParameters(block, manager, best);
        State s = run.state;
        return new Result(
                List.copyOf(s.history), s.bestEpoch, s.bestScore, s.stopped, (System.nanoTime() - start) / 1e9);
    }

    /** What one {@link #fit} works on. */
    private record Run(Block block, NDManager manager, ParameterOptimizer optimizer, Path dir, State state) {
        Run(Block block, NDManager manager, ParameterOptimizer optimizer, Path dir) {
            this(block, manager, optimizer, dir, new State());
        }
    }

    /** One pass over the training rows in this epoch's seeded order; returns {mean loss, last learning rate}. */
    private double[] trainEpoch(Run run, BatchSource train, int epoch) {
        int n = train.size();
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) batches * config.epochs();
        ParameterStore store = new ParameterStore(run.manager(), false);
        Engine.getInstance().setRandomSeed((int) (config.seed() * 7919 + epoch));
        int[] order = Split.permutation(n, new Random(config.seed() * 1_000_003L + epoch));
        double lossSum = 0, lr = Double.NaN;
        long seen = 0;
        try (ProgressBar bar = progressBar(epoch, n)) {
            for (int b = 0; b < batches; b++) {
                int[] rows =
                        Arrays.copyOfRange(order, b * config.batchSize(), Math.min(n, (b + 1) * config.batchSize()));
                lr = config.learningRateAt(run.optimizer().steps(), totalSteps, batches);
                double loss;
                try {
                    loss = trainStep(run.block(), store, run.manager(), run.optimizer(), train, rows, lr);
                } catch (NonFiniteGradient g) {
                    throw diverged(
                            run, "the gradient norm became " + g.norm + " (the loss was finite)", epoch, b, lr, "");
                }
                if (!Double.isFinite(loss)) {
                    throw diverged(
                            run,
                            "training loss became " + loss,
                            epoch,
                            b,
                            lr,
                            config.clipNorm() > 0 ? "" : " or enable gradient clipping");
                }
                lossSum += loss * rows.length;
                seen += rows.length;
                if (bar != null) {
                    bar.stepBy(rows.length);
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / seen));
                }
            }
        }
        return new double[] {lossSum / seen, lr};
    }

    private ProgressBar progressBar(int epoch, int n) {
        if (!progressBar) return null;
        return new ProgressBarBuilder()
                .setTaskName("epoch " + epoch)
                .setInitialMax(n)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /**
     * Scores the validation rows, keeps the parameters when the score improved (a non-finite score
     * never counts as better), and checkpoints.
     */
    private void endEpoch(Run run, BatchSource val, int epoch, double[] lossAndRate, double seconds)
            throws IOException {
        State state = run.state();
        boolean hasVal = val != null && val.size() > 0;
        double valLoss = Double.NaN, valScore = Double.NaN;
        if (hasVal) {
            Predictions p = predict(run.block(), run.manager(), val, config.batchSize(), outputIndex);
            valLoss = loss(p);
            valScore = score(p);
        }
        state.history.add(new EpochRecord(epoch, lossAndRate[0], valLoss, valScore, lossAndRate[1], seconds));
        state.epoch = epoch;
        boolean improved =
                !hasVal || (Double.isFinite(valScore) && (state.bestEpoch == 0 || valScore < state.bestScore));
        if (improved) {
            state.bestEpoch = epoch;
            state.bestScore = valScore;
            state.sinceBest = 0;
            RunFiles.writeAtomically(
                    run.dir().resolve(BEST), out -> run.block().saveParameters(new DataOutputStream(out)));
        } else {
            state.sinceBest++;
            if (config.patience() > 0 && state.sinceBest >= config.patience()) state.stopped = true;
        }
        saveCheckpoint(run.dir().resolve(CHECKPOINT), run.block(), run.optimizer(), state);
        boolean classification = config.task() == TrainConfig.Task.CLASSIFICATION;
        log.printf(
                Locale.ROOT,
                "epoch %d/%d  train loss %.5f  val loss %.5f  val %s %.5f%s  lr %.2e  %.1f s%n",
                epoch,
                config.epochs(),
                lossAndRate[0],
                valLoss,
                classification ? "accuracy" : "mae",
                classification ? -valScore : valScore,
                improved ? " *" : "",
                lossAndRate[1],
                seconds);
        if (state.stopped)
            log.printf(Locale.ROOT, "early stop: no better validation score for %d epochs%n", state.sinceBest);
    }

    /** Loads parameters written by {@link Block#saveParameters} (e.g. {@code best.params}) into {@code block}. */
    public static void loadParameters(Block block, NDManager manager, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(file + ": not parameters of this network: " + e.getMessage(), e);
        }
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) p.getArray().setRequiresGradient(true);
        }
    }

    /** Runs {@code block} in inference mode over every row of {@code source}, in order. */
    public static Predictions predict(Block block, NDManager manager, BatchSource source, int batchSize) {
        return predict(block, manager, source, batchSize, 0);
    }

    /** Like {@link #predict(Block, NDManager, BatchSource, int)}, keeping output {@code outputIndex}. */
    public static Predictions predict(
            Block block, NDManager manager, BatchSource source, int batchSize, int outputIndex) {
        int n = source.size();
        float[][] outputs = new float[n][];
        float[][] labels = new float[n][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) rows[i] = start + i;
            try (NDManager batchManager = manager.newSubManager()) {
                BatchSource.Batch batch = source.batch(batchManager, rows);
                try (AutoCloseable resource = batch.resource()) {
                    NDArray out = block.forward(store, batch.inputs(), false).get(outputIndex);
                    long k =
                            out.getShape().dimension() == 1 ? 1 : out.getShape().get(1);
                    float[] flat = out.toType(DataType.FLOAT32, false).toFloatArray();
                    NDArray lab = batch.labels().head();
                    float[] flatLabels = lab.toType(DataType.FLOAT32, false).toFloatArray();
                    int lk = flatLabels.length / rows.length;
                    for (int i = 0; i < rows.length; i++) {
                        outputs[start + i] = Arrays.copyOfRange(flat, (int) (i * k), (int) ((i + 1) * k));
                        labels[start + i] = Arrays.copyOfRange(flatLabels, i * lk, (i + 1) * lk);
                    }
                } catch (Exception e) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        return new Predictions(outputs, labels);
    }

    private double trainStep(
            Block block,
            ParameterStore store,
            NDManager manager,
            ParameterOptimizer optimizer,
            BatchSource train,
            int[] rows,
            double lr) {
        try (NDManager batchManager = manager.newSubManager();
                NDScope scope = new NDScope()) {
            BatchSource.Batch batch = train.batch(batchManager, rows);
            try (AutoCloseable resource = batch.resource()) {
                double lossValue;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.zeroGradients();
                    NDList out = block.forward(store, batch.inputs(), true);
                    NDArray loss = lossFunction != null
                            ? lossFunction.loss(out, batch.labels())
                            : lossArray(out.head(), batch.labels().head());
                    lossValue = loss.getFloat();
                    if (!Double.isFinite(lossValue)) return lossValue;
                    gc.backward(loss);
                }
                double scale = 1;
                if (config.clipNorm() > 0) {
                    double norm = optimizer.gradientNorm();
                    if (!Double.isFinite(norm)) throw new NonFiniteGradient(norm);
                    if (norm > config.clipNorm()) scale = config.clipNorm() / norm;
                }
                optimizer.step(lr, scale);
                return lossValue;
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }

    /** A non-finite gradient norm under gradient clipping (the loss itself was finite). */
    private static final class NonFiniteGradient extends RuntimeException {
        final double norm;

        NonFiniteGradient(double norm) {
            super(null, null, false, false);
            this.norm = norm;
        }
    }

    private static DivergedException diverged(Run run, String what, int epoch, int batch, double lr, String advice) {
        return new DivergedException(String.format(
                Locale.ROOT,
                "%s at epoch %d, batch %d (learning rate %.3g); the last good checkpoint (after epoch %d) is kept "
                        + "in %s — lower the learning rate%s",
                what,
                epoch,
                batch + 1,
                lr,
                run.state().epoch,
                run.dir(),
                advice));
    }

    private NDArray lossArray(NDArray out, NDArray labels) {
        return taskLoss(config, out, labels);
    }

    /**
     * The loss {@code config} names (MSE, L1, cross-entropy on logits) of outputs {@code out} against
     * {@code labels}, averaged over the batch: the loop's own, for loss functions that add a term to it.
     */
    static NDArray taskLoss(TrainConfig config, NDArray out, NDArray labels) {
        return switch (config.loss()) {
            case MSE -> out.sub(labels.reshape(out.getShape())).square().mean();
            case L1 -> out.sub(labels.reshape(out.getShape())).abs().mean();
            case CROSS_ENTROPY -> {
                NDArray logp = out.logSoftmax(1);
                NDArray oneHot = labels.toType(DataType.INT32, false)
                        .oneHot((int) out.getShape().get(1));
                yield logp.mul(oneHot).sum(new int[] {1}).mean().neg();
            }
        };
    }

    /** The loss of the current predictions, as {@link #lossArray} computes it (in double precision). */
    double loss(Predictions p) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < p.outputs().length; i++) {
            float[] o = p.outputs()[i];
            if (config.task() == TrainConfig.Task.CLASSIFICATION) {
                sum -= logSoftmax(o)[(int) p.labels()[i][0]];
                count++;
            } else {
                for (int j = 0; j < o.length; j++) {
                    double e = o[j] - p.labels()[i][j];
                    sum += config.loss() == TrainConfig.LossKind.L1 ? Math.abs(e) : e * e;
                    count++;
                }
            }
        }
        return sum / count;
    }

    /** Validation score, lower is better: MAE (normalised units) or minus the accuracy. */
    double score(Predictions p) {
        if (config.task() == TrainConfig.Task.CLASSIFICATION) {
            int hits = 0;
            for (int i = 0; i < p.outputs().length; i++) {
                float[] o = p.outputs()[i];
                int best = 0;
                for (int j = 1; j < o.length; j++) if (o[j] > o[best]) best = j;
                if (best == (int) p.labels()[i][0]) hits++;
            }
            return -(double) hits / p.outputs().length;
        }
        double sum = 0;
        long count = 0;
        for (int i = 0; i < p.outputs().length; i++) {
            for (int j = 0; j < p.outputs()[i].length; j++) {
                sum += Math.abs(p.outputs()[i][j] - p.labels()[i][j]);
                count++;
            }
        }
        return sum / count;
    }

    /** Softmax probabilities of a row of logits. */
    public static double[] softmax(float[] logits) {
        double[] lp = logSoftmax(logits);
        for (int j = 0; j < lp.length; j++) lp[j] = Math.exp(lp[j]);
        return lp;
    }

    static double[] logSoftmax(float[] o) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : o) max = Math.max(max, v);
        double sum = 0;
        for (float v : o) sum += Math.exp(v - max);
        double log = max + Math.log(sum);
        double[] r = new double[o.length];
        for (int j = 0; j < o.length; j++) r[j] = o[j] - log;
        return r;
    }

    /** Loop state saved in the checkpoint. */
    private static final class State {
        int epoch;
        int bestEpoch;
        double bestScore = Double.POSITIVE_INFINITY;
        int sinceBest;
        boolean stopped;
        final List<EpochRecord> history = new ArrayList<>();
    }

    private void saveCheckpoint(Path file, Block block, ParameterOptimizer optimizer, State s) throws IOException {
        Checkpoint.write(file, out -> {
            out.writeUTF(RunFiles.JSON.writeValueAsString(config));
            out.writeInt(s.epoch);
            out.writeInt(s.bestEpoch);
            out.writeDouble(s.bestScore);
            out.writeInt(s.sinceBest);
            out.writeBoolean(s.stopped);
            out.writeInt(s.history.size());
            for (EpochRecord r : s.history) {
                out.writeInt(r.epoch());
                out.writeDouble(r.trainLoss());
                out.writeDouble(r.valLoss());
                out.writeDouble(r.valScore());
                out.writeDouble(r.learningRate());
                out.writeDouble(r.seconds());
            }
            optimizer.save(out);
            block.saveParameters(out);
        });
    }

    private void loadCheckpoint(Path file, Run run, List<Parameter> trainable) throws IOException {
        State s = run.state();
        Checkpoint.read(file, in -> {
            TrainConfig saved = RunFiles.JSON.readValue(in.readUTF(), TrainConfig.class);
            if (saved.optimizer() != config.optimizer()
                    || saved.batchSize() != config.batchSize()
                    || saved.seed() != config.seed()
                    || saved.task() != config.task()) {
                throw new IOException(
                        file + ": checkpoint of a different run (" + saved + "); use another --out folder");
            }
            s.epoch = in.readInt();
            s.bestEpoch = in.readInt();
            s.bestScore = in.readDouble();
            s.sinceBest = in.readInt();
            s.stopped = in.readBoolean();
            int rows = in.readInt();
            for (int i = 0; i < rows; i++) {
                s.history.add(new EpochRecord(
                        in.readInt(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble()));
            }
            run.optimizer().load(in);
            try {
                run.block().loadParameters(run.manager(), in);
            } catch (MalformedModelException e) {
                throw new IOException(file + ": parameters do not fit this network: " + e.getMessage(), e);
            }
        });
        for (Parameter p : trainable) p.getArray().setRequiresGradient(true);
    }
}

package spinel.generate;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spinel.conv.Scalars;
import spinel.graph.io.AtomicFiles;
import spinel.train.ParameterOptimizer;
import spinel.train.TrainConfig;

/**
 * Trains a {@link CrystalGan}: per step one critic + classifier update on a real batch and a generated
 * one (hinge loss, Miyato et al. 2018), then one generator update (−critic score + classifier
 * cross-entropy + short-contact penalty), Adam for each (the train module's {@link ParameterOptimizer},
 * two learning rates, TTUR). The generator is conditioned on the real batch's compositions.
 *
 * <p>The train module's {@code Trainer} runs one loss through one block with one optimiser; a GAN
 * step is two losses, three blocks and three optimisers taking turns, so this is its own loop — but
 * with the same checkpoint discipline: {@code checkpoint.bin} (config, position, history, the three
 * optimisers' state, the three networks' weights) written atomically every {@code checkpointSteps}
 * and at the end; a run started on a folder with a checkpoint resumes where it stopped, with the same
 * shuffles and noise (seeded by epoch and step), and refuses a checkpoint of another config.
 */
public final class GanTraining {

    static final String CHECKPOINT = "checkpoint.bin", GENERATOR = "generator.bin";
    /** Checkpoints before the history was length-prefixed (still read). */
    private static final String MAGIC = "spinel-gan-checkpoint-1";

    private static final String MAGIC_2 = "spinel-gan-checkpoint-2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Means over one logging interval. */
    public record LogRecord(
            int epoch,
            int step,
            double criticLoss,
            double generatorLoss,
            double realScore,
            double fakeScore,
            double classifierAccuracy,
            double repulsion,
            double volumeError,
            double seconds) {}

    private PrintStream log = System.err;
    private int checkpointSteps = 50;
    private double maxSeconds = Double.POSITIVE_INFINITY;
    private long maxSteps = Long.MAX_VALUE;

    public GanTraining setLog(PrintStream log) {
        this.log = log;
        return this;
    }

    /** Checkpoint (and log) every {@code n} steps. */
    public GanTraining optCheckpointSteps(int n) {
        this.checkpointSteps = n;
        return this;
    }

    /** Stop (after a checkpoint) once this much wall time has been spent in this call. */
    public GanTraining optMaxSeconds(double s) {
        this.maxSeconds = s;
        return this;
    }

    /** Stop (after a checkpoint) once the run has made this many generator steps in all, resumed ones included. */
    public GanTraining optMaxSteps(long steps) {
        this.maxSteps = steps;
        return this;
    }

    static final class State {
        int epoch, step;
        final List<LogRecord> history = new ArrayList<>();
    }

    /** Adam for the generator, the critic and the composition classifier, in that order. */
    static ParameterOptimizer[] optimisers(CrystalGan gan) {
        TrainConfig adam = TrainConfig.builder().build();
        ParameterOptimizer[] o = new ParameterOptimizer[3];
        int i = 0;
        for (var block : List.of(gan.generator(), gan.critic(), gan.classifier()))
            o[i++] = new ParameterOptimizer(adam, CrystalGan.trainable(block), gan.manager());
        return o;
    }

    /** Trains for {@code epochs} passes over {@code data}, resuming from {@code runDir}'s checkpoint. */
    public List<LogRecord> fit(CrystalGan gan, PointClouds data, int epochs, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        GanConfig c = gan.config();
        ParameterOptimizer[] opt = optimisers(gan);
        ParameterOptimizer optG = opt[0], optD = opt[1], optC = opt[2];
        State s = new State();
        Path ckpt = runDir.resolve(CHECKPOINT);
        if (Files.isRegularFile(ckpt)) {
            load(ckpt, gan, optG, optD, optC, s);
            log.printf("resuming %s at epoch %d step %d%n", runDir, s.epoch, s.step);
        }
        long start = System.nanoTime();
        int batches = data.size() / c.batchSize();
        if ((long) s.epoch * batches + s.step >= maxSteps) { // done already: the generator file is (re)written
            gan.saveGenerator(runDir.resolve(GENERATOR));
            return s.history;
        }
        double[] sums = new double[7];
        int count = 0;
        while (s.epoch < epochs) {
            int[] order =
                    bucketed(data, shuffled(data.size(), new Random(c.seed() * 1_000_003L + s.epoch)), c.batchSize());
            while (s.step < batches) {
                int[] rows = java.util.Arrays.copyOfRange(order, s.step * c.batchSize(), (s.step + 1) * c.batchSize());
                Random rng = new Random((c.seed() * 31 + s.epoch) * 1_000_003L + s.step);
                double[] r = step(gan, data, rows, rng, optG, optD, optC);
                checkFinite(r, s, runDir);
                for (int i = 0; i < r.length; i++) sums[i] += r[i];
                count++;
                s.step++;
                boolean timeUp =
                        (System.nanoTime() - start) / 1e9 > maxSeconds || (long) s.epoch * batches + s.step >= maxSteps;
                if (s.step % checkpointSteps == 0 || timeUp) {
                    record(s, sums, count, start);
                    java.util.Arrays.fill(sums, 0);
                    count = 0;
                    save(ckpt, gan, optG, optD, optC, s);
                    gan.saveGenerator(runDir.resolve(GENERATOR));
                }
                if (timeUp) return s.history;
            }
            s.epoch++;
            s.step = 0;
        }
        if (count > 0) record(s, sums, count, start);
        save(ckpt, gan, optG, optD, optC, s);
        gan.saveGenerator(runDir.resolve(GENERATOR));
        return s.history;
    }

    /**
     * Stops the run, before anything is saved, when a loss or score of the step is NaN or infinite: the
     * checkpoint on disk is the last one with finite weights (a diverged GAN's weights are of no use, and
     * saving them would overwrite the state to resume from).
     */
    private static void checkFinite(double[] r, State s, Path runDir) {
        for (double v : r) {
            if (!Double.isFinite(v)) {
                throw new spinel.train.TrainingLoop.DivergedException(String.format(
                        java.util.Locale.ROOT,
                        "GAN losses became %s at epoch %d step %d; the last good checkpoint is kept in %s — resume"
                                + " from it with lower learning rates",
                        v,
                        s.epoch,
                        s.step + 1,
                        runDir));
            }
        }
    }

    private void record(State s, double[] sums, int count, long start) {
        LogRecord r = new LogRecord(
                s.epoch,
                s.step,
                sums[0] / count,
                sums[1] / count,
                sums[2] / count,
                sums[3] / count,
                sums[4] / count,
                sums[5] / count,
                sums[6] / count,
                (System.nanoTime() - start) / 1e9);
        s.history.add(r);
        log.printf(
                "epoch %d step %d: critic %.3f generator %.3f D(real) %.2f D(fake) %.2f classifier %.2f repulsion %.3f"
                        + " |ln V/V_real| %.3f (%.0f s)%n",
                r.epoch(),
                r.step(),
                r.criticLoss(),
                r.generatorLoss(),
                r.realScore(),
                r.fakeScore(),
                r.classifierAccuracy(),
                r.repulsion(),
                r.volumeError(),
                r.seconds());
    }

    /** One critic/classifier update and one generator update; returns the batch's losses and scores. */
    static double[] step(
            CrystalGan gan,
            PointClouds data,
            int[] rows,
            Random rng,
            ParameterOptimizer optG,
            ParameterOptimizer optD,
            ParameterOptimizer optC) {
        GanConfig c = gan.config();
        // the scope frees every array the step makes, also those DJL attaches to the networks' own
        // manager (results of expressions that start from a parameter, the gradients, the optimisers'
        // temporaries); without it a run grew by gigabytes an hour and slowed down step by step
        try (NDManager m = gan.manager().newSubManager();
                NDScope scope = new NDScope()) {
            NDList real = data.batch(m, rows);
            NDArray feats = real.get(2), mask = real.get(3), classes = real.get(4);
            NDArray pairs = PeriodicEnvironment.pairMask(mask);
            NDArray realEnv = PeriodicEnvironment.environments(
                    PeriodicEnvironment.distances(real.get(0), real.get(1)), pairs, feats);
            NDArray realVpa = scaledVolume(real.get(1), mask, c);
            NDList fixed = gan.forward(m, real, rng, true);
            double lossD, realScore, fakeScore, accuracy;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                NDArray fakeEnv = PeriodicEnvironment.environments(
                        PeriodicEnvironment.distances(fixed.get(0), fixed.get(1)), pairs, feats);
                NDArray dReal = gan.criticScore(realEnv, feats, mask, realVpa, true);
                NDArray dFake = gan.criticScore(fakeEnv, feats, mask, scaledVolume(fixed.get(1), mask, c), true);
                NDArray hinge = Activation.relu(dReal.neg().add(1f))
                        .mean()
                        .add(Activation.relu(dFake.add(1f)).mean());
                NDArray logits = classify(gan, realEnv);
                NDArray ce = crossEntropy(logits, classes, mask);
                gc.backward(hinge.add(ce));
                lossD = hinge.getFloat();
                realScore = dReal.mean().getFloat();
                fakeScore = dFake.mean().getFloat();
                accuracy = accuracy(logits, classes, mask);
            }
            optD.step(c.criticRate(), 1);
            optC.step(c.criticRate(), 1);
            double lossG, repulsion, volume;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.zeroGradients();
                NDList fake = gan.forward(m, real, rng, true);
                NDArray d = PeriodicEnvironment.distances(fake.get(0), fake.get(1));
                NDArray env = PeriodicEnvironment.environments(d, pairs, feats);
                NDArray score = gan.criticScore(env, feats, mask, scaledVolume(fake.get(1), mask, c), true);
                NDArray rep = PeriodicEnvironment.repulsion(d, pairs, feats, (float) c.repulsionFactor());
                NDArray volumeError =
                        scaledVolume(fake.get(1), mask, c).sub(realVpa).abs().mean();
                NDArray loss = score.mean()
                        .neg()
                        .add(Scalars.mul(crossEntropy(classify(gan, env), classes, mask), c.classifierWeight()))
                        .add(Scalars.mul(rep, c.repulsionWeight()))
                        .add(Scalars.mul(volumeError, c.volumeWeight()));
                gc.backward(loss);
                lossG = loss.getFloat();
                repulsion = rep.getFloat();
                volume = volumeError.getFloat();
            }
            optG.step(c.generatorRate(), 1);
            return new double[] {lossD, lossG, realScore, fakeScore, accuracy, repulsion, volume};
        }
    }

    private static NDArray classify(CrystalGan gan, NDArray env) {
        return gan.classifier().forward(gan.store(), new NDList(env), true).head();
    }

    /** ln(volume per atom / Å³) minus the config's centre, (B, 1). */
    static NDArray scaledVolume(NDArray lattice, NDArray mask, GanConfig c) {
        NDArray a = lattice.get(":, 0, :"), b = lattice.get(":, 1, :"), cc = lattice.get(":, 2, :");
        NDArray cross = ai.djl.ndarray.NDArrays.stack(
                new NDList(
                        b.get(":, 1").mul(cc.get(":, 2")).sub(b.get(":, 2").mul(cc.get(":, 1"))),
                        b.get(":, 2").mul(cc.get(":, 0")).sub(b.get(":, 0").mul(cc.get(":, 2"))),
                        b.get(":, 0").mul(cc.get(":, 1")).sub(b.get(":, 1").mul(cc.get(":, 0")))),
                1);
        NDArray volume = a.mul(cross).sum(new int[] {1}).abs();
        NDArray atoms = mask.sum(new int[] {1}).maximum(1f);
        return volume.div(atoms)
                .add(1e-3f)
                .log()
                .sub((float) c.logVolumePerAtom())
                .expandDims(1);
    }

    private static NDArray crossEntropy(NDArray logits, NDArray classes, NDArray mask) {
        NDArray logp = logits.logSoftmax(2);
        NDArray picked = logp.mul(classes.oneHot(GanConfig.CLASSES)).sum(new int[] {2});
        return picked.mul(mask).sum().neg().div(mask.sum());
    }

    private static double accuracy(NDArray logits, NDArray classes, NDArray mask) {
        NDArray hit = logits.argMax(2)
                .toType(ai.djl.ndarray.types.DataType.INT32, false)
                .eq(classes);
        return hit.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .mul(mask)
                        .sum()
                        .getFloat()
                / mask.sum().getFloat();
    }

    /**
     * The shuffled rows with each run of 32 batches sorted by number of atoms, so that a batch holds
     * crystals of similar size and little padding (the order of the batches stays random enough).
     */
    static int[] bucketed(PointClouds data, int[] order, int batchSize) {
        int chunk = 32 * batchSize;
        Integer[] boxed = new Integer[order.length];
        for (int i = 0; i < order.length; i++) boxed[i] = order[i];
        for (int from = 0; from < boxed.length; from += chunk) {
            java.util.Arrays.sort(
                    boxed, from, Math.min(boxed.length, from + chunk), java.util.Comparator.comparingInt(data::atoms));
        }
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) out[i] = boxed[i];
        return out;
    }

    private static int[] shuffled(int n, Random rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static void save(
            Path file, CrystalGan gan, ParameterOptimizer g, ParameterOptimizer d, ParameterOptimizer cl, State s)
            throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeUTF(MAGIC_2);
            out.writeUTF(JSON.writeValueAsString(gan.config()));
            out.writeInt(s.epoch);
            out.writeInt(s.step);
            // the history outgrows writeUTF's 64 kB after some 280 log lines: length-prefixed bytes
            byte[] history = JSON.writeValueAsBytes(s.history);
            out.writeInt(history.length);
            out.write(history);
            g.save(out);
            d.save(out);
            cl.save(out);
            gan.generator().saveParameters(out);
            gan.critic().saveParameters(out);
            gan.classifier().saveParameters(out);
            out.flush();
        });
    }

    static void load(
            Path file, CrystalGan gan, ParameterOptimizer g, ParameterOptimizer d, ParameterOptimizer cl, State s)
            throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic) && !MAGIC_2.equals(magic))
                throw new IOException(file + ": not a Spinel GAN checkpoint");
            GanConfig saved = JSON.readValue(in.readUTF(), GanConfig.class);
            if (!saved.equals(gan.config())) {
                throw new IOException(
                        file + ": checkpoint of another GAN config (" + saved + "); use another run folder");
            }
            s.epoch = in.readInt();
            s.step = in.readInt();
            byte[] history;
            if (MAGIC.equals(magic)) history = in.readUTF().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            else {
                history = new byte[in.readInt()];
                in.readFully(history);
            }
            s.history.addAll(List.of(JSON.readValue(history, LogRecord[].class)));
            g.load(in);
            d.load(in);
            cl.load(in);
            gan.generator().loadParameters(gan.manager(), in);
            gan.critic().loadParameters(gan.manager(), in);
            gan.classifier().loadParameters(gan.manager(), in);
        } catch (MalformedModelException e) {
            throw new IOException(file + ": weights do not fit this GAN: " + e.getMessage(), e);
        }
        for (var b : List.of(gan.generator(), gan.critic(), gan.classifier())) {
            for (var p : CrystalGan.trainable(b)) p.getArray().setRequiresGradient(true);
        }
    }
}

package spinel.conv;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import spinel.graph.CrystalGraph;

/**
 * Training and inference throughput of a CGCNN on graphs already built: the model's speed, not
 * the file reading (collation of each batch is included, as in the reference's data loader).
 *
 * <p>Training: per batch of {@code batchSize} crystals, forward in training mode, MSE against
 * fixed random targets, backward, and an SGD step with momentum 0.9 (the reference's optimiser).
 * Inference: forward in evaluation mode without gradients. One untimed warm-up epoch precedes each.
 * Each batch lives in its own sub-manager, closed after the step.
 *
 * <p>{@code main} is the benchmark entry of {@code bench/conv_speed.sh}: it reads the graphs written
 * by {@code bench/cgcnn_reference_speed.py generate} and prints one JSON line.
 */
public final class SpeedBenchmark {

    /**
     * Throughput figures: wall-clock rates, plus rates per CPU second of the whole process (all
     * threads, as Python's {@code time.process_time()}), which are robust to other load on the machine.
     */
    public record Result(
            int crystals,
            long atoms,
            int batchSize,
            int epochs,
            int threads,
            double trainCrystalsPerSecond,
            double trainAtomsPerSecond,
            double inferCrystalsPerSecond,
            double inferAtomsPerSecond,
            double trainCrystalsPerCpuSecond,
            double inferCrystalsPerCpuSecond) {

        /** One JSON object with the CLI contract's field names. */
        public String toJson() {
            return String.format(
                    Locale.ROOT,
                    "{\"impl\": \"spinel-djl\", \"threads\": %d, \"batch\": %d, \"crystals\": %d, "
                            + "\"atoms\": %d, \"epochs\": %d, \"train_crystals_per_s\": %.3f, \"train_atoms_per_s\": %.1f, "
                            + "\"infer_crystals_per_s\": %.3f, \"infer_atoms_per_s\": %.1f, \"train_crystals_per_cpu_s\": %.3f, "
                            + "\"infer_crystals_per_cpu_s\": %.3f}",
                    threads,
                    batchSize,
                    crystals,
                    atoms,
                    epochs,
                    trainCrystalsPerSecond,
                    trainAtomsPerSecond,
                    inferCrystalsPerSecond,
                    inferAtomsPerSecond,
                    trainCrystalsPerCpuSecond,
                    inferCrystalsPerCpuSecond);
        }
    }

    private int batchSize = 256;
    private int epochs = 1;
    private int threads;
    private float learningRate = 0.01f;
    private long seed = 0;

    /** Crystals per batch (default 256). */
    public SpeedBenchmark setBatchSize(int b) {
        batchSize = CGConv.positive(b, "batch size");
        return this;
    }
    /** Timed epochs of each phase (default 1). */
    public SpeedBenchmark setEpochs(int e) {
        epochs = CGConv.positive(e, "epochs");
        return this;
    }
    /** PyTorch intra-op threads (default 0: leave the engine's setting). */
    public SpeedBenchmark setThreads(int t) {
        threads = t;
        return this;
    }
    /** Seed of the initial weights' targets. */
    public SpeedBenchmark setSeed(long s) {
        seed = s;
        return this;
    }

    /** Times the default CGCNN (F = 64, n_conv = 3, H = 128, n_h = 1) on {@code graphs}. */
    public Result run(List<CrystalGraph> graphs) {
        if (graphs.isEmpty()) throw new IllegalArgumentException("no graphs to benchmark");
        CrystalGraph g0 = graphs.get(0);
        CrystalGraphConvNet net = CrystalGraphConvNet.builder()
                .optAtomInputLength(g0.atomFeatureLength())
                .optBondFeatureLength(g0.bondFeatureLength())
                .build();
        return run(net, graphs);
    }

    /** Times {@code net} (a single-target regression network, not yet initialised) on {@code graphs}. */
    public Result run(CrystalGraphConvNet net, List<CrystalGraph> graphs) {
        Engine.getInstance();
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        int usedThreads = JniUtils.getNumThreads();
        long atoms = 0;
        for (CrystalGraph g : graphs) atoms += g.numAtoms();
        List<List<CrystalGraph>> batches = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i += batchSize)
            batches.add(graphs.subList(i, Math.min(graphs.size(), i + batchSize)));
        Random random = new Random(seed);
        float[] targets = new float[graphs.size()];
        for (int i = 0; i < targets.length; i++) targets[i] = (float) random.nextGaussian();

        var os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean)) {
            throw new IllegalStateException("this JVM does not report process CPU time");
        }
        var cpu = (com.sun.management.OperatingSystemMXBean) os;
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeParameters(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            MomentumSgd sgd = new MomentumSgd(net, manager, learningRate, 0.9f);
            trainEpoch(net, ps, sgd, manager, batches, targets);
            long wall = System.nanoTime();
            long cpu0 = cpu.getProcessCpuTime();
            for (int e = 0; e < epochs; e++) trainEpoch(net, ps, sgd, manager, batches, targets);
            double trainSeconds = (System.nanoTime() - wall) * 1e-9;
            double trainCpu = (cpu.getProcessCpuTime() - cpu0) * 1e-9;
            inferEpoch(net, ps, manager, batches);
            wall = System.nanoTime();
            cpu0 = cpu.getProcessCpuTime();
            for (int e = 0; e < epochs; e++) inferEpoch(net, ps, manager, batches);
            double inferSeconds = (System.nanoTime() - wall) * 1e-9;
            double inferCpu = (cpu.getProcessCpuTime() - cpu0) * 1e-9;
            double n = (double) graphs.size() * epochs;
            double a = (double) atoms * epochs;
            return new Result(
                    graphs.size(),
                    atoms,
                    batchSize,
                    epochs,
                    usedThreads,
                    n / trainSeconds,
                    a / trainSeconds,
                    n / inferSeconds,
                    a / inferSeconds,
                    n / trainCpu,
                    n / inferCpu);
        }
    }

    private static void trainEpoch(
            CrystalGraphConvNet net,
            ParameterStore ps,
            MomentumSgd sgd,
            NDManager manager,
            List<List<CrystalGraph>> batches,
            float[] targets) {
        int offset = 0;
        for (List<CrystalGraph> b : batches) {
            try (GraphBatch batch = GraphBatch.of(manager, b)) {
                float[] t = new float[b.size()];
                System.arraycopy(targets, offset, t, 0, t.length);
                NDArray target = batch.getManager().create(t, new Shape(t.length, 1));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList out = net.forward(ps, batch, true);
                    collector.backward(net.head().loss(out, new NDList(target)));
                }
                sgd.step();
            }
            offset += b.size();
        }
    }

    private static void inferEpoch(
            CrystalGraphConvNet net, ParameterStore ps, NDManager manager, List<List<CrystalGraph>> batches) {
        for (List<CrystalGraph> b : batches) {
            try (GraphBatch batch = GraphBatch.of(manager, b)) {
                net.forward(ps, batch, false).head().toFloatArray();
            }
        }
    }

    /**
     * PyTorch's SGD with momentum (v ← μv + g; w ← w − ηv), in place, then zeroes the gradients;
     * allocates nothing per step that outlives it.
     */
    static final class MomentumSgd {
        private final List<NDArray> weights = new ArrayList<>();
        private final List<NDArray> velocity = new ArrayList<>();
        private final float learningRate;
        private final float momentum;

        MomentumSgd(CrystalGraphConvNet net, NDManager manager, float learningRate, float momentum) {
            this.learningRate = learningRate;
            this.momentum = momentum;
            for (var p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    NDArray w = p.getArray();
                    weights.add(w);
                    velocity.add(manager.zeros(w.getShape(), DataType.FLOAT32));
                }
            }
        }

        void step() {
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                try (NDArray g = w.getGradient()) {
                    NDArray v = velocity.get(i);
                    v.muli(momentum).addi(g);
                    try (NDArray delta = v.mul(learningRate)) {
                        w.subi(delta);
                    }
                    g.subi(g);
                }
            }
        }
    }

    /**
     * Reads the graphs of {@code bench/cgcnn_reference_speed.py generate} (arrays atom_counts,
     * atomic_numbers, atom_fea, nbr_fea_idx, nbr_dist, nbr_fea).
     */
    public static List<CrystalGraph> readBenchGraphs(Path npz) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                InputStream in = Files.newInputStream(npz)) {
            Map<String, NDArray> a = new HashMap<>();
            for (NDArray x : NDList.decode(manager, in)) a.put(x.getName().replaceFirst("\\.npy$", ""), x);
            for (String k :
                    List.of("atom_counts", "atomic_numbers", "atom_fea", "nbr_fea_idx", "nbr_dist", "nbr_fea")) {
                if (!a.containsKey(k))
                    throw new IOException(npz + ": no array '" + k + "' (expected a bench graph file)");
            }
            int[] counts = a.get("atom_counts").toType(DataType.INT32, false).toIntArray();
            int[] z = a.get("atomic_numbers").toType(DataType.INT32, false).toIntArray();
            float[] atomFea = a.get("atom_fea").toFloatArray();
            int[] idx = a.get("nbr_fea_idx").toType(DataType.INT32, false).toIntArray();
            float[] dist = a.get("nbr_dist").toFloatArray();
            float[] bond = a.get("nbr_fea").toFloatArray();
            int f = (int) a.get("atom_fea").getShape().get(1);
            int m = (int) a.get("nbr_fea_idx").getShape().get(1);
            int b = (int) a.get("nbr_fea").getShape().get(2);
            List<CrystalGraph> graphs = new ArrayList<>(counts.length);
            int start = 0;
            for (int c = 0; c < counts.length; c++) {
                int n = counts[c];
                int[] full = new int[n];
                java.util.Arrays.fill(full, m);
                graphs.add(new CrystalGraph(
                        "bench-" + c,
                        java.util.Arrays.copyOfRange(z, start, start + n),
                        java.util.Arrays.copyOfRange(atomFea, start * f, (start + n) * f),
                        java.util.Arrays.copyOfRange(idx, start * m, (start + n) * m),
                        java.util.Arrays.copyOfRange(dist, start * m, (start + n) * m),
                        new int[n * m * 3],
                        full,
                        java.util.Arrays.copyOfRange(bond, start * m * b, (start + n) * m * b)));
                start += n;
            }
            return graphs;
        }
    }

    /** {@code SpeedBenchmark GRAPHS.npz [--threads T] [--batch B] [--epochs E]}: one JSON line on stdout. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SpeedBenchmark GRAPHS.npz [--threads T] [--batch B] [--epochs E]");
            System.exit(2);
        }
        SpeedBenchmark bench = new SpeedBenchmark();
        for (int i = 1; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--threads":
                    bench.setThreads(v);
                    break;
                case "--batch":
                    bench.setBatchSize(v);
                    break;
                case "--epochs":
                    bench.setEpochs(v);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<CrystalGraph> graphs = readBenchGraphs(Path.of(args[0]));
        System.out.println(bench.run(graphs).toJson());
    }
}

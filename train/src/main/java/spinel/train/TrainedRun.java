package spinel.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import spinel.descriptors.Features;
import spinel.graph.CrystalGraph;
import spinel.graph.Structure;
import spinel.train.classical.ClassicalModel;
import spinel.train.classical.DescriptorSet;
import spinel.train.classical.TabularLearner;

/**
 * A finished {@code spinel train} run, loaded for prediction: every ensemble member's network rebuilt
 * by the {@link ModelFactory} from the run's {@link RunConfig} with its {@code best.params}, and the
 * run's own featurization (graph settings and Spinel's built-in atom features, volume rescaling, the
 * descriptor blocks and their fitted scaler, the target normalisers) — nothing to pass by hand. Works
 * for every run kind: CGCNN, CGCNN + descriptor fusion, the tabular MLPs, multi-task, the two-stage
 * space-group head, classification and regression, ensembles (mean and spread), and the classical
 * baselines (trees, forests, boosting, k-NN, linear models on descriptor groups, read back in their
 * library's format).
 *
 * <pre>{@code
 * try (TrainedRun run = TrainedRun.open(Path.of("runs/gap"))) {
 *     RunPrediction p = run.predict(List.of(structure)).get(0);
 *     double gap = p.first().value(), uncertainty = p.first().spread();
 * }
 * }</pre>
 * {@link #featurize} is thread-safe (run it in parallel); the predict methods run one at a time. Close
 * the run to free the networks' native memory.
 */
public final class TrainedRun implements AutoCloseable {

    /** Structures per forward pass. */
    private static final int BATCH = 256;

    private final Path dir;
    private final RunConfig config;
    private final NDManager manager;
    private final List<Block> members;
    /** The fitted classical model (then {@link #members} is empty), or null for a network run. */
    private final TabularLearner.Fitted classical;
    /** The classical model's descriptor groups, in column order (empty for a network run). */
    private final List<DescriptorSet> classicalSets;

    private final Function<Structure, CrystalGraph> graphs;
    /** The classical partner of a {@code --blend} run ({@link BlendRun}), or null. */
    private TrainedRun blend;

    private TrainedRun(
            Path dir, RunConfig config, NDManager manager, List<Block> members, TabularLearner.Fitted classical) {
        this.dir = dir;
        this.config = config;
        this.manager = manager;
        this.members = members;
        this.classical = classical;
        this.classicalSets = classical != null
                ? DescriptorSet.parse(String.join(",", config.classical().features()))
                : List.of();
        this.graphs = config.featurizer().graph() != null
                ? RunFeatures.graphFunction(config.featurizer().graph())
                : null;
    }

    /**
     * Loads the run in {@code runDir}.
     *
     * @throws IllegalArgumentException naming the file when the folder is not a finished run
     */
    public static TrainedRun open(Path runDir) throws IOException {
        RunConfig config = RunConfig.read(runDir);
        if (config.classical() != null) return openClassical(runDir, config);
        NDManager manager = NDManager.newBaseManager();
        try {
            List<Block> members = new ArrayList<>();
            for (RunConfig.Member m : config.members()) {
                Path params = m.bestParams(runDir);
                if (!Files.isRegularFile(params))
                    throw new IllegalArgumentException(params + " not found: the run has not finished its first epoch");
                Block block = ModelFactory.block(config);
                ModelFactory.initialize(block, config, manager, m.seed());
                TrainingLoop.loadParameters(block, manager, params);
                members.add(block);
            }
            TrainedRun run = new TrainedRun(runDir, config, manager, members, null);
            if (config.blend() != null)
                run.blend = open(runDir.resolve(config.blend().folder()));
            return run;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static TrainedRun openClassical(Path runDir, RunConfig config) throws IOException {
        RunConfig.ClassicalSettings c = config.classical();
        Path file = runDir.resolve(c.file());
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " not found: the run did not finish");
        ClassicalModel model = ClassicalModel.valueOf(config.model().kind().name());
        int classes = config.task().classification() ? config.task().classes().size() : 0;
        TabularLearner.Fitted fitted = model.load(file, c.featureNames().toArray(new String[0]), classes);
        return new TrainedRun(runDir, config, NDManager.newBaseManager(), List.of(), fitted);
    }

    /** The first member's CGCNN parameters by PyTorch name (for {@link TransferInit}). */
    public Map<String, float[]> stateDict() {
        if (members.isEmpty() || !(members.get(0) instanceof spinel.conv.CrystalGraphConvNet net))
            throw new IllegalArgumentException(
                    dir + " is a " + config.model().kind().id() + " run, not a CGCNN");
        return net.stateDict();
    }

    /** The run's typed description. */
    public RunConfig config() {
        return config;
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /**
     * One structure as the run's networks see it: its crystal graph (CGCNN, fusion) and its scaled
     * descriptor vector (MLPs, fusion); either may be null.
     */
    public record Input(CrystalGraph graph, float[] tabular) {}

    /** The input of {@code structure}, featurized exactly as in training. Thread-safe (the costly step). */
    public Input featurize(Structure structure) {
        RunConfig.FeaturizerSettings f = config.featurizer();
        if (classical != null)
            return new Input(
                    null,
                    f.scaler()
                            .transform(new double[][] {
                                DescriptorSet.of(classicalSets, structure).values()
                            })[0]);
        CrystalGraph graph = f.graph() != null ? graphs.apply(structure) : null;
        float[] tabular = null;
        if (f.tabular() != null) {
            CrystalGraph raw = graph;
            java.util.function.Supplier<double[]> pooled = f.atomScaler() != null
                    ? () -> AtomDescriptors.pooled(raw, f.graph().baseAtomFeatureLength())
                    : null;
            tabular = f.scaler().transform(new double[][] {RunFeatures.vector(f.tabular(), structure, pooled)})[0];
        }
        if (f.atomScaler() != null)
            graph = AtomDescriptors.scaled(graph, f.graph().baseAtomFeatureLength(), f.atomScaler());
        return new Input(graph, tabular);
    }

    /**
     * Predictions for inputs made by {@link #featurize}, in order, in batches of {@value #BATCH}: this run's
     * own model (for a {@code --blend} run the network alone; {@link #predict} gives the blend).
     */
    public List<RunPrediction> predictInputs(List<Input> inputs) {
        int n = inputs.size();
        if (n == 0) return List.of();
        if (classical != null) return predictClassical(inputs);
        int[] rows = IntStream.range(0, n).toArray();
        float[][] zeros = new float[n][1];
        float[][] tabular = config.featurizer().tabular() != null ? new float[n][] : null;
        if (tabular != null)
            for (int i = 0; i < n; i++) tabular[i] = inputs.get(i).tabular();
        BatchSource source = config.featurizer().graph() != null
                ? GraphBatchSource.of(i -> inputs.get(i).graph(), rows, zeros, tabular)
                : ArrayBatchSource.regression(tabular, zeros, rows);
        return combine(outputs(source), n);
    }

    /** Whether the run reads the composition alone (so that a formula is enough to predict). */
    public boolean compositionOnly() {
        if (blend != null && !blend.compositionOnly()) return false;
        return config.featurizer().graph() == null && RunFeatures.compositionOnly(descriptorBlocks());
    }

    /** The descriptor blocks the run reads (ids), or null when it reads none. */
    private List<String> descriptorBlocks() {
        return classical != null
                ? config.classical().features()
                : config.featurizer().tabular();
    }

    /**
     * Predictions for {@code compositions} (e.g. parsed formulas), in order: for runs that read the
     * composition alone ({@link #compositionOnly()}).
     *
     * @throws IllegalArgumentException when the run needs a structure, saying which inputs it reads
     */
    public List<RunPrediction> predictCompositions(List<spinel.graph.Composition> compositions) {
        if (!compositionOnly()) {
            RunConfig.FeaturizerSettings f = config.featurizer();
            List<String> blocks = descriptorBlocks();
            throw new IllegalArgumentException(
                    dir + " (" + config.model().kind().id() + ") needs a crystal structure"
                            + " (it reads " + (f.graph() != null ? "the crystal graph" : "")
                            + (f.graph() != null && blocks != null ? " and " : "")
                            + (blocks != null ? "descriptors " + String.join(", ", blocks) : "")
                            + "), not a formula alone: give it structure files, or use a composition model");
        }
        List<Input> inputs = new ArrayList<>();
        for (spinel.graph.Composition c : compositions) {
            double[] x = classical != null
                    ? DescriptorSet.composition(c).values()
                    : spinel.descriptors.CompositionFeatures.of(c).values();
            inputs.add(new Input(null, config.featurizer().scaler().transform(new double[][] {x})[0]));
        }
        return predictInputs(inputs);
    }

    /** Predictions for {@code structures}, in order, featurized exactly as in training. */
    public List<RunPrediction> predict(List<Structure> structures) {
        List<RunPrediction> own =
                predictInputs(structures.parallelStream().map(this::featurize).toList());
        return blend == null ? own : blended(own, blend.predict(structures));
    }

    /** The network's predictions with their values replaced by the {@link BlendRun} average (spread: the network's). */
    private List<RunPrediction> blended(List<RunPrediction> network, List<RunPrediction> classical) {
        List<RunPrediction> out = new ArrayList<>();
        for (int i = 0; i < network.size(); i++) {
            RunPrediction.Output n = network.get(i).first(),
                    c = classical.get(i).first();
            double v = BlendRun.combine(n.value(), c.value(), config.blend().weight());
            out.add(new RunPrediction(List.of(
                    new RunPrediction.Output(n.name(), n.unit(), v, n.spread(), n.memberValues(), null, null))));
        }
        return out;
    }

    private List<RunPrediction> predictClassical(List<Input> inputs) {
        float[][] x = inputs.stream().map(Input::tabular).toArray(float[][]::new);
        int[] rows = IntStream.range(0, x.length).toArray();
        List<RunPrediction> out = new ArrayList<>();
        if (config.task().classification()) {
            for (double[] p : classical.probabilities(x, rows))
                out.add(new RunPrediction(List.of(new RunPrediction.Output(
                        config.task().targetName(),
                        null,
                        Double.NaN,
                        Double.NaN,
                        null,
                        config.task().classes(),
                        p))));
        } else {
            for (double v : classical.predict(x, rows))
                out.add(new RunPrediction(List.of(
                        new RunPrediction.Output(valueName(), valueUnit(), v, 0, new double[] {v}, null, null))));
        }
        return out;
    }

    /**
     * A classical run's outputs on {@code rows} of {@code dataset}, shaped as one member's
     * ({@link #outputs}): values in target units (its normaliser is the identity), or log-probabilities.
     */
    List<RunTraining.MemberResult> classicalOutputs(CrystalDataset dataset, int[] rows) throws IOException {
        Features[] features = DescriptorSet.compute(dataset, classicalSets);
        double[][] raw = new double[features.length][];
        for (int i = 0; i < raw.length; i++) raw[i] = features[i].values();
        float[][] x = config.featurizer().scaler().transform(raw);
        float[][] out = new float[rows.length][];
        if (config.task().classification()) {
            double[][] p = classical.probabilities(x, rows);
            for (int i = 0; i < rows.length; i++) {
                out[i] = new float[p[i].length];
                for (int c = 0; c < p[i].length; c++) out[i][c] = (float) Math.log(Math.max(p[i][c], 1e-30));
            }
        } else {
            double[] v = classical.predict(x, rows);
            for (int i = 0; i < rows.length; i++) out[i] = new float[] {(float) v[i]};
        }
        return List.of(new RunTraining.MemberResult(null, List.of(new TrainingLoop.Predictions(out, null))));
    }

    /** The name of a single-task run's value: {@code volume_per_atom} for the volume task, else the target's. */
    private String valueName() {
        return config.task().kind() == ExperimentSpec.Task.VOLUME
                ? "volume_per_atom"
                : config.task().targetName();
    }

    private String valueUnit() {
        return config.task().kind() == ExperimentSpec.Task.VOLUME ? "Å³/atom" : null;
    }

    /** Each member's reported outputs on {@code source} (see {@link RunTraining.MemberResult#outputs}). */
    List<RunTraining.MemberResult> outputs(BatchSource source) {
        List<RunTraining.MemberResult> out = new ArrayList<>();
        for (Block b : members)
            out.add(new RunTraining.MemberResult(null, RunTraining.outputs(b, config, manager, source, BATCH)));
        return out;
    }

    private List<RunPrediction> combine(List<RunTraining.MemberResult> results, int n) {
        List<List<TrainingLoop.Predictions>> byOutput = new ArrayList<>();
        for (int k = 0; k < results.get(0).outputs().size(); k++) {
            int output = k;
            byOutput.add(results.stream().map(r -> r.outputs().get(output)).toList());
        }
        List<RunPrediction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (config.task().kind() == ExperimentSpec.Task.MULTI_TASK) {
                out.add(new RunPrediction(List.of(
                        classOutput("space_group", byOutput.get(0), i),
                        valueOutput("volume_per_atom", "Å³/atom", byOutput.get(1), config.volumeNormalizer(), i),
                        valueOutput(config.task().targetName(), null, byOutput.get(2), config.normalizer(), i))));
            } else if (config.task().classification()) {
                out.add(new RunPrediction(List.of(classOutput(config.task().targetName(), byOutput.get(0), i))));
            } else {
                out.add(new RunPrediction(
                        List.of(valueOutput(valueName(), valueUnit(), byOutput.get(0), config.normalizer(), i))));
            }
        }
        return out;
    }

    private static RunPrediction.Output valueOutput(
            String name, String unit, List<TrainingLoop.Predictions> members, Normalizer normalizer, int i) {
        float mean = 0;
        double[] values = new double[members.size()];
        for (int m = 0; m < values.length; m++) {
            float o = members.get(m).outputs()[i][0];
            mean += o / members.size();
            values[m] = normalizer.denormalize(o);
        }
        double spread = RunEvaluation.spread(members, i, mean, normalizer);
        return new RunPrediction.Output(name, unit, normalizer.denormalize(mean), spread, values, null, null);
    }

    private RunPrediction.Output classOutput(String name, List<TrainingLoop.Predictions> members, int i) {
        List<TrainingLoop.Predictions> row = members.stream()
                .map(p -> new TrainingLoop.Predictions(new float[][] {p.outputs()[i]}, null))
                .toList();
        double[] probabilities = TrainingLoop.softmax(RunEvaluation.meanLogProbabilities(row)[0]);
        return new RunPrediction.Output(
                name, null, Double.NaN, Double.NaN, null, config.task().classes(), probabilities);
    }

    @Override
    public void close() {
        manager.close();
        if (blend != null) blend.close();
    }
}

package spinel.train;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import spinel.graph.BondAngles;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;

/**
 * Stage 2 of a run, features: what the network sees. The tabular descriptor vector (lattice and/or
 * composition blocks, standardised with a scaler fitted on the training rows), the crystal graphs
 * (built once into the on-disk {@link GraphCache}), the normalised regression targets, and the
 * train/validation/test {@link BatchSource}s — built here once and shared by every ensemble member.
 * The same class featurizes the rows of a trained run's new data ({@link #forTrained}).
 */
public final class RunFeatures implements Closeable {

    /**
     * The descriptor block names of {@link RunConfig.FeaturizerSettings#tabular()}; {@code
     * atom-descriptors} is the mean and standard deviation over atoms of the graph's per-atom
     * descriptors ({@link AtomDescriptors#pooled}).
     */
    public static final String LATTICE = "lattice",
            COMPOSITION = "composition",
            CONVENTIONAL_LATTICE = "conventional-lattice",
            STEINHARDT = "steinhardt",
            ACSF = "acsf",
            SYMMETRY = "symmetry",
            ATOM_DESCRIPTORS = "atom-descriptors";

    /**
     * The blocks {@code --features} chooses from (classical models, TabNet, fusion's global vector), as
     * {@link spinel.train.classical.DescriptorSet}; {@code symmetry} is {@link
     * spinel.descriptors.SymmetryLadderFeatures}.
     */
    public static final List<String> DESCRIPTOR_GROUPS = Arrays.stream(spinel.train.classical.DescriptorSet.values())
            .map(spinel.train.classical.DescriptorSet::id)
            .toList();

    /**
     * Whether descriptor blocks {@code blocks} (ids, as in config.json) are the composition alone: such a
     * model predicts from a formula, and its split keeps each reduced formula on one side.
     */
    public static boolean compositionOnly(List<String> blocks) {
        return List.of(COMPOSITION).equals(blocks);
    }

    private final RunConfig.FeaturizerSettings settings;
    private final RunData.Labels labels;
    private final GraphCache cache;
    private final float[][] tabular;
    private final Normalizer normalizer;
    private final Normalizer volumeNormalizer;
    private final float[][] targets;
    private final List<String> columnNames;

    private RunFeatures(
            RunConfig.FeaturizerSettings settings,
            RunData data,
            GraphCache cache,
            float[][] tabular,
            Normalizer normalizer,
            Normalizer volumeNormalizer) {
        this.settings = settings;
        this.labels = data.labels();
        this.cache = cache;
        this.tabular = tabular;
        this.normalizer = normalizer;
        this.volumeNormalizer = volumeNormalizer;
        this.targets = targets(data, normalizer, volumeNormalizer);
        this.columnNames = settings.tabular() != null ? data.columns().names(settings.tabular()) : List.of();
    }

    /**
     * The names of the tabular vector's columns, block-prefixed ({@code lattice:a}, {@code
     * steinhardt:q4_mean}, ...); shorter than the vector when it holds pooled atom descriptors.
     */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * Fits the run's target normalisers and feature scaler on the training rows and opens (or builds) its
     * graph cache.
     */
    public static RunFeatures fit(ExperimentSpec spec, RunData data, PrintStream log) throws IOException {
        Normalizer normalizer = data.labels().classification()
                ? Normalizer.IDENTITY
                : Normalizer.fit(data.labels().values(), data.split().train(), spec.logTarget());
        Normalizer volumeNormalizer = data.labels().multi()
                ? Normalizer.fit(data.columns().volumePerAtom(), data.split().train())
                : null;
        RunConfig.GraphSettings graph = ModelFactory.usesGraphs(spec.model())
                ? RunConfig.GraphSettings.cgcnnDefaults(
                                spec.task() == ExperimentSpec.Task.VOLUME ? spec.fixedVolumePerAtom() : null)
                        .withAtomDescriptors(spec.atomDescriptors())
                        .withAngleNeighbors(spec.angleLayers() > 0 ? spec.angleNeighbors() : null)
                : null;
        GraphCache cache = graph != null ? graphCache(graph, data.dataset(), spec.cacheDir(), log) : null;
        boolean atomDescriptors = graph != null && graph.atomDescriptors() != null;
        FeatureScaler atomScaler = atomDescriptors
                ? AtomDescriptors.fit(cache::graph, data.split().train(), graph.baseAtomFeatureLength())
                : null;
        List<String> blocks = ModelFactory.tabularBlocks(spec);
        if (blocks != null && atomDescriptors) {
            blocks = new java.util.ArrayList<>(blocks);
            blocks.add(ATOM_DESCRIPTORS);
            blocks = List.copyOf(blocks);
        }
        FeatureScaler scaler = null;
        float[][] tabular = null;
        if (blocks != null) {
            double[][] x = matrix(blocks, data.columns(), pooled(cache, graph));
            scaler = FeatureScaler.fit(x, data.split().train());
            tabular = scaler.transform(x);
        }
        RunConfig.FeaturizerSettings settings = new RunConfig.FeaturizerSettings(graph, blocks, scaler, atomScaler);
        return new RunFeatures(settings, data, cache, tabular, normalizer, volumeNormalizer);
    }

    /** The features of a trained run's new rows: its own featurizer settings, fitted scaler and normaliser. */
    static RunFeatures forTrained(RunConfig config, RunData data, Path cacheDir, PrintStream log) throws IOException {
        RunConfig.FeaturizerSettings f = config.featurizer();
        GraphCache cache = f.graph() != null ? graphCache(f.graph(), data.dataset(), cacheDir, log) : null;
        float[][] tabular = f.tabular() != null
                ? f.scaler().transform(matrix(f.tabular(), data.columns(), pooled(cache, f.graph())))
                : null;
        return new RunFeatures(f, data, cache, tabular, config.normalizer(), null);
    }

    /** The regression target's standardisation (identity for classification), fitted on the training rows. */
    public Normalizer normalizer() {
        return normalizer;
    }

    /** Multi-task only: the volume-per-atom standardisation; null otherwise. */
    public Normalizer volumeNormalizer() {
        return volumeNormalizer;
    }

    /** The featurizer settings (without the scaler before {@link #fit}). */
    public RunConfig.FeaturizerSettings settings() {
        return settings;
    }

    /** The rows {@code rows} as batches of this run's inputs and labels. */
    public BatchSource source(int[] rows) {
        float[][] globals = settings.graph() != null ? tabular : null;
        if (cache != null) {
            IntFunction<CrystalGraph> graphs = graphs(cache, settings);
            if (labels.multi()) return GraphBatchSource.multiTask(graphs, rows, labels.classes(), targets, globals);
            if (labels.classification())
                return GraphBatchSource.classification(graphs, rows, labels.classes(), globals);
            return GraphBatchSource.regression(graphs, rows, targets, globals);
        }
        if (labels.classification()) return ArrayBatchSource.classification(tabular, labels.classes(), rows);
        return ArrayBatchSource.regression(tabular, targets, rows);
    }

    @Override
    public void close() throws IOException {
        if (cache != null) cache.close();
    }

    /** The cached graphs as the network sees them: per-atom descriptors standardised when present. */
    static IntFunction<CrystalGraph> graphs(GraphCache cache, RunConfig.FeaturizerSettings settings) {
        FeatureScaler atomScaler = settings.atomScaler();
        if (atomScaler == null) return cache::graph;
        int offset = settings.graph().baseAtomFeatureLength();
        return r -> AtomDescriptors.scaled(cache.graph(r), offset, atomScaler);
    }

    /** Row → pooled raw per-atom descriptors of its cached graph, or null without them. */
    private static IntFunction<double[]> pooled(GraphCache cache, RunConfig.GraphSettings graph) {
        if (graph == null || graph.atomDescriptors() == null) return null;
        int offset = graph.baseAtomFeatureLength();
        return r -> AtomDescriptors.pooled(cache.graph(r), offset);
    }

    /** The concatenated descriptor blocks of every row ({@code pooled}: the atom-descriptor block, may be null). */
    static double[][] matrix(List<String> blocks, RunData.StructureColumns columns, IntFunction<double[]> pooled) {
        double[][] out = new double[rows(columns)][];
        for (int i = 0; i < out.length; i++) {
            double[][] parts = new double[blocks.size()][];
            for (int b = 0; b < parts.length; b++)
                parts[b] = ATOM_DESCRIPTORS.equals(blocks.get(b))
                        ? requirePooled(pooled).apply(i)
                        : block(blocks.get(b), columns, i);
            out[i] = concat(parts);
        }
        return out;
    }

    private static <T> T requirePooled(T pooled) {
        if (pooled == null)
            throw new IllegalArgumentException(
                    "the " + ATOM_DESCRIPTORS + " block of " + RunConfig.FILE + " needs graph atom descriptors");
        return pooled;
    }

    private static int rows(RunData.StructureColumns c) {
        return c.formulas() != null
                ? c.formulas().length
                : c.lattice() != null ? c.lattice().length : c.composition().length;
    }

    private static double[] block(String name, RunData.StructureColumns columns, int row) {
        double[][] column = columns.column(name);
        if (column == null) throw new IllegalStateException("descriptor block " + name + " was not computed");
        return column[row];
    }

    /**
     * The concatenated descriptor blocks of one structure ({@code pooled}: its pooled atom descriptors,
     * null when the run has none).
     */
    static double[] vector(List<String> blocks, Structure s, java.util.function.Supplier<double[]> pooled) {
        double[][] parts = new double[blocks.size()][];
        for (int b = 0; b < parts.length; b++)
            parts[b] = ATOM_DESCRIPTORS.equals(blocks.get(b))
                    ? requirePooled(pooled).get()
                    : RunData.StructureColumns.block(blocks.get(b), s);
        return concat(parts);
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) n += p.length;
        double[] out = Arrays.copyOf(parts[0], n);
        for (int b = 1, at = parts[0].length; b < parts.length; at += parts[b].length, b++)
            System.arraycopy(parts[b], 0, out, at, parts[b].length);
        return out;
    }

    /** Normalised regression targets (multi-task: volume per atom, then the property); null for classes. */
    private static float[][] targets(RunData data, Normalizer normalizer, Normalizer volumeNormalizer) {
        RunData.Labels labels = data.labels();
        if (labels.classification()) return null;
        float[][] t = new float[data.dataset().size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = labels.multi()
                    ? new float[] {
                        (float) volumeNormalizer.normalize(data.columns().volumePerAtom()[i]),
                        (float) normalizer.normalize(labels.values()[i])
                    }
                    : new float[] {(float) normalizer.normalize(labels.values()[i])};
        }
        return t;
    }

    /** The graph of {@code s} under {@code settings} (rescaled to a fixed volume per atom first when set). */
    static Function<Structure, CrystalGraph> graphFunction(RunConfig.GraphSettings settings) {
        CrystalGraphBuilder builder = settings.builder();
        Double v0 = settings.rescaleVolumePerAtom();
        List<String> descriptors = settings.atomDescriptors();
        Integer nearest = settings.angleNeighbors();
        Function<Structure, Structure> rescale = v0 == null
                ? s -> s
                : s -> s.withLattice(
                        s.lattice().scaledToVolume(v0 * s.composition().numAtoms()));
        return s -> {
            Structure r = rescale.apply(s);
            CrystalGraph g = builder.build(r);
            if (descriptors != null) g = AtomDescriptors.append(g, r, descriptors);
            return nearest != null ? g.withBondAngles(BondAngles.of(r, g, nearest)) : g;
        };
    }

    /** The graph cache of {@code dataset} under {@code settings} (built on first use). */
    public static GraphCache graphCache(
            RunConfig.GraphSettings settings, CrystalDataset dataset, Path cacheDir, PrintStream log)
            throws IOException {
        CrystalGraphBuilder builder = settings.builder();
        String key = builder.toString();
        if (settings.rescaleVolumePerAtom() != null)
            key += " rescaled to " + settings.rescaleVolumePerAtom() + " Å³/atom";
        int inline = AtomDescriptors.length(settings.atomDescriptors());
        if (inline > 0) key += " atom descriptors " + AtomDescriptors.names(settings.atomDescriptors());
        if (settings.angleNeighbors() != null) key += " bond angles of the nearest " + settings.angleNeighbors();
        return GraphCache.open(dataset, graphFunction(settings), builder.bondFeaturizer(), key, inline, cacheDir, log);
    }
}

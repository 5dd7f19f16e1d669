package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import spinel.descriptors.CompositionFeatures;
import spinel.descriptors.ConventionalLatticeFeatures;
import spinel.descriptors.Features;
import spinel.descriptors.LatticeFeatures;
import spinel.graph.Structure;
import spinel.graph.symmetry.BravaisLattice;
import spinel.graph.symmetry.CrystalSystem;
import spinel.train.classical.DescriptorSet;

/**
 * Stage 1 of a run, data and labels: open the dataset (a seeded subset with {@code --limit}), read the
 * per-structure columns the run needs in one streaming pass (volume per atom, lattice and
 * composition descriptors), derive the labels of the task, and split the labelled rows (official
 * folds or seeded random). Rows without a finite label are refused unless the spec drops them, and a
 * split too small to train, validate and test on is refused here, before any training.
 *
 * @param dataset the rows
 * @param columns per-row values computed from the structures
 * @param labels  the task's labels
 * @param split   train/validation/test rows, labelled rows only
 * @param duplicates with {@code --dedupe}: the groups of duplicate structures kept on one side of the
 *                   split; null otherwise
 */
public record RunData(
        CrystalDataset dataset, StructureColumns columns, Labels labels, Split split, DuplicateGroups duplicates) {

    /** Data without duplicate grouping. */
    public RunData(CrystalDataset dataset, StructureColumns columns, Labels labels, Split split) {
        this(dataset, columns, labels, split, null);
    }

    /** The labels of a dataset for one task: regression targets or class indices with class names. */
    public record Labels(double[] values, int[] classes, List<String> classNames) {
        /** Whether the task's (first) output is a class. */
        public boolean classification() {
            return classes != null && values == null;
        }

        /** Whether row {@code i} has a usable label. */
        public boolean valid(int i) {
            return (classes == null || classes[i] >= 0) && (values == null || Double.isFinite(values[i]));
        }

        /** Multi-task labels carry both class indices and values. */
        public boolean multi() {
            return classes != null && values != null;
        }
    }

    /**
     * Per-row inputs computed from the structures in one streaming pass; a field is null when the run
     * does not need it.
     *
     * @param lattice             {@link LatticeFeatures} of the cell as given
     * @param composition         {@link CompositionFeatures}
     * @param conventionalLattice {@link ConventionalLatticeFeatures} (the standardized conventional cell)
     * @param volumePerAtom       Å³ per atom
     * @param formulas            reduced formulas ({@link spinel.graph.Composition#reducedFormula()})
     * @param groups              the {@link DescriptorSet} blocks {@code steinhardt}, {@code acsf} and
     *                            {@code symmetry}, by name; empty when not needed
     * @param names               the column names of every computed block, by block name
     */
    public record StructureColumns(
            double[][] lattice,
            double[][] composition,
            double[][] conventionalLattice,
            double[] volumePerAtom,
            String[] formulas,
            Map<String, double[][]> groups,
            Map<String, List<String>> names) {

        /** Lattice and composition descriptors and volume per atom, without the others. */
        public StructureColumns(double[][] lattice, double[][] composition, double[] volumePerAtom) {
            this(lattice, composition, null, volumePerAtom, null, Map.of(), Map.of());
        }

        /** The named values of descriptor block {@code name} for one structure. */
        static Features features(String name, Structure s) {
            return switch (name) {
                case RunFeatures.LATTICE -> LatticeFeatures.of(s);
                case RunFeatures.COMPOSITION -> CompositionFeatures.of(s.composition());
                case RunFeatures.CONVENTIONAL_LATTICE -> ConventionalLatticeFeatures.of(s);
                    // summaries over sites, non-finite values (undefined ŵ_l) as 0, as the classical models see them
                case RunFeatures.STEINHARDT -> DescriptorSet.STEINHARDT.of(s);
                case RunFeatures.ACSF -> DescriptorSet.ACSF.of(s);
                case RunFeatures.SYMMETRY -> DescriptorSet.SYMMETRY.of(s);
                default -> throw new IllegalArgumentException(
                        "unknown descriptor block \"" + name + "\" in " + RunConfig.FILE);
            };
        }

        /** The values of descriptor block {@code name} for one structure. */
        static double[] block(String name, Structure s) {
            return features(name, s).values();
        }

        /** The block {@code name}'s column, or null when it was not computed. */
        double[][] column(String name) {
            return switch (name) {
                case RunFeatures.LATTICE -> lattice;
                case RunFeatures.COMPOSITION -> composition;
                case RunFeatures.CONVENTIONAL_LATTICE -> conventionalLattice;
                case RunFeatures.STEINHARDT, RunFeatures.ACSF, RunFeatures.SYMMETRY -> groups.get(name);
                default -> throw new IllegalArgumentException(
                        "unknown descriptor block \"" + name + "\" in " + RunConfig.FILE);
            };
        }

        /** The column names of blocks {@code blocks}, concatenated (each prefixed with its block's name). */
        public List<String> names(List<String> blocks) {
            List<String> out = new ArrayList<>();
            for (String b : blocks)
                for (String n : names.getOrDefault(b, List.of())) out.add(n.startsWith(b + ":") ? n : b + ":" + n);
            return out;
        }
    }

    /** Runs the stage for {@code spec}; the split is grouped by formula when {@link #groupsByFormula} says so. */
    public static RunData load(ExperimentSpec spec, PrintStream log) throws IOException {
        return load(spec, groupsByFormula(spec), log);
    }

    /**
     * Runs the stage for {@code spec}; with {@code byFormula} no training or validation row shares its
     * reduced formula with a test row (for models that see the composition alone).
     */
    public static RunData load(ExperimentSpec spec, boolean byFormula, PrintStream log) throws IOException {
        CrystalDataset dataset = CrystalDataset.open(spec.data(), spec.labels() != null ? null : spec.target());
        if (spec.limit() > 0)
            dataset = dataset.subset(
                    subsetRows(dataset.size(), spec.limit(), spec.train().seed()));
        log.printf(
                Locale.ROOT,
                "%s: %d structures, target %s%n",
                dataset.name(),
                dataset.size(),
                spec.target() != null ? spec.target() : dataset.targetName());
        boolean multi = spec.task() == ExperimentSpec.Task.MULTI_TASK;
        // classical models compute their own descriptors (ClassicalExperiment, DescriptorSet)
        List<String> blocks = spec.model().classical() ? null : ModelFactory.tabularBlocks(spec);
        StructureColumns columns = columns(dataset, blocks, spec.task() == ExperimentSpec.Task.VOLUME || multi);
        Labels labels = labels(spec, dataset, columns);
        checkLabels(spec, dataset, labels, log);
        DuplicateGroups duplicates = spec.dedupe() ? DuplicateGroups.of(dataset, spec.cacheDir(), log) : null;
        if (duplicates != null)
            log.printf(
                    Locale.ROOT,
                    "dedupe: %d groups of matching structures hold %d rows (%d duplicates)%s; each group stays in one "
                            + "of train, validation, test%n",
                    duplicates.groups().size(),
                    duplicates.groupedRows(),
                    duplicates.duplicates(),
                    duplicates.cached() ? ", from the cache" : "");
        Split split = split(spec, dataset, labels, duplicates);
        if (byFormula) {
            Split grouped = split.withoutTestGroups(columns.formulas());
            log.printf(
                    Locale.ROOT,
                    "composition model: %d training and %d validation rows whose reduced formula is in the test"
                            + " rows left out%n",
                    split.train().length - grouped.train().length,
                    split.val().length - grouped.val().length);
            split = grouped;
        }
        if (spec.trainSize() > 0) {
            if (spec.trainSize() > split.train().length)
                throw new IllegalArgumentException("--train-size " + spec.trainSize() + ": the split has only "
                        + split.train().length + " training rows");
            split = split.withTrainSize(spec.trainSize(), spec.train().seed());
        }
        checkSplit(spec, split);
        log.printf(
                Locale.ROOT,
                "split: %d train, %d validation, %d test%n",
                split.train().length,
                split.val().length,
                split.test().length);
        return new RunData(dataset, columns, labels, split, duplicates);
    }

    /**
     * The descriptor {@code blocks} (null: none), the volume per atom and the reduced formula of every
     * row, in one pass over the structures.
     */
    public static StructureColumns columns(CrystalDataset dataset, List<String> blocks, boolean volume)
            throws IOException {
        int n = dataset.size();
        List<String> names = blocks == null ? List.of() : blocks;
        String[] all = {
            RunFeatures.LATTICE,
            RunFeatures.COMPOSITION,
            RunFeatures.CONVENTIONAL_LATTICE,
            RunFeatures.STEINHARDT,
            RunFeatures.ACSF,
            RunFeatures.SYMMETRY
        };
        double[][][] values = new double[all.length][][];
        for (int b = 0; b < all.length; b++) if (names.contains(all[b])) values[b] = new double[n][];
        Map<String, List<String>> columnNames = new java.util.concurrent.ConcurrentHashMap<>();
        double[] vpa = volume ? new double[n] : null;
        String[] formulas = new String[n];
        dataset.forEachChunk(512, (first, structures) -> IntStream.range(0, structures.size())
                .parallel()
                .forEach(k -> {
                    Structure s = structures.get(k);
                    for (int b = 0; b < all.length; b++) {
                        if (values[b] == null) continue;
                        Features f = StructureColumns.features(all[b], s);
                        values[b][first + k] = f.values();
                        if (first + k == 0) columnNames.put(all[b], List.copyOf(f.names()));
                    }
                    if (volume) vpa[first + k] = s.volume() / s.composition().numAtoms();
                    formulas[first + k] = s.composition().reducedFormula();
                }));
        Map<String, double[][]> groups = new java.util.HashMap<>();
        for (int b = 3; b < all.length; b++) if (values[b] != null) groups.put(all[b], values[b]);
        return new StructureColumns(
                values[0], values[1], values[2], vpa, formulas, Map.copyOf(groups), Map.copyOf(columnNames));
    }

    /**
     * Whether the model sees the composition alone, so that its split must keep every reduced formula on
     * one side (a formula learned and then tested would only test memory).
     */
    public static boolean groupsByFormula(ExperimentSpec spec) {
        return !spec.model().classical() && RunFeatures.compositionOnly(ModelFactory.tabularBlocks(spec));
    }

    /** The labels of the task, from the dataset's targets or a joined labels column. */
    public static Labels labels(ExperimentSpec spec, CrystalDataset dataset, StructureColumns columns)
            throws IOException {
        if (spec.task() == ExperimentSpec.Task.MULTI_TASK) {
            String[] spg = CrystalDataset.joinColumn(spec.labels(), dataset.ids(), "spg_num");
            int[] c = new int[dataset.size()];
            for (int i = 0; i < c.length; i++) c[i] = (int) parse(spg[i], spec, i, dataset) - 1;
            return new Labels(dataset.targets(), c, spaceGroupNames());
        }
        String[] raw = rawLabels(spec, dataset);
        return switch (spec.task()) {
            case REGRESSION -> {
                double[] y = new double[raw.length];
                for (int i = 0; i < y.length; i++)
                    y[i] = raw[i].isBlank() ? Double.NaN : parse(raw[i], spec, i, dataset);
                yield new Labels(y, null, null);
            }
            case VOLUME -> new Labels(columns.volumePerAtom().clone(), null, null);
            case BINARY -> binary(spec, dataset, raw);
            case SPACE_GROUP, BRAVAIS -> symmetryClasses(spec, dataset, raw);
            case CRYSTAL_SYSTEM -> crystalSystems(raw);
            default -> distinctClasses(spec, raw);
        };
    }

    private static String[] rawLabels(ExperimentSpec spec, CrystalDataset dataset) throws IOException {
        if (spec.labels() != null) {
            if (spec.target() == null) throw new IllegalArgumentException("--labels needs --target naming its column");
            return CrystalDataset.joinColumn(spec.labels(), dataset.ids(), spec.target());
        }
        double[] t = dataset.targets();
        String[] raw = new String[t.length];
        for (int i = 0; i < t.length; i++) raw[i] = Double.isNaN(t[i]) ? "" : stripZero(t[i]);
        return raw;
    }

    private static Labels binary(ExperimentSpec spec, CrystalDataset dataset, String[] raw) {
        int[] c = new int[raw.length];
        for (int i = 0; i < c.length; i++)
            c[i] = raw[i].isBlank() ? -1 : parse(raw[i], spec, i, dataset) <= spec.binaryThreshold() ? 1 : 0;
        String t = stripZero(spec.binaryThreshold());
        return new Labels(null, c, List.of("> " + t, "≤ " + t));
    }

    private static Labels symmetryClasses(ExperimentSpec spec, CrystalDataset dataset, String[] raw) {
        boolean sg = spec.task() == ExperimentSpec.Task.SPACE_GROUP;
        List<String> names = new ArrayList<>();
        if (sg) names.addAll(spaceGroupNames());
        else for (BravaisLattice b : BravaisLattice.values()) names.add(b.pearsonSymbol());
        int[] c = new int[raw.length];
        for (int i = 0; i < c.length; i++) {
            int g = (int) parse(raw[i], spec, i, dataset);
            c[i] = sg ? g - 1 : BravaisLattice.ofSpaceGroup(g).ordinal();
        }
        return new Labels(null, c, names);
    }

    private static Labels crystalSystems(String[] raw) {
        List<String> names = new ArrayList<>();
        for (CrystalSystem cs : CrystalSystem.values()) names.add(cs.label());
        int[] c = new int[raw.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = raw[i].matches("\\d+")
                    ? CrystalSystem.ofSpaceGroup(Integer.parseInt(raw[i])).ordinal()
                    : CrystalSystem.of(raw[i]).ordinal();
        }
        return new Labels(null, c, names);
    }

    private static Labels distinctClasses(ExperimentSpec spec, String[] raw) {
        TreeSet<String> distinct = new TreeSet<>((a, b) -> {
            boolean na = a.matches("-?[0-9.eE+-]+"), nb = b.matches("-?[0-9.eE+-]+");
            return na && nb ? Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : a.compareTo(b);
        });
        for (String r : raw) if (!r.isBlank()) distinct.add(r);
        List<String> names = new ArrayList<>(distinct);
        if (names.size() < 2)
            throw new IllegalArgumentException(
                    spec.data() + ": classification needs at least 2 distinct target " + "values, found " + names);
        int[] c = new int[raw.length];
        for (int i = 0; i < c.length; i++) c[i] = raw[i].isBlank() ? -1 : names.indexOf(raw[i]);
        return new Labels(null, c, names);
    }

    static List<String> spaceGroupNames() {
        List<String> names = new ArrayList<>();
        for (int g = 1; g <= 230; g++) names.add(Integer.toString(g));
        return names;
    }

    /** Refuses rows without a finite label, or drops them with a count when the spec says so. */
    static void checkLabels(ExperimentSpec spec, CrystalDataset dataset, Labels labels, PrintStream log) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++)
            if (!labels.valid(i)) missing.add(dataset.ids().get(i));
        if (missing.isEmpty()) return;
        String which = (spec.labels() != null ? spec.labels() : spec.data()) + ": " + missing.size() + " of "
                + dataset.size() + " rows have no finite target ("
                + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? ", ..." : "") + ")";
        if (!spec.dropMissingTargets())
            throw new IllegalArgumentException(
                    which + "; fix them, or pass --drop-missing-targets to train without them");
        log.printf(Locale.ROOT, "%s: dropped%n", which);
    }

    /** The split of the spec, restricted to labelled rows. */
    public static Split split(ExperimentSpec spec, CrystalDataset dataset, Labels labels) throws IOException {
        return split(spec, dataset, labels, null);
    }

    /**
     * The split of the spec, restricted to labelled rows; with {@code duplicates} (random splits only)
     * each group of duplicates falls in one part.
     */
    public static Split split(ExperimentSpec spec, CrystalDataset dataset, Labels labels, DuplicateGroups duplicates)
            throws IOException {
        long seed = spec.train().seed();
        int n = dataset.size();
        Split split = spec.folds() != null
                ? Split.matbenchFold(
                        spec.folds(), dataset.ids(), spec.fold(), spec.valFraction(), seed, spec.limit() > 0)
                : duplicates != null
                        ? Split.random(n, spec.valFraction(), spec.testFraction(), seed, duplicates.groups())
                        : Split.random(n, spec.valFraction(), spec.testFraction(), seed);
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) keep[i] = labels.valid(i);
        split = split.restrictTo(keep);
        ExperimentSpec.SearchFold inner = spec.searchFold();
        return inner == null ? split : split.inner(inner.fold(), inner.folds(), spec.valFraction(), seed);
    }

    /** Refuses a split that cannot fit a normaliser, validate or test. */
    static void checkSplit(ExperimentSpec spec, Split split) {
        String sizes = split.train().length + " training, " + split.val().length + " validation and "
                + split.test().length + " test rows";
        if (split.train().length < 2)
            throw new IllegalArgumentException(spec.data() + ": " + sizes + "; at least 2 training rows are needed to "
                    + "fit the normaliser and train — use a larger dataset");
        if (split.test().length < 1)
            throw new IllegalArgumentException(spec.data() + ": " + sizes + "; no row is left to test on — use a "
                    + "larger dataset or a larger --test-fraction");
        if (split.val().length < 1 && spec.valFraction() > 0)
            throw new IllegalArgumentException(spec.data() + ": " + sizes + "; --val-fraction " + spec.valFraction()
                    + " holds out no row — use a larger dataset, or --val-fraction 0 to train without early stopping");
    }

    /** A seeded random subset of {@code limit} rows (ascending), the same for every model of a benchmark. */
    static int[] subsetRows(int n, int limit, long seed) {
        if (limit <= 0 || limit >= n) return IntStream.range(0, n).toArray();
        int[] rows = java.util.Arrays.copyOf(Split.permutation(n, new java.util.Random(seed ^ 0x5DEECE66DL)), limit);
        java.util.Arrays.sort(rows);
        return rows;
    }

    private static double parse(String s, ExperimentSpec spec, int row, CrystalDataset dataset) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException((spec.labels() != null ? spec.labels() : spec.data()) + ": row "
                    + dataset.ids().get(row) + " has target \"" + s + "\", expected a number");
        }
    }

    private static String stripZero(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

package spinel.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import spinel.conv.BravaisLattice;
import spinel.conv.CrystalGraphConvNet;
import spinel.descriptors.CompositionFeatures;
import spinel.descriptors.LatticeFeatures;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;

/**
 * One complete training run as {@code spinel train} performs it: read the dataset, derive the labels
 * of the task, split (official folds or seeded random), compute features or crystal graphs, train one
 * model or an ensemble of seeds, and write the run folder (config.json, metrics.json, history.csv,
 * predictions.csv, plots, best.params, model.json). Everything fitted on data (normaliser, feature
 * scaler) is fitted on the training rows only.
 */
public final class Experiment {

    private Experiment() {}

    /** The labels of a dataset for one task: regression targets or class indices with class names. */
    public record Labels(double[] values, int[] classes, List<String> classNames) {
        boolean classification() {
            return classes != null && values == null;
        }
        /** Whether row {@code i} has a usable label. */
        boolean valid(int i) {
            return (classes == null || classes[i] >= 0) && (values == null || Double.isFinite(values[i]));
        }
        /** Multi-task labels carry both class indices and values. */
        boolean multi() {
            return classes != null && values != null;
        }
    }

    /** Per-row inputs computed from the structures in one streaming pass. */
    public record Tabular(double[][] lattice, double[][] composition, double[] volumePerAtom) {}

    /** Runs the experiment; returns what it wrote to metrics.json. */
    public static Map<String, Object> run(ExperimentSpec spec, PrintStream log) throws IOException {
        if (spec.model().classical()) {
            var m = spinel.train.classical.ClassicalModel.of(spec.model().name().replace('_', '-'));
            return ClassicalExperiment.run(spec, ClassicalExperiment.Settings.defaults(m), log);
        }
        long t0 = System.nanoTime();
        Path out = spec.out();
        boolean started = Files.isRegularFile(out.resolve(Trainer.CHECKPOINT))
                || Files.isRegularFile(out.resolve("seed-0").resolve(Trainer.CHECKPOINT));
        if (started && !spec.resume()) {
            throw new IllegalStateException(
                    out + " already holds a started run; pass --resume to continue it, or choose another --out");
        }
        Files.createDirectories(out);
        RunFiles.writeJson(out.resolve("config.json"), spec.toMap());

        CrystalDataset dataset = CrystalDataset.open(spec.data(), spec.labels() != null ? null : spec.target());
        if (spec.limit() > 0)
            dataset = dataset.subset(
                    subsetRows(dataset.size(), spec.limit(), spec.train().seed()));
        log.printf(
                "%s: %d structures, target %s%n",
                dataset.name(), dataset.size(), spec.target() != null ? spec.target() : dataset.targetName());
        boolean multi = spec.task() == ExperimentSpec.Task.MULTI_TASK;
        Tabular tab = tabular(
                dataset,
                spec.model() != ExperimentSpec.Model.CGCNN,
                spec.task() == ExperimentSpec.Task.VOLUME || multi);
        Labels labels = labels(spec, dataset, tab);
        Split split = split(spec, dataset, labels);
        log.printf(
                "split: %d train, %d validation, %d test%n",
                split.train().length, split.val().length, split.test().length);

        List<Trainer.Predictions> members = new ArrayList<>();
        List<List<Trainer.Predictions>> memberExtras = new ArrayList<>();
        List<Trainer.Result> results = new ArrayList<>();
        Normalizer normalizer =
                labels.classification() ? Normalizer.IDENTITY : Normalizer.fit(labels.values(), split.train());
        Normalizer volumeNormalizer = multi ? Normalizer.fit(tab.volumePerAtom(), split.train()) : null;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("normalizer", Map.of("mean", normalizer.mean(), "std", normalizer.std()));
        if (multi)
            model.put("volume_normalizer", Map.of("mean", volumeNormalizer.mean(), "std", volumeNormalizer.std()));
        if (labels.classification()) model.put("classes", labels.classNames());
        GraphCache cache = usesGraphs(spec) ? graphCache(spec, dataset, log) : null;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int e = 0; e < spec.ensemble(); e++) {
                Path runDir = spec.ensemble() == 1 ? out : out.resolve("seed-" + e);
                TrainConfig config = spec.train().toBuilder()
                        .optSeed(spec.train().seed() + e)
                        .build();
                try (NDManager member = manager.newSubManager()) {
                    Member m = trainMember(
                            spec,
                            config,
                            dataset,
                            tab,
                            labels,
                            split,
                            normalizer,
                            volumeNormalizer,
                            cache,
                            member,
                            runDir,
                            log);
                    members.add(m.test());
                    memberExtras.add(m.extra());
                    results.add(m.result());
                    model.putAll(m.model());
                    RunReport.history(runDir, m.result().history());
                }
            }
        } finally {
            if (cache != null) cache.close();
        }
        RunFiles.writeJson(out.resolve("model.json"), model);

        List<String> ids = new ArrayList<>();
        for (int r : split.test()) ids.add(dataset.ids().get(r));
        Map<String, Object> test;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dataset", dataset.name());
        extra.put("task", spec.task().name().toLowerCase());
        extra.put("model", spec.model().name().toLowerCase().replace('_', '-'));
        extra.put("target", spec.target() != null ? spec.target() : dataset.targetName());
        if (spec.folds() != null) extra.put("fold", spec.fold());
        extra.put("n_train", split.train().length);
        extra.put("n_val", split.val().length);
        extra.put("n_test", split.test().length);
        if (labels.multi()) {
            int[] sg = new int[split.test().length];
            double[] vol = new double[sg.length], prop = new double[sg.length];
            for (int i = 0; i < sg.length; i++) {
                sg[i] = labels.classes()[split.test()[i]];
                vol[i] = tab.volumePerAtom()[split.test()[i]];
                prop[i] = labels.values()[split.test()[i]];
            }
            test = new LinkedHashMap<>();
            test.put(
                    "space_group",
                    RunReport.classification(
                            out.resolve("space_group"), ids, sg, averageProbabilities(members), labels.classNames()));
            List<Trainer.Predictions> v = new ArrayList<>(), pr = new ArrayList<>();
            for (List<Trainer.Predictions> e : memberExtras) {
                v.add(e.get(0));
                pr.add(e.get(1));
            }
            test.put(
                    "volume_per_atom",
                    RunReport.regression(
                            out.resolve("volume_per_atom"), ids, vol, averageOutputs(v), volumeNormalizer, "Å³/atom"));
            test.put(
                    dataset.targetName(),
                    RunReport.regression(out.resolve("property"), ids, prop, averageOutputs(pr), normalizer, null));
        } else if (labels.classification()) {
            int[] truth = new int[split.test().length];
            for (int i = 0; i < truth.length; i++) truth[i] = labels.classes()[split.test()[i]];
            float[][] mean = averageProbabilities(members);
            test = RunReport.classification(out, ids, truth, mean, labels.classNames());
        } else {
            double[] truth = new double[split.test().length];
            for (int i = 0; i < truth.length; i++) truth[i] = labels.values()[split.test()[i]];
            float[][] mean = averageOutputs(members);
            test = RunReport.regression(out, ids, truth, mean, normalizer, null);
            if (members.size() > 1) {
                List<Double> maes = new ArrayList<>();
                double spread = 0;
                for (Trainer.Predictions p : members) {
                    double[] pred = new double[truth.length];
                    for (int i = 0; i < truth.length; i++) pred[i] = normalizer.denormalize(p.outputs()[i][0]);
                    maes.add(Metrics.regression(truth, pred).mae());
                }
                for (int i = 0; i < truth.length; i++) {
                    double mu = normalizer.denormalize(mean[i][0]), var = 0;
                    for (Trainer.Predictions p : members)
                        var += Math.pow(normalizer.denormalize(p.outputs()[i][0]) - mu, 2);
                    spread += Math.sqrt(var / members.size());
                }
                extra.put("member_mae", maes);
                extra.put("mean_spread", spread / truth.length);
            }
        }
        Trainer.Result first = results.get(0);
        if (members.size() > 1) extra.put("ensemble", members.size());
        return RunReport.metrics(out, test, first, (System.nanoTime() - t0) / 1e9, extra);
    }

    private record Member(
            Trainer.Predictions test,
            Trainer.Result result,
            Map<String, Object> model,
            List<Trainer.Predictions> extra) {}

    private static Member trainMember(
            ExperimentSpec spec,
            TrainConfig config,
            CrystalDataset dataset,
            Tabular tab,
            Labels labels,
            Split split,
            Normalizer normalizer,
            Normalizer volumeNormalizer,
            GraphCache cache,
            NDManager manager,
            Path runDir,
            PrintStream log)
            throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        float[][] targets = null;
        if (labels.multi()) {
            targets = new float[dataset.size()][2];
            for (int i = 0; i < targets.length; i++) {
                targets[i][0] = (float) volumeNormalizer.normalize(tab.volumePerAtom()[i]);
                targets[i][1] = (float) normalizer.normalize(labels.values()[i]);
            }
        } else if (!labels.classification()) {
            targets = new float[dataset.size()][1];
            for (int i = 0; i < targets.length; i++) targets[i][0] = (float) normalizer.normalize(labels.values()[i]);
        }
        Trainer trainer = new Trainer(config).setLog(log);
        Block block;
        BatchSource train, val, test;
        int outputIndex = 0;
        if (usesGraphs(spec)) {
            float[][] globals = null;
            if (spec.model() == ExperimentSpec.Model.FUSION) {
                double[][] both = concat(tab.lattice(), tab.composition());
                FeatureScaler scaler = FeatureScaler.fit(both, split.train());
                globals = scaler.transform(both);
                model.put("scaler", scaler);
            }
            CrystalGraphConvNet net =
                    (CrystalGraphConvNet) newBlock(spec, labels, cache, globals == null ? 0 : globals[0].length, 0);
            Engine.getInstance().setRandomSeed((int) config.seed());
            net.initializeParameters(manager);
            if (spec.head() == ExperimentSpec.Head.TWO_STAGE) {
                trainer.optLossFunction(net.head()::loss).optOutputIndex(1);
                outputIndex = 1;
            }
            if (labels.multi()) trainer.optLossFunction(net.head()::loss);
            block = net;
            if (labels.multi()) {
                train = GraphBatchSource.multiTask(cache, split.train(), labels.classes(), targets, globals);
                val = GraphBatchSource.multiTask(cache, split.val(), labels.classes(), targets, globals);
                test = GraphBatchSource.multiTask(cache, split.test(), labels.classes(), targets, globals);
            } else if (labels.classification()) {
                train = GraphBatchSource.classification(cache, split.train(), labels.classes(), globals);
                val = GraphBatchSource.classification(cache, split.val(), labels.classes(), globals);
                test = GraphBatchSource.classification(cache, split.test(), labels.classes(), globals);
            } else {
                train = GraphBatchSource.regression(cache, split.train(), targets, globals);
                val = GraphBatchSource.regression(cache, split.val(), targets, globals);
                test = GraphBatchSource.regression(cache, split.test(), targets, globals);
            }
        } else {
            double[][] x =
                    switch (spec.model()) {
                        case MLP_LATTICE -> tab.lattice();
                        case MLP_COMPOSITION -> tab.composition();
                        default -> concat(tab.lattice(), tab.composition());
                    };
            FeatureScaler scaler = FeatureScaler.fit(x, split.train());
            float[][] fx = scaler.transform(x);
            model.put("scaler", scaler);
            Block mlp = newBlock(spec, labels, null, 0, fx[0].length);
            Engine.getInstance().setRandomSeed((int) config.seed());
            mlp.initialize(manager, DataType.FLOAT32, new Shape(1, fx[0].length));
            block = mlp;
            if (labels.classification()) {
                train = ArrayBatchSource.classification(fx, labels.classes(), split.train());
                val = ArrayBatchSource.classification(fx, labels.classes(), split.val());
                test = ArrayBatchSource.classification(fx, labels.classes(), split.test());
            } else {
                train = ArrayBatchSource.regression(fx, targets, split.train());
                val = ArrayBatchSource.regression(fx, targets, split.val());
                test = ArrayBatchSource.regression(fx, targets, split.test());
            }
        }
        Trainer.Result result = trainer.fit(block, manager, train, val, runDir);
        Trainer.Predictions p = Trainer.predict(block, manager, test, config.batchSize(), outputIndex);
        List<Trainer.Predictions> extra = new ArrayList<>();
        if (labels.multi()) {
            extra.add(Trainer.predict(block, manager, test, config.batchSize(), 1));
            extra.add(Trainer.predict(block, manager, test, config.batchSize(), 2));
        }
        return new Member(p, result, model, extra);
    }

    /** The untrained network of the spec (not initialised). */
    static Block newBlock(ExperimentSpec spec, Labels labels, GraphCache cache, int globalLength, int featureLength) {
        if (usesGraphs(spec)) {
            CrystalGraphConvNet.Builder b = CrystalGraphConvNet.builder()
                    .optAtomInputLength(cache.atomFeatureLength())
                    .optBondFeatureLength(cache.bondFeatureLength())
                    .optAtomFeatureLength(spec.atomFeatureLength())
                    .optNumConv(spec.numConv())
                    .optHiddenLength(spec.hiddenLength());
            if (globalLength > 0) b.optGlobalFeatureLength(globalLength);
            if (spec.head() == ExperimentSpec.Head.TWO_STAGE) b.optBravaisSpaceGroup();
            else if (labels.multi()) b.optMultiTask(1);
            else if (labels.classification())
                b.optClassification(labels.classNames().size());
            else b.optRegression(1);
            return b.build();
        }
        double dropout = labels.classification() ? 0.3 : 0.0;
        return TabularMlp.block(labels.classification() ? labels.classNames().size() : 1, new int[] {64, 32}, dropout);
    }

    /**
     * Evaluates the trained model of run folder {@code modelDir} on every labelled row of {@code data}
     * (its own target, or the {@code target} column of {@code labels}); writes metrics.json,
     * predictions.csv and a plot into {@code outDir} and returns the metrics.
     */
    public static Map<String, Object> evaluate(
            Path modelDir, Path data, String target, Path labelsFile, Path outDir, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        var config = RunFiles.JSON.readTree(modelDir.resolve("config.json").toFile());
        var model = RunFiles.JSON.readTree(modelDir.resolve("model.json").toFile());
        String[] params = Files.isRegularFile(modelDir.resolve(Trainer.BEST))
                ? new String[] {Trainer.BEST}
                : new String[] {"seed-0/" + Trainer.BEST};
        Path best = modelDir.resolve(params[0]);
        if (!Files.isRegularFile(best))
            throw new IllegalArgumentException(modelDir + ": no " + Trainer.BEST + " (not a finished run?)");
        TrainConfig train = RunFiles.JSON.treeToValue(config.get("train"), TrainConfig.class);
        if ("multi_task".equals(config.get("task").asText())) {
            throw new IllegalArgumentException(
                    modelDir + ": evaluating multi-task runs on new data is not supported yet");
        }
        ExperimentSpec spec = ExperimentSpec.builder()
                .setData(data)
                .optTarget(target != null ? target : config.path("target").asText(null))
                .optLabels(labelsFile)
                .optTask(ExperimentSpec.Task.valueOf(config.get("task").asText().toUpperCase()))
                .optBinaryThreshold(config.path("binary_threshold").asDouble(0))
                .optModel(ExperimentSpec.Model.valueOf(
                        config.get("model").asText().toUpperCase().replace('-', '_')))
                .optHead(ExperimentSpec.Head.valueOf(
                        config.get("head").asText().toUpperCase().replace('-', '_')))
                .optArchitecture(
                        config.get("atom_fea_len").asInt(),
                        config.get("n_conv").asInt(),
                        config.get("h_fea_len").asInt())
                .optFixedVolumePerAtom(config.path("fixed_volume_per_atom").asDouble(20))
                .optTrain(train)
                .setOut(outDir)
                .build();
        CrystalDataset dataset = CrystalDataset.open(data, labelsFile != null ? null : spec.target());
        Tabular tab =
                tabular(dataset, spec.model() != ExperimentSpec.Model.CGCNN, spec.task() == ExperimentSpec.Task.VOLUME);
        Labels labels = labels(spec, dataset, tab);
        if (labels.classification()) {
            List<String> trained = new ArrayList<>();
            model.get("classes").forEach(c -> trained.add(c.asText()));
            if (!trained.equals(labels.classNames())) {
                // map this dataset's classes onto the trained ones by name
                int[] mapped = new int[labels.classes().length];
                for (int i = 0; i < mapped.length; i++) {
                    mapped[i] = labels.classes()[i] < 0
                            ? -1
                            : trained.indexOf(labels.classNames().get(labels.classes()[i]));
                }
                labels = new Labels(null, mapped, trained);
            }
        }
        List<Integer> rowList = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) if (labels.valid(i)) rowList.add(i);
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        Normalizer normalizer = new Normalizer(
                model.get("normalizer").get("mean").asDouble(),
                model.get("normalizer").get("std").asDouble());
        FeatureScaler scaler =
                model.has("scaler") ? RunFiles.JSON.treeToValue(model.get("scaler"), FeatureScaler.class) : null;
        float[][] targets = null;
        if (!labels.classification()) {
            targets = new float[dataset.size()][1];
            for (int i = 0; i < targets.length; i++) targets[i][0] = (float) normalizer.normalize(labels.values()[i]);
        }
        Trainer.Predictions p;
        int outputIndex = spec.head() == ExperimentSpec.Head.TWO_STAGE ? 1 : 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchSource source;
            Block block;
            GraphCache cache = usesGraphs(spec) ? graphCache(spec, dataset, log) : null;
            try {
                if (cache != null) {
                    float[][] globals = spec.model() == ExperimentSpec.Model.FUSION
                            ? scaler.transform(concat(tab.lattice(), tab.composition()))
                            : null;
                    CrystalGraphConvNet net = (CrystalGraphConvNet)
                            newBlock(spec, labels, cache, globals == null ? 0 : globals[0].length, 0);
                    net.initializeParameters(manager);
                    block = net;
                    source = labels.classification()
                            ? GraphBatchSource.classification(cache, rows, labels.classes(), globals)
                            : GraphBatchSource.regression(cache, rows, targets, globals);
                } else {
                    double[][] x =
                            switch (spec.model()) {
                                case MLP_LATTICE -> tab.lattice();
                                case MLP_COMPOSITION -> tab.composition();
                                default -> concat(tab.lattice(), tab.composition());
                            };
                    float[][] fx = scaler.transform(x);
                    block = newBlock(spec, labels, null, 0, fx[0].length);
                    block.initialize(manager, DataType.FLOAT32, new Shape(1, fx[0].length));
                    source = labels.classification()
                            ? ArrayBatchSource.classification(fx, labels.classes(), rows)
                            : ArrayBatchSource.regression(fx, targets, rows);
                }
                Trainer.loadParameters(block, manager, best);
                p = Trainer.predict(block, manager, source, 256, outputIndex);
            } finally {
                if (cache != null) cache.close();
            }
        }
        Files.createDirectories(outDir);
        List<String> ids = new ArrayList<>();
        for (int r : rows) ids.add(dataset.ids().get(r));
        Map<String, Object> test;
        if (labels.classification()) {
            int[] truth = new int[rows.length];
            for (int i = 0; i < rows.length; i++) truth[i] = labels.classes()[rows[i]];
            test = RunReport.classification(outDir, ids, truth, p.outputs(), labels.classNames());
        } else {
            double[] truth = new double[rows.length];
            for (int i = 0; i < rows.length; i++) truth[i] = labels.values()[rows[i]];
            test = RunReport.regression(outDir, ids, truth, p.outputs(), normalizer, null);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", modelDir.toString());
        m.put("data", data.toString());
        m.put("test", test);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("peak_rss_mb", RunFiles.peakRssMb());
        RunFiles.writeJson(outDir.resolve("metrics.json"), m);
        return m;
    }

    static boolean usesGraphs(ExperimentSpec spec) {
        return spec.model() == ExperimentSpec.Model.CGCNN || spec.model() == ExperimentSpec.Model.FUSION;
    }

    /** The graph cache for the spec's dataset (built on first use); VOLUME rescales each structure first. */
    static GraphCache graphCache(ExperimentSpec spec, CrystalDataset dataset, PrintStream log) throws IOException {
        CrystalGraphBuilder builder = CrystalGraphBuilder.cgcnnDefaults();
        Function<Structure, CrystalGraph> build = builder::build;
        String settings = builder.toString();
        if (spec.task() == ExperimentSpec.Task.VOLUME) {
            double v0 = spec.fixedVolumePerAtom();
            build = s -> builder.build(s.withLattice(
                    s.lattice().scaledToVolume(v0 * s.composition().numAtoms())));
            settings += " rescaled to " + v0 + " Å³/atom";
        }
        return GraphCache.open(dataset, build, builder.bondFeaturizer(), settings, spec.cacheDir(), log);
    }

    /** Lattice and composition features and volume per atom of every row (one pass over the structures). */
    public static Tabular tabular(CrystalDataset dataset, boolean features, boolean volume) throws IOException {
        int n = dataset.size();
        double[][] lattice = features ? new double[n][] : null;
        double[][] composition = features ? new double[n][] : null;
        double[] vpa = volume ? new double[n] : null;
        if (!features && !volume) return new Tabular(null, null, null);
        dataset.forEachChunk(512, (first, structures) -> {
            java.util.stream.IntStream.range(0, structures.size()).parallel().forEach(k -> {
                Structure s = structures.get(k);
                int i = first + k;
                if (features) {
                    lattice[i] = LatticeFeatures.of(s).values();
                    composition[i] = CompositionFeatures.of(s.composition()).values();
                }
                if (volume) vpa[i] = s.volume() / s.composition().numAtoms();
            });
        });
        return new Tabular(lattice, composition, vpa);
    }

    /** The labels of the task, from the dataset's targets or a joined labels column. */
    public static Labels labels(ExperimentSpec spec, CrystalDataset dataset, Tabular tab) throws IOException {
        int n = dataset.size();
        String[] raw;
        if (spec.task() == ExperimentSpec.Task.MULTI_TASK) {
            String[] spg = CrystalDataset.joinColumn(spec.labels(), dataset.ids(), "spg_num");
            int[] c = new int[n];
            for (int i = 0; i < n; i++) c[i] = (int) parse(spg[i], spec, i, dataset) - 1;
            List<String> names = new ArrayList<>();
            for (int g = 1; g <= 230; g++) names.add(Integer.toString(g));
            return new Labels(dataset.targets(), c, names);
        }
        if (spec.labels() != null) {
            if (spec.target() == null) throw new IllegalArgumentException("--labels needs --target naming its column");
            raw = CrystalDataset.joinColumn(spec.labels(), dataset.ids(), spec.target());
        } else {
            double[] t = dataset.targets();
            raw = new String[n];
            for (int i = 0; i < n; i++) raw[i] = Double.isNaN(t[i]) ? "" : stripZero(t[i]);
        }
        switch (spec.task()) {
            case REGRESSION -> {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) y[i] = raw[i].isBlank() ? Double.NaN : parse(raw[i], spec, i, dataset);
                return new Labels(y, null, null);
            }
            case VOLUME -> {
                return new Labels(tab.volumePerAtom().clone(), null, null);
            }
            case BINARY -> {
                int[] c = new int[n];
                for (int i = 0; i < n; i++)
                    c[i] = raw[i].isBlank() ? -1 : parse(raw[i], spec, i, dataset) <= spec.binaryThreshold() ? 1 : 0;
                String t = stripZero(spec.binaryThreshold());
                return new Labels(null, c, List.of("> " + t, "≤ " + t));
            }
            case SPACE_GROUP, BRAVAIS -> {
                boolean sg = spec.task() == ExperimentSpec.Task.SPACE_GROUP;
                List<String> names = new ArrayList<>();
                if (sg) for (int g = 1; g <= 230; g++) names.add(Integer.toString(g));
                else for (BravaisLattice b : BravaisLattice.values()) names.add(b.pearsonSymbol());
                int[] c = new int[n];
                for (int i = 0; i < n; i++) {
                    int g = (int) parse(raw[i], spec, i, dataset);
                    c[i] = sg ? g - 1 : BravaisLattice.ofSpaceGroup(g).ordinal();
                }
                return new Labels(null, c, names);
            }
            case CRYSTAL_SYSTEM -> {
                List<String> names = new ArrayList<>();
                for (CrystalSystem cs : CrystalSystem.values()) names.add(cs.label());
                int[] c = new int[n];
                for (int i = 0; i < n; i++) {
                    c[i] = raw[i].matches("\\d+")
                            ? CrystalSystem.ofSpaceGroup(Integer.parseInt(raw[i]))
                                    .ordinal()
                            : CrystalSystem.of(raw[i]).ordinal();
                }
                return new Labels(null, c, names);
            }
            default -> {
                TreeSet<String> distinct = new TreeSet<>((a, b) -> {
                    boolean na = a.matches("-?[0-9.eE+-]+"), nb = b.matches("-?[0-9.eE+-]+");
                    return na && nb ? Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : a.compareTo(b);
                });
                for (String r : raw) if (!r.isBlank()) distinct.add(r);
                List<String> names = new ArrayList<>(distinct);
                if (names.size() < 2)
                    throw new IllegalArgumentException(spec.data() + ": classification needs at least 2 "
                            + "distinct target values, found " + names);
                int[] c = new int[n];
                for (int i = 0; i < n; i++) c[i] = raw[i].isBlank() ? -1 : names.indexOf(raw[i]);
                return new Labels(null, c, names);
            }
        }
    }

    /** The split of the spec, restricted to labelled rows. */
    public static Split split(ExperimentSpec spec, CrystalDataset dataset, Labels labels) throws IOException {
        long seed = spec.train().seed();
        int n = dataset.size();
        Split split = spec.folds() != null
                ? Split.matbenchFold(
                        spec.folds(), dataset.ids(), spec.fold(), spec.valFraction(), seed, spec.limit() > 0)
                : Split.random(n, spec.valFraction(), spec.testFraction(), seed);
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) keep[i] = labels.valid(i);
        return split.restrictTo(keep);
    }

    /** A seeded random subset of {@code limit} rows (ascending), the same for every model of a benchmark. */
    static int[] subsetRows(int n, int limit, long seed) {
        if (limit <= 0 || limit >= n)
            return java.util.stream.IntStream.range(0, n).toArray();
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] rows = Arrays.copyOf(perm, limit);
        Arrays.sort(rows);
        return rows;
    }

    private static float[][] averageOutputs(List<Trainer.Predictions> members) {
        int n = members.get(0).outputs().length;
        float[][] mean = new float[n][];
        for (int i = 0; i < n; i++) {
            mean[i] = new float[members.get(0).outputs()[i].length];
            for (Trainer.Predictions p : members)
                for (int j = 0; j < mean[i].length; j++) mean[i][j] += p.outputs()[i][j] / members.size();
        }
        return mean;
    }

    /** Mean class probabilities of the members, returned as log-probabilities (so softmax gives them back). */
    private static float[][] averageProbabilities(List<Trainer.Predictions> members) {
        int n = members.get(0).outputs().length;
        float[][] mean = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] acc = new double[members.get(0).outputs()[i].length];
            for (Trainer.Predictions p : members) {
                double[] prob = Trainer.softmax(p.outputs()[i]);
                for (int j = 0; j < acc.length; j++) acc[j] += prob[j] / members.size();
            }
            mean[i] = new float[acc.length];
            for (int j = 0; j < acc.length; j++) mean[i][j] = (float) Math.log(Math.max(acc[j], 1e-30));
        }
        return mean;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOf(a[i], a[i].length + b[i].length);
            System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
        }
        return out;
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

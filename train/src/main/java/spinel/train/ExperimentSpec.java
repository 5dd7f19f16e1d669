package spinel.train;

import java.nio.file.Path;
import java.util.Set;

/**
 * Everything that defines one training run of {@link Experiment}: data, task, model, split and
 * training settings. Build with {@link #builder()}; a run records it as its {@link RunConfig}.
 */
public record ExperimentSpec(
        Path data,
        String target,
        Path labels,
        Task task,
        double binaryThreshold,
        Model model,
        Head head,
        Path folds,
        int fold,
        double valFraction,
        double testFraction,
        int limit,
        int atomFeatureLength,
        int numConv,
        int hiddenLength,
        double fixedVolumePerAtom,
        int ensemble,
        TrainConfig train,
        Path cacheDir,
        Path out,
        boolean resume,
        Set<String> allowedChanges,
        boolean dropMissingTargets,
        boolean dedupe,
        String units,
        java.util.List<String> atomDescriptors,
        boolean residual,
        MlpArchitecture mlp,
        boolean logTarget,
        TransferInit.Weights init,
        boolean freeze,
        TabNetArchitecture tabnet,
        int angleLayers,
        int angleNeighbors,
        java.util.List<String> fusionFeatures,
        SearchFold searchFold,
        spinel.train.classical.ClassicalModel blend,
        int trainSize) {

    /**
     * One fold of the cross-validation inside the training rows ({@code --search-fold J/K}, what {@code
     * spinel search} trains): the split's training and validation rows are dealt into {@code folds}
     * seeded folds, fold {@code fold} is tested on, and the split's own test rows are never used ({@link
     * Split#inner}).
     */
    public record SearchFold(int fold, int folds) {
        public SearchFold {
            if (folds < 2 || fold < 0 || fold >= folds)
                throw new IllegalArgumentException(
                        "--search-fold " + fold + "/" + folds + ": expected J/K with K ≥ 2 and 0 ≤ J < K");
        }

        /** Parses {@code J/K}. */
        public static SearchFold parse(String text) {
            String[] p = text.trim().split("/");
            try {
                if (p.length == 2) return new SearchFold(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--search-fold " + text + ": expected J/K, e.g. 0/3");
        }

        @Override
        public String toString() {
            return fold + "/" + folds;
        }
    }

    /** Bonds per atom in the line graph of the angle layers by default ({@code --angle-neighbors}). */
    public static final int DEFAULT_ANGLE_NEIGHBORS = 8;

    /**
     * The tabular MLP's layers ({@code --hidden}, {@code --dropout}, {@code --batch-norm}, {@code --se};
     * shortcuts with {@code --residual}).
     *
     * @param hidden            hidden widths, input side first (null: 64, 32)
     * @param dropout           dropout after each hidden layer (null: 0.3 for classification, else 0)
     * @param batchNorm         BatchNorm after each hidden Linear
     * @param squeezeExcitation a squeeze-and-excitation gate on each hidden layer's output
     */
    public record MlpArchitecture(
            java.util.List<Integer> hidden, Double dropout, boolean batchNorm, boolean squeezeExcitation) {}

    /**
     * TabNet's input and layers ({@code --features}, {@code --tabnet-*}).
     *
     * @param features descriptor blocks, in column order: some of {@link RunFeatures#DESCRIPTOR_GROUPS}
     *                 (as the classical models' {@code --features})
     * @param settings the network's hyper-parameters
     */
    public record TabNetArchitecture(java.util.List<String> features, spinel.train.tabnet.TabNet.Settings settings) {
        /** The default input: lattice, composition and Steinhardt descriptors. */
        public static final java.util.List<String> DEFAULT_FEATURES =
                java.util.List.of(RunFeatures.LATTICE, RunFeatures.COMPOSITION, RunFeatures.STEINHARDT);

        public TabNetArchitecture {
            features = java.util.List.copyOf(features);
            if (features.isEmpty()) throw new IllegalArgumentException("--features names no descriptor group");
            for (String f : features)
                if (!RunFeatures.DESCRIPTOR_GROUPS.contains(f))
                    throw new IllegalArgumentException("--features " + f + ": expected some of "
                            + String.join(", ", RunFeatures.DESCRIPTOR_GROUPS));
        }

        /** The seed's TabNet on the default descriptors. */
        public static TabNetArchitecture defaults() {
            return new TabNetArchitecture(DEFAULT_FEATURES, spinel.train.tabnet.TabNet.Settings.DEFAULTS);
        }
    }

    /** What is learned. */
    public enum Task implements EnumIds.Id {
        /** the target value (MSE or L1 loss; MAE, RMSE, R² in target units) */
        REGRESSION,
        /** classes = the distinct target values */
        CLASSIFICATION,
        /** 230 classes from a space-group-number target */
        SPACE_GROUP,
        /** 7 classes from a space-group number or a crystal-system name */
        CRYSTAL_SYSTEM,
        /** 14 classes from a space-group number */
        BRAVAIS,
        /** class 1 when target ≤ threshold (e.g. metal: gap ≤ 0), else 0; reports ROC-AUC */
        BINARY,
        /** volume per atom (Å³) computed from the structure, which the model must not see directly */
        VOLUME,
        /**
         * space group (from the {@code spg_num} column of --labels), volume per atom and the dataset's
         * own target at once, with the conv multi-task head (CGCNN or fusion)
         */
        MULTI_TASK;

        /**
         * Whether the (first) output is a class, trained with cross-entropy: every task but regression
         * and volume. The training loop's {@link TrainConfig#task()} follows from it ({@link Builder#build}).
         */
        public boolean classification() {
            return this != REGRESSION && this != VOLUME;
        }
    }

    /** Which model. */
    public enum Model implements EnumIds.Id {
        /** CGCNN on the crystal graph */
        CGCNN,
        /** CGCNN with lattice + composition descriptors concatenated to the pooled embedding */
        FUSION,
        /** tabular MLP on lattice/shape features */
        MLP_LATTICE,
        /** tabular MLP on composition statistics */
        MLP_COMPOSITION,
        /** tabular MLP on both */
        MLP_BOTH,
        /**
         * tabular MLP on the lattice parameters of the standardized conventional cell alone
         * ({@code ConventionalLatticeFeatures}): space group from a, b, c, α, β, γ
         */
        MLP_CONVENTIONAL_LATTICE,
        /**
         * TabNet (Arik &amp; Pfister, AAAI 2021) on descriptor blocks ({@link TabNetArchitecture}; default
         * lattice, composition, Steinhardt), with its aggregate attention masks as feature importances
         */
        TABNET,
        /** classical baselines on descriptors ({@link ClassicalExperiment}): CART decision tree */
        DECISION_TREE,
        /** random forest */
        RANDOM_FOREST,
        /** gradient-boosted trees (XGBoost) */
        GRADIENT_BOOSTING,
        /** k-nearest neighbours */
        KNN,
        /** elastic-net linear regression or logistic regression */
        LINEAR;

        /** Whether this is a classical model run by {@link ClassicalExperiment}. */
        public boolean classical() {
            return ordinal() >= DECISION_TREE.ordinal();
        }
    }

    /**
     * Output head for space-group tasks: the plain softmax, or the two-stage Bravais lattice → space
     * group head (CGCNN and fusion: {@code BravaisSpaceGroupHead} on the pooled embedding; MLPs:
     * {@link TwoStageMlp}).
     */
    public enum Head implements EnumIds.Id {
        DEFAULT,
        TWO_STAGE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.data = data;
        b.target = target;
        b.labels = labels;
        b.task = task;
        b.binaryThreshold = binaryThreshold;
        b.model = model;
        b.head = head;
        b.folds = folds;
        b.fold = fold;
        b.valFraction = valFraction;
        b.testFraction = testFraction;
        b.limit = limit;
        b.atomFeatureLength = atomFeatureLength;
        b.numConv = numConv;
        b.hiddenLength = hiddenLength;
        b.fixedVolumePerAtom = fixedVolumePerAtom;
        b.ensemble = ensemble;
        b.train = train;
        b.cacheDir = cacheDir;
        b.out = out;
        b.resume = resume;
        b.allowedChanges = allowedChanges;
        b.dropMissingTargets = dropMissingTargets;
        b.dedupe = dedupe;
        b.units = units;
        b.atomDescriptors = atomDescriptors;
        b.residual = residual;
        b.mlp = mlp;
        b.logTarget = logTarget;
        b.init = init;
        b.freeze = freeze;
        b.tabnet = tabnet;
        b.angleLayers = angleLayers;
        b.angleNeighbors = angleNeighbors;
        b.fusionFeatures = fusionFeatures;
        b.searchFold = searchFold;
        b.blend = blend;
        b.trainSize = trainSize;
        return b;
    }

    /** Builder with the defaults of {@code spinel train}. */
    public static final class Builder {
        private Path data;
        private String target;
        private Path labels;
        private Task task = Task.REGRESSION;
        private double binaryThreshold = 0;
        private Model model = Model.CGCNN;
        private Head head = Head.DEFAULT;
        private Path folds;
        private int fold;
        private double valFraction = 0.1;
        private double testFraction = 0.2;
        private int limit;
        private int atomFeatureLength = 64;
        private int numConv = 3;
        private int hiddenLength = 128;
        private double fixedVolumePerAtom = 20;
        private int ensemble = 1;
        private TrainConfig train = TrainConfig.builder().build();
        private Path cacheDir;
        private Path out;
        private boolean resume;
        private Set<String> allowedChanges = Set.of();
        private boolean dropMissingTargets;
        private boolean dedupe;
        private String units;
        private java.util.List<String> atomDescriptors;
        private boolean residual;
        private MlpArchitecture mlp;
        private boolean logTarget;
        private TransferInit.Weights init;
        private boolean freeze;
        private TabNetArchitecture tabnet;
        private int angleLayers;
        private int angleNeighbors = DEFAULT_ANGLE_NEIGHBORS;
        private java.util.List<String> fusionFeatures;
        private SearchFold searchFold;
        private spinel.train.classical.ClassicalModel blend;
        private int trainSize;

        /**
         * Train on a seeded {@code n} of the training rows only, validation and test rows unchanged (a point
         * of a learning curve, {@code --train-size}); 0: all of them.
         */
        public Builder optTrainSize(int n) {
            trainSize = n;
            return this;
        }

        /**
         * Regression: average the network's prediction with this classical model's, trained on the same
         * split on its default descriptors, with equal weights ({@code --blend}); null: the network alone.
         */
        public Builder optBlend(spinel.train.classical.ClassicalModel v) {
            blend = v;
            return this;
        }

        /** Train and test on one fold of the cross-validation inside the training rows; null: the split itself. */
        public Builder optSearchFold(SearchFold v) {
            searchFold = v;
            return this;
        }

        /**
         * Fusion's global vector: the descriptor blocks concatenated to the pooled graph embedding, some of
         * {@code lattice}, {@code composition}, {@code steinhardt}, {@code acsf}, {@code symmetry} ({@code
         * --features}; null: lattice and composition, {@link ModelFactory#tabularBlocks(Model)}).
         */
        public Builder optFusionFeatures(java.util.List<String> blocks) {
            fusionFeatures = blocks == null ? null : java.util.List.copyOf(blocks);
            return this;
        }

        /**
         * CGCNN and fusion: {@code layers} ALIGNN bond-angle layers before the convolutions (default 0:
         * the reference), their line graph on each atom's {@code nearest} nearest bonds ({@link
         * spinel.graph.BondAngles}).
         */
        public Builder optAngleLayers(int layers, int nearest) {
            if (layers < 0) throw new IllegalArgumentException("--angle-layers must be ≥ 0, got " + layers);
            if (nearest < 2) throw new IllegalArgumentException("--angle-neighbors must be ≥ 2, got " + nearest);
            angleLayers = layers;
            angleNeighbors = nearest;
            return this;
        }

        /** TabNet's input blocks and layers (null: {@link TabNetArchitecture#defaults()}); {@code --model tabnet} only. */
        public Builder optTabNet(TabNetArchitecture v) {
            tabnet = v;
            return this;
        }

        /** Start from a pretrained CGCNN ({@link TransferInit}); {@code freeze} its embedding and convolutions. */
        public Builder optInit(TransferInit.Weights weights, boolean freezeBody) {
            init = weights;
            freeze = freezeBody;
            return this;
        }

        /** The tabular MLP's layers (null: the default 64, 32). */
        public Builder optMlp(MlpArchitecture v) {
            mlp = v;
            return this;
        }

        /** Regression on the log of a positive target (see {@link Normalizer}). */
        public Builder optLogTarget(boolean v) {
            logTarget = v;
            return this;
        }

        /**
         * Per-atom angular descriptors appended to the CGCNN atom features ({@link AtomDescriptors}:
         * {@code steinhardt}, {@code acsf}); null or empty for none (the default). CGCNN and fusion only.
         */
        public Builder optAtomDescriptors(java.util.List<String> kinds) {
            atomDescriptors = kinds == null || kinds.isEmpty() ? null : java.util.List.copyOf(kinds);
            return this;
        }

        /** Residual CGCNN: a shortcut and a BatchNorm around each convolution (default false: the reference). */
        public Builder optResidual(boolean v) {
            residual = v;
            return this;
        }

        public Builder setData(Path v) {
            data = v;
            return this;
        }

        public Builder optTarget(String v) {
            target = v;
            return this;
        }

        public Builder optLabels(Path v) {
            labels = v;
            return this;
        }

        public Builder optTask(Task v) {
            task = v;
            return this;
        }

        public Builder optBinaryThreshold(double v) {
            binaryThreshold = v;
            return this;
        }

        public Builder optModel(Model v) {
            model = v;
            return this;
        }

        public Builder optHead(Head v) {
            head = v;
            return this;
        }

        public Builder optFolds(Path file, int k) {
            folds = file;
            fold = k;
            return this;
        }

        public Builder optValFraction(double v) {
            valFraction = v;
            return this;
        }

        public Builder optTestFraction(double v) {
            testFraction = v;
            return this;
        }

        public Builder optLimit(int v) {
            limit = v;
            return this;
        }

        public Builder optArchitecture(int atomFea, int nConv, int hidden) {
            atomFeatureLength = atomFea;
            numConv = nConv;
            hiddenLength = hidden;
            return this;
        }

        public Builder optFixedVolumePerAtom(double v) {
            fixedVolumePerAtom = v;
            return this;
        }

        public Builder optEnsemble(int v) {
            ensemble = v;
            return this;
        }

        /**
         * The training loop's settings. Their {@link TrainConfig#task()} need not be set: {@link #build}
         * sets it from this spec's task ({@link Task#classification()}).
         */
        public Builder optTrain(TrainConfig v) {
            train = v;
            return this;
        }

        public Builder optCacheDir(Path v) {
            cacheDir = v;
            return this;
        }

        public Builder setOut(Path v) {
            out = v;
            return this;
        }

        public Builder optResume(boolean v) {
            resume = v;
            return this;
        }

        /** Options that may differ from the run's own on resume (see {@link ResumeCheck#SAFE}). */
        public Builder optAllowedChanges(Set<String> v) {
            allowedChanges = Set.copyOf(v);
            return this;
        }

        /** Train without rows whose target is missing or not finite (counted in the log) instead of refusing. */
        public Builder optDropMissingTargets(boolean v) {
            dropMissingTargets = v;
            return this;
        }

        /**
         * Keep duplicate structures ({@link DuplicateGroups}) on one side of a random split: every group
         * of matching structures goes to train, validation or test as a whole.
         */
        public Builder optDedupe(boolean v) {
            dedupe = v;
            return this;
        }

        /** The regression target's unit (e.g. {@code eV/atom}) for plots and reports; see {@link TargetUnits}. */
        public Builder optUnits(String v) {
            units = v;
            return this;
        }

        public ExperimentSpec build() {
            if (data == null) throw new IllegalArgumentException("no --data given");
            if (out == null) throw new IllegalArgumentException("no --out folder given");
            if (ensemble < 1) throw new IllegalArgumentException("ensemble size must be ≥ 1");
            if (trainSize < 0) throw new IllegalArgumentException("--train-size " + trainSize + ": expected ≥ 0");
            if (task == Task.VOLUME
                    && (model == Model.MLP_LATTICE
                            || model == Model.MLP_BOTH
                            || model == Model.MLP_CONVENTIONAL_LATTICE
                            || model == Model.FUSION)) {
                throw new IllegalArgumentException("volume per atom can be read from the lattice features; use --model "
                        + "mlp-composition or cgcnn (which sees the structure rescaled to a fixed density)");
            }
            if (task == Task.MULTI_TASK && (labels == null || (model != Model.CGCNN && model != Model.FUSION))) {
                throw new IllegalArgumentException(
                        "--task multi-task needs --labels with a spg_num column and --model cgcnn or fusion");
            }
            if (dedupe && folds != null) {
                throw new IllegalArgumentException(
                        "--dedupe groups duplicates for a random split; the official --folds "
                                + "fix the test rows themselves (drop --dedupe or --folds)");
            }
            if (head == Head.TWO_STAGE && task != Task.SPACE_GROUP) {
                throw new IllegalArgumentException("the two-stage Bravais → space-group head needs --task space-group");
            }
            if (tabnet != null && model != Model.TABNET) {
                throw new IllegalArgumentException("--tabnet-* options shape --model tabnet");
            }
            TabNetArchitecture tab = model == Model.TABNET && tabnet == null ? TabNetArchitecture.defaults() : tabnet;
            if (tab != null && task == Task.VOLUME && tab.features().contains(RunFeatures.LATTICE)) {
                throw new IllegalArgumentException("volume per atom can be read from the lattice features; "
                        + "use --features composition,steinhardt for --task volume");
            }
            if (head == Head.TWO_STAGE && (model.classical() || model == Model.TABNET)) {
                throw new IllegalArgumentException("--head two-stage is a network head (CGCNN, fusion or an MLP); "
                        + EnumIds.id(model) + (model.classical() ? ", a classical model," : "") + " has none");
            }
            boolean graphs = model == Model.CGCNN || model == Model.FUSION;
            if (atomDescriptors != null && !graphs) {
                throw new IllegalArgumentException("--atom-descriptors needs --model cgcnn or fusion");
            }
            if (angleLayers > 0 && !graphs) {
                throw new IllegalArgumentException("--angle-layers needs --model cgcnn or fusion");
            }
            if (mlp != null && (graphs || model.classical() || model == Model.TABNET)) {
                throw new IllegalArgumentException(
                        "--hidden, --dropout, --batch-norm and --se shape the tabular MLPs (--model mlp-*)");
            }
            if (fusionFeatures != null && model != Model.FUSION) {
                throw new IllegalArgumentException(
                        "--features chooses the descriptors of --model fusion, tabnet and the classical models");
            }
            if (init != null && !graphs) throw new IllegalArgumentException("--init needs --model cgcnn or fusion");
            if (blend != null && (model.classical() || task != Task.REGRESSION)) {
                throw new IllegalArgumentException("--blend averages a network with a classical model on a regression"
                        + " task (--task regression, --model cgcnn, fusion, tabnet or an MLP)");
            }
            if (logTarget && task.classification()) {
                throw new IllegalArgumentException("--log-target is for regression");
            }
            Path cache = cacheDir != null ? cacheDir : spinel.graph.io.CacheRoot.graphs();
            return new ExperimentSpec(
                    data,
                    target,
                    labels,
                    task,
                    binaryThreshold,
                    model,
                    head,
                    folds,
                    fold,
                    valFraction,
                    testFraction,
                    limit,
                    atomFeatureLength,
                    numConv,
                    hiddenLength,
                    fixedVolumePerAtom,
                    ensemble,
                    train.forClassification(task.classification()),
                    cache,
                    out,
                    resume,
                    allowedChanges,
                    dropMissingTargets,
                    dedupe,
                    units,
                    atomDescriptors,
                    residual,
                    mlp,
                    logTarget,
                    init,
                    freeze,
                    tab,
                    angleLayers,
                    angleNeighbors,
                    fusionFeatures,
                    searchFold,
                    blend,
                    trainSize);
        }
    }
}

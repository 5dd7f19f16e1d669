package spinel.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines one training run of {@link Experiment}: data, task, model, split and
 * training settings. Build with {@link #builder()}; serialised into {@code config.json}.
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
        boolean resume) {

    /** What is learned. */
    public enum Task {
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
        MULTI_TASK
    }

    /** Which model. */
    public enum Model {
        /** CGCNN on the crystal graph */
        CGCNN,
        /** CGCNN with lattice + composition descriptors concatenated to the pooled embedding */
        FUSION,
        /** tabular MLP on lattice/shape features */
        MLP_LATTICE,
        /** tabular MLP on composition statistics */
        MLP_COMPOSITION,
        /** tabular MLP on both */
        MLP_BOTH
    }

    /** CGCNN output head for space-group tasks. */
    public enum Head {
        DEFAULT,
        TWO_STAGE
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings as a JSON-ready map (for config.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data == null ? null : data.toString());
        m.put("target", target);
        m.put("labels", labels == null ? null : labels.toString());
        m.put("task", task.name().toLowerCase());
        if (task == Task.BINARY) m.put("binary_threshold", binaryThreshold);
        m.put("model", model.name().toLowerCase().replace('_', '-'));
        m.put("head", head.name().toLowerCase().replace('_', '-'));
        m.put("folds", folds == null ? null : folds.toString());
        m.put("fold", fold);
        m.put("val_fraction", valFraction);
        m.put("test_fraction", testFraction);
        m.put("limit", limit);
        m.put("atom_fea_len", atomFeatureLength);
        m.put("n_conv", numConv);
        m.put("h_fea_len", hiddenLength);
        if (task == Task.VOLUME) m.put("fixed_volume_per_atom", fixedVolumePerAtom);
        m.put("ensemble", ensemble);
        m.put("train", train);
        return m;
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

        public ExperimentSpec build() {
            if (data == null) throw new IllegalArgumentException("no --data given");
            if (out == null) throw new IllegalArgumentException("no --out folder given");
            if (ensemble < 1) throw new IllegalArgumentException("ensemble size must be ≥ 1");
            if (task == Task.VOLUME
                    && (model == Model.MLP_LATTICE || model == Model.MLP_BOTH || model == Model.FUSION)) {
                throw new IllegalArgumentException("volume per atom can be read from the lattice features; use --model "
                        + "mlp-composition or cgcnn (which sees the structure rescaled to a fixed density)");
            }
            if (task == Task.MULTI_TASK && (labels == null || (model != Model.CGCNN && model != Model.FUSION))) {
                throw new IllegalArgumentException(
                        "--task multi-task needs --labels with a spg_num column and --model cgcnn or fusion");
            }
            if (head == Head.TWO_STAGE && task != Task.SPACE_GROUP) {
                throw new IllegalArgumentException("the two-stage Bravais → space-group head needs --task space-group");
            }
            // with SPINEL_CACHE_DIR set (a read-only home, a container) the graphs go there too
            String spinelCache = System.getenv("SPINEL_CACHE_DIR");
            Path cache = cacheDir != null
                    ? cacheDir
                    : spinelCache != null && !spinelCache.isBlank()
                            ? Path.of(spinelCache, "graphs")
                            : Path.of(System.getProperty("user.home"), ".cache", "spinel", "graphs");
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
                    train,
                    cache,
                    out,
                    resume);
        }
    }
}

package spinel.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import spinel.conv.CrystalGraphConvNet;
import spinel.train.tabnet.TabNet;

/**
 * Stage 3 of a run, the model factory: the one place that maps a model kind
 * ({@link ExperimentSpec.Model}) to its input (crystal graph and/or which descriptor blocks), its
 * recorded hyper-parameters ({@link RunConfig.ModelSettings}) and its untrained DJL network, for
 * training and for rebuilding a trained run alike. To add a model: a constant in
 * {@link ExperimentSpec.Model}, and a case in {@link #tabularBlocks}, {@link #settings} and
 * {@link #block} (and in {@link #loss} when its loss is not the task's alone).
 */
public final class ModelFactory {

    private ModelFactory() {}

    /** Whether the model reads the crystal graph (CGCNN, fusion). */
    public static boolean usesGraphs(ExperimentSpec.Model model) {
        return model == ExperimentSpec.Model.CGCNN || model == ExperimentSpec.Model.FUSION;
    }

    /**
     * The descriptor blocks the model reads, in order: the MLP's input, or fusion's global vector;
     * null for plain CGCNN.
     */
    public static List<String> tabularBlocks(ExperimentSpec.Model model) {
        return switch (model) {
            case CGCNN -> null;
            case MLP_LATTICE -> List.of(RunFeatures.LATTICE);
            case MLP_COMPOSITION -> List.of(RunFeatures.COMPOSITION);
            case MLP_BOTH, FUSION -> List.of(RunFeatures.LATTICE, RunFeatures.COMPOSITION);
            case MLP_CONVENTIONAL_LATTICE -> List.of(RunFeatures.CONVENTIONAL_LATTICE);
            case TABNET -> throw new IllegalArgumentException(
                    "tabnet reads the descriptor blocks of its --features: ask tabularBlocks(spec)");
            case DECISION_TREE, RANDOM_FOREST, GRADIENT_BOOSTING, KNN, LINEAR -> throw new IllegalArgumentException(
                    EnumIds.id(model) + " is a classical model, trained by ClassicalExperiment, not a network");
        };
    }

    /** The descriptor blocks {@code spec}'s model reads (TabNet and fusion: its {@code --features}); see {@link #tabularBlocks(ExperimentSpec.Model)}. */
    public static List<String> tabularBlocks(ExperimentSpec spec) {
        if (spec.model() == ExperimentSpec.Model.TABNET) return spec.tabnet().features();
        if (spec.fusionFeatures() != null) return spec.fusionFeatures();
        return tabularBlocks(spec.model());
    }

    /** The hyper-parameters recorded for {@code spec}'s model on labels with {@code outputs} outputs. */
    public static RunConfig.ModelSettings settings(ExperimentSpec spec, RunData.Labels labels) {
        int outputs = labels.classification() ? labels.classNames().size() : 1;
        if (usesGraphs(spec.model())) {
            return new RunConfig.ModelSettings(
                    spec.model(),
                    spec.head(),
                    spec.atomFeatureLength(),
                    spec.numConv(),
                    spec.hiddenLength(),
                    null,
                    null,
                    outputs,
                    spec.residual() ? Boolean.TRUE : null,
                    null,
                    null,
                    spec.init() != null ? spec.init().source() : null,
                    spec.init() != null && spec.freeze() ? Boolean.TRUE : null,
                    null,
                    spec.angleLayers() > 0 ? spec.angleLayers() : null);
        }
        if (spec.model() == ExperimentSpec.Model.TABNET)
            return RunConfig.ModelSettings.tabNet(outputs, spec.tabnet().settings());
        if (spec.head() == ExperimentSpec.Head.TWO_STAGE) {
            List<Integer> hidden =
                    java.util.Arrays.stream(TwoStageMlp.HIDDEN).boxed().toList();
            return mlpSettings(spec, outputs, hidden, TwoStageMlp.DROPOUT, null, null, null);
        }
        ExperimentSpec.MlpArchitecture mlp =
                spec.mlp() != null ? spec.mlp() : new ExperimentSpec.MlpArchitecture(null, null, false, false);
        return mlpSettings(
                spec,
                outputs,
                mlp.hidden() != null ? List.copyOf(mlp.hidden()) : List.of(64, 32),
                mlp.dropout() != null ? mlp.dropout() : labels.classification() ? 0.3 : 0.0,
                spec.residual() ? Boolean.TRUE : null,
                mlp.batchNorm() ? Boolean.TRUE : null,
                mlp.squeezeExcitation() ? Boolean.TRUE : null);
    }

    /** A tabular MLP's recorded settings (the switches null when off, as config.json leaves them out). */
    private static RunConfig.ModelSettings mlpSettings(
            ExperimentSpec spec,
            int outputs,
            List<Integer> hidden,
            double dropout,
            Boolean residual,
            Boolean batchNorm,
            Boolean squeezeExcitation) {
        return new RunConfig.ModelSettings(
                spec.model(),
                spec.head(),
                null,
                null,
                null,
                hidden,
                dropout,
                outputs,
                residual,
                batchNorm,
                squeezeExcitation,
                null,
                null,
                null,
                null);
    }

    /** The untrained network of a run (parameters not initialised). */
    public static Block block(RunConfig config) {
        RunConfig.ModelSettings m = config.model();
        if (usesGraphs(m.kind())) {
            RunConfig.GraphSettings g = config.featurizer().graph();
            CrystalGraphConvNet.Builder b = CrystalGraphConvNet.builder()
                    .optAtomInputLength(g.atomFeatureLength())
                    .optBondFeatureLength(g.bondFeatureLength())
                    .optAtomFeatureLength(m.atomFeaLen())
                    .optNumConv(m.nConv())
                    .optHiddenLength(m.hFeaLen())
                    .optResidual(m.residualConvolutions())
                    .optAngleLayers(m.angleLayerCount());
            if (config.featurizer().tabular() != null) b.optGlobalFeatureLength(tabularLength(config));
            if (m.head() == ExperimentSpec.Head.TWO_STAGE) b.optBravaisSpaceGroup();
            else if (config.task().kind() == ExperimentSpec.Task.MULTI_TASK) b.optMultiTask(1);
            else if (config.task().classification()) b.optClassification(m.outputs());
            else b.optRegression(1);
            return b.build();
        }
        if (m.kind() == ExperimentSpec.Model.TABNET) return new TabNet(tabularLength(config), m.outputs(), m.tabnet());
        int[] hidden = m.hidden().stream().mapToInt(Integer::intValue).toArray();
        if (m.head() == ExperimentSpec.Head.TWO_STAGE)
            return new TwoStageMlp(tabularLength(config), hidden, m.dropout());
        return TabularMlp.block(
                m.outputs(),
                hidden,
                m.dropout(),
                new TabularMlp.Layers(
                        Boolean.TRUE.equals(m.batchNorm()),
                        Boolean.TRUE.equals(m.squeezeExcitation()),
                        m.residualConvolutions()));
    }

    /** Initialises {@code block}'s parameters on {@code manager}, seeded (the engine's generator). */
    public static void initialize(Block block, RunConfig config, NDManager manager, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        if (block instanceof CrystalGraphConvNet net) net.initializeParameters(manager);
        else block.initialize(manager, DataType.FLOAT32, new Shape(1, tabularLength(config)));
    }

    /** The network output scored and reported for single-output tasks (the two-stage head's space group). */
    public static int outputIndex(RunConfig config) {
        return config.model().head() == ExperimentSpec.Head.TWO_STAGE ? 1 : 0;
    }

    /** The training loss: the conv head's own for multi-output heads, else the task's (null). */
    static TrainingLoop.LossFunction loss(Block block, RunConfig config) {
        if (block instanceof TabNet net) {
            // the task's loss on the prediction plus λ_sparse times the masks' mean entropy (output 1)
            float lambda = (float) net.settings().sparsity();
            TrainConfig optimisation = config.optimisation();
            return (out, labels) -> TrainingLoop.taskLoss(optimisation, out.head(), labels.head())
                    .add(spinel.conv.Scalars.mul(out.get(1), lambda));
        }
        boolean ownLoss = config.model().head() == ExperimentSpec.Head.TWO_STAGE
                || config.task().kind() == ExperimentSpec.Task.MULTI_TASK;
        if (!ownLoss) return null;
        return block instanceof TwoStageMlp mlp ? mlp.head()::loss : ((CrystalGraphConvNet) block).head()::loss;
    }

    private static int tabularLength(RunConfig config) {
        return config.featurizer().scaler().mean().length;
    }
}

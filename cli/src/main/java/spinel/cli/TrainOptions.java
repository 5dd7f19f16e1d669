package spinel.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spinel.train.ExperimentSpec;
import spinel.train.TrainConfig;

/** The options of {@code spinel train} shared with {@code spinel bench compare}. */
public final class TrainOptions {

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(
            names = "--recipe",
            paramLabel = "NAME",
            description = "A measured set of options in one flag; options given explicitly win. matbench: "
                    + Recipe.MATBENCH_ARGS + " (Matbench property regression; scores in docs/benchmarks/train.md).")
    String recipe;

    private boolean recipeApplied;

    @Option(
            names = "--data",
            required = true,
            description = "CGCNN folder, Matbench .json.gz, labelled .csv, or extended XYZ.")
    Path data;

    @Option(names = "--target", description = "Target column / property (a column of --labels when given).")
    String target;

    @Option(
            names = "--labels",
            description = "CSV with a header, first column the row id, holding the --target column "
                    + "(e.g. matbench_meta/mp_gap.csv.gz for spg_num, crys_sys).")
    Path labels;

    @Option(
            names = "--task",
            defaultValue = "regression",
            description = "regression, classification, space-group, "
                    + "crystal-system, bravais, binary, volume, multi-task (space group from --labels' spg_num + volume per atom "
                    + "+ the dataset's target; default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--threshold",
            defaultValue = "0",
            description = "binary: class 1 when target <= threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(
            names = "--model",
            defaultValue = "cgcnn",
            description = "cgcnn, fusion, mlp-lattice, mlp-composition, mlp-both, mlp-conventional-lattice (the"
                    + " standardized conventional cell's a, b, c, angles, volume and ratios), tabnet (TabNet on the"
                    + " --features descriptors); classical baselines on descriptors: "
                    + "decision-tree, random-forest, gradient-boosting, knn, linear (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--features",
            description = "Descriptor groups, some of lattice, composition, steinhardt, acsf, symmetry (what exact"
                    + " analysis finds at tolerances 0.01-0.8 A, for approximate structures): the input of the"
                    + " classical models and tabnet (default: " + TABULAR_FEATURES + ") and the global vector"
                    + " fusion concatenates to the graph embedding (default: lattice,composition).")
    String features;

    /** The classical models' and TabNet's descriptor groups when --features is not given. */
    static final String TABULAR_FEATURES = "lattice,composition,steinhardt";

    private String tabularFeatures() {
        return features != null ? features : TABULAR_FEATURES;
    }

    /** Fusion's global vector from --features; null when not given (the default blocks). */
    private List<String> fusionFeatures() {
        if (features == null) return null;
        return spinel.train.classical.DescriptorSet.ids(features);
    }

    @Option(
            names = "--param",
            description =
                    "Classical models: a hyperparameter NAME=VALUE (repeatable), e.g. trees=500, max_depth=8, k=10.")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Option(
            names = "--cv",
            defaultValue = "0",
            description = "Classical models: k-fold cross-validation on the training rows, reported in metrics.json "
                    + "(0: off; 5 is the usual).")
    int cv;

    @Option(
            names = "--head",
            defaultValue = "default",
            description = "default or two-stage (Bravais lattice → space group, --task space-group; CGCNN/fusion:"
                    + " on the pooled embedding; MLPs: CRYSPNet's 128→64 BatchNorm trunk, dropout 0.2).")
    String head;

    @Option(names = "--folds", description = "Matbench folds file {\"fold_k\": [test ids]}; otherwise a random split.")
    Path folds;

    @Option(
            names = "--fold",
            defaultValue = "0",
            description = "Fold of --folds to test on (default: ${DEFAULT-VALUE}).")
    int fold;

    @Option(
            names = "--train-size",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Train on a seeded N of the training rows only (validation and test rows unchanged): a point of a"
                            + " learning curve (0: all).")
    int trainSize;

    @Option(
            names = "--blend",
            paramLabel = "MODEL",
            description =
                    "Regression with a network: also train this classical model (e.g. gradient-boosting) on the same"
                            + " split, on its default descriptors, and predict the mean of the two (equal weights; the run folder"
                            + " holds it in blend/).")
    String blend;

    @Option(
            names = "--search-fold",
            paramLabel = "J/K",
            description =
                    "Train and test inside the training rows: deal them into K seeded folds and test on fold J; the"
                            + " split's own test rows are never used (what 'spinel search' runs for each candidate).")
    String searchFold;

    @Option(
            names = "--val-fraction",
            defaultValue = "0.1",
            description = "Training rows held out for early stopping (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            description = "Random split only (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "Use a seeded random subset of this many rows (0: all).")
    int limit;

    @Option(names = "--epochs", defaultValue = "100", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description = "constant, step, cosine, one-cycle (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--step-epochs",
            defaultValue = "100",
            description = "step schedule: epochs between decays (default: ${DEFAULT-VALUE}).")
    int stepEpochs;

    @Option(
            names = "--gamma",
            defaultValue = "0.1",
            description = "step schedule: decay factor (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--clip", defaultValue = "0", description = "Clip the gradient L2 norm (0: off).")
    double clip;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description = "Early stopping after this many epochs without improvement (0: off).")
    int patience;

    @Option(
            names = "--loss",
            defaultValue = "mse",
            description = "Regression loss: mse or l1 (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of split, initialisation, shuffling, dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--ensemble",
            defaultValue = "1",
            description = "Train this many models with seeds seed..seed+N-1; report their mean.")
    int ensemble;

    @Option(
            names = "--atom-fea-len",
            defaultValue = "64",
            description = "CGCNN atom embedding length (default: ${DEFAULT-VALUE}).")
    int atomFeaLen;

    @Option(
            names = "--n-conv",
            defaultValue = "3",
            description = "CGCNN convolution layers (default: ${DEFAULT-VALUE}).")
    int nConv;

    @Option(
            names = "--h-fea-len",
            defaultValue = "128",
            description = "CGCNN hidden length (default: ${DEFAULT-VALUE}).")
    int hFeaLen;

    @Option(
            names = "--atom-descriptors",
            description = "CGCNN and fusion: per-atom angular descriptors appended to the atom features, some of "
                    + "steinhardt (q_l, w_l hat, l = 4..12, 12 neighbours), acsf (G2/G4 symmetry functions, 6 Å); "
                    + "fusion also gets their mean and std over atoms (default: none).")
    String atomDescriptors;

    @Option(
            names = "--residual",
            description = "CGCNN and fusion: a shortcut and a BatchNorm around each convolution, so that deeper "
                    + "networks (--n-conv 6..8) train (default: the reference architecture); MLP models: a shortcut "
                    + "around each hidden layer as wide as its input.")
    boolean residual;

    @Option(
            names = "--angle-layers",
            defaultValue = "0",
            description =
                    "CGCNN and fusion: bond-angle layers in the manner of ALIGNN before the convolutions (edge-gated "
                            + "convolutions on the line graph of the bonds, whose edges carry the bond angles, then on the "
                            + "crystal graph); the convolutions then read learned bond vectors (default: ${DEFAULT-VALUE}, "
                            + "the reference CGCNN). Experimental: about 4x the CPU time per epoch, and one Matbench "
                            + "jdft2d fold diverged (docs/benchmarks/train.md).")
    int angleLayers;

    @Option(
            names = "--angle-neighbors",
            defaultValue = "" + ExperimentSpec.DEFAULT_ANGLE_NEIGHBORS,
            description = "With --angle-layers: the bond angles are those between each atom's nearest K bonds, "
                    + "K·(K−1) per atom (default: ${DEFAULT-VALUE}; 12 takes every bond of the graph).")
    int angleNeighbors;

    @Option(
            names = "--hidden",
            split = ",",
            description = "MLP models: hidden widths, e.g. 512,256,256,128 (default: 64,32).")
    java.util.List<Integer> hidden;

    @Option(
            names = "--dropout",
            description = "MLP models: dropout after each hidden layer (default: 0.3 for classification, else 0).")
    Double dropout;

    @Option(
            names = "--batch-norm",
            description = "MLP models: BatchNorm after each hidden Linear (every training batch needs 2 or more rows: "
                    + "choose --batch so that the last one does not hold a single row).")
    boolean batchNorm;

    @Option(names = "--se", description = "MLP models: a squeeze-and-excitation gate on each hidden layer.")
    boolean squeezeExcitation;

    @Option(
            names = "--log-target",
            description = "Regression: learn the log of the (positive) target; metrics stay in target units.")
    boolean logTarget;

    @Option(
            names = "--init",
            paramLabel = "MODEL",
            description = "CGCNN and fusion: start from a pretrained CGCNN — a zoo model id, a published checkpoint "
                    + "(.pth.tar) or a run folder; matching parameters are copied, the head only for the same target.")
    String init;

    @Option(names = "--freeze", description = "With --init: do not train the copied embedding and convolutions.")
    boolean freeze;

    @Option(
            names = "--tabnet-width",
            description = "tabnet: n_d = n_a, the decision and attention widths (default: 64).")
    Integer tabnetWidth;

    @Option(names = "--tabnet-steps", description = "tabnet: decision steps (default: 5).")
    Integer tabnetSteps;

    @Option(
            names = "--tabnet-gamma",
            description = "tabnet: relaxation of the attention prior, 1 = each feature used at one step only"
                    + " (default: 1.5).")
    Double tabnetGamma;

    @Option(
            names = "--tabnet-sparsity",
            description = "tabnet: lambda_sparse, weight of the attention masks' entropy in the loss (default: 1e-4).")
    Double tabnetSparsity;

    @Option(
            names = "--tabnet-virtual-batch",
            description = "tabnet: rows per ghost batch-norm chunk of a training batch (default: 128).")
    Integer tabnetVirtualBatch;

    @Option(
            names = "--tabnet-momentum",
            description = "tabnet: batch-norm momentum, running = m * running + (1 - m) * batch (default: 0.98,"
                    + " PyTorch's 0.02).")
    Double tabnetMomentum;

    /** TabNet's architecture from --features and the --tabnet-* options; null when neither applies. */
    private ExperimentSpec.TabNetArchitecture tabNet(ExperimentSpec.Model m) {
        boolean any = tabnetWidth != null
                || tabnetSteps != null
                || tabnetGamma != null
                || tabnetSparsity != null
                || tabnetVirtualBatch != null
                || tabnetMomentum != null;
        if (m != ExperimentSpec.Model.TABNET && !any) return null;
        spinel.train.tabnet.TabNet.Settings d = spinel.train.tabnet.TabNet.Settings.DEFAULTS;
        var settings = new spinel.train.tabnet.TabNet.Settings(
                tabnetWidth != null ? tabnetWidth : d.width(),
                tabnetSteps != null ? tabnetSteps : d.steps(),
                tabnetGamma != null ? tabnetGamma : d.gamma(),
                tabnetSparsity != null ? tabnetSparsity : d.sparsity(),
                tabnetVirtualBatch != null ? tabnetVirtualBatch : d.virtualBatch(),
                tabnetMomentum != null ? tabnetMomentum : d.momentum());
        List<String> groups = spinel.train.classical.DescriptorSet.ids(tabularFeatures());
        return new ExperimentSpec.TabNetArchitecture(groups, settings);
    }

    @Mixin
    GraphCacheOption graphCache = new GraphCacheOption();

    /** The classical-model settings of these options, or null when --model is not a classical model. */
    public spinel.train.ClassicalExperiment.Settings classical() {
        spinel.train.classical.ClassicalModel m = spinel.train.classical.ClassicalModel.of(model);
        if (m == null) return null;
        try {
            return new spinel.train.ClassicalExperiment.Settings(
                    m, params, spinel.train.classical.DescriptorSet.parse(tabularFeatures()), cv);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(new TrainCommand()), e.getMessage());
        }
    }

    @Option(
            names = "--drop-missing-targets",
            description = "Train without rows whose target is missing or not finite (counted on stderr); "
                    + "by default such rows are refused.")
    boolean dropMissingTargets;

    @Option(
            names = "--dedupe",
            description = "Random split only: group matching structures (pymatgen's StructureMatcher defaults, within "
                    + "a reduced formula; groups cached next to the graphs) and keep every group in one of train, "
                    + "validation or test, so no crystal is tested on a copy of itself. Off by default: "
                    + "it changes the split of existing commands.")
    boolean dedupe;

    @Option(
            names = "--units",
            description = "Unit of the regression target (e.g. eV/atom), for the parity plot and reports; by default "
                    + "a unit in parentheses in the column name, or that of a known Materials Project column.")
    String units;

    /**
     * Trains {@code spec} as one run of a benchmark or search: a finished run is read back, an interrupted
     * one resumed; the classical models through {@link spinel.train.ClassicalExperiment}, the networks
     * through {@link spinel.train.Benchmarks#runOrLoad}.
     */
    java.util.Map<String, Object> runResumable(ExperimentSpec spec, java.io.PrintStream log)
            throws java.io.IOException {
        var c = classical();
        return c != null
                ? spinel.train.ClassicalExperiment.run(
                        spec.toBuilder().optResume(true).build(), c, log)
                : spinel.train.Benchmarks.runOrLoad(spec, log);
    }

    /**
     * Sets the options of {@code --recipe} that were not given on the command line (once; a command
     * that changes options between runs, as {@code bench compare} does with --model, calls it first).
     */
    void applyRecipe() {
        if (recipe == null || recipeApplied) return;
        recipeApplied = true;
        java.util.Set<String> given = new java.util.HashSet<>();
        picocli.CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
        for (picocli.CommandLine.Model.OptionSpec o : parsed.matchedOptions()) given.addAll(List.of(o.names()));
        try {
            Recipe.of(recipe).applyTo(mixee, given);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    /** The spec of these options (out folder and resume still to set). */
    public ExperimentSpec.Builder toSpec() {
        applyRecipe();
        ExperimentSpec.Task t = TrainCommand.parseEnum(ExperimentSpec.Task.class, task, "--task");
        // the loop's task (and cross-entropy for classes) follows from --task in ExperimentSpec.build
        TrainConfig.LossKind regressionLoss =
                t.classification() ? null : TrainCommand.parseEnum(TrainConfig.LossKind.class, loss, "--loss");
        TrainConfig.Builder loop = TrainConfig.builder()
                .optOptimizer(TrainCommand.parseEnum(TrainConfig.OptimizerKind.class, optimizer, "--optimizer"))
                .optLearningRate(lr)
                .optMomentum(momentum)
                .optWeightDecay(weightDecay)
                .optSchedule(TrainCommand.parseEnum(TrainConfig.Schedule.class, schedule, "--schedule"))
                .optStep(stepEpochs, gamma)
                .optClipNorm(clip)
                .optEpochs(epochs)
                .optBatchSize(batch)
                .optPatience(patience)
                .optSeed(seed);
        if (regressionLoss != null) loop.optLoss(regressionLoss);
        TrainConfig config = loop.build();
        ExperimentSpec.Model m = TrainCommand.parseEnum(ExperimentSpec.Model.class, model, "--model");
        ExperimentSpec.Builder b = ExperimentSpec.builder()
                .setData(data)
                .optTarget(target)
                .optLabels(labels)
                .optTask(t)
                .optBinaryThreshold(threshold)
                .optModel(m)
                .optHead(TrainCommand.parseEnum(ExperimentSpec.Head.class, head, "--head"))
                .optValFraction(valFraction)
                .optTestFraction(testFraction)
                .optLimit(limit)
                .optArchitecture(atomFeaLen, nConv, hFeaLen)
                .optEnsemble(ensemble)
                .optTrain(config)
                .optCacheDir(graphCache.cache)
                .optDropMissingTargets(dropMissingTargets)
                .optDedupe(dedupe)
                .optUnits(units)
                .optResidual(residual)
                .optLogTarget(logTarget);
        if (hidden != null || dropout != null || batchNorm || squeezeExcitation)
            b.optMlp(new ExperimentSpec.MlpArchitecture(hidden, dropout, batchNorm, squeezeExcitation));
        try {
            b.optAtomDescriptors(spinel.train.AtomDescriptors.parse(atomDescriptors));
            b.optTabNet(tabNet(m));
            if (m != ExperimentSpec.Model.TABNET && spinel.train.classical.ClassicalModel.of(model) == null)
                b.optFusionFeatures(fusionFeatures());
            b.optAngleLayers(angleLayers, angleNeighbors);
            if (searchFold != null) b.optSearchFold(ExperimentSpec.SearchFold.parse(searchFold));
            b.optTrainSize(trainSize);
            if (blend != null) {
                var partner = spinel.train.classical.ClassicalModel.of(blend);
                if (partner == null)
                    throw new IllegalArgumentException("--blend " + blend + ": expected a classical model ("
                            + java.util.Arrays.stream(spinel.train.classical.ClassicalModel.values())
                                    .map(spinel.train.classical.ClassicalModel::cliName)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + ")");
                b.optBlend(partner);
            }
            if (freeze && init == null) throw new IllegalArgumentException("--freeze needs --init");
            if (init != null) b.optInit(InitSource.resolve(init), freeze);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("--init " + init + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(new TrainCommand()), e.getMessage());
        }
        if (folds != null) b.optFolds(folds, fold);
        return b;
    }
}

package spinel.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spinel.graph.CgcnnAtomFeaturizer;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.GaussianDistance;
import spinel.graph.io.FileRecord;

/**
 * The run folder of {@code spinel train}, as one typed record: {@code config.json}. Everything needed
 * to rebuild the trained model and featurize new structures exactly as in training is here — the
 * data it was trained on (with its content hash), the task and class names, the model and its
 * hyper-parameters, the featurizer (graph settings, atom features, tabular descriptor blocks and
 * their fitted scaler), the fitted target normalisers, the ensemble members (sub-folders holding
 * {@code best.params}) and the optimisation settings.
 *
 * <p>Keys are snake_case throughout; enum values are the command-line spellings
 * ({@code "space-group"}, {@code "mlp-both"}, {@code "adam"}). This class is the one place that reads
 * and writes the file ({@link #read}, {@link #write}); it is written once, atomically, after the data,
 * labels, split and fitted transforms are known and before the first epoch, so a run that fails
 * before training leaves no config.json, and one that fails later leaves a complete one.
 *
 * @param format       {@value #FORMAT}; run folders of earlier versions (no format, fitted values in
 *                     model.json) are read as format 1 (evaluate, predict, package; not resume)
 * @param data         where the rows came from and how they were split
 * @param task         what is learned, and the class names of classification tasks
 * @param model        the network and its hyper-parameters
 * @param featurizer   how a structure becomes the network's input
 * @param normalizer   regression target standardisation (identity for classification)
 * @param volumeNormalizer multi-task only: volume-per-atom standardisation
 * @param members      ensemble members, in seed order ({@code "."} for a single model)
 * @param optimisation the training loop's settings (seed of the first member)
 * @param classical    classical-baseline runs only ({@link ClassicalExperiment}): the fitted model's file,
 *                     hyperparameters and descriptor groups; null for network runs (which then have members)
 */
@FileRecord
public record RunConfig(
        int format,
        DataSettings data,
        TaskSettings task,
        ModelSettings model,
        FeaturizerSettings featurizer,
        Normalizer normalizer,
        Normalizer volumeNormalizer,
        List<Member> members,
        TrainConfig optimisation,
        ClassicalSettings classical,
        Blend blend) {

    /**
     * {@code --blend MODEL}: the network's (ensemble) prediction averaged with a classical model's trained
     * on the same split, a complete classical run folder of its own inside the run.
     *
     * @param folder the classical run's folder, relative to the run folder
     * @param weight the classical model's weight in the average (the network's is 1 − weight)
     */
    @FileRecord
    public record Blend(String folder, double weight) {
        /** The sub-folder {@code spinel train --blend} trains the classical model in. */
        public static final String FOLDER = "blend";
    }

    /** Version of the config.json layout written by this class. */
    public static final int FORMAT = 2;

    /** The file name inside a run folder. */
    public static final String FILE = "config.json";

    /**
     * The rows of the run.
     *
     * @param path          the dataset given to --data (informative; {@code sha256} identifies it)
     * @param sha256        content hash of the rows used ({@link CrystalDataset#contentHash()})
     * @param labels        the --labels CSV, or null
     * @param labelsSha256  SHA-256 of the --labels file's bytes, or null
     * @param limit         --limit (0: every row)
     * @param rows          number of dataset rows after the limit
     * @param folds         the Matbench folds file, or null for a random split
     * @param fold          the fold tested on (with folds)
     * @param valFraction   training rows held out for early stopping
     * @param testFraction  random split only: rows held out for testing
     * @param splitSizes    rows in train, validation and test
     * @param dedupe        {@code --dedupe}: duplicate structures kept on one side of the split; null when off
     * @param searchFold    {@code --search-fold J/K}: the run trained and tested inside the split's training rows
     *                      (fold J of K), as {@code spinel search} does; null for the split itself
     */
    @FileRecord
    public record DataSettings(
            String path,
            String sha256,
            String labels,
            String labelsSha256,
            int limit,
            int rows,
            String folds,
            Integer fold,
            double valFraction,
            double testFraction,
            List<Integer> splitSizes,
            Dedupe dedupe,
            String searchFold) {}

    /**
     * The duplicate groups a {@code --dedupe} split kept together ({@link DuplicateGroups}).
     *
     * @param matcher      the structure matcher and its tolerances
     * @param groups       groups of two or more matching structures
     * @param groupedRows  rows in those groups
     * @param duplicates   rows a deduplication would remove (grouped rows minus groups)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dedupe(String matcher, int groups, int groupedRows, int duplicates) {}

    /**
     * What is learned.
     *
     * @param kind               the task
     * @param target             the --target given (column or property), null for the dataset's default
     * @param targetName         the target's name in the dataset
     * @param binaryThreshold    BINARY: class 1 when target ≤ this
     * @param fixedVolumePerAtom VOLUME: Å³/atom every structure is rescaled to before the graph is built
     * @param classes            class names, in output order (classification and multi-task)
     * @param units              regression: the target's unit ({@code --units}, else {@link TargetUnits});
     *                           null when unknown. Used in plots and reports only.
     */
    @FileRecord
    public record TaskSettings(
            ExperimentSpec.Task kind,
            String target,
            String targetName,
            Double binaryThreshold,
            Double fixedVolumePerAtom,
            List<String> classes,
            String units) {

        /** Whether the single output is a class (multi-task has both). */
        @JsonIgnore
        public boolean classification() {
            return classes != null && kind != ExperimentSpec.Task.MULTI_TASK;
        }

        /** The name of the learned quantity, for plots: the target's, or "volume per atom" for the volume task. */
        @JsonIgnore
        public String quantity() {
            return kind == ExperimentSpec.Task.VOLUME ? "volume per atom" : targetName;
        }

        /** The unit of the learned quantity: {@link #units}, else {@link TargetUnits#of}. */
        @JsonIgnore
        public String unit() {
            return kind == ExperimentSpec.Task.VOLUME ? "Å³/atom" : TargetUnits.of(targetName, units);
        }
    }

    /**
     * The network.
     *
     * @param kind        the model family
     * @param head        CGCNN output head
     * @param atomFeaLen  CGCNN atom embedding length
     * @param nConv       CGCNN convolution layers
     * @param hFeaLen     CGCNN hidden length after pooling
     * @param hidden      MLP hidden widths
     * @param dropout     MLP dropout after each hidden layer
     * @param outputs     length of the (first) output: 1 for regression, the class count otherwise
     * @param residual    CGCNN with a shortcut and a BatchNorm around each convolution (null or false:
     *                    the reference architecture); MLP: a shortcut around each hidden layer whose
     *                    width equals its input's
     * @param batchNorm   MLP: BatchNorm after each hidden Linear (null: none)
     * @param squeezeExcitation MLP: a squeeze-and-excitation gate on each hidden layer (null: none)
     * @param init        CGCNN: the pretrained model the run started from ({@code --init}), or null
     * @param freeze      CGCNN with init: whether the embedding and convolutions were frozen
     * @param tabnet      TabNet: its hyper-parameters (its input blocks are the featurizer's tabular
     *                    blocks); null for other models
     * @param angleLayers CGCNN: ALIGNN bond-angle layers before the convolutions (null: none, the
     *                    reference); their line graph is {@link GraphSettings#angleNeighbors()}
     */
    @FileRecord
    public record ModelSettings(
            ExperimentSpec.Model kind,
            ExperimentSpec.Head head,
            Integer atomFeaLen,
            Integer nConv,
            Integer hFeaLen,
            List<Integer> hidden,
            Double dropout,
            int outputs,
            Boolean residual,
            Boolean batchNorm,
            Boolean squeezeExcitation,
            String init,
            Boolean freeze,
            spinel.train.tabnet.TabNet.Settings tabnet,
            Integer angleLayers) {

        /** A TabNet's entry. */
        public static ModelSettings tabNet(int outputs, spinel.train.tabnet.TabNet.Settings tabnet) {
            return new ModelSettings(
                    ExperimentSpec.Model.TABNET,
                    ExperimentSpec.Head.DEFAULT,
                    null,
                    null,
                    null,
                    null,
                    null,
                    outputs,
                    null,
                    null,
                    null,
                    null,
                    null,
                    tabnet,
                    null);
        }

        /** A classical model's entry: its kind and output length, no network hyper-parameters. */
        public static ModelSettings classical(ExperimentSpec.Model kind, int outputs) {
            return new ModelSettings(
                    kind, null, null, null, null, null, null, outputs, null, null, null, null, null, null, null);
        }

        /** Whether the CGCNN convolutions are residual (not {@code isResidual}: Jackson would hide the field). */
        @JsonIgnore
        public boolean residualConvolutions() {
            return Boolean.TRUE.equals(residual);
        }

        /** The number of bond-angle layers (0 when none). */
        @JsonIgnore
        public int angleLayerCount() {
            return angleLayers == null ? 0 : angleLayers;
        }
    }

    /**
     * How a structure becomes the network's input.
     *
     * @param graph   the crystal graph (CGCNN and fusion), or null
     * @param tabular descriptor blocks, concatenated in this order ({@code "lattice"},
     *                {@code "composition"}; TabNet also {@code "steinhardt"}, {@code "acsf"}), or null: the MLP input, or the global vector of fusion
     * @param scaler  standardisation of the tabular vector, fitted on the training rows
     * @param atomScaler standardisation of the per-atom descriptors appended to the graph's atom
     *                features ({@link GraphSettings#atomDescriptors()}), fitted on the training
     *                crystals' atoms; null without them
     */
    @FileRecord
    public record FeaturizerSettings(
            GraphSettings graph, List<String> tabular, FeatureScaler scaler, FeatureScaler atomScaler) {

        /** Settings without per-atom descriptors. */
        public FeaturizerSettings(GraphSettings graph, List<String> tabular, FeatureScaler scaler) {
            this(graph, tabular, scaler, null);
        }
    }

    /**
     * The crystal-graph settings (the reference CGCNN's by default).
     *
     * @param radius               neighbour cutoff, Å
     * @param maxNeighbors         neighbours kept per site
     * @param gaussian             Gaussian distance expansion of the bond features, Å
     * @param atomFeatures         {@value #BUILTIN_ATOM_FEATURES}: Spinel's computed CGCNN atom features
     * @param atomFeatureLength    length of an atom's feature vector (with the descriptors)
     * @param rescaleVolumePerAtom Å³/atom each structure is scaled to first (VOLUME), or null
     * @param atomDescriptors      per-atom angular descriptors appended to the atom features
     *                             ({@link AtomDescriptors}: {@code steinhardt}, {@code acsf}), or null
     * @param angleNeighbors       bonds per atom whose pairs make the graph's bond angles ({@link
     *                             spinel.graph.BondAngles}, for bond-angle layers), or null: no angles
     */
    @FileRecord
    public record GraphSettings(
            double radius,
            int maxNeighbors,
            Gaussian gaussian,
            String atomFeatures,
            int atomFeatureLength,
            Double rescaleVolumePerAtom,
            List<String> atomDescriptors,
            Integer angleNeighbors) {

        /** {@code atomFeatures} value naming {@link CgcnnAtomFeaturizer} (no atom_init.json needed). */
        public static final String BUILTIN_ATOM_FEATURES = "builtin:cgcnn";

        /** The settings of {@link CrystalGraphBuilder#cgcnnDefaults()}, optionally rescaling the volume. */
        public static GraphSettings cgcnnDefaults(Double rescaleVolumePerAtom) {
            return new GraphSettings(
                    8.0,
                    12,
                    new Gaussian(0, 8.0, 0.2, 0.2),
                    BUILTIN_ATOM_FEATURES,
                    CgcnnAtomFeaturizer.instance().length(),
                    rescaleVolumePerAtom,
                    null,
                    null);
        }

        /** These settings with the per-atom descriptors {@code kinds} appended (null: none). */
        public GraphSettings withAtomDescriptors(List<String> kinds) {
            return new GraphSettings(
                    radius,
                    maxNeighbors,
                    gaussian,
                    atomFeatures,
                    baseAtomFeatureLength() + AtomDescriptors.length(kinds),
                    rescaleVolumePerAtom,
                    kinds,
                    angleNeighbors);
        }

        /** These settings with bond angles over each atom's {@code nearest} bonds (null: none). */
        public GraphSettings withAngleNeighbors(Integer nearest) {
            return new GraphSettings(
                    radius,
                    maxNeighbors,
                    gaussian,
                    atomFeatures,
                    atomFeatureLength,
                    rescaleVolumePerAtom,
                    atomDescriptors,
                    nearest);
        }

        /** Length of the atom features before the appended descriptors. */
        @JsonIgnore
        public int baseAtomFeatureLength() {
            return atomFeatureLength - AtomDescriptors.length(atomDescriptors);
        }

        /** The graph builder these settings describe. */
        public CrystalGraphBuilder builder() {
            if (!BUILTIN_ATOM_FEATURES.equals(atomFeatures))
                throw new IllegalArgumentException("unknown atom features \"" + atomFeatures + "\" in " + FILE);
            return CrystalGraphBuilder.builder()
                    .optRadius(radius)
                    .optMaxNeighbors(maxNeighbors)
                    .optAtomFeaturizer(CgcnnAtomFeaturizer.instance())
                    .optBondFeaturizer(
                            new GaussianDistance(gaussian.dmin(), gaussian.dmax(), gaussian.step(), gaussian.var()))
                    .build();
        }

        /** Bond feature length (Gaussian centres). */
        @JsonIgnore
        public int bondFeatureLength() {
            return builder().bondFeaturizer().length();
        }
    }

    /** Gaussian distance expansion: centres dmin..dmax every step, width var (all Å). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Gaussian(double dmin, double dmax, double step, double var) {}

    /**
     * One trained network of the run.
     *
     * @param dir  its folder relative to the run folder ({@code "."} or {@code "seed-k"})
     * @param seed its training seed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Member(String dir, long seed) {
        /** Its best parameters. */
        public Path bestParams(Path runDir) {
            return runDir.resolve(dir).resolve(TrainingLoop.BEST).normalize();
        }
    }

    /**
     * The classical part of a run ({@code --model decision-tree|random-forest|gradient-boosting|knn|linear}):
     * the model's features are the descriptor groups {@code features} of each structure, in that order,
     * named {@code featureNames} and standardised by the featurizer's scaler.
     *
     * @param file         the fitted model in its library's format (Tribuo protobuf, XGBoost UBJSON)
     * @param params       the hyperparameters, defaults included
     * @param features     descriptor groups ({@code DescriptorSet}: lattice, composition, steinhardt, acsf, symmetry)
     * @param featureNames the column names, as the model was fitted on them
     * @param cv           cross-validation folds on the fitting rows (0: none)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClassicalSettings(
            String file,
            java.util.Map<String, String> params,
            List<String> features,
            List<String> featureNames,
            int cv) {}

    /** Reads {@code runDir/config.json}, refusing files of other layouts with a message that says why. */
    public static RunConfig read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " not found: " + runDir
                    + " is not a run folder of 'spinel train' (or the run failed " + "before training started)");
        }
        var tree = RunFiles.JSON.readTree(file.toFile());
        if (tree.path("format").isTextual()) {
            throw new IllegalArgumentException(file + ": a run of a classical model ("
                    + tree.path("model").asText() + ", format "
                    + tree.path("format").asText() + ") made by an earlier Spinel; retrain it with this version");
        }
        int format = tree.path("format").asInt(1);
        if (format == 1) return LegacyRunFolder.read(runDir, tree);
        if (format != FORMAT) {
            throw new IllegalArgumentException(file + ": run folder layout " + format + ", this Spinel reads layout "
                    + FORMAT + "; retrain with this version (or use the Spinel that wrote it)");
        }
        RunConfig c = RunFiles.JSON.treeToValue(tree, RunConfig.class);
        if (c.data() == null
                || c.task() == null
                || c.model() == null
                || c.featurizer() == null
                || c.members() == null
                || c.optimisation() == null
                || c.model().kind().classical() != (c.classical() != null)) {
            throw new IllegalArgumentException(file
                    + ": incomplete (needs data, task, model, featurizer, members, optimisation, and classical"
                    + " for a classical model)");
        }
        return c;
    }

    /** Writes {@code runDir/config.json} atomically. */
    public void write(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        RunFiles.writeJson(runDir.resolve(FILE), this);
    }

    /** The same run with other optimisation settings (an allowed change on resume). */
    public RunConfig withOptimisation(TrainConfig o) {
        return new RunConfig(
                format, data, task, model, featurizer, normalizer, volumeNormalizer, members, o, classical, blend);
    }
}

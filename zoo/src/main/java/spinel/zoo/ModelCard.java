package spinel.zoo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import spinel.graph.io.FileRecord;

/**
 * What a pretrained model is, what it predicts and how well, how its inputs are featurised, and
 * where its files are: the JSON "model card" of the {@link ModelRegistry} registry (snake_case keys).
 *
 * @param id          registry id, {@code <family>/<name>} ({@code cgcnn/formation-energy-per-atom})
 * @param version     version of the weights; a new version gets a new cache directory
 * @param title       one-line human title
 * @param description what the model is for and its caveats
 * @param architecture network family ({@code cgcnn})
 * @param task        {@code regression} or {@code classification}
 * @param target      the predicted quantity and its units
 * @param training    the data it was trained on, its licence, and how
 * @param metrics     reported metrics, each with the split it was measured on and its origin
 * @param featurizer  how a structure becomes a graph (must match training)
 * @param network     architecture hyper-parameters
 * @param reference   the paper to cite
 * @param licence     licence of the weights
 * @param files       files by role: {@code weights}, {@code atom_init}
 */
@FileRecord
public record ModelCard(
        String id,
        String version,
        String title,
        String description,
        String architecture,
        String task,
        Target target,
        Training training,
        List<Metric> metrics,
        Featurizer featurizer,
        Network network,
        String reference,
        String licence,
        Map<String, ModelFile> files) {

    /** Role of the weights file in {@link #files()}. */
    public static final String WEIGHTS = "weights";
    /** Role of the atom-feature table in {@link #files()}. */
    public static final String ATOM_INIT = "atom_init";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ModelCard {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("model id must be <family>/<name> in lower case, got '" + id + "'");
        }
        if (version == null || version.isBlank() || version.contains("/")) {
            throw new IllegalArgumentException(id + ": missing or bad version '" + version + "'");
        }
        if (!"regression".equals(task) && !"classification".equals(task)) {
            throw new IllegalArgumentException(id + ": task must be regression or classification, got '" + task + "'");
        }
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** The predicted quantity. {@code classes} names the classes of a classifier, in output order. */
    @FileRecord
    public record Target(String name, String units, String description, List<String> classes) {}

    /** Training data, its licence, the split and the command that trained the model. */
    @FileRecord
    public record Training(
            String data, String dataLicence, String split, Integer epochs, String command, String source) {}

    /** A reported metric: name ({@code mae}), split ({@code validation}, {@code test}), value, units, where it comes from. */
    @FileRecord
    public record Metric(String name, String split, double value, String units, Integer n, String source) {}

    /**
     * Graph featurisation (Xie &amp; Grossman 2018): neighbours within {@code radius} Å, the
     * {@code maxNeighbors} nearest kept, distances expanded in Gaussians
     * exp(−(d − μ_k)² / var²) with μ_k = dmin, dmin+step, ..., dmax; atom features from the file
     * with role {@code atomFeatures}, or {@value #BUILTIN_ATOM_FEATURES} for Spinel's computed CGCNN
     * features ({@code spinel.graph.CgcnnAtomFeaturizer}). When {@code rescaleVolumePerAtom} is set
     * (Å³/atom), each structure is first scaled isotropically to that volume per atom (models that
     * predict the volume must not see it).
     */
    @FileRecord
    public record Featurizer(
            double radius, int maxNeighbors, Gaussian gaussian, String atomFeatures, Double rescaleVolumePerAtom) {
        /** {@code atomFeatures} value naming the built-in computed CGCNN atom features. */
        public static final String BUILTIN_ATOM_FEATURES = "builtin:cgcnn";

        /** The reference CGCNN's defaults: 8 Å, 12 neighbours, centres 0..8 Å step 0.2, var 0.2, atom_init file. */
        public static Featurizer cgcnnDefault() {
            return new Featurizer(8.0, 12, new Gaussian(0.0, 8.0, 0.2, 0.2), ATOM_INIT, null);
        }

        /** Whether the atom features come from a file of the model (not the built-in table). */
        public boolean atomFeaturesFromFile() {
            return atomFeatures != null && !BUILTIN_ATOM_FEATURES.equals(atomFeatures);
        }
    }

    /** Gaussian distance expansion, Å. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gaussian(double dmin, double dmax, double step, double var) {}

    /** CGCNN hyper-parameters, named as the reference's {@code main.py} arguments. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Network(
            int origAtomFeaLen, int nbrFeaLen, int atomFeaLen, int nConv, int hFeaLen, int nH, int nOut) {}

    /** The file with {@code role}, or an exception naming the card. */
    public ModelFile file(String role) {
        ModelFile f = files.get(role);
        if (f == null)
            throw new IllegalArgumentException(
                    "model " + id + " has no '" + role + "' file (has " + files.keySet() + ")");
        return f;
    }

    public boolean isClassification() {
        return "classification".equals(task);
    }

    /** Reads one card. */
    public static ModelCard read(InputStream in) throws IOException {
        return JSON.readValue(in, ModelCard.class);
    }

    /** Reads a JSON array of cards. */
    public static List<ModelCard> readList(InputStream in) throws IOException {
        return List.of(JSON.readValue(in, ModelCard[].class));
    }

    /** This card as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

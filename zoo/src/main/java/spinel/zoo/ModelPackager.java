package spinel.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spinel.graph.io.AtomicFiles;
import spinel.train.ExperimentSpec;
import spinel.train.RunConfig;

/**
 * Turns a finished {@code spinel train} run folder — any run kind: CGCNN, CGCNN + descriptor fusion,
 * the tabular MLPs, multi-task, two-stage, classification or regression, an ensemble — into a
 * bundled model: the run's own files as a {@link RunArchive} ({@code <name>.zip}: its typed
 * {@link RunConfig} with the featurizer, scaler, normalisers and classes, and each member's weights)
 * and a {@link ModelCard} that points to it as a class-path resource and reports the run's own
 * held-out metrics. Nothing about the featurisation is written here: the run says it, and
 * {@link RunModel} reads it back through the train module's run loader.
 */
public final class ModelPackager {

    /** Where bundled weights live on the class path. */
    public static final String RESOURCE_DIR = "/spinel/zoo/models/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the run folder does not say about the model. */
    public record Description(
            String id,
            String version,
            String title,
            String description,
            String units,
            String data,
            String dataLicence,
            String command,
            String licence) {}

    private ModelPackager() {}

    /**
     * Writes {@code <outDir>/<name>.zip} for the run in {@code runDir} and returns its card
     * ({@code name} is the last part of the id).
     */
    public static ModelCard packageRun(Path runDir, Description d, Path outDir) throws IOException {
        RunConfig config = RunConfig.read(runDir);
        String name = d.id().substring(d.id().indexOf('/') + 1);
        Path zip = outDir.resolve(name + ".zip");
        RunArchive.write(runDir, zip);
        boolean classification =
                config.task().classification() && config.task().kind() != ExperimentSpec.Task.MULTI_TASK;
        ModelFile weights = new ModelFile(
                zip.getFileName().toString(),
                null,
                RESOURCE_DIR + zip.getFileName(),
                Files.size(zip),
                ModelCache.sha256(zip),
                RunArchive.FORMAT);
        return new ModelCard(
                d.id(),
                d.version(),
                d.title(),
                d.description(),
                config.model().kind().id(),
                classification ? "classification" : "regression",
                new ModelCard.Target(
                        config.task().target() != null
                                ? config.task().target()
                                : config.task().kind().name().toLowerCase(Locale.ROOT),
                        d.units(),
                        null,
                        classification ? config.task().classes() : null),
                training(config, d),
                metrics(runDir, classification, d.units()),
                null,
                null,
                reference(config),
                d.licence(),
                Map.of(ModelCard.WEIGHTS, weights));
    }

    private static ModelCard.Training training(RunConfig config, Description d) {
        RunConfig.DataSettings data = config.data();
        String split = data.folds() != null
                ? "fold " + data.fold() + " of " + data.folds()
                : String.format(
                        Locale.ROOT,
                        "seeded random split, validation %s, test %s",
                        data.valFraction(),
                        data.testFraction());
        return new ModelCard.Training(
                d.data(), d.dataLicence(), split, config.optimisation().epochs(), d.command(), "spinel train");
    }

    private static String reference(RunConfig config) {
        return config.model().kind() == ExperimentSpec.Model.CGCNN
                        || config.model().kind() == ExperimentSpec.Model.FUSION
                ? "T. Xie and J. C. Grossman, Phys. Rev. Lett. 120, 145301 (2018) (architecture)"
                : "Spinel's tabular baseline (lattice and composition descriptors)";
    }

    /** The held-out scores in the run's metrics.json (test first), with units for MAE and RMSE. */
    private static List<ModelCard.Metric> metrics(Path runDir, boolean classification, String units)
            throws IOException {
        List<ModelCard.Metric> metrics = new ArrayList<>();
        Path metricsFile = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(metricsFile)) return metrics;
        JsonNode m = read(metricsFile);
        for (String split : List.of("test", "validation", "val")) {
            JsonNode s = m.get(split);
            if (s == null || !s.isObject()) continue;
            Integer n = s.has("n") ? s.get("n").asInt() : null;
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("n") || !e.getValue().isNumber()) continue;
                boolean inUnits = !classification
                        && (e.getKey().equals("mae") || e.getKey().equals("rmse"));
                metrics.add(new ModelCard.Metric(
                        e.getKey(),
                        split,
                        e.getValue().asDouble(),
                        inUnits ? units : null,
                        n,
                        "metrics.json of the training run (held-out rows, measured by Spinel)"));
            }
        }
        return metrics;
    }

    /**
     * Adds (or replaces, by id) {@code card} in the JSON array {@code registryFile} and makes sure the
     * {@value ModelRegistry#INDEX} beside it lists that file. Both written atomically.
     */
    public static void register(ModelCard card, Path registryFile) throws IOException {
        List<ModelCard> cards = new ArrayList<>();
        if (Files.isRegularFile(registryFile)) {
            try (var in = Files.newInputStream(registryFile)) {
                for (ModelCard c : ModelCard.readList(in)) if (!c.id().equals(card.id())) cards.add(c);
            }
        }
        cards.add(card);
        AtomicFiles.writeString(registryFile, ModelCard.JSON.writeValueAsString(cards) + "\n");
        Path index = registryFile.resolveSibling("index.json");
        List<String> files = new ArrayList<>();
        if (Files.isRegularFile(index)) files.addAll(Arrays.asList(JSON.readValue(index.toFile(), String[].class)));
        String name = registryFile.getFileName().toString();
        if (!files.contains(name)) {
            files.add(name);
            AtomicFiles.writeString(index, JSON.writeValueAsString(files) + "\n");
        }
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("missing " + file + " (not a spinel train run folder?)");
        return JSON.readTree(file.toFile());
    }
}

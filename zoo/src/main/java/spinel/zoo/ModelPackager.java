package spinel.zoo;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spinel.conv.CrystalGraphConvNet;
import spinel.graph.io.AtomicFiles;
import spinel.train.ExperimentSpec;
import spinel.train.ModelFactory;
import spinel.train.RunConfig;
import spinel.train.TrainingLoop;

/**
 * Turns a finished {@code spinel train} run folder (its {@link RunConfig}, metrics.json,
 * best.params) of a plain CGCNN into a bundled model: the weights as a Spinel {@code .npz}
 * ({@link CgcnnWeights}) and a {@link ModelCard} that points to it as a class-path resource and
 * reports the run's own held-out metrics.
 *
 * <p>Supported: model {@code cgcnn} with the default head, tasks {@code regression},
 * {@code volume} (structures rescaled to the run's fixed volume per atom) and the classification
 * tasks (classes from the run's config). An ensemble run is packaged from its first member.
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
     * Writes {@code <outDir>/<name>.npz} for the run in {@code runDir} and returns its card
     * ({@code name} is the last part of the id).
     */
    public static ModelCard packageRun(Path runDir, Description d, Path outDir) throws IOException {
        RunConfig config = RunConfig.read(runDir);
        RunConfig.GraphSettings graph = config.featurizer().graph();
        if (config.model().kind() != ExperimentSpec.Model.CGCNN
                || config.model().head() != ExperimentSpec.Head.DEFAULT
                || config.task().kind() == ExperimentSpec.Task.MULTI_TASK) {
            throw new IllegalArgumentException(
                    runDir + ": only plain CGCNN runs (model cgcnn, head default, one task) can be packaged, this is "
                            + "model " + config.model().kind().id() + ", head "
                            + config.model().head().id()
                            + ", task " + config.task().kind().id());
        }
        List<String> classes =
                config.task().classes() == null ? List.of() : config.task().classes();
        boolean classification = config.task().classification();
        Path best = config.members().get(0).bestParams(runDir);
        if (!Files.isRegularFile(best))
            throw new IllegalArgumentException(runDir + ": no best.params (not a finished run?)");

        ModelCard.Featurizer featurizer = new ModelCard.Featurizer(
                graph.radius(),
                graph.maxNeighbors(),
                new ModelCard.Gaussian(
                        graph.gaussian().dmin(),
                        graph.gaussian().dmax(),
                        graph.gaussian().step(),
                        graph.gaussian().var()),
                ModelCard.Featurizer.BUILTIN_ATOM_FEATURES,
                graph.rescaleVolumePerAtom());
        CrystalGraphConvNet net = (CrystalGraphConvNet) ModelFactory.block(config);
        Map<String, CgcnnWeights.Tensor> tensors = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeParameters(manager);
            TrainingLoop.loadParameters(net, manager, best);
            net.torchParameters()
                    .forEach((k, p) -> tensors.put(
                            k,
                            new CgcnnWeights.Tensor(
                                    Arrays.stream(p.getArray().getShape().getShape())
                                            .mapToInt(Math::toIntExact)
                                            .toArray(),
                                    p.getArray().toFloatArray())));
        }
        double mean = classification ? 0 : config.normalizer().mean();
        double std = classification ? 1 : config.normalizer().std();
        CgcnnWeights w = new CgcnnWeights(
                tensors,
                new CgcnnWeights.Meta(
                        CgcnnWeights.FORMAT_VERSION,
                        classification ? "classification" : "regression",
                        mean,
                        std,
                        CgcnnWeights.inferNetwork(tensors, best.toString()),
                        best.toString(),
                        null,
                        null,
                        null));
        String name = d.id().substring(d.id().indexOf('/') + 1);
        Path npz = outDir.resolve(name + ".npz");
        w.writeNpz(npz);

        List<ModelCard.Metric> metrics = new ArrayList<>();
        Path metricsFile = runDir.resolve("metrics.json");
        if (Files.isRegularFile(metricsFile)) {
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
                            inUnits ? d.units() : null,
                            n,
                            "metrics.json of the training run (held-out rows, measured by Spinel)"));
                }
            }
        }
        RunConfig.DataSettings data = config.data();
        String split = data.folds() != null
                ? "fold " + data.fold() + " of " + data.folds()
                : String.format(
                        Locale.ROOT,
                        "seeded random split, validation %s, test %s",
                        data.valFraction(),
                        data.testFraction());
        Integer epochs = config.optimisation().epochs();
        ModelCard.Network net2 = w.network();
        return new ModelCard(
                d.id(),
                d.version(),
                d.title(),
                d.description(),
                "cgcnn",
                classification ? "classification" : "regression",
                new ModelCard.Target(
                        config.task().target() != null
                                ? config.task().target()
                                : config.task().kind().name().toLowerCase(Locale.ROOT),
                        d.units(),
                        null,
                        classification ? classes : null),
                new ModelCard.Training(d.data(), d.dataLicence(), split, epochs, d.command(), "spinel train"),
                metrics,
                featurizer,
                net2,
                "T. Xie and J. C. Grossman, Phys. Rev. Lett. 120, 145301 (2018) (architecture)",
                d.licence(),
                Map.of(
                        ModelCard.WEIGHTS,
                        new ModelFile(
                                name + ".npz",
                                null,
                                RESOURCE_DIR + name + ".npz",
                                Files.size(npz),
                                ModelCache.sha256(npz),
                                "npz")));
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

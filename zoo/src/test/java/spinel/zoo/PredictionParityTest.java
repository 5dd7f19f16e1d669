package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

/**
 * The eight published CGCNN models, fetched from a loopback mirror of their public URLs, verified,
 * converted and run on the reference's 10 sample CIFs, must give the reference predict.py's numbers.
 */
class PredictionParityTest {

    static final Path CGCNN = ModelRegistryTest.CGCNN;
    static LoopbackServer mirror;

    @TempDir
    static Path cache;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CGCNN.resolve("pre-trained")), "no " + CGCNN);
        mirror = ModelRegistryTest.cgcnnMirror();
    }

    @AfterAll
    static void stop() {
        if (mirror != null) mirror.close();
    }

    static ModelRegistry zoo() {
        return ModelRegistry.of(
                ModelRegistry.bundledCards(),
                new ModelCache(
                        new ZooSettings(cache, false, mirror.base(), false, 1 << 20),
                        HttpClient.newHttpClient(),
                        new PrintStream(OutputStream.nullOutputStream())));
    }

    static List<Structure> samples() throws Exception {
        List<Structure> out = new ArrayList<>();
        for (String id : List.of(
                "1000041", "1000050", "1101051", "1507756", "7206075", "9000046", "9009743", "9011050", "9011998",
                "9012304")) {
            out.add(Structures.readOne(CGCNN.resolve("sample/" + id + ".cif")).withId(id));
        }
        return out;
    }

    static Map<String, Double> expected(String model) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(CGCNN.resolve("reference/" + model + ".predictions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            m.put(c[0], Double.parseDouble(c[2]));
        }
        return m;
    }

    static double value(Prediction p) {
        return p.isClassification() ? p.probability("metal") : p.value();
    }

    @Test
    void theEightPublishedModelsMatchTheReferencePredictions() throws Exception {
        List<Structure> structures = samples();
        ModelRegistry zoo = zoo();
        List<spinel.graph.CrystalGraph> graphs = null;
        for (String model : ModelRegistryTest.MODELS) {
            Map<String, Double> want = expected(model);
            assertEquals(
                    zoo.card("cgcnn/formation-energy-per-atom").featurizer(),
                    zoo.card("cgcnn/" + model).featurizer());
            try (CgcnnModel m = zoo.loadModel("cgcnn/" + model)) {
                List<Prediction> got;
                if (graphs == null) {
                    // the first model goes through the whole path, structures to predictions
                    got = m.predict(structures);
                    graphs = new ArrayList<>();
                    for (Structure s : structures) graphs.add(m.graph(s));
                } else {
                    // the eight share one featurisation: reuse the graphs
                    got = m.predictGraphs(graphs, false);
                }
                for (Prediction p : got) {
                    assertEquals(want.get(p.id()), value(p), 1e-4, model + " on " + p.id());
                }
                assertEquals(structures.size(), got.size());
            }
        }
        // converted once: the cache holds one npz per checkpoint
        try (var s = Files.list(cache.resolve("converted"))) {
            assertEquals(
                    ModelRegistryTest.MODELS.size(),
                    s.filter(p -> p.toString().endsWith(".npz")).count());
        }
        // and a second load reads the conversion (same numbers)
        try (CgcnnModel m = zoo.loadModel("cgcnn/band-gap")) {
            assertEquals(
                    expected("band-gap").get("1507756"),
                    m.predict(structures.get(3)).value(),
                    1e-4);
        }
    }

    @Test
    void aCheckpointPathLoadsWithItsAtomInit() throws Exception {
        try (CgcnnModel m = zoo().loadModel(
                        CGCNN.resolve("pre-trained/semi-metal-classification.pth.tar"),
                        CGCNN.resolve("sample/atom_init.json"))) {
            Map<String, Double> want = expected("semi-metal-classification");
            for (Prediction p : m.predict(samples())) {
                // without a card the classes are called 0 and 1
                assertEquals(want.get(p.id()), p.probability("1"), 1e-4, p.id());
                assertEquals(
                        1.0,
                        p.probabilities().values().stream()
                                .mapToDouble(Double::doubleValue)
                                .sum(),
                        1e-6);
            }
        }
    }

    @Test
    void embeddingsComeWithTheSamePredictions() throws Exception {
        List<Structure> structures = samples();
        try (CgcnnModel m = zoo().loadModel("cgcnn/formation-energy-per-atom")) {
            List<spinel.graph.CrystalGraph> graphs = new ArrayList<>();
            for (Structure s : structures) graphs.add(m.graph(s));
            List<Prediction> plain = m.predictGraphs(graphs, false);
            List<Prediction> withEmb = m.predictGraphs(graphs, true);
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(plain.get(i).value(), withEmb.get(i).value(), 1e-6);
                assertEquals(64, withEmb.get(i).embedding().length);
            }
        }
    }

    @Test
    void djlCriteriaAndPredictorGiveTheSameNumbers() throws Exception {
        ModelRegistry zoo = zoo();
        Map<String, Double> want = expected("efermi");
        try (CgcnnModel m = zoo.loadModel("cgcnn/efermi");
                ZooModel<Structure, Prediction> model = zoo.criteria(m).loadModel();
                Predictor<Structure, Prediction> predictor = model.newPredictor()) {
            for (Structure s : samples()) {
                Prediction p = predictor.predict(s);
                assertEquals(s.id(), p.id());
                assertEquals(want.get(s.id()), p.value(), 1e-4, s.id());
            }
            assertTrue(Files.isRegularFile(cache.resolve("djl")
                    .resolve(zoo.card("cgcnn/efermi").file(ModelCard.WEIGHTS).sha256())
                    .resolve("cgcnn-0000.params")));
        }
    }
}

package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.conv.CrystalGraphConvNet;
import spinel.conv.GraphBatch;
import spinel.graph.CrystalGraph;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

/**
 * A model shipped inside a jar (card + weights + atom features as class-path resources) is found,
 * installed into the cache without any network, loaded and gives the network's own numbers.
 */
class BundledModelTest {

    static final Path CGCNN = ModelRegistryTest.CGCNN;

    @Test
    void aBundledModelLoadsOfflineAndPredicts(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CGCNN.resolve("sample")));
        Path res = tmp.resolve("jar");
        Path models = Files.createDirectories(res.resolve("models"));

        // a small random network in the reference's layout (n_h = 2 gives an fcs.0 layer)
        CrystalGraphConvNet net = CrystalGraphConvNet.builder()
                .optAtomInputLength(92)
                .optBondFeatureLength(41)
                .optAtomFeatureLength(8)
                .optNumConv(2)
                .optHiddenLength(16)
                .optNumHidden(2)
                .optRegression(1)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initializeParameters(manager);
            Map<String, CgcnnWeights.Tensor> tensors = new LinkedHashMap<>();
            net.torchParameters()
                    .forEach((k, p) -> tensors.put(
                            k,
                            new CgcnnWeights.Tensor(
                                    java.util.Arrays.stream(
                                                    p.getArray().getShape().getShape())
                                            .mapToInt(Math::toIntExact)
                                            .toArray(),
                                    p.getArray().toFloatArray())));
            CgcnnWeights w = new CgcnnWeights(
                    tensors,
                    new CgcnnWeights.Meta(
                            CgcnnWeights.FORMAT_VERSION,
                            "regression",
                            1.5,
                            2.0,
                            CgcnnWeights.inferNetwork(tensors, "test"),
                            "tiny.npz",
                            null,
                            3,
                            0.1));
            assertEquals(new ModelCard.Network(92, 41, 8, 2, 16, 2, 1), w.network());
            w.writeNpz(models.resolve("tiny.npz"));
            Files.copy(CGCNN.resolve("sample/atom_init.json"), models.resolve("atom_init.json"));

            ModelCard card = new ModelCard(
                    "test/tiny",
                    "1",
                    "Tiny",
                    "a test model",
                    "cgcnn",
                    "regression",
                    new ModelCard.Target("e_form", "eV/atom", null, null),
                    null,
                    List.of(),
                    ModelCard.Featurizer.cgcnnDefault(),
                    w.network(),
                    null,
                    "MIT",
                    Map.of(
                            ModelCard.WEIGHTS, bundled("tiny.npz", models, "npz"),
                            ModelCard.ATOM_INIT, bundled("atom_init.json", models, "atom-init-json")));
            Path registry = Files.createDirectories(res.resolve("spinel/zoo/registry"));
            Files.writeString(registry.resolve("index.json"), "[\"tiny.json\"]");
            Files.writeString(registry.resolve("tiny.json"), "[" + card.toJson() + "]");

            Structure s =
                    Structures.readOne(CGCNN.resolve("sample/1507756.cif")).withId("1507756");
            ClassLoader old = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader jar = new URLClassLoader(new URL[] {res.toUri().toURL()}, old)) {
                Thread.currentThread().setContextClassLoader(jar);
                ModelRegistry zoo =
                        ModelRegistry.create(new ZooSettings(tmp.resolve("cache"), true, null, false, 1 << 20));
                assertTrue(zoo.find("test/tiny").isPresent());
                assertTrue(zoo.find("cgcnn/band-gap").isPresent(), "the module's own registry is still there");
                try (CgcnnModel m = zoo.loadModel("test/tiny")) {
                    Prediction p = m.predict(s);
                    CrystalGraph g = m.graph(s);
                    try (GraphBatch b = GraphBatch.of(manager, List.of(g))) {
                        float out = net.forward(new ParameterStore(manager, false), b, false)
                                .head()
                                .getFloat(0, 0);
                        assertEquals(out * 2.0 + 1.5, p.value(), 1e-5);
                    }
                    assertEquals("eV/atom", p.units());
                }
            } finally {
                Thread.currentThread().setContextClassLoader(old);
            }
        }
    }

    private static ModelFile bundled(String name, Path dir, String format) throws Exception {
        Path f = dir.resolve(name);
        return new ModelFile(name, null, "/models/" + name, Files.size(f), ModelCache.sha256(f), format);
    }
}

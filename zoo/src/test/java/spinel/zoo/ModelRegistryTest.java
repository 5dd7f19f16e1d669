package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path CGCNN = SHARED.resolve("anchors/cgcnn");
    static final List<String> MODELS = List.of(
            "band-gap",
            "bulk-moduli",
            "efermi",
            "final-energy-per-atom",
            "formation-energy-per-atom",
            "poisson-ratio",
            "semi-metal-classification",
            "shear-moduli");

    /**
     * A loopback mirror of github.com/txie-93/cgcnn/raw/master serving the anchors from ../shared,
     * as the real repository lays them out.
     */
    static LoopbackServer cgcnnMirror() throws IOException {
        LoopbackServer server = new LoopbackServer();
        for (String m : MODELS) {
            server.serveFile(
                    "/txie-93/cgcnn/raw/master/pre-trained/" + m + ".pth.tar",
                    CGCNN.resolve("pre-trained/" + m + ".pth.tar"));
        }
        server.serveFile(
                "/txie-93/cgcnn/raw/master/data/sample-regression/atom_init.json",
                CGCNN.resolve("sample/atom_init.json"));
        return server;
    }

    static ModelRegistry zoo(ZooSettings settings) {
        return ModelRegistry.of(
                ModelRegistry.bundledCards(),
                new ModelCache(settings, HttpClient.newHttpClient(), new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void registryHoldsTheEightPublishedCgcnnModels() {
        ModelRegistry zoo = zoo(new ZooSettings(Path.of("unused"), true, null, false, 1));
        for (String m : MODELS) {
            ModelCard c = zoo.card("cgcnn/" + m);
            assertEquals(
                    "https://github.com/txie-93/cgcnn/raw/master/pre-trained/" + m + ".pth.tar",
                    c.file(ModelCard.WEIGHTS).url());
            assertEquals("torch", c.file(ModelCard.WEIGHTS).format());
            assertEquals(8.0, c.featurizer().radius());
            assertEquals(12, c.featurizer().maxNeighbors());
            assertEquals(41, c.network().nbrFeaLen());
            assertEquals(m.contains("classification"), c.isClassification());
            assertTrue(!c.metrics().isEmpty() && c.licence().startsWith("MIT"));
        }
        assertEquals(
                List.of("semiconductor", "metal"),
                zoo.card("cgcnn/semi-metal-classification").target().classes());
        assertEquals(
                "eV/atom", zoo.card("cgcnn/formation-energy-per-atom").target().units());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zoo.card("cgcnn/nope"));
        assertTrue(e.getMessage().contains("cgcnn/band-gap"), e.getMessage());
    }

    @Test
    void cardsRoundTripThroughJson() throws IOException {
        for (ModelCard c : ModelRegistry.bundledCards()) {
            assertEquals(c, ModelCard.read(new ByteArrayInputStream(c.toJson().getBytes())));
        }
    }

    @Test
    void registryChecksumsMatchThePublishedFiles(@TempDir Path cache) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CGCNN.resolve("pre-trained")), "no " + CGCNN);
        try (LoopbackServer mirror = cgcnnMirror()) {
            ModelRegistry zoo = zoo(new ZooSettings(cache, false, mirror.base(), false, 1 << 20));
            for (String m : MODELS) {
                Map<String, Path> files = zoo.fetchAll("cgcnn/" + m);
                assertEquals(
                        -1,
                        Files.mismatch(files.get(ModelCard.WEIGHTS), CGCNN.resolve("pre-trained/" + m + ".pth.tar")));
                assertEquals(
                        cache.resolve("models/cgcnn/" + m + "/2018/" + m + ".pth.tar"), files.get(ModelCard.WEIGHTS));
            }
            for (String m : MODELS)
                assertEquals(1, mirror.hits("/txie-93/cgcnn/raw/master/pre-trained/" + m + ".pth.tar"));
            // a second run is served from the cache alone
            int before = mirror.totalHits();
            zoo(new ZooSettings(cache, true, null, false, 1 << 20)).fetchAll("cgcnn/band-gap");
            assertEquals(before, mirror.totalHits());
        }
    }

    @Test
    void mirrorFromEnvironmentShapedSettings() {
        ZooSettings s = ZooSettings.fromEnvironment(Map.of("SPINEL_MODEL_MIRROR", "http://127.0.0.1:1/"));
        assertEquals(
                URI.create("http://127.0.0.1:1/txie-93/cgcnn/raw/master/pre-trained/efermi.pth.tar"),
                s.effectiveUri("https://github.com/txie-93/cgcnn/raw/master/pre-trained/efermi.pth.tar"));
    }
}

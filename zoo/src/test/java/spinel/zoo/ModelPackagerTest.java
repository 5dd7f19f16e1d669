package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.io.Structures;
import spinel.train.Experiment;
import spinel.train.ExperimentSpec;

/**
 * A model trained by {@code spinel.train}, packaged as a bundled model, predicts exactly what the
 * training run itself wrote into its predictions.csv for the held-out rows.
 */
class ModelPackagerTest {

    static final Path SAMPLE = ModelRegistryTest.CGCNN.resolve("sample");

    @Test
    void aCgcnnRunBecomesABundledModelWithTheSameNumbers(@TempDir Path tmp) throws Exception {
        packageAndCompare(tmp, ExperimentSpec.builder());
    }

    @Test
    void anMlpEnsembleRunBecomesABundledModelWithTheSameNumbersAndItsSpread(@TempDir Path tmp) throws Exception {
        packageAndCompare(
                tmp,
                ExperimentSpec.builder()
                        .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                        .optEnsemble(2));
    }

    @Test
    void aBlendRunBecomesABundledModelWithItsPartnerInside(@TempDir Path tmp) throws Exception {
        packageAndCompare(
                tmp,
                ExperimentSpec.builder()
                        .optModel(ExperimentSpec.Model.MLP_LATTICE)
                        .optBlend(spinel.train.classical.ClassicalModel.KNN));
    }

    static void packageAndCompare(Path tmp, ExperimentSpec.Builder builder) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SAMPLE.resolve("id_prop.csv")));
        Path run = tmp.resolve("run");
        ExperimentSpec spec = builder.setData(SAMPLE)
                .optArchitecture(8, 2, 16)
                .optTestFraction(0.3)
                .optValFraction(0.2)
                .optTrain(spinel.train.TrainConfig.builder()
                        .optEpochs(3)
                        .optBatchSize(4)
                        .build())
                .optCacheDir(tmp.resolve("graphs"))
                .setOut(run)
                .build();
        Experiment.run(spec, new PrintStream(OutputStream.nullOutputStream()));

        Path jar = tmp.resolve("jar");
        ModelCard card = ModelPackager.packageRun(
                run,
                new ModelPackager.Description(
                        "spinel/sample-target",
                        "1",
                        "Sample target",
                        "a test model",
                        "arbitrary",
                        "the 10 sample CIFs",
                        "MIT",
                        "ExperimentSpec in ModelPackagerTest",
                        "MIT"),
                Files.createDirectories(jar.resolve("spinel/zoo/models")));
        ModelPackager.register(card, jar.resolve("spinel/zoo/registry/spinel.json"));
        assertEquals(RunArchive.FORMAT, card.file(ModelCard.WEIGHTS).format());
        assertEquals(1, card.files().size(), "no atom_init.json: the run says how it featurises");
        assertFalse(card.metrics().isEmpty());
        assertTrue(card.metrics().stream()
                .anyMatch(m -> m.name().equals("mae") && m.split().equals("test")));

        List<String> rows = Files.readAllLines(run.resolve("predictions.csv"));
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, old)) {
            Thread.currentThread().setContextClassLoader(loader);
            ModelRegistry zoo = ModelRegistry.create(new ZooSettings(tmp.resolve("cache"), true, null, false, 1 << 20));
            try (StructureModel<?> m = zoo.openModel("spinel/sample-target")) {
                int compared = 0;
                for (String row : rows.subList(1, rows.size())) {
                    String[] c = row.split(",");
                    Prediction p = m.predict(
                            Structures.readOne(SAMPLE.resolve(c[0] + ".cif")).withId(c[0]));
                    assertEquals(Double.parseDouble(c[2]), p.value(), 1e-5, c[0]);
                    assertEquals(spec.ensemble() > 1, p.spread() != null, "an ensemble reports its spread");
                    compared++;
                }
                assertTrue(compared >= 2, "test rows compared: " + compared);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }
}

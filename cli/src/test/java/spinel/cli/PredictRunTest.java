package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spinel train} → {@code spinel predict --model RUN_DIR} (and the packaged model made from the
 * run by {@code spinel zoo package}) reproduce the run's own predictions.csv to 1e-5, from structure
 * files alone, for each kind of run; on the reference CGCNN's 10 sample CIFs (skipped without ../shared).
 */
class PredictRunTest {

    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;

    @BeforeAll
    static void sample() {
        Assumptions.assumeTrue(Files.isDirectory(TrainCommandTest.SAMPLE));
    }

    /** Trains a run with {@code args} into {@code dir/name}. */
    static Path train(String name, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(
                "--data", TrainCommandTest.SAMPLE.toString(),
                "--epochs", "2",
                "--batch", "4",
                "--test-fraction", "0.3",
                "--atom-fea-len", "8",
                "--h-fea-len", "16",
                "--cache", dir.resolve("cache").toString(),
                "--out", dir.resolve(name).toString()));
        a.addAll(List.of(args));
        TrainCommandTest.run(new TrainCommand(), a.toArray(new String[0]));
        return dir.resolve(name);
    }

    /** id → {prediction or probability, label} of the run's predictions.csv (its test rows). */
    static Map<String, String[]> written(Path run) throws Exception {
        Map<String, String[]> m = new HashMap<>();
        List<String> rows = Files.readAllLines(run.resolve("predictions.csv"));
        for (String r : rows.subList(1, rows.size())) {
            String[] c = r.split(",");
            m.put(c[0], c);
        }
        return m;
    }

    /** Predicts the run's test rows with {@code model} and compares them with its predictions.csv. */
    static List<JsonNode> assertReproduces(Path run, String model) throws Exception {
        Map<String, String[]> want = written(run);
        List<String> args = new ArrayList<>(
                List.of("--model", model, "--cache-dir", dir.resolve("zoo").toString()));
        for (String id : want.keySet())
            args.add(TrainCommandTest.SAMPLE.resolve(id + ".cif").toString());
        FirstHourTest.Run r = FirstHourTest.run(null, prepend("predict", args));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(want.size(), lines.size());
        for (JsonNode n : lines) {
            String id = Path.of(n.get("file").asText()).getFileName().toString().replace(".cif", "");
            String[] c = want.get(id);
            if (n.has("probabilities")) {
                assertEquals(c[2], n.get("prediction").asText(), id);
                assertEquals(
                        Double.parseDouble(c[3]), n.at("/probabilities/" + c[2]).asDouble(), TOLERANCE, id);
            } else {
                assertEquals(Double.parseDouble(c[2]), n.get("prediction").asDouble(), TOLERANCE, id);
            }
        }
        return lines;
    }

    static String[] prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(new String[0]);
    }

    /** Packages {@code run} with {@code spinel zoo package} and returns the archive. */
    static Path packaged(Path run, String name) throws Exception {
        Path out = dir.resolve("packaged-" + name);
        FirstHourTest.Run r = FirstHourTest.run(
                null,
                "zoo",
                "package",
                run.toString(),
                "--id",
                "test/" + name,
                "--title",
                name,
                "--data",
                "the 10 sample CIFs",
                "--command",
                "PredictRunTest",
                "--out",
                out.toString(),
                "--registry",
                out.resolve("registry/test.json").toString());
        assertEquals(0, r.code(), r.err());
        return out.resolve(name + ".zip");
    }

    @Test
    void cgcnnRegressionRunAndItsPackage() throws Exception {
        Path run = train("cgcnn");
        assertReproduces(run, run.toString());
        assertReproduces(run, packaged(run, "cgcnn").toString());
    }

    @Test
    void angleLayerRunAndItsPackage() throws Exception {
        Path run = train("angles", "--angle-layers", "2", "--angle-neighbors", "6");
        JsonNode config =
                spinel.train.RunFiles.JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(2, config.at("/model/angle_layers").asInt(), config.toString());
        assertEquals(6, config.at("/featurizer/graph/angle_neighbors").asInt(), config.toString());
        assertReproduces(run, run.toString());
        assertReproduces(run, packaged(run, "angles").toString());
    }

    @Test
    void mlpEnsembleGivesMeanAndSpread() throws Exception {
        Path run = train("mlp", "--model", "mlp-both", "--ensemble", "3");
        for (JsonNode n : assertReproduces(run, run.toString()))
            assertTrue(n.get("spread").asDouble() > 0, n.toString());
        assertReproduces(run, packaged(run, "mlp").toString());
    }

    @Test
    void tabnetRunPredictsEvaluatesAndPackages() throws Exception {
        Path run = train(
                "tabnet",
                "--model",
                "tabnet",
                "--tabnet-width",
                "8",
                "--tabnet-steps",
                "2",
                "--tabnet-virtual-batch",
                "2");
        assertTrue(Files.isRegularFile(run.resolve("feature_importances.csv")));
        assertReproduces(run, run.toString());
        assertReproduces(run, packaged(run, "tabnet").toString());
        // spinel eval on all 10 rows gives the test rows' predictions again
        Path eval = dir.resolve("tabnet-eval");
        FirstHourTest.Run r = FirstHourTest.run(
                null,
                "eval",
                "--model",
                run.toString(),
                "--data",
                TrainCommandTest.SAMPLE.toString(),
                "--cache",
                dir.resolve("cache").toString(),
                "--out",
                eval.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, String[]> all = written(eval);
        assertEquals(10, all.size());
        for (Map.Entry<String, String[]> e : written(run).entrySet())
            assertEquals(
                    Double.parseDouble(e.getValue()[2]),
                    Double.parseDouble(all.get(e.getKey())[2]),
                    TOLERANCE,
                    e.getKey());
    }

    @Test
    void classicalRunsAndTheirPackages() throws Exception {
        Path forest = train("forest", "--model", "random-forest", "--param", "trees=20");
        assertReproduces(forest, forest.toString());
        assertReproduces(forest, packaged(forest, "forest").toString());
        Path boost = train("boost", "--model", "gradient-boosting", "--task", "binary", "--threshold", "5");
        assertReproduces(boost, packaged(boost, "boost").toString());
    }

    @Test
    void fusionClassificationRun() throws Exception {
        Path run = train("fusion", "--model", "fusion", "--task", "binary", "--threshold", "5");
        assertReproduces(run, run.toString());
        assertReproduces(run, packaged(run, "fusion").toString());
    }

    @Test
    void fusionOnTheSymmetryLadderRecordsItsBlocksAndReproduces() throws Exception {
        Path run = train("fusion-ladder", "--model", "fusion", "--features", "symmetry,lattice");
        JsonNode config =
                spinel.train.RunFiles.JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(
                "[\"symmetry\",\"lattice\"]", config.at("/featurizer/tabular").toString(), config.toString());
        assertReproduces(run, run.toString());
        FirstHourTest.Run refused = FirstHourTest.run(
                null,
                "train",
                "--data",
                TrainCommandTest.SAMPLE.toString(),
                "--features",
                "symmetry",
                "--out",
                dir.resolve("refused").toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("--features chooses the descriptors of --model fusion"), refused.err());
    }

    @Test
    void twoStageCompositionRunPredictsStructuresAndFormulas() throws Exception {
        StringBuilder csv = new StringBuilder("id,spg_num\n");
        int[] groups = {225, 221, 62, 221, 194, 14, 2, 166, 139, 12};
        List<String> ids = Files.readAllLines(TrainCommandTest.SAMPLE.resolve("id_prop.csv"));
        for (int i = 0; i < 10; i++)
            csv.append(ids.get(i).split(",")[0]).append(',').append(groups[i]).append('\n');
        Path labels = Files.writeString(dir.resolve("spg.csv"), csv);
        Path run = train(
                "two-stage",
                "--model",
                "mlp-composition",
                "--head",
                "two-stage",
                "--task",
                "space-group",
                "--labels",
                labels.toString(),
                "--target",
                "spg_num");
        assertReproduces(run, run.toString());
        assertReproduces(run, packaged(run, "two-stage").toString());
        Path formulas = Files.writeString(dir.resolve("formulas.txt"), "# two\nNbO2\n\nNotAFormula\n");
        FirstHourTest.Run r = FirstHourTest.run(
                null, "predict", "--model", run.toString(), "--formula", "SrTiO3", "--formulas", formulas.toString());
        assertEquals(1, r.code(), "a formula that cannot be read fails the run: " + r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(3, lines.size(), lines.toString());
        JsonNode first = lines.get(0);
        assertEquals("SrTiO3", first.get("formula").asText());
        assertTrue(first.get("ok").asBoolean());
        assertEquals(5, first.get("probabilities").size());
        assertTrue(first.get("prediction").isInt(), "a space group is printed as a number: " + first);
        String group = first.get("prediction").asText();
        assertEquals(
                first.get("probability").asDouble(),
                first.at("/probabilities/" + group).asDouble(),
                1e-12);
        double lattices = 0;
        for (JsonNode p : first.get("bravais")) lattices += p.asDouble();
        assertTrue(lattices <= 1 + 1e-9 && first.get("bravais").size() == 5, first.toString());
        assertTrue(first.has("crystal_system") && first.has("international"), first.toString());
        assertEquals("NbO2", lines.get(1).get("formula").asText());
        assertEquals(false, lines.get(2).get("ok").asBoolean());
        Path cgcnn = train("cgcnn-for-formula");
        FirstHourTest.Run refused =
                FirstHourTest.run(null, "predict", "--model", cgcnn.toString(), "--formula", "NbO2");
        assertTrue(refused.code() != 0 && refused.err().contains("needs a crystal structure"), refused.err());
    }
}

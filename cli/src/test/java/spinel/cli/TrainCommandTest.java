package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** spinel train / eval / bench on the reference CGCNN's 10 sample CIFs (plumbing only: tiny data). */
class TrainCommandTest {

    static final Path SAMPLE =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn/sample");

    static List<JsonNode> run(Object command, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(command)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .execute(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : buf.toString(StandardCharsets.UTF_8).split("\n"))
            if (!l.isBlank()) lines.add(new ObjectMapper().readTree(l));
        return lines;
    }

    @Test
    void trainEvalAndCompare(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        String cache = dir.resolve("cache").toString();
        List<JsonNode> out = run(
                new TrainCommand(),
                "--data",
                SAMPLE.toString(),
                "--model",
                "mlp-composition",
                "--epochs",
                "2",
                "--batch",
                "4",
                "--test-fraction",
                "0.3",
                "--cache",
                cache,
                "--out",
                dir.resolve("run").toString());
        assertEquals(1, out.size());
        JsonNode m = out.get(0);
        assertEquals(3, m.get("test").get("n").asInt());
        assertTrue(m.get("test").has("mae") && m.has("epochs") && m.has("seconds") && m.has("peak_rss_mb"));
        assertTrue(Files.isRegularFile(dir.resolve("run/metrics.json")));

        List<JsonNode> eval = run(
                new EvalCommand(),
                "--model",
                dir.resolve("run").toString(),
                "--data",
                SAMPLE.toString(),
                "--cache",
                cache,
                "--out",
                dir.resolve("eval").toString());
        assertEquals(10, eval.get(0).get("test").get("n").asInt());

        List<JsonNode> scratch = run(
                new BenchCommand.ScratchMlpBaseline(),
                "--data",
                SAMPLE.toString(),
                "--epochs",
                "5",
                "--lr",
                "0.05",
                "--hidden",
                "8",
                "--out",
                dir.resolve("scratch").toString());
        assertTrue(scratch.get(0).get("gradient_check_max_error").asDouble() < 1e-5);
        assertTrue(scratch.get(0).get("test").has("mae"));

        List<JsonNode> cmp = run(
                new BenchCommand(),
                "compare",
                "--data",
                SAMPLE.toString(),
                "--models",
                "mlp-lattice,mlp-composition",
                "--epochs",
                "2",
                "--batch",
                "4",
                "--cache",
                cache,
                "--out",
                dir.resolve("bench").toString());
        assertEquals(2, cmp.size());
        String table = Files.readString(dir.resolve("bench/results.md"));
        assertTrue(table.contains("| mlp-lattice | 1 |") && table.contains("| mlp-composition | 1 |"), table);
        // rerunning skips the finished runs and gives the same numbers
        List<JsonNode> again = run(
                new BenchCommand(),
                "compare",
                "--data",
                SAMPLE.toString(),
                "--models",
                "mlp-lattice",
                "--epochs",
                "2",
                "--batch",
                "4",
                "--cache",
                cache,
                "--out",
                dir.resolve("bench").toString());
        assertEquals(
                cmp.get(0).get("test").get("mae").asDouble(),
                again.get(0).get("test").get("mae").asDouble(),
                0);
    }

    @Test
    void angularResidualFusionPredictsAndSeedsATransfer(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        String cache = dir.resolve("cache").toString();
        String[] common = {
            "--data",
            SAMPLE.toString(),
            "--epochs",
            "2",
            "--batch",
            "4",
            "--test-fraction",
            "0.3",
            "--atom-fea-len",
            "16",
            "--h-fea-len",
            "16",
            "--cache",
            cache
        };
        List<String> args = new ArrayList<>(List.of(common));
        args.addAll(List.of(
                "--model",
                "fusion",
                "--atom-descriptors",
                "steinhardt,acsf",
                "--residual",
                "--n-conv",
                "4",
                "--out",
                dir.resolve("angular").toString()));
        run(new TrainCommand(), args.toArray(new String[0]));
        List<JsonNode> predicted = run(
                new PredictCommand(), "--model", dir.resolve("angular").toString(), "--no-progress", SAMPLE.toString());
        assertEquals(10, predicted.size());
        for (JsonNode p : predicted)
            assertTrue(
                    p.get("ok").asBoolean()
                            && Double.isFinite(p.get("prediction").asDouble()),
                    p.toString());

        List<String> source = new ArrayList<>(List.of(common));
        source.addAll(List.of("--n-conv", "2", "--out", dir.resolve("source").toString()));
        run(new TrainCommand(), source.toArray(new String[0]));
        List<String> transfer = new ArrayList<>(List.of(common));
        transfer.addAll(List.of(
                "--n-conv",
                "2",
                "--init",
                dir.resolve("source").toString(),
                "--freeze",
                "--out",
                dir.resolve("transfer").toString()));
        run(new TrainCommand(), transfer.toArray(new String[0]));
        JsonNode config =
                new ObjectMapper().readTree(dir.resolve("transfer/config.json").toFile());
        assertEquals(
                dir.resolve("source").toString(),
                config.get("model").get("init").asText());
        assertTrue(config.get("model").get("freeze").asBoolean());
    }

    @Test
    void aRecipeSetsItsOptionsUnlessGiven() {
        TrainCommand t = new TrainCommand();
        new CommandLine(t).parseArgs("--data", "x", "--out", "y", "--epochs", "7", "--recipe", "matbench");
        t.options.applyRecipe();
        assertEquals("fusion", t.options.model);
        assertEquals("steinhardt,acsf", t.options.atomDescriptors);
        assertEquals("spinel/formation-energy-per-atom", t.options.init);
        assertEquals(0.002, t.options.lr, 0);
        assertEquals(5, t.options.ensemble);
        assertEquals("l1", t.options.loss);
        assertEquals(7, t.options.epochs, "the option given explicitly wins over the recipe's 60");
        TrainCommand plain = new TrainCommand();
        new CommandLine(plain).parseArgs("--data", "x", "--out", "y");
        plain.options.applyRecipe();
        assertEquals("cgcnn", plain.options.model, "no recipe, the defaults");

        BenchCommand.Compare compare = new BenchCommand.Compare();
        new CommandLine(compare).parseArgs("--data", "x", "--out", "y", "--recipe", "matbench");
        assertEquals(java.util.List.of("fusion"), compare.modelsToRun(), "bench compare runs the recipe's model");
        BenchCommand.Compare both = new BenchCommand.Compare();
        new CommandLine(both)
                .parseArgs("--data", "x", "--out", "y", "--recipe", "matbench", "--models", "cgcnn,fusion");
        assertEquals(java.util.List.of("cgcnn", "fusion"), both.modelsToRun(), "unless --models is given");

        CommandLine bad = new CommandLine(new TrainCommand());
        java.io.StringWriter err = new java.io.StringWriter();
        bad.setErr(new java.io.PrintWriter(err));
        assertNotEquals(0, bad.execute("--data", "x", "--out", "y", "--recipe", "nonsense"));
        assertTrue(err.toString().contains("--recipe nonsense: expected one of matbench"), err.toString());
    }

    @Test
    void helpAndBadOptions() {
        for (Object c : new Object[] {new TrainCommand(), new EvalCommand(), new BenchCommand()}) {
            assertEquals(0, new CommandLine(c).execute("--help"));
        }
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertNotEquals(0, cl.execute("--data", "x", "--out", "y", "--task", "nonsense"));
    }
}

package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The defects a new user met in the first hour (issue 10, part 6) stay fixed. */
class FirstHourTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    record Run(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
            return l;
        }
    }

    static Run run(InputStream stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            if (stdin != null) System.setIn(stdin);
            code = Spinel.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void zooPackageHelpWorksAndItsVersionOptionDoesNotClash() {
        Run r = run(null, "zoo", "package", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--model-version"), r.out());
        assertTrue(r.out().contains("-V, --version"), "the standard option stays: " + r.out());
    }

    @Test
    void aStructureOnStdinIsPredictedAndTheSpaceGroupIsANumber() throws Exception {
        byte[] cif = Files.readAllBytes(EXAMPLES.resolve("NaCl.cif"));
        Run r = run(new ByteArrayInputStream(cif), "predict", "--model", "spinel/space-group", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode line = r.lines().get(0);
        assertEquals("-", line.get("file").asText());
        assertTrue(line.get("prediction").isInt(), "a space group is a number: " + line);
        assertTrue(line.get("probabilities").size() > 0, line.toString());
        assertFalse(r.err().contains("AutoNonVariableTypeMode"), r.err());
    }

    @Test
    void numbersCarryNoRoundingNoiseAndGraphLinesNameTheirUnits() throws Exception {
        Run r = run(null, "graph", EXAMPLES.resolve("Al2O3-corundum.cif").toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("\\d+\\.(\\d+)").matcher(r.out());
        while (m.find()) assertTrue(m.group(1).length() <= 12, "too many digits: " + m.group());
        JsonNode units = r.lines().get(0).get("units");
        assertEquals("angstrom^3", units.get("volume").asText());
        assertEquals("angstrom", units.get("neighbors").asText());
        Run lattice =
                run(null, "descriptors", "lattice", EXAMPLES.resolve("NaCl.cif").toString());
        assertEquals("g/cm^3", lattice.lines().get(0).at("/units/density").asText());
    }

    @Test
    void predictionsAreFloat32WithoutNoiseDigits() throws Exception {
        Run r = run(
                null,
                "predict",
                "--model",
                "spinel/band-gap",
                EXAMPLES.resolve("Si.cif").toString());
        assertEquals(0, r.code(), r.err());
        String value = r.lines().get(0).get("prediction").asText();
        assertEquals(Float.toString(Float.parseFloat(value)), value, "the shortest float32 form");
    }
}

package spinel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.zoo.Prediction;
import spinel.zoo.PredictionResult;

/** Every example runs and prints what its documentation says. */
class ExamplesTest {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readStructure() throws Exception {
        Structure s = ReadStructure.run(Samples.file("NaCl.cif"), out);
        assertEquals(8, s.size());
        assertTrue(printed().contains("NaCl.cif: NaCl, 8 sites"), printed());
        // rock salt: Na–Cl at a/2
        assertTrue(
                printed()
                        .contains(String.format(
                                "nearest neighbour of site 0: %.4f Å",
                                s.lattice().lengths()[0] / 2)),
                printed());
        assertTrue(printed().contains("12 neighbours each, 41 bond features"), printed());
        assertTrue(printed().contains("space group 225 (Fm-3m), CUBIC, 2 sites in the primitive cell"), printed());
    }

    @Test
    void computeDescriptors() throws Exception {
        double q6 = ComputeDescriptors.run(Samples.file("Cu.cif"), out);
        assertEquals(0.57452, q6, 1e-5, "q6 of the fcc shell");
        assertTrue(printed().contains("volume_per_atom"), printed());
    }

    @Test
    void predictProperties() throws Exception {
        List<PredictionResult> r = PredictProperties.run(
                List.of(Samples.file("NaCl.cif"), Samples.file("Si.cif"), Path.of("no-such.cif")), out);
        assertEquals(3, r.size());
        assertTrue(
                r.get(0).prediction().value() < -1,
                "rock salt is strongly bound: " + r.get(0).prediction());
        assertEquals(
                0.0,
                r.get(1).prediction().value(),
                0.3,
                "an element's formation energy is 0, within the model's error");
        assertFalse(r.get(2).ok());
        assertTrue(printed().contains("eV/atom"), printed());
        assertTrue(printed().contains("no-such.cif: failed"), printed());
    }

    @Test
    void trainModel(@TempDir Path dir) throws Exception {
        Prediction p = TrainModel.run(dir, out);
        assertTrue(Double.isFinite(p.value()), p.toString());
        assertTrue(printed().contains("test scores: {") && printed().contains("mae="), printed());
        assertTrue(printed().contains("NaCl: density"), printed());
        assertTrue(Files.isRegularFile(dir.resolve("run/config.json")));
    }

    @Test
    void generateStructures(@TempDir Path dir) throws Exception {
        var ranked = GenerateStructures.run("NbO2", 12, dir, out);
        assertFalse(ranked.isEmpty(), printed());
        for (int r = 0; r < ranked.size(); r++) {
            assertEquals(r + 1, ranked.get(r).rank());
            assertTrue(ranked.get(r).validity().valid());
            if (r > 0) assertTrue(ranked.get(r).energy() >= ranked.get(r - 1).energy());
        }
        assertTrue(printed().contains("rank 1: "), printed());
        assertTrue(Files.isRegularFile(dir.resolve("NbO2-1.cif")), printed());
    }

    @Test
    void mainsRunWithTheirDefaults() throws Exception {
        PrintStream old = System.out;
        System.setOut(out);
        try {
            ReadStructure.main(new String[0]);
            ComputeDescriptors.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertTrue(printed().contains("NaCl.cif") && printed().contains("Cu.cif"), printed());
    }
}

package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.generate.Formula;
import spinel.graph.io.Structures;

/** The {@code spinel generate} contract: one JSON line per candidate, kept ones ranked and written as CIFs. */
class GenerateCommandTest {

    @Test
    void theBundledGanProposesRankedCandidates(@TempDir Path dir) throws Exception {
        List<JsonNode> lines = TrainCommandTest.run(
                new GenerateCommand(), "--formula", "NbO2", "--n", "12", "--out", dir.toString(), "--seed", "3");
        assertEquals(12, lines.size());
        int kept = 0;
        double previous = Double.NEGATIVE_INFINITY;
        for (JsonNode l : lines) {
            assertTrue(l.get("ok").asBoolean(), l.toString());
            assertEquals("NbO2", Formula.parse(l.get("formula").asText()).reducedFormula(), l.toString());
            if (l.get("rank").isNull()) {
                assertTrue(
                        l.get("file").isNull() && (!l.get("valid").asBoolean() || l.has("duplicate_of")), l.toString());
                continue;
            }
            kept++;
            assertEquals(kept, l.get("rank").asInt(), "kept lines come first, in rank order");
            double e = l.get("formation_energy_per_atom").asDouble();
            assertTrue(e >= previous, "rank 1 is the lowest predicted energy: " + l);
            previous = e;
            assertTrue(l.get("valid").asBoolean() && l.get("min_distance").asDouble() >= 0.5, l.toString());
            int sg = l.get("symmetry").get("number").asInt();
            assertTrue(sg >= 1 && sg <= 230, l.toString());
            Path cif = Path.of(l.get("file").asText());
            assertTrue(Files.isRegularFile(cif), l.toString());
            assertEquals(l.get("nsites").asInt(), Structures.readOne(cif).size());
        }
        assertFalse(kept == 0, "the bundled generator gives valid candidates for NbO2: " + lines);
    }

    @Test
    void criticGuidedSamplingRunsFromAGeneratorFileWithItsCritic(@TempDir Path dir) throws Exception {
        Path gan = dir.resolve("g.bin");
        spinel.generate.GanConfig small =
                new spinel.generate.GanConfig(8, 4, 2, 16, 1, 4, 1e-3, 1e-3, 0.5, 1.0, 0.6, Math.log(17.0), 1.0, 3);
        try (spinel.generate.CrystalGan g = new spinel.generate.CrystalGan(small)) {
            g.saveGenerator(gan);
        }
        List<JsonNode> lines = TrainCommandTest.run(
                new GenerateCommand(),
                "--formula",
                "NaCl",
                "--n",
                "4",
                "--out",
                dir.resolve("out").toString(),
                "--gan",
                gan.toString(),
                "--langevin-steps",
                "3",
                "--langevin-step-size",
                "0.05");
        assertEquals(4, lines.size());
        for (JsonNode l : lines) {
            assertEquals("NaCl", Formula.parse(l.get("formula").asText()).reducedFormula(), l.toString());
            assertTrue(l.has("valid_as_generated"), l.toString());
        }
    }
}

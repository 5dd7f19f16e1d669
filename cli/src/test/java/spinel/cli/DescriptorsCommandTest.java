package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import spinel.descriptors.SyntheticStructures;
import spinel.graph.Element;
import spinel.graph.io.Structures;

class DescriptorsCommandTest {

    private static List<JsonNode> run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            new CommandLine(new DescriptorsCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : buf.toString(StandardCharsets.UTF_8).split("\n"))
            if (!line.isBlank()) out.add(m.readTree(line));
        return out;
    }

    @Test
    void steinhardtOnFccAndABadFile(@TempDir Path dir) throws Exception {
        Path xyz = dir.resolve("cu.xyz");
        Structures.write(SyntheticStructures.fcc(Element.of("Cu"), 2.55, 1), xyz);
        Path bad = dir.resolve("bad.xyz");
        Files.writeString(bad, "2\nLattice=\"oops\"\nCu 0 0 0\n");
        List<JsonNode> lines = run("steinhardt", "--l", "4,6", "--neighbors", "12", bad.toString(), xyz.toString());
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).get("ok").asBoolean());
        assertTrue(
                lines.get(0).get("error").asText().contains("bad.xyz"),
                lines.get(0).toString());
        JsonNode r = lines.get(1);
        assertTrue(r.get("ok").asBoolean());
        assertEquals(4, r.get("q").get("4").size());
        for (JsonNode v : r.get("q").get("6")) assertEquals(0.57452, v.asDouble(), 5e-6);
        for (JsonNode v : r.get("w").get("4")) assertEquals(-0.159317, v.asDouble(), 5e-7);
        List<JsonNode> avg = run("steinhardt", "--cutoff", "2.7", "--averaged", xyz.toString());
        assertTrue(avg.get(0).get("averaged").asBoolean());
        assertEquals(12, avg.get(0).get("coordination").get(0).asInt());
        assertEquals(0.19094, avg.get(0).get("q").get("4").get(0).asDouble(), 5e-6);
    }

    @Test
    void acsfLatticeComposition(@TempDir Path dir) throws Exception {
        Path xyz = dir.resolve("cu.xyz");
        Structures.write(SyntheticStructures.bcc(Element.of("Fe"), 2.48, 1), xyz);
        JsonNode a = run("acsf", "--cutoff", "5", "--g2", "0.5:0", "--g4", "0.01:1:1", xyz.toString())
                .get(0);
        assertTrue(a.get("ok").asBoolean(), a.toString());
        assertEquals(
                List.of("G1_Fe", "G2_Fe_eta=0.5_Rs=0", "G4_Fe-Fe_eta=0.01_zeta=1_lambda=1"),
                new ObjectMapper().convertValue(a.get("names"), List.class));
        assertEquals(2, a.get("values").size());
        JsonNode l = run("lattice", xyz.toString()).get(0);
        assertEquals(
                Math.pow(2.48 * 2 / Math.sqrt(3), 3),
                l.get("features").get("volume").asDouble(),
                1e-4);
        JsonNode c = run("composition", xyz.toString()).get(0);
        assertEquals(26, c.get("features").get("atomic_number_mean").asDouble(), 1e-12);
    }

    @Test
    void realCifsFromTheReferenceSample() throws Exception {
        Path sample = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn/sample");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sample), "../shared is absent");
        // the folder also holds atom_init.json, a CGCNN folder's feature table: not read as a structure
        List<JsonNode> lines = run("steinhardt", "--sann", "--averaged", sample.toString());
        List<JsonNode> cifs = lines.stream()
                .filter(r -> r.get("file").asText().endsWith(".cif"))
                .toList();
        assertEquals(10, cifs.size());
        assertEquals(10, lines.size());
        for (JsonNode r : cifs) {
            assertTrue(r.get("ok").asBoolean(), r.toString());
            assertEquals(r.get("nsites").asInt(), r.get("q").get("6").size());
        }
        for (JsonNode r : run("composition", sample.resolve("1507756.cif").toString())) {
            assertTrue(r.get("ok").asBoolean(), r.toString());
            assertEquals(3, r.get("features").get("n_elements").asInt());
        }
    }
}

package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;
import spinel.graph.io.Structures;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;

/** The README's library example, line for line, so that the README stays true. */
class ReadmeExampleTest {

    @Test
    void readmeLibraryExamplePrintsWhatItSays() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Structure s = Structures.readOne(Path.of("..", "examples", "Cu.cif"));
            CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
            System.out.println(g.numAtoms() + " atoms, " + g.bondFeatureLength() + " bond features");
            double q6 = Steinhardt.builder()
                    .setDegrees(6)
                    .build()
                    .compute(Neighborhoods.nearest(s, 12))
                    .q(6)[0];
            System.out.printf("q6 = %.5f%n", q6);
            try (StructureModel<?> model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
                System.out.println(model.predict(s));
            }
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertEquals("4 atoms, 41 bond features", lines[0]);
        assertEquals("q6 = 0.57452", lines[1]);
        assertTrue(readme.contains("// prints: " + lines[0]), "the README says what line 1 prints");
        assertTrue(readme.contains("// prints: " + lines[1]), "the README says what line 2 prints");
        Matcher m = Pattern.compile("Cu: (-?[0-9.E-]+) eV/atom").matcher(lines[2]);
        assertTrue(m.matches(), lines[2]);
        // elemental copper: formation energy zero by definition, within a model's error
        assertTrue(Math.abs(Double.parseDouble(m.group(1))) < 0.3, lines[2]);
        assertTrue(readme.contains("// prints: Cu: <value> eV/atom"), "the README says what line 3 prints");
    }
}

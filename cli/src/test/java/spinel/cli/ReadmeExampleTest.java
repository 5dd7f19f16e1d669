package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.NeighborList;
import spinel.graph.Structure;
import spinel.graph.io.Structures;
import spinel.zoo.CgcnnModel;
import spinel.zoo.ModelRegistry;
import spinel.zoo.Prediction;

/** The README's library example, line for line, so that the README stays true. */
class ReadmeExampleTest {

    @Test
    void readmeLibraryExampleRuns() throws Exception {
        Structure s = Structures.readOne(Path.of("..", "examples", "Cu.cif"));
        NeighborList nl = NeighborList.within(s, 8.0);
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        double q6 = Steinhardt.builder()
                .setDegrees(6)
                .build()
                .compute(Neighborhoods.nearest(s, 12))
                .q(6)[0];

        assertTrue(nl.count(0) > 12, "fcc has 12 + 6 + 24 + ... neighbours within 8 Å");
        assertEquals(4, g.numAtoms());
        assertEquals(92, g.atomFeatureLength());
        assertEquals(41, g.bondFeatureLength());
        assertEquals(0.57452, q6, 1e-5);
        try (CgcnnModel model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            Prediction p = model.predict(s);
            // elemental copper: formation energy zero by definition, within a model's error
            assertTrue(Math.abs(p.value()) < 0.3, "formation energy of Cu: " + p.value());
        }
    }
}

package spinel.train.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.descriptors.Features;
import spinel.descriptors.SyntheticStructures;
import spinel.graph.Structure;

/** The descriptor groups of the classical models: fixed names and lengths, finite values, parsing. */
class DescriptorSetTest {

    @Test
    void acsfIsSpeciesAgnosticWithTheSameColumnsForEveryStructure() {
        Structure a = SyntheticStructures.fcc(spinel.graph.Element.of("Cu"), 2.55, 1);
        Structure b = SyntheticStructures.bcc(spinel.graph.Element.of("Fe"), 2.48, 1);
        Features fa = DescriptorSet.ACSF.of(a), fb = DescriptorSet.ACSF.of(b);
        assertEquals(fa.names(), fb.names());
        assertEquals(8 * 4, fa.size(), "G1, 3 G2, 4 G4, each as mean, std, min, max over sites");
        assertTrue(fa.names().contains("acsf:G2_eta=0.05_Rs=0_mean"), fa.names().toString());
        for (double v : fa.values()) assertTrue(Double.isFinite(v));
        // every site of an fcc crystal has the same surroundings: no spread over sites
        assertEquals(0, fa.get("acsf:G2_eta=0.2_Rs=0_std"), 1e-9);
    }

    @Test
    void conventionalLatticeIsTheSameForAnyCellOfOneCrystal() {
        // hcp given in its orthohexagonal cell, and as a 2×1×1 supercell of it: both are the hexagonal P6₃/mmc cell
        spinel.graph.Element mg = spinel.graph.Element.of("Mg");
        Features f = DescriptorSet.CONVENTIONAL_LATTICE.of(SyntheticStructures.hcp(mg, 3.2, 1, 1, 1));
        Features g = DescriptorSet.CONVENTIONAL_LATTICE.of(SyntheticStructures.hcp(mg, 3.2, 2, 1, 1));
        assertEquals(f.names(), g.names());
        assertEquals("conventional-lattice:a", f.names().get(0));
        for (int i = 0; i < f.size(); i++)
            assertEquals(f.values()[i], g.values()[i], 1e-6, f.names().get(i));
        assertEquals(3.2, f.get("conventional-lattice:a"), 1e-6);
        assertEquals(0, f.get("conventional-lattice:gamma_dev_120"), 1e-6);
    }

    @Test
    void parseKeepsOrderAndNamesTheKnownGroups() {
        assertEquals(
                List.of(DescriptorSet.COMPOSITION, DescriptorSet.ACSF), DescriptorSet.parse("composition, acsf,acsf"));
        assertEquals(List.of(DescriptorSet.CONVENTIONAL_LATTICE), DescriptorSet.parse("conventional-lattice"));
        assertEquals("conventional-lattice", DescriptorSet.CONVENTIONAL_LATTICE.id());
        var e = assertThrows(IllegalArgumentException.class, () -> DescriptorSet.parse("lattice,soap"));
        assertTrue(e.getMessage().contains("acsf"), e.getMessage());
    }
}

package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Structure;

class SymmetryLadderFeaturesTest {

    /** fcc copper, 2×2×2 conventional cells (32 atoms, primitive cell of 1). */
    private static final Structure COPPER = SyntheticStructures.fcc(Element.of("Cu"), 3.615, 2);

    @Test
    void anExactCrystalVotesForItsGroupAtEveryRung() {
        Features f = SymmetryLadderFeatures.of(COPPER);
        assertEquals(SymmetryLadderFeatures.NAMES.size(), f.size());
        assertEquals(11 * 11 + 230, f.size());
        assertEquals(1.0, f.get("sg_225"), 1e-12);
        for (SymmetryLadderFeatures.Rung r : SymmetryLadderFeatures.LADDER) {
            String p = r.prefix();
            assertEquals(1.0, f.get(p + "ok"), p);
            assertEquals(1.0, f.get(p + "cubic"), p);
            assertEquals(0.0, f.get(p + "triclinic"), p);
            assertEquals(Math.log(48) / Math.log(2), f.get(p + "log2_order"), 1e-12, p);
            assertEquals(1.0 / 32, f.get(p + "primitive_fraction"), 1e-12, p);
            assertEquals(1.0, f.get(p + "shrink"), 1e-12, p);
        }
        assertEquals("t0.01_ok", f.names().get(0));
        assertTrue(f.names().contains("t0.3_l0.01_cubic"));
    }

    @Test
    void noisyAtomsHideTheGroupAtTightRungsOnly() {
        Structure noisy = SyntheticStructures.perturbed(COPPER, 0.05, 7);
        Features f = SymmetryLadderFeatures.of(noisy);
        // displacements of ~0.09 Å break every operation at 0.01 Å: only the identity is left
        assertEquals(1.0, f.get("t0.01_triclinic"));
        assertEquals(1.0, f.get("t0.01_primitive_fraction"), 1e-12);
        // and are within 0.45 Å of the exact positions, so the loose rungs find fcc again
        assertEquals(1.0, f.get("t0.45_cubic"));
        assertEquals(1.0, f.get("t0.6_l0.01_cubic"));
        double votes = 0;
        for (int g = 1; g <= 230; g++) votes += f.get("sg_" + g);
        assertEquals(1.0, votes, 1e-12, "every rung found some group: the votes sum to 1");
        assertTrue(f.get("sg_225") > 0.3 && f.get("sg_225") < 1.0, "votes for Fm-3m: " + f.get("sg_225"));
    }
}

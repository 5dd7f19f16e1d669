package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BondAnglesTest {

    /** fcc Cu, conventional cell (a = 3.61 Å): the 12 nearest neighbours of every atom at a/√2. */
    private static Structure fccCu() {
        Element cu = Element.of("Cu");
        double[][] frac = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        return Structure.of(Lattice.cubic(3.61), List.of(cu, cu, cu, cu), frac);
    }

    /** Angles in whole degrees → how many triplets have them, for atom {@code j}. */
    private static Map<Long, Integer> histogram(CrystalGraph g, BondAngles angles, int j) {
        int start = 0;
        for (int i = 0; i < j; i++) start += angles.bonds(g, i) * (angles.bonds(g, i) - 1);
        int c = angles.bonds(g, j);
        Map<Long, Integer> h = new TreeMap<>();
        for (int t = start; t < start + c * (c - 1); t++)
            h.merge(Math.round(Math.toDegrees(Math.acos(angles.cosines()[t]))), 1, Integer::sum);
        return h;
    }

    @Test
    void fccNearestNeighbourAnglesAre60_90_120_180() {
        Structure s = fccCu();
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        BondAngles angles = BondAngles.of(s, g, 12);
        assertEquals(4 * 12 * 11, angles.size());
        // around one atom, each of the 12 bonds makes with the 11 others: 4 × 60°, 2 × 90°, 4 × 120°, 1 × 180°
        Map<Long, Integer> expected = Map.of(60L, 48, 90L, 24, 120L, 48, 180L, 12);
        for (int j = 0; j < 4; j++) assertEquals(new TreeMap<>(expected), histogram(g, angles, j), "atom " + j);
        for (float c : angles.cosines()) {
            double nearest =
                    Math.min(Math.min(Math.abs(c - 0.5), Math.abs(c)), Math.min(Math.abs(c + 0.5), Math.abs(c + 1)));
            assertEquals(0, nearest, 1e-6, "cos θ = " + c);
        }
    }

    @Test
    void nearestKLimitsTheTripletsPerAtom() {
        Structure s = fccCu();
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        BondAngles angles = BondAngles.of(s, g, 5);
        assertEquals(4 * 5 * 4, angles.size());
        assertEquals(4 * 5 * 4, BondAngles.count(g, 5));
        CrystalGraph with = g.withBondAngles(angles);
        assertEquals(angles, with.bondAngles());
        assertThrows(IllegalArgumentException.class, () -> g.withBondAngles(new BondAngles(5, new float[3])));
    }

    @Test
    void rockSaltAnglesAroundNaAre90And180() {
        Element na = Element.of("Na"), cl = Element.of("Cl");
        double[][] frac = {{0, 0, 0}, {0.5, 0.5, 0.5}};
        // primitive rock salt: fcc lattice, Na at 0, Cl at ½ ½ ½; the 6 nearest neighbours of Na are Cl
        double a = 5.64;
        Lattice fcc = new Lattice(new double[][] {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}});
        Structure s = Structure.of(fcc, List.of(na, cl), frac);
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        BondAngles angles = BondAngles.of(s, g, 6);
        assertEquals(Map.of(90L, 24, 180L, 6), histogram(g, angles, 0));
    }
}

package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatticeTest {

    @Test
    void parametersRoundTripForTriclinicCell() {
        Lattice l = Lattice.fromParameters(4.1, 5.3, 6.7, 71.0, 83.5, 102.25);
        assertArrayEquals(new double[] {4.1, 5.3, 6.7}, l.lengths(), 1e-12);
        assertArrayEquals(new double[] {71.0, 83.5, 102.25}, l.angles(), 1e-10);
        // V = abc sqrt(1 - cos²α - cos²β - cos²γ + 2 cosα cosβ cosγ)
        double ca = Math.cos(Math.toRadians(71.0)),
                cb = Math.cos(Math.toRadians(83.5)),
                cg = Math.cos(Math.toRadians(102.25));
        double v = 4.1 * 5.3 * 6.7 * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
        assertEquals(v, l.volume(), 1e-10);
    }

    @Test
    void pymatgenOrientationPutsCAlongZ() {
        Lattice l = Lattice.fromParameters(3, 4, 5, 90, 90, 120);
        assertArrayEquals(new double[] {0, 0, 5}, l.matrix()[2], 1e-12);
        assertEquals(0.0, l.get(0, 1), 0.0);
    }

    @Test
    void fractionalCartesianRoundTrip() {
        Lattice l = Lattice.fromParameters(4.1, 5.3, 6.7, 71.0, 83.5, 102.25);
        double[] f = {0.13, -0.7, 1.4};
        assertArrayEquals(f, l.toFractional(l.toCartesian(f)), 1e-12);
    }

    @Test
    void reciprocalLatticeIsDual() {
        Lattice l = Lattice.fromParameters(4.1, 5.3, 6.7, 71.0, 83.5, 102.25);
        double[][] a = l.matrix();
        double[][] r = l.reciprocalLatticeCrystallographic().matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = a[i][0] * r[j][0] + a[i][1] * r[j][1] + a[i][2] * r[j][2];
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        assertEquals(2 * Math.PI / 4.0, Lattice.cubic(4.0).reciprocalLattice().a(), 1e-12);
    }

    @Test
    void degenerateLatticeIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new Lattice(new double[][] {{1, 0, 0}, {2, 0, 0}, {0, 0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(1, 1, 1, 90, 90, 0));
    }

    @Test
    void compositionFormulasFollowPymatgen() {
        Structure s = Structure.of(
                Lattice.cubic(5.64),
                java.util.List.of(Element.of("Cl"), Element.of("Na"), Element.of("Cl"), Element.of("Na")),
                new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0}, {0, 0, 0.5}});
        assertEquals("Na2 Cl2", s.composition().formula());
        assertEquals("NaCl", s.composition().reducedFormula());
        assertEquals(0.5, s.composition().fraction(Element.of("Na")), 0);
        assertEquals(26, Element.of("fe").z());
        assertEquals("Fe", Element.of(26).symbol());
    }
}

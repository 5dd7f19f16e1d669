package spinel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.Composition;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

class GeometryTest {

    static Structure rocksalt() {
        Element na = Element.of("Na"), cl = Element.of("Cl");
        double[][] f = {
            {0, 0, 0},
            {0.5, 0.5, 0},
            {0.5, 0, 0.5},
            {0, 0.5, 0.5},
            {0.5, 0, 0},
            {0, 0.5, 0},
            {0, 0, 0.5},
            {0.5, 0.5, 0.5}
        };
        return Structure.of(Lattice.cubic(5.64), List.of(na, na, na, na, cl, cl, cl, cl), f);
    }

    @Test
    void formulaParsesAndListsCells() {
        Composition c = Formula.parse("Nb2O5");
        assertEquals(2.0, c.get(Element.of("Nb")));
        assertEquals(5.0, c.get(Element.of("O")));
        assertEquals(2, Formula.cells(c, 20).size(), "Nb2O5 x1 and x2 fit in 20 atoms, x3 does not");
        assertEquals(Formula.parse("NbO"), Formula.reduce(Formula.parse("Nb3O3")));
        assertEquals(List.of(Element.of("Nb"), Element.of("O"), Element.of("O")), Formula.sites(Formula.parse("NbO2")));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("Xx2"));
        assertThrows(IllegalArgumentException.class, () -> Formula.parse("nbo2"));
        assertThrows(IllegalArgumentException.class, () -> Formula.cells(Formula.parse("Nb12O29"), 20));
    }

    @Test
    void reductionKeepsTheCrystal() {
        // a skewed cell of simple cubic a = 3: b' = b + 2a, c' = c - a + 3b
        Lattice skew = new Lattice(new double[][] {{3, 0, 0}, {6, 3, 0}, {-3, 9, 3}});
        Structure s = Structure.of(skew, List.of(Element.of("Po")), new double[][] {{0.1, 0.2, 0.3}});
        Structure r = CellReduction.reduce(s);
        for (double len : r.lattice().lengths()) assertEquals(3.0, len, 1e-9);
        assertEquals(s.volume(), r.volume(), 1e-9);
        assertEquals(3.0, Validity.shortestDistance(s), 1e-9);
    }

    @Test
    void validityFlagsShortContactsAndVolumes() {
        Structure nacl = rocksalt();
        Validity.Check ok = Validity.DEFAULT.check(nacl);
        assertTrue(ok.valid());
        assertEquals(2.82, ok.minDistance(), 1e-9);
        double[][] f = nacl.fracCoords();
        f[1] = new double[] {0.05, 0.0, 0.0};
        Structure bad = Structure.of(
                nacl.lattice(), nacl.sites().stream().map(x -> x.element()).toList(), f);
        Validity.Check no = Validity.DEFAULT.check(bad);
        assertFalse(no.valid());
        assertEquals(0.282, no.minDistance(), 1e-9);
        assertFalse(Validity.DEFAULT.check(nacl.withLattice(Lattice.cubic(20))).valid(), "1000 Å³/atom");
    }

    @Test
    void fingerprintSeesThroughSupercellsAndShifts() {
        Structure nacl = rocksalt();
        double[][] f = nacl.fracCoords();
        for (double[] x : f) x[0] = (x[0] + 0.37) % 1.0;
        Structure shifted = Structure.of(
                nacl.lattice(), nacl.sites().stream().map(x -> x.element()).toList(), f);
        // the primitive cell: fcc vectors
        Lattice prim = new Lattice(new double[][] {{0, 2.82, 2.82}, {2.82, 0, 2.82}, {2.82, 2.82, 0}});
        Structure primitive = Structure.of(
                prim, List.of(Element.of("Na"), Element.of("Cl")), new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        DistanceFingerprint a = DistanceFingerprint.of(nacl);
        assertTrue(a.matches(DistanceFingerprint.of(shifted), 0.05));
        assertTrue(a.matches(DistanceFingerprint.of(primitive), 0.05));
        // CsCl-type NaCl at the same volume per atom is another crystal
        Structure cscl = Structure.of(
                Lattice.cubic(Math.cbrt(2 * nacl.volume() / 8)),
                List.of(Element.of("Na"), Element.of("Cl")),
                new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        assertFalse(a.matches(DistanceFingerprint.of(cscl), 0.05));
    }
}

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
        assertEquals(
                Formula.parse("NbO2"), Formula.parse("Nb1 O2"), "pymatgen's spelling, as spinel generate prints it");
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
    void thePushApartPartsOnlyTheShortContacts() {
        Structure nacl = rocksalt();
        assertEquals(
                nacl.cartCoords()[3][1],
                ContactRelaxation.DEFAULT.apply(nacl).cartCoords()[3][1],
                1e-9,
                "no short contact: nothing moves");
        double[][] f = nacl.fracCoords();
        f[1] = new double[] {0.02, 0.0, 0.0}; // Na 0.11 Å from the Na at the origin
        Structure clash = Structure.of(
                nacl.lattice(), nacl.sites().stream().map(x -> x.element()).toList(), f);
        Structure parted = ContactRelaxation.DEFAULT.apply(clash);
        assertEquals(clash.lattice(), parted.lattice());
        assertEquals(clash.composition(), parted.composition());
        // on the x axis the Na pair and the Cl between their images cannot all reach 0.7 × the covalent
        // sums (6.08 Å > a = 5.64 Å); the sweeps settle where the overlaps balance, far above 0.5 Å
        assertEquals(1.7307, Validity.shortestDistance(parted), 1e-3);
        assertFalse(Validity.DEFAULT.check(clash).valid());
        assertTrue(Validity.DEFAULT.check(parted).valid());
        double[][] before = clash.cartCoords(), after = parted.cartCoords();
        assertEquals(before[7][0], after[7][0], 1e-9, "Cl at (½, ½, ½) had no short contact");
    }

    @Test
    void aCellTooSmallForItsAtomsStaysInvalid() {
        Structure squeezed = rocksalt().withLattice(Lattice.cubic(2.0)); // Na–Cl 1.0 Å, 1 Å³/atom
        assertFalse(Validity.DEFAULT
                .check(ContactRelaxation.DEFAULT.apply(squeezed))
                .valid());
    }
}

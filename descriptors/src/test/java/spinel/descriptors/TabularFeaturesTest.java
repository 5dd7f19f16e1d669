package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spinel.graph.Composition;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

class TabularFeaturesTest {

    private static Structure rocksalt(double a) {
        Element na = Element.of("Na"), cl = Element.of("Cl");
        double[][] f = {
            {0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0},
            {.5, 0, 0}, {0, .5, 0}, {0, 0, .5}, {.5, .5, .5}
        };
        return Structure.of(Lattice.cubic(a), List.of(na, na, na, na, cl, cl, cl, cl), f);
    }

    @Test
    void rocksaltLattice() {
        Features f = LatticeFeatures.of(rocksalt(5.64));
        assertEquals(LatticeFeatures.NAMES, f.names());
        assertEquals(5.64, f.get("a"), 1e-12);
        assertEquals(90, f.get("beta"), 1e-12);
        assertEquals(5.64 * 5.64 * 5.64, f.get("volume"), 1e-9);
        assertEquals(5.64 * 5.64 * 5.64 / 8, f.get("volume_per_atom"), 1e-9);
        // 4 NaCl of 58.44 u in 179.4 Å³: 2.164 g/cm³
        assertEquals(2.164, f.get("density"), 2e-3);
        assertEquals(1, f.get("anisotropy"), 1e-12);
        assertEquals(1, f.get("shape_factor"), 1e-12);
        assertEquals(8, f.get("n_sites"));
        assertEquals(2, f.get("n_elements"));
        double rNa = Element.of("Na").covalentRadius(), rCl = Element.of("Cl").covalentRadius();
        assertEquals(
                4 * 4.0 / 3 * Math.PI * (Math.pow(rNa, 3) + Math.pow(rCl, 3)) / f.get("volume"),
                f.get("packing_fraction"),
                1e-12);
    }

    @Test
    void obliqueCellShape() {
        Structure s = Structure.of(
                Lattice.fromParameters(3, 4, 6, 90, 100, 120), List.of(Element.of("Si")), new double[][] {{0, 0, 0}});
        Features f = LatticeFeatures.of(s);
        assertEquals(2, f.get("anisotropy"), 1e-12);
        assertEquals(4.0 / 3, f.get("b_over_a"), 1e-12);
        assertEquals(120, f.get("gamma"), 1e-9);
        assertEquals(s.volume() / (3 * 4 * 6), f.get("shape_factor"), 1e-12);
        assertTrue(f.get("shape_factor") < 1);
    }

    @Test
    void hematiteComposition() {
        Element fe = Element.of("Fe"), o = Element.of("O");
        assertEquals(1.83, fe.electronegativity(), 1e-9);
        assertEquals(3.44, o.electronegativity(), 1e-9);
        Features f = CompositionFeatures.of(new Composition(Map.of(fe, 2.0, o, 3.0)));
        assertEquals(CompositionFeatures.NAMES, f.names());
        assertEquals(19 * 6 + 6, f.size());
        assertEquals(0.4 * 1.83 + 0.6 * 3.44, f.get("electronegativity_mean"), 1e-12);
        assertEquals(0.4 * 0.966 + 0.6 * 0.644, f.get("electronegativity_avg_dev"), 1e-12);
        assertEquals(1.83, f.get("electronegativity_min"), 1e-12);
        assertEquals(3.44, f.get("electronegativity_max"), 1e-12);
        assertEquals(3.44 - 1.83, f.get("electronegativity_range"), 1e-12);
        assertEquals(3.44, f.get("electronegativity_mode"), 1e-12);
        assertEquals(0.4 * 26 + 0.6 * 8, f.get("atomic_number_mean"), 1e-12);
        assertEquals(8, f.get("atomic_number_mode"));
        assertEquals(2, f.get("n_elements"));
        assertEquals(Math.sqrt(0.16 + 0.36), f.get("stoich_p2"), 1e-12);
        assertEquals(Math.pow(Math.pow(0.4, 10) + Math.pow(0.6, 10), 0.1), f.get("stoich_p10"), 1e-12);
    }

    @Test
    void modeTieTakesSmallestValueAndMissingValuesAreSkipped() {
        Element na = Element.of("Na"), cl = Element.of("Cl"), ar = Element.of("Ar");
        Features f = CompositionFeatures.of(new Composition(Map.of(na, 1.0, cl, 1.0)));
        assertEquals(11, f.get("atomic_number_mode"));
        // argon has no Pauling electronegativity: the statistic uses Na alone
        assertTrue(Double.isNaN(ar.electronegativity()));
        Features g = CompositionFeatures.of(new Composition(Map.of(na, 1.0, ar, 3.0)));
        assertEquals(na.electronegativity(), g.get("electronegativity_mean"), 1e-12);
        assertEquals(0, g.get("electronegativity_avg_dev"), 1e-12);
        assertEquals(18, g.get("atomic_number_mode"));
    }

    @Test
    void structureVectorHasFixedNamesAndNoNaN() {
        Features f = StructureFeatures.of(rocksalt(5.64));
        Features g = StructureFeatures.of(SyntheticStructures.hcp(Element.of("Mg"), 3.2, 2, 1, 1));
        assertEquals(f.names(), g.names());
        assertEquals(LatticeFeatures.NAMES.size() + CompositionFeatures.NAMES.size() + 5 * 3 * 4, f.size());
        for (double x : f.values()) assertTrue(Double.isFinite(x));
        assertEquals(0.09722, g.get("q4_mean"), 5e-6);
        assertEquals(0, g.get("q4_std"), 1e-12);
    }

    @Test
    void conventionalLatticeIsTheSameForThePrimitiveCellAndASupercell() {
        double a = 3.61;
        Element cu = Element.of("Cu");
        Structure primitive = Structure.of(
                new Lattice(new double[][] {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}}),
                List.of(cu),
                new double[][] {{0, 0, 0}});
        Features f = ConventionalLatticeFeatures.of(primitive);
        assertEquals(ConventionalLatticeFeatures.NAMES, f.names());
        for (String axis : List.of("a", "b", "c")) assertEquals(a, f.get(axis), 1e-9, axis);
        for (String angle : List.of("alpha", "beta", "gamma")) assertEquals(90, f.get(angle), 1e-9, angle);
        assertEquals(a * a * a, f.get("volume"), 1e-9);
        assertEquals(30, f.get("gamma_dev_120"), 1e-9);
        // rock salt given as its conventional cell: the analyzer keeps it
        Features r = ConventionalLatticeFeatures.of(rocksalt(5.64));
        assertEquals(5.64, r.get("c"), 1e-9);
        assertEquals(1, r.get("shape_factor"), 1e-12);
    }
}

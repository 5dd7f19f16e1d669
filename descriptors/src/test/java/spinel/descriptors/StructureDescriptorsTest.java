package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/** Descriptors of periodic structures, through spinel.graph.NeighborList. */
class StructureDescriptorsTest {

    private static final Element CU = Element.of("Cu");
    private static final Steinhardt ST =
            Steinhardt.builder().setDegrees(4, 6).optAveraged(true).build();

    private static void allEqual(double want, double[] got, double tol) {
        for (double g : got) assertEquals(want, g, tol);
    }

    @Test
    void perfectCrystalsGiveTextbookValuesOnEverySite() {
        BondOrder fcc = ST.compute(Neighborhoods.nearest(SyntheticStructures.fcc(CU, 2.55, 2), 12));
        allEqual(0.19094, fcc.q(4), 5e-6);
        allEqual(0.57452, fcc.q(6), 5e-6);
        allEqual(-0.159317, fcc.wHat(4), 5e-7);
        allEqual(0.57452, fcc.qAvg(6), 5e-6);
        BondOrder hcp = ST.compute(Neighborhoods.nearest(SyntheticStructures.hcp(CU, 2.55, 2, 1, 2), 12));
        allEqual(0.09722, hcp.q(4), 5e-6);
        allEqual(0.48476, hcp.q(6), 5e-6);
        allEqual(0.134097, hcp.wHat(4), 5e-7);
        allEqual(-0.012442, hcp.wHat(6), 5e-7);
        // bcc: 8 + 6 neighbours, selected by a cutoff between the second and third shells
        Structure bcc = SyntheticStructures.bcc(CU, 2.55, 2);
        double a = 2.55 * 2 / Math.sqrt(3);
        Neighborhoods nb = Neighborhoods.within(bcc, 1.2 * a);
        for (int i = 0; i < nb.size(); i++) assertEquals(14, nb.count(i));
        BondOrder b = ST.compute(nb);
        allEqual(0.03637, b.q(4), 5e-6);
        allEqual(0.51069, b.q(6), 5e-6);
        BondOrder sc = ST.compute(Neighborhoods.nearest(SyntheticStructures.simpleCubic(CU, 2.55, 1), 6));
        allEqual(0.76376, sc.q(4), 5e-6);
        allEqual(0.35355, sc.q(6), 5e-6);
        // SANN finds 12 neighbours in fcc and 14 in bcc
        assertEquals(
                12, Neighborhoods.sann(SyntheticStructures.fcc(CU, 2.55, 2)).count(0));
        assertEquals(14, Neighborhoods.sann(bcc).count(0));
    }

    /** A two-element, perturbed, non-orthogonal cell: no symmetry to hide behind. */
    private static Structure lowSymmetry() {
        Lattice l = Lattice.fromParameters(4.1, 4.6, 5.2, 81, 97, 112);
        double[][] f = {{0, 0, 0}, {.5, .5, 0}, {.5, 0, .5}, {0, .5, .5}, {.25, .25, .25}, {.7, .3, .8}};
        Element o = Element.of("O");
        return SyntheticStructures.perturbed(Structure.of(l, List.of(CU, CU, CU, CU, o, o), f), 0.15, 3);
    }

    @Test
    void supercellGivesTheSamePerAtomValues() {
        Structure s = lowSymmetry();
        Structure big = SyntheticStructures.supercell(s, 2, 3, 2);
        Steinhardt st = Steinhardt.builder().optAveraged(true).build();
        FeatureTable small = st.compute(Neighborhoods.within(s, 4.0)).table();
        FeatureTable large = st.compute(Neighborhoods.within(big, 4.0)).table();
        for (int i = 0; i < big.size(); i++) assertArrayEquals(small.values()[i % s.size()], large.values()[i], 1e-12);
        FeatureTable nSmall = st.compute(Neighborhoods.nearest(s, 10)).table();
        FeatureTable nLarge = st.compute(Neighborhoods.nearest(big, 10)).table();
        for (int i = 0; i < big.size(); i++)
            assertArrayEquals(nSmall.values()[i % s.size()], nLarge.values()[i], 1e-12);
        SymmetryFunctions sf = SymmetryFunctions.builder()
                .setCutoff(5.0)
                .setSpecies(List.of(CU, Element.of("O")))
                .addG2(0.3, 1.0)
                .addG3(0.8)
                .addG4(0.02, 2, -1)
                .addG5(0.02, 1, 1)
                .build();
        double[][] g = sf.compute(s).values(), gb = sf.compute(big).values();
        for (int i = 0; i < big.size(); i++) assertArrayEquals(g[i % s.size()], gb[i], 1e-10);
    }

    @Test
    void rigidRotationOfTheCellChangesNothing() {
        Structure s = lowSymmetry();
        double[][] r = Shells.rotation(1.3, 0.4, -0.9);
        double[][] m = s.lattice().matrix();
        double[][] rm = new double[3][];
        for (int i = 0; i < 3; i++) rm[i] = Shells.apply(r, m[i]);
        Structure rotated = s.withLattice(new Lattice(rm));
        Steinhardt st = Steinhardt.builder().optAveraged(true).build();
        double[][] a = st.compute(Neighborhoods.sann(s)).table().values();
        double[][] b = st.compute(Neighborhoods.sann(rotated)).table().values();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (Double.isNaN(a[i][j])) assertTrue(Double.isNaN(b[i][j]));
                else assertEquals(a[i][j], b[i][j], 1e-11);
            }
        }
    }

    @Test
    void thermalNoiseKeepsCrystalsApart() {
        // small perturbations: q6 stays near its ideal value on average
        Structure fcc = SyntheticStructures.perturbed(SyntheticStructures.fcc(CU, 2.55, 3), 0.05, 1);
        BondOrder b = ST.compute(Neighborhoods.nearest(fcc, 12));
        double mean = java.util.Arrays.stream(b.q(6)).average().orElseThrow();
        assertEquals(0.57452, mean, 0.03);
        assertTrue(b.summary().get("q6_std") > 0);
    }
}

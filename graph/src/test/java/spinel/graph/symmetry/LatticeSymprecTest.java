package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

/** {@link SymmetryAnalyzer.Builder#optLatticeSymprec}: the cell's symmetry at its own, tighter tolerance. */
class LatticeSymprecTest {

    private static SymmetryAnalyzer analyzer(double symprec, double latticeSymprec) {
        return SymmetryAnalyzer.builder()
                .optSymprec(symprec)
                .optLatticeSymprec(latticeSymprec)
                .build();
    }

    /** Every atom displaced by Gaussian noise of σ Å per Cartesian component; the cell kept. */
    private static Structure displaced(Structure s, double sigma, long seed) {
        Random rnd = new Random(seed);
        List<Site> sites = new ArrayList<>();
        for (Site site : s.sites()) {
            double[] x = site.cartCoords().clone();
            for (int c = 0; c < 3; c++) x[c] += sigma * rnd.nextGaussian();
            sites.add(new Site(site.species(), s.lattice().toFractional(x), s.lattice(), site.label()));
        }
        return new Structure(s.lattice(), sites);
    }

    @Test
    void nearlyTetragonalCellStaysOrthorhombic() {
        Structure s = Structure.of(
                Lattice.fromParameters(4.0, 4.2, 5.5, 90, 90, 90), List.of(Element.of("Cu")), new double[][] {{0, 0, 0}
                });
        // at 0.6 Å, spglib's single tolerance makes b = 4.2 equal to a = 4.0: P4/mmm
        assertEquals(
                123,
                SymmetryAnalyzer.builder().optSymprec(0.6).build().analyze(s).number());
        assertEquals(47, analyzer(0.6, 0.01).analyze(s).number());
        assertEquals(47, SymmetryAnalyzer.create().analyze(s).number());
    }

    @Test
    void displacedRocksaltIsFoundAtALooseAtomTolerance() {
        Structure noisy = displaced(PrimitiveCellTest.rocksalt(5.64), 0.05, 7);
        assertNotEquals(225, SymmetryAnalyzer.create().analyze(noisy).number());
        SymmetryDataset d = analyzer(0.6, 0.01).analyze(noisy);
        assertEquals(225, d.number());
        assertEquals(CrystalSystem.CUBIC, d.crystalSystem());
        assertEquals(2, d.primitiveSize());
    }

    @Test
    void looserLatticeToleranceThanSymprecChangesNothing() {
        Structure s = Structure.of(
                Lattice.fromParameters(4.0, 4.02, 5.5, 90, 90, 90), List.of(Element.of("Cu")), new double[][] {{0, 0, 0}
                });
        assertEquals(47, analyzer(0.01, 1.0).analyze(s).number());
        assertEquals(0.01, analyzer(0.01, 1.0).latticeSymprec());
        assertEquals(0.05, analyzer(0.6, 0.05).latticeSymprec());
    }

    @Test
    void refusesANonPositiveTolerance() {
        assertThrows(
                IllegalArgumentException.class, () -> SymmetryAnalyzer.builder().optLatticeSymprec(0));
        assertThrows(
                IllegalArgumentException.class, () -> SymmetryAnalyzer.builder().optLatticeSymprec(Double.NaN));
    }
}

package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

class PrimitiveCellTest {

    static Structure rocksalt(double a) {
        List<Element> el = new ArrayList<>();
        List<double[]> f = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] p : fcc) {
            el.add(Element.of("Na"));
            f.add(p);
            el.add(Element.of("Cl"));
            f.add(new double[] {p[0] + 0.5, p[1], p[2]});
        }
        return Structure.of(Lattice.cubic(a), el, f.toArray(new double[0][]));
    }

    static Structure supercell(Structure s, int na, int nb, int nc) {
        double[][] m = s.lattice().matrix();
        for (int j = 0; j < 3; j++) {
            m[0][j] *= na;
            m[1][j] *= nb;
            m[2][j] *= nc;
        }
        Lattice lat = new Lattice(m);
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    for (Site site : s.sites()) {
                        double[] x = site.fracCoords();
                        sites.add(new Site(
                                site.species(),
                                new double[] {(x[0] + i) / na, (x[1] + j) / nb, (x[2] + k) / nc},
                                lat,
                                site.label()));
                    }
        return new Structure(lat, sites);
    }

    @Test
    void rocksaltConventionalFoldsToTwoAtoms() {
        Structure s = rocksalt(5.64);
        PrimitiveCell p = PrimitiveCell.find(s, 1e-3);
        assertEquals(4, p.multiplicity());
        Structure prim = p.structure();
        assertEquals(2, prim.size());
        assertEquals(s.volume() / 4, prim.volume(), 1e-9);
        // fcc primitive vectors: a/√2 each, 60°
        for (double len : prim.lattice().lengths()) assertEquals(5.64 / Math.sqrt(2), len, 1e-9);
        int[] map = p.mapping();
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.site(i).element(), prim.site(map[i]).element());
        }
        assertArrayEquals(new double[] {0, 0, 0}, p.translations().get(0), 0);
    }

    @Test
    void supercellAndPrimitiveAgree() {
        Structure s = supercell(rocksalt(5.64), 2, 1, 3);
        PrimitiveCell p = PrimitiveCell.find(s, 1e-3);
        assertEquals(24, p.multiplicity());
        assertEquals(2, p.structure().size());
    }

    @Test
    void primitiveCellStaysPrimitiveAndReduced() {
        Lattice skew = new Lattice(new double[][] {{3, 0, 0}, {7, 4, 0}, {5, 9, 5}});
        Structure s = Structure.of(
                skew, List.of(Element.of("Si"), Element.of("O")), new double[][] {{0, 0, 0}, {0.3, 0.1, 0.2}});
        PrimitiveCell p = PrimitiveCell.find(s, 1e-5);
        assertEquals(1, p.multiplicity());
        assertEquals(s.volume(), p.structure().volume(), 1e-9);
        double[] len = p.structure().lattice().lengths();
        assertTrue(len[0] <= len[1] + 1e-9 && len[1] <= 9, "reduced lengths " + java.util.Arrays.toString(len));
    }

    @Test
    void noiseBelowToleranceKeepsTranslations() {
        Structure s = rocksalt(5.64);
        List<Site> noisy = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(3);
        for (Site site : s.sites()) {
            double[] x = site.fracCoords();
            for (int c = 0; c < 3; c++) x[c] += rnd.nextGaussian() * 1e-4;
            noisy.add(new Site(site.species(), x, s.lattice(), null));
        }
        Structure n = new Structure(s.lattice(), noisy);
        assertEquals(4, PrimitiveCell.find(n, 0.01).multiplicity());
        assertEquals(1, PrimitiveCell.find(n, 1e-6).multiplicity());
    }

    @Test
    void delaunayReductionOfSkewedCubicGivesCube() {
        Lattice skew = new Lattice(new double[][] {{4, 0, 0}, {4, 4, 0}, {-8, 4, 4}});
        DelaunayReduction.Reduced r = DelaunayReduction.reduce(skew, 1e-5);
        for (double len : r.lattice().lengths()) assertEquals(4, len, 1e-9);
        for (double ang : r.lattice().angles()) assertEquals(90, ang, 1e-9);
        assertEquals(1, Math.abs(Mat3.det(r.transformation())));
        assertTrue(Mat3.det(r.lattice().matrix()) > 0);
        double[][] back = Mat3.mul(r.transformation(), skew.matrix());
        for (int i = 0; i < 3; i++) assertArrayEquals(r.lattice().matrix()[i], back[i], 1e-9);
    }
}

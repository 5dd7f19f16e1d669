package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Every one of the 530 Hall settings comes back as its own space-group type: a random structure is
 * built in the setting (a metric invariant under its rotations, two general positions and the
 * origin, expanded by all its operations) and analysed.
 */
class HallSettingsRecoveryTest {

    static Structure randomIn(HallSetting h, Random rnd) {
        List<SymOp> ops = h.operations();
        double[][] g0 = new double[3][3];
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[i][j] = rnd.nextGaussian() * 0.3 + (i == j ? 4 : 0);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) g0[i][j] += a[k][i] * a[k][j];
        double[][] g = new double[3][3];
        for (SymOp op : ops) {
            double[][] r = op.rotation();
            double[][] rg = Mat3.mul(Mat3.transpose(r), Mat3.mul(g0, r));
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[i][j] += rg[i][j] / ops.size();
        }
        Lattice lattice = new Lattice(cholesky(g));
        List<Element> el = new ArrayList<>();
        List<double[]> pos = new ArrayList<>();
        String[] species = {"O", "Si", "Fe"};
        double[][] seeds = {
            {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()},
            {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()},
            {0, 0, 0}
        };
        for (int s = 0; s < seeds.length; s++) {
            for (SymOp op : ops) {
                double[] x = op.apply(seeds[s]);
                for (int c = 0; c < 3; c++) x[c] -= Math.floor(x[c]);
                boolean dup = false;
                for (double[] p : pos) {
                    double[] d = {x[0] - p[0], x[1] - p[1], x[2] - p[2]};
                    if (Mat3.cartNorm(lattice.matrix(), Mat3.wrapCentered(d)) < 1e-3) dup = true;
                }
                if (!dup) {
                    pos.add(x);
                    el.add(Element.of(species[s]));
                }
            }
        }
        return Structure.of(lattice, el, pos.toArray(new double[0][]));
    }

    /**
     * A structure in setting h with a species of its own on a generic point of every Wyckoff
     * position (the projection of a random point onto the listed set) and two species in general
     * positions.
     */
    static Structure everyWyckoffPositionIn(HallSetting h, Random rnd) {
        List<WyckoffPosition> table = WyckoffPositions.of(h.hallNumber());
        List<double[]> seeds = new ArrayList<>();
        for (WyckoffPosition w : table) {
            seeds.add(w.projection().apply(new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()}));
        }
        seeds.add(new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()});
        seeds.add(new double[] {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()});
        Lattice lattice = randomIn(h, rnd).lattice();
        List<Element> el = new ArrayList<>();
        List<double[]> pos = new ArrayList<>();
        for (int s = 0; s < seeds.size(); s++) {
            for (double[] x : orbit(h, seeds.get(s), lattice)) {
                pos.add(x);
                el.add(Element.of(s + 1));
            }
        }
        return Structure.of(lattice, el, pos.toArray(new double[0][]));
    }

    private static List<double[]> orbit(HallSetting h, double[] seed, Lattice lattice) {
        List<double[]> out = new ArrayList<>();
        for (SymOp op : h.operations()) {
            double[] x = op.apply(seed);
            for (int c = 0; c < 3; c++) x[c] -= Math.floor(x[c]);
            boolean dup = false;
            for (double[] p : out) {
                double[] d = {x[0] - p[0], x[1] - p[1], x[2] - p[2]};
                if (Mat3.cartNorm(lattice.matrix(), Mat3.wrapCentered(d)) < 1e-6) dup = true;
            }
            if (!dup) out.add(x);
        }
        return out;
    }

    // rows L with L Lᵀ = G
    private static double[][] cholesky(double[][] g) {
        double[][] l = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    @Test
    void everyHallSettingIsRecovered() {
        Random rnd = new Random(42);
        SymmetryAnalyzer analyzer = SymmetryAnalyzer.builder().optSymprec(1e-4).build();
        List<String> wrong = new ArrayList<>();
        for (HallSetting h : HallSettings.all()) {
            Structure s = randomIn(h, rnd);
            try {
                SymmetryDataset d = analyzer.analyze(s);
                if (d.number() != h.number()
                        || d.hallNumber() != HallSettings.standard(h.number()).hallNumber()) {
                    wrong.add(h + " -> " + d.number() + " (Hall " + d.hallNumber() + ")");
                }
            } catch (IllegalArgumentException e) {
                wrong.add(h + " -> " + e.getMessage());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " settings not recovered: " + wrong);
    }

    /**
     * Every Wyckoff position of every setting comes back: each probe species gets a Wyckoff
     * position of the same multiplicity, and no two the same letter (the analyzer may move the
     * origin by an element of the normalizer, which permutes the letters, as spglib does). At
     * symprec 1e-5: with this many species a few atoms come within 1e-4 Å of another, where
     * spglib finds no group either.
     */
    @Test
    void everyWyckoffPositionOfEverySettingIsRecovered() {
        Random rnd = new Random(7);
        SymmetryAnalyzer analyzer = SymmetryAnalyzer.builder().optSymprec(1e-5).build();
        List<String> wrong = new ArrayList<>();
        for (HallSetting h : HallSettings.all()) {
            List<WyckoffPosition> table = WyckoffPositions.of(h.hallNumber());
            Structure s = everyWyckoffPositionIn(h, rnd);
            try {
                SymmetryDataset d = analyzer.analyze(s);
                List<WyckoffPosition> got = d.wyckoffPositions();
                java.util.Set<String> letters = new java.util.HashSet<>();
                for (int i = 0; i < s.size(); i++) {
                    int species = s.site(i).element().z() - 1;
                    if (species >= table.size()) continue;
                    // per primitive cell: settings on rhombohedral axes come back on hexagonal ones
                    if (got.get(i).multiplicity() / centringCount(HallSettings.get(d.hallNumber()))
                            != table.get(species).multiplicity() / centringCount(h)) {
                        wrong.add(h + ": " + table.get(species) + " -> " + got.get(i));
                        break;
                    }
                    letters.add(d.wyckoffs()[i]);
                }
                if (d.number() != h.number() || letters.size() != table.size()) {
                    wrong.add(h + " -> " + d.number() + " letters " + letters);
                }
            } catch (IllegalArgumentException e) {
                wrong.add(h + " -> " + e.getMessage());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " settings wrong: " + String.join("\n", wrong));
    }

    @Test
    void tableHasAllSettings() {
        assertEquals(530, HallSettings.all().size());
        assertEquals(225, HallSettings.get(523).number());
        assertEquals("Fm-3m", HallSettings.get(523).international());
        assertEquals("-F 4 2 3", HallSettings.get(523).hallSymbol());
        assertEquals(525, HallSettings.standard(227).hallNumber());
        assertEquals(433, HallSettings.standard(146).hallNumber());
        assertEquals(PointGroup.OH, HallSettings.get(523).pointGroup());
        assertEquals(BravaisLattice.CUBIC_F, HallSettings.get(523).bravaisLattice());
        assertEquals(BravaisLattice.RHOMBOHEDRAL, BravaisLattice.ofSpaceGroup(166));
        assertEquals(BravaisLattice.ORTHORHOMBIC_C, BravaisLattice.ofSpaceGroup(38));
        for (HallSetting h : HallSettings.all()) {
            assertEquals(
                    h.pointGroup().order() * centringCount(h), h.operations().size(), h.toString());
        }
    }

    private static int centringCount(HallSetting h) {
        int n = 0;
        for (SymOp op : h.operations())
            if (java.util.Arrays.deepEquals(op.rotation(), Mat3.toDouble(Mat3.identity()))) n++;
        return n;
    }
}

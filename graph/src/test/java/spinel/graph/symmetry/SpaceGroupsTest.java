package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SpaceGroupsTest {

    /** x -> a(b(x)) */
    private static SymOp compose(SymOp a, SymOp b) {
        double[][] ra = a.rotation(), rb = b.rotation();
        double[][] r = new double[3][3];
        double[] t = a.apply(b.translation());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i][j] += ra[i][k] * rb[k][j];
        return new SymOp(r, t);
    }

    @Test
    void everySettingIsAGroupModuloLatticeTranslations() {
        List<SpaceGroup> all = SpaceGroups.all();
        assertEquals(752, all.size());
        Set<Integer> numbers = new TreeSet<>();
        for (SpaceGroup g : all) {
            numbers.add(g.number());
            List<SymOp> ops = g.operators();
            assertTrue(ops.get(0).equalsModuloLattice(SymOp.identity()), g + " starts with the identity");
            // closure on a sample of products (all products for small groups)
            int step = Math.max(1, ops.size() / 24);
            for (int i = 0; i < ops.size(); i += step) {
                for (int j = 0; j < ops.size(); j += step) {
                    SymOp p = compose(ops.get(i), ops.get(j));
                    assertTrue(
                            ops.stream().anyMatch(p::equalsModuloLattice),
                            g + ": " + ops.get(i) + " * " + ops.get(j) + " not in the group");
                }
            }
        }
        assertEquals(230, numbers.size());
    }

    @Test
    void findsSymbolsWrittenInManyWays() {
        for (String s : new String[] {"P 63/m m c", "P6_3/mmc", "p63/mmc", "P 6_3/m 2/m 2/c"}) {
            List<SpaceGroup> g = SpaceGroups.lookup(s);
            assertEquals(1, g.size(), s);
            assertEquals(194, g.get(0).number(), s);
            assertEquals(24, g.get(0).order());
        }
        assertEquals(14, SpaceGroups.lookup("P 21/c").get(0).number());
        assertEquals(14, SpaceGroups.lookup("P 1 21/c 1").get(0).number());
        assertEquals(14, SpaceGroups.lookup("P 1 21/n 1").get(0).number());
        assertEquals("P 1 21/n 1", SpaceGroups.lookup("P21/n").get(0).symbol());
        assertEquals("I 1 2/a 1", SpaceGroups.lookup("I2/a").get(0).symbol());
        assertEquals(47, SpaceGroups.lookup("P2/m2/m2/m").get(0).number());
        assertEquals(225, SpaceGroups.lookup("Fm3m").get(0).number());
        assertEquals(62, SpaceGroups.lookup("P n m a").get(0).number());
        assertEquals(List.of(), SpaceGroups.lookup("Q 7"));
        assertEquals(161, SpaceGroups.lookup("R 3 c {rhombohedral axes}").get(0).number());
    }

    @Test
    void settingsAndOriginChoices() {
        assertEquals(2, SpaceGroups.lookup("F d -3 m").size());
        SpaceGroup two = SpaceGroups.lookup("F d -3 m :2").get(0);
        assertEquals("F d -3 m :2", two.symbol());
        assertEquals(192, two.order());
        assertEquals(two, SpaceGroups.lookup("Fd-3mZ").get(0));
        assertEquals("F d -3 m :1", SpaceGroups.lookup("F d -3 m S").get(0).symbol());
        assertEquals(2, SpaceGroups.lookup("R -3 m").size());
        SpaceGroup h = SpaceGroups.lookup("R -3 m :H").get(0);
        assertTrue(h.isHexagonalAxes());
        assertEquals(36, h.order());
        assertEquals(h, SpaceGroups.lookup("R-3mH").get(0));
        SpaceGroup r = SpaceGroups.lookup("R-3m:R").get(0);
        assertTrue(r.isRhombohedralAxes());
        assertEquals(12, r.order());
        assertEquals(2, SpaceGroups.byNumber(227).size());
        assertEquals(2, SpaceGroups.byNumber(166).size());
        assertEquals("P 1 21/c 1", SpaceGroups.byNumber(14).get(0).symbol());
        assertEquals(14, SpaceGroups.lookupHall("-P 2ybc").orElseThrow().number());
        assertEquals(CrystalSystem.CUBIC, SpaceGroups.crystalSystem(227));
        assertEquals(CrystalSystem.TRIGONAL, SpaceGroups.crystalSystem(166));
    }

    @Test
    void everyNumberHasASetting() {
        for (int n = 1; n <= 230; n++) {
            List<SpaceGroup> g = SpaceGroups.byNumber(n);
            assertTrue(!g.isEmpty(), "number " + n);
            for (SpaceGroup s : g) assertEquals(n, s.number());
        }
    }
}

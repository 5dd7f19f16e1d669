package spinel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.Composition;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.symmetry.SpaceGroup;
import spinel.graph.symmetry.SpaceGroups;
import spinel.graph.symmetry.SymOp;

class RandomSearchTest {

    @Test
    void proposalsHaveTheCellContentAndKeepTheirDistances() {
        Composition cell = Formula.parse("Nb2O4");
        List<Proposal> ps = new RandomSearch(7).propose(cell, 40);
        assertEquals(40, ps.size());
        int valid = 0, symmetric = 0;
        for (Proposal p : ps) {
            assertEquals(cell, p.structure().composition());
            if (Validity.DEFAULT.check(p.structure()).valid()) valid++;
            if (p.spaceGroup() > 0) symmetric++;
        }
        assertTrue(valid >= 38, valid + " of 40 valid");
        assertTrue(symmetric > 5, symmetric + " of 40 with an imposed space group");
    }

    @Test
    void symmetricProposalsAreInvariantUnderTheirGroup() {
        RandomSearch rs = new RandomSearch(11, 1.0, 0.7);
        for (Proposal p : rs.propose(Formula.parse("Ti2O4"), 20)) {
            if (p.spaceGroup() == 0) continue;
            SpaceGroup g = SpaceGroups.all().stream()
                    .filter(sg -> sg.number() == p.spaceGroup())
                    .filter(sg -> invariant(p.structure(), sg))
                    .findFirst()
                    .orElse(null);
            assertTrue(g != null, "no setting of group " + p.spaceGroup() + " maps the proposal onto itself");
        }
    }

    private static boolean invariant(Structure s, SpaceGroup g) {
        double[][] f = s.fracCoords();
        for (SymOp op : g.operators()) {
            for (int i = 0; i < f.length; i++) {
                double[] q = op.apply(f[i]);
                boolean found = false;
                for (int j = 0; j < f.length && !found; j++) {
                    if (s.site(j).element() != s.site(i).element()) continue;
                    double d = 0;
                    for (int k = 0; k < 3; k++) {
                        double x = q[k] - f[j][k];
                        x -= Math.rint(x);
                        d += x * x;
                    }
                    found = d < 1e-8;
                }
                if (!found) return false;
            }
        }
        return true;
    }

    @Test
    void metricAveragingFitsTheLattice() {
        Lattice l = Lattice.fromParameters(3, 4, 5, 80, 100, 70);
        Lattice hex = RandomSearch.fitToGroup(l, SpaceGroups.lookup("P6_3/mmc").get(0));
        assertEquals(hex.a(), hex.b(), 1e-9);
        assertEquals(120, hex.gamma(), 1e-9);
        assertEquals(90, hex.alpha(), 1e-9);
        Lattice cubic = RandomSearch.fitToGroup(l, SpaceGroups.lookup("Pm-3m").get(0));
        assertEquals(cubic.a(), cubic.c(), 1e-9);
        assertEquals(90, cubic.beta(), 1e-9);
    }
}

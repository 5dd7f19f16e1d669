package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SymOpTest {

    private static void assertMaps(String xyz, double[] in, double[] expected) {
        assertArrayEquals(expected, SymOp.parse(xyz).apply(in), 1e-12, xyz);
    }

    @Test
    void parsesTheForms() {
        double[] p = {0.1, 0.2, 0.3};
        assertMaps("x,y,z", p, new double[] {0.1, 0.2, 0.3});
        assertMaps("-x+1/2,y,-z+0.25", p, new double[] {0.4, 0.2, -0.05});
        assertMaps("x-y,x,z+1/6", p, new double[] {-0.1, 0.1, 0.3 + 1 / 6.0});
        assertMaps("1/2+X, Y ,  Z", p, new double[] {0.6, 0.2, 0.3});
        assertMaps("'+x,+y,+z'".replace("'", ""), p, p);
        assertMaps("3 -x,-y,z", p, new double[] {-0.1, -0.2, 0.3});
        assertMaps("-y+x,2x,-z-1/3", p, new double[] {-0.1, 0.2, -0.3 - 1 / 3.0});
        assertMaps("x,y,z+0.5", p, new double[] {0.1, 0.2, 0.8});
    }

    @Test
    void roundTripsThroughToString() {
        for (String s : new String[] {"-x+1/2,y,-z+1/4", "x-y,x,z+1/6", "-y,x-y,z+2/3", "x,y,z"}) {
            SymOp op = SymOp.parse(s);
            assertEquals(s, op.toString());
            assertTrue(op.isLatticeOperation());
            assertTrue(op.equalsModuloLattice(SymOp.parse(op.toString())));
        }
        assertTrue(SymOp.parse("x+1,y-1,z").equalsModuloLattice(SymOp.identity()));
    }

    @Test
    void refusesMalformedOperators() {
        for (String bad : new String[] {
            "", "x,y", "x,y,z,x", "x,,z", "x,y,q", "x,y,z+", "x,y,1/0", "x y,y,z", "x,y,z+1/", "x,y,.", "x,y,1..2"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymOp.parse(bad), bad);
            assertTrue(e.getMessage().contains("expected"), e.getMessage());
        }
    }
}

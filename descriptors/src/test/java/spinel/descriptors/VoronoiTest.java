package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

class VoronoiTest {

    private static final Element CU = Element.of("Cu");

    @Test
    void fccCellIsARhombicDodecahedron() {
        Neighborhoods v = Neighborhoods.voronoi(SyntheticStructures.fcc(CU, 2.55, 2));
        for (int i = 0; i < v.size(); i++) {
            assertEquals(12, v.count(i));
            for (int k = 0; k < 12; k++) assertEquals(Math.PI / 3, v.weight(i, k), 1e-12);
        }
        BondOrder b = Steinhardt.builder().setDegrees(4, 6).build().compute(v);
        assertEquals(0.19094, b.q(4)[0], 5e-6);
    }

    @Test
    void bccCellIsATruncatedOctahedron() {
        Neighborhoods v = Neighborhoods.voronoi(SyntheticStructures.bcc(CU, 2.48, 2));
        assertEquals(14, v.count(0));
        double hex = 0, square = 0;
        for (int k = 0; k < 14; k++) {
            if (k < 8) hex += v.weight(0, k);
            else square += v.weight(0, k);
        }
        // eight hexagons (nearest) and six squares; together the whole sphere
        assertEquals(4 * Math.PI, hex + square, 1e-12);
        assertEquals(v.weight(0, 0), v.weight(0, 7), 1e-12);
        assertEquals(v.weight(0, 8), v.weight(0, 13), 1e-12);
    }

    @Test
    void facetsCoverTheSphereAndCellChoiceDoesNotMatter() {
        Lattice l = Lattice.fromParameters(4.1, 4.6, 5.2, 81, 97, 112);
        double[][] f = {{0, 0, 0}, {.5, .5, 0}, {.5, 0, .5}, {0, .5, .5}, {.25, .25, .25}, {.7, .3, .8}};
        Element o = Element.of("O");
        Structure s = SyntheticStructures.perturbed(Structure.of(l, List.of(CU, CU, CU, CU, o, o), f), 0.15, 3);
        Neighborhoods v = Neighborhoods.voronoi(s);
        for (int i = 0; i < v.size(); i++) {
            double sum = 0;
            for (int k = 0; k < v.count(i); k++) sum += v.weight(i, k);
            assertEquals(4 * Math.PI, sum, 1e-10, "site " + i);
        }
        Structure big = SyntheticStructures.supercell(s, 2, 1, 2);
        Steinhardt st = Steinhardt.builder().build();
        double[][] a = st.compute(v).table().values(),
                b = st.compute(Neighborhoods.voronoi(big)).table().values();
        for (int i = 0; i < big.size(); i++) assertArrayEquals(a[i % s.size()], b[i], 1e-10);
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * The textbook structures in examples/: each expands to the conventional cell's site count,
 * composition and volume (computed here from the cell parameters), whether read from its operator
 * list, from its Hermann-Mauguin symbol alone or from its International Tables number alone.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of(System.getProperty("spinel.examples", "../examples"));
    static final double S3 = Math.sqrt(3) / 2;

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("NaCl", 8, Map.of("Na", 4.0, "Cl", 4.0), Math.pow(5.6402, 3)),
                Arguments.of("CsCl", 2, Map.of("Cs", 1.0, "Cl", 1.0), Math.pow(4.123, 3)),
                Arguments.of("Si", 8, Map.of("Si", 8.0), Math.pow(5.431020511, 3)),
                Arguments.of("Cu", 4, Map.of("Cu", 4.0), Math.pow(3.61496, 3)),
                Arguments.of("Fe", 2, Map.of("Fe", 2.0), Math.pow(2.8665, 3)),
                Arguments.of("Mg", 2, Map.of("Mg", 2.0), 3.20927 * 3.20927 * S3 * 5.21033),
                Arguments.of("TiO2-rutile", 6, Map.of("Ti", 2.0, "O", 4.0), 4.5937 * 4.5937 * 2.9587),
                Arguments.of("SrTiO3", 5, Map.of("Sr", 1.0, "Ti", 1.0, "O", 3.0), Math.pow(3.9051, 3)),
                Arguments.of("ZnO-wurtzite", 4, Map.of("Zn", 2.0, "O", 2.0), 3.24982 * 3.24982 * S3 * 5.20661),
                Arguments.of("Al2O3-corundum", 30, Map.of("Al", 12.0, "O", 18.0), 4.7602 * 4.7602 * S3 * 12.9933),
                Arguments.of(
                        "Kaolinite",
                        26,
                        Map.of("Al", 4.0, "Si", 4.0, "O", 18.0),
                        triclinic(5.1554, 8.9448, 7.4048, 91.700, 104.862, 89.822)));
    }

    static double triclinic(double a, double b, double c, double al, double be, double ga) {
        double ca = Math.cos(Math.toRadians(al)), cb = Math.cos(Math.toRadians(be)), cg = Math.cos(Math.toRadians(ga));
        return a * b * c * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void expandsToTheConventionalCell(String name, int nsites, Map<String, Double> composition, double volume)
            throws Exception {
        Path file = EXAMPLES.resolve(name + ".cif");
        assumeTrue(Files.isRegularFile(file), "examples/ not found");
        String text = Files.readString(file);
        check(new CifReader().parse(text, name), name, nsites, composition, volume);
        if (!name.equals("Kaolinite")) { // 'C 1' is a non-standard setting only its operators describe
            String noOps = text.replaceAll("(?m)^\\d+ [-+xyz0-9/,]+$\\n", "")
                    .replace("loop_\n_symmetry_equiv_pos_site_id\n_symmetry_equiv_pos_as_xyz\n", "");
            check(new CifReader().parse(noOps, name), name, nsites, composition, volume);
            String numberOnly = noOps.replaceAll("(?m)^_symmetry_space_group_name_H-M.*$\\n", "");
            check(new CifReader().parse(numberOnly, name), name, nsites, composition, volume);
        }
    }

    private static void check(
            List<Structure> read, String name, int nsites, Map<String, Double> composition, double volume) {
        assertEquals(1, read.size());
        Structure s = read.get(0);
        assertEquals(name, s.id());
        assertEquals(nsites, s.size(), () -> name + ": " + s.sites());
        assertEquals(volume, s.volume(), 1e-9 * volume);
        assertEquals(composition.size(), s.composition().asMap().size(), s.composition()::formula);
        composition.forEach((el, n) -> assertEquals(n, s.composition().get(Element.of(el)), 1e-12, el));
        for (Site site : s.sites()) {
            for (int k = 0; k < 3; k++) {
                double f = site.frac(k);
                assertEquals(true, f >= 0 && f < 1, "wrapped into [0, 1): " + site);
            }
            assertEquals(true, site.isOrdered());
        }
        // no two sites closer than 1 Å: the expansion merged every duplicate image
        double[][] cart = s.cartCoords();
        double min = Double.MAX_VALUE;
        var l = s.lattice();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                double[] d = new double[3];
                for (int k = 0; k < 3; k++) d[k] = s.site(i).frac(k) - s.site(j).frac(k);
                for (int k = 0; k < 3; k++) d[k] -= Math.rint(d[k]);
                double[] c = l.toCartesian(d);
                min = Math.min(min, Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]));
            }
        }
        if (s.size() > 1) assertEquals(true, min > 1.0, name + " closest pair " + min + " Å");
    }
}

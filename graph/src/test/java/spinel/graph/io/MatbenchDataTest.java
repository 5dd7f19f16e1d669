package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import spinel.graph.Site;
import spinel.graph.Structure;

/** Every structure of the three Matbench json.gz datasets in ../shared/data parses (streaming). */
class MatbenchDataTest {

    static Path data() {
        Path d = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("data");
        Assumptions.assumeTrue(Files.isDirectory(d), "shared data not present");
        return d;
    }

    @ParameterizedTest
    @CsvSource({
        "matbench_perovskites.json.gz, 18928, e_form, mb-perovskites-00001",
        "matbench_jdft2d.json.gz, 636, exfoliation_en, mb-jdft2d-001",
        "matbench_phonons.json.gz, 1265, last phdos peak, mb-phonons-0001",
    })
    void everyStructureParses(String name, int expected, String target, String firstId) throws Exception {
        Path file = data().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file));
        int n = 0;
        Set<String> ids = new HashSet<>();
        try (MatbenchReader.Dataset d = MatbenchReader.open(file)) {
            assertEquals(target, d.targetName());
            assertEquals(expected, d.size());
            for (MatbenchEntry e; (e = d.nextEntry()) != null; n++) {
                if (n == 0) assertEquals(firstId, e.id());
                Structure s = e.structure();
                assertEquals(e.id(), s.id());
                assertTrue(s.volume() > 0, e.id());
                assertTrue(s.isOrdered(), e.id());
                assertTrue(Double.isFinite(e.target()), e.id());
                for (Site site : s.sites()) assertEquals(1.0, site.totalOccupancy(), 1e-12);
                assertTrue(ids.add(e.id()), "duplicate id " + e.id());
            }
        }
        assertEquals(expected, n);
    }
}

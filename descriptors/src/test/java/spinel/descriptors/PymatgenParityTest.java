package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

/**
 * q2, q4, q6 of every site of the reference CGCNN sample CIFs (real COD structures) against pymatgen's
 * LocalStructOrderParams with the same cutoff neighbours (scripts/gen_pymatgen_steinhardt.py).
 */
class PymatgenParityTest {

    @Test
    void sampleCifsMatchPymatgen() throws Exception {
        Path sample = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn/sample");
        Assumptions.assumeTrue(Files.isDirectory(sample), "../shared is absent");
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("pymatgen_steinhardt.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        double cutoff = ref.get("cutoff").asDouble();
        Steinhardt st =
                Steinhardt.builder().setDegrees(2, 4, 6).optThirdOrder(false).build();
        int checked = 0;
        for (JsonNode s : ref.get("structures")) {
            Structure structure =
                    Structures.readOne(sample.resolve(s.get("file").asText()));
            assertEquals(
                    s.get("nsites").asInt(), structure.size(), s.get("file").asText());
            Neighborhoods nb = Neighborhoods.within(structure, cutoff);
            BondOrder b = st.compute(nb);
            for (int i = 0; i < structure.size(); i++) {
                JsonNode site = s.get("sites").get(i);
                String where = s.get("file").asText() + " site " + i;
                assertEquals(site.get("n").asInt(), nb.count(i), where + " neighbour count");
                if (site.get("n").asInt() == 0) continue;
                assertEquals(site.get("q2").asDouble(), b.q(2)[i], 1e-10, where + " q2");
                assertEquals(site.get("q4").asDouble(), b.q(4)[i], 1e-10, where + " q4");
                assertEquals(site.get("q6").asDouble(), b.q(6)[i], 1e-10, where + " q6");
                checked++;
            }
        }
        assertEquals(true, checked > 40, "checked " + checked + " sites");
    }
}

package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parity with python3-spglib on the committed reference structures (examples, Materials Project, transformed copies). */
class SymmetryAnalyzerParityTest {

    @Test
    void spaceGroupNumbersAgreeWithSpglib() throws Exception {
        List<SpglibReference.Entry> ref = SpglibReference.load("/spinel/graph/symmetry/spglib_reference.json.gz");
        List<String> wrong = new ArrayList<>();
        int total = 0;
        for (SpglibReference.Entry e : ref) {
            for (JsonNode d : e.datasets()) {
                total++;
                double symprec = d.get("symprec").asDouble();
                String got;
                try {
                    SymmetryDataset s = SymmetryAnalyzer.builder()
                            .optSymprec(symprec)
                            .build()
                            .analyze(e.structure());
                    got = s.number() + " " + s.hallNumber() + " nprim=" + s.primitiveSize();
                } catch (IllegalArgumentException ex) {
                    got = "failed: " + ex.getMessage();
                }
                String want =
                        d.get("number").asInt() + " " + d.get("hall_number").asInt() + " nprim="
                                + d.get("n_primitive").asInt();
                if (!got.equals(want)) wrong.add(e.name() + " @" + symprec + ": spglib " + want + ", spinel " + got);
            }
        }
        wrong.forEach(System.out::println);
        System.out.println("disagreements: " + wrong.size() + " of " + total);
        assertTrue(
                wrong.isEmpty(),
                wrong.size() + " of " + total + " disagree, first: " + (wrong.isEmpty() ? "" : wrong.get(0)));
    }
}

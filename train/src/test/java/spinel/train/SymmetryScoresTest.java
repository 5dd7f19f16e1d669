package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extra scores of symmetry classifiers, on hand-made outputs whose answers are known. */
class SymmetryScoresTest {

    @Test
    void baselinesCountTheMostCommonTrainingClasses() {
        int[] train = {0, 0, 0, 1, 1, 2, 3, 4, 5, 6};
        int[] test = {0, 1, 6, 7, 0};
        Map<String, Object> b = SymmetryScores.baselines(train, test, 8);
        assertEquals(2.0 / 5, (double) b.get("majority_class_accuracy"), 1e-12);
        // the five most common: 0, 1 and three of the singletons 2..6 (ties by class order: 2, 3, 4)
        assertEquals(3.0 / 5, (double) b.get("top5_most_common_accuracy"), 1e-12);
    }

    @Test
    void spaceGroupProbabilitiesAreSummedWithinLatticesAndSystems(@TempDir Path dir) throws Exception {
        // row 0: truth 225 (cF), predicted 227 (cF, cubic) — lattice and system right, group wrong
        // row 1: truth 14 (mP), predicted 14 — all right
        // row 2: truth 62 (oP), predicted 2 (aP) with 0.4, but oP groups 61 + 62 hold 0.6 together
        float[][] logits = new float[3][230];
        for (float[] row : logits) java.util.Arrays.fill(row, -50f);
        logits[0][226] = 5f;
        logits[1][13] = 5f;
        logits[2][1] = (float) Math.log(0.4);
        logits[2][60] = (float) Math.log(0.3);
        logits[2][61] = (float) Math.log(0.3);
        int[] truth = {224, 13, 61};
        Map<String, Object> test = new LinkedHashMap<>();
        List<String> names = RunData.spaceGroupNames();
        SymmetryScores.add(test, dir, ExperimentSpec.Task.SPACE_GROUP, new int[] {13, 13, 224}, truth, logits, names);
        assertEquals(1.0, score(test, "bravais"), 1e-9);
        assertEquals(1.0, score(test, "crystal_system"), 1e-9);
        assertEquals(0.5, score(test, "space_group_within_crystal_system"), 1e-9);
        assertEquals(1.0 / 3, (double) ((Map<?, ?>) test.get("baselines")).get("majority_class_accuracy"), 1e-12);
        List<String> csv = Files.readAllLines(dir.resolve("confusion_crystal_system.csv"));
        assertEquals("true\\predicted,monoclinic,orthorhombic,cubic", csv.get(0));
        assertEquals("cubic,0,0,1", csv.get(3));
        assertFalse(Files.readString(dir.resolve("confusion.csv")).isEmpty());
    }

    private static double score(Map<String, Object> test, String key) {
        return (double) ((Map<?, ?>) test.get(key)).get("accuracy");
    }
}

package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitTest {

    static void assertPartition(Split s, int n) {
        Set<Integer> all = new HashSet<>();
        for (int[] part : new int[][] {s.train(), s.val(), s.test()})
            for (int r : part) assertTrue(all.add(r), "row " + r + " twice");
        assertEquals(n, all.size());
    }

    @Test
    void smallerTrainingSetsAreNestedInLargerOnes() {
        Split s = Split.random(200, 0.1, 0.2, 3);
        Split small = s.withTrainSize(20, 3), large = s.withTrainSize(60, 3);
        assertEquals(20, small.train().length);
        Set<Integer> big = new HashSet<>();
        for (int r : large.train()) big.add(r);
        for (int r : small.train()) assertTrue(big.contains(r), "row " + r + " of the 20 is among the 60");
        assertArrayEquals(s.test(), small.test());
        assertArrayEquals(s.val(), small.val());
    }

    @Test
    void innerFoldsPartitionTheTrainingRowsAndNeverTheTestRows() {
        Split outer = Split.random(100, 0.1, 0.2, 7);
        Set<Integer> outerTest = new HashSet<>();
        for (int r : outer.test()) outerTest.add(r);
        Set<Integer> tested = new HashSet<>();
        for (int j = 0; j < 3; j++) {
            Split inner = outer.inner(j, 3, 0.1, 7);
            Set<Integer> used = new HashSet<>();
            for (int[] part : new int[][] {inner.train(), inner.val(), inner.test()})
                for (int r : part) {
                    assertTrue(used.add(r), "row " + r + " in two parts");
                    assertTrue(!outerTest.contains(r), "outer test row " + r + " used");
                }
            assertEquals(outer.train().length + outer.val().length, used.size());
            assertTrue(inner.val().length > 0);
            for (int r : inner.test()) assertTrue(tested.add(r), "row " + r + " tested twice");
        }
        assertEquals(80, tested.size(), "each training row is tested in exactly one inner fold");
        assertArrayEquals(
                outer.inner(1, 3, 0.1, 7).test(), outer.inner(1, 3, 0.1, 7).test(), "seeded");
        assertThrows(IllegalArgumentException.class, () -> outer.inner(3, 3, 0.1, 7));
    }

    @Test
    void groupedSplitWithoutGroupsIsTheRandomSplitAndKeepsGroupsTogether() {
        for (long seed = 0; seed < 5; seed++) {
            Split plain = Split.random(97, 0.1, 0.2, seed), grouped = Split.random(97, 0.1, 0.2, seed, List.of());
            assertArrayEquals(plain.train(), grouped.train());
            assertArrayEquals(plain.val(), grouped.val());
            assertArrayEquals(plain.test(), grouped.test());
        }
        List<List<Integer>> groups = List.of(List.of(3, 50, 96), List.of(7, 8), List.of(0, 1, 2, 4));
        for (long seed = 0; seed < 100; seed++) {
            Split s = Split.random(97, 0.1, 0.2, seed, groups);
            assertPartition(s, 97);
            assertTrue(Math.abs(s.test().length - 19) <= 3, "test size " + s.test().length);
            for (List<Integer> g : groups) {
                Set<Integer> test = new HashSet<>();
                for (int r : s.test()) test.add(r);
                Set<Integer> val = new HashSet<>();
                for (int r : s.val()) val.add(r);
                long inTest = g.stream().filter(test::contains).count();
                long inVal = g.stream().filter(val::contains).count();
                assertTrue(inTest == 0 || inTest == g.size(), "seed " + seed + " group " + g);
                assertTrue(inVal == 0 || inVal == g.size(), "seed " + seed + " group " + g);
            }
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> Split.random(10, 0.1, 0.2, 0, List.of(List.of(1, 2), List.of(2, 3))));
    }

    @Test
    void randomSplitIsSeededAndDisjoint() {
        Split a = Split.random(100, 0.1, 0.2, 7);
        assertPartition(a, 100);
        assertEquals(20, a.test().length);
        assertEquals(10, a.val().length);
        assertArrayEquals(a.test(), Split.random(100, 0.1, 0.2, 7).test());
        assertTrue(!Arrays.equals(a.test(), Split.random(100, 0.1, 0.2, 8).test()));
    }

    @Test
    void groupsOfTestRowsLeaveTrainingAndValidation() {
        String[] formulas = {"NaCl", "KCl", "NaCl", "MgO", "KCl", "TiO2"};
        Split s = new Split(new int[] {0, 1, 3}, new int[] {4, 5}, new int[] {2}).withoutTestGroups(formulas);
        assertArrayEquals(new int[] {1, 3}, s.train());
        assertArrayEquals(new int[] {4, 5}, s.val());
        assertArrayEquals(new int[] {2}, s.test());
        Split t = new Split(new int[] {0, 3}, new int[] {2}, new int[] {1, 4}).withoutTestGroups(formulas);
        assertArrayEquals(new int[] {0, 3}, t.train());
        assertArrayEquals(new int[] {2}, t.val());
    }

    @Test
    void kFoldTestsEachRowOnce() {
        List<Split> folds = Split.kFold(23, 5, 0.1, 1);
        int[] tested = new int[23];
        for (Split s : folds) {
            assertPartition(s, 23);
            for (int r : s.test()) tested[r]++;
        }
        assertTrue(Arrays.stream(tested).allMatch(c -> c == 1));
    }

    @Test
    void stratifiedFoldsKeepClassProportions() {
        int[] labels = IntStream.range(0, 100).map(i -> i < 80 ? 0 : 1).toArray();
        for (Split s : Split.stratifiedKFold(labels, 5, 0.0, 3)) {
            assertPartition(s, 100);
            long ones = Arrays.stream(s.test()).filter(r -> labels[r] == 1).count();
            assertEquals(4, ones);
            assertEquals(20, s.test().length);
        }
    }

    @Test
    void matbenchFoldsFromFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.folds.json");
        Files.writeString(f, "{\"fold_0\": [\"b\", \"d\"], \"fold_1\": [\"a\", \"c\"]}");
        Split s = Split.matbenchFold(f, List.of("a", "b", "c", "d"), 0, 0.0, 1);
        assertArrayEquals(new int[] {1, 3}, s.test());
        assertArrayEquals(new int[] {0, 2}, s.train());
        assertEquals(2, Split.matbenchFoldCount(f));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Split.matbenchFold(f, List.of("a", "b", "c", "d"), 4, 0.0, 1));
        assertTrue(e.getMessage().contains("fold_4"), e.getMessage());
    }

    @Test
    void officialJdft2dFoldsCoverEveryRowOnce() throws IOException {
        Path shared = Path.of(System.getProperty("spinel.shared", "../shared"));
        Path folds = shared.resolve("data/matbench_meta/jdft2d.folds.json");
        Assumptions.assumeTrue(Files.isRegularFile(folds));
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(shared.resolve("data/matbench_meta/jdft2d.csv"))
                .subList(1, 637)) {
            ids.add(line.substring(0, line.indexOf(',')));
        }
        int[] tested = new int[ids.size()];
        for (int k = 0; k < Split.matbenchFoldCount(folds); k++) {
            Split s = Split.matbenchFold(folds, ids, k, 0.1, 0);
            assertPartition(s, 636);
            for (int r : s.test()) tested[r]++;
        }
        assertTrue(Arrays.stream(tested).allMatch(c -> c == 1));
    }

    @Test
    void normalizerUsesTrainingRowsOnly() {
        double[] y = {1, 3, 1000};
        Normalizer n = Normalizer.fit(y, new int[] {0, 1});
        assertEquals(2, n.mean(), 1e-12);
        assertEquals(1, n.std(), 1e-12);
        assertEquals(5.0, n.denormalize(n.normalize(5.0)), 1e-12);
    }
}

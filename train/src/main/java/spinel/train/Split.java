package spinel.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * A partition of dataset rows (indices 0..n−1) into training, validation and test rows. The three
 * sets are disjoint; each is sorted ascending. Factories give seeded random splits, k-fold and
 * stratified k-fold cross-validation, and the official Matbench v0.1 folds.
 */
public record Split(int[] train, int[] val, int[] test) {

    public Split {
        train = train.clone();
        val = val.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(val);
        Arrays.sort(test);
    }

    /**
     * A seeded random split of {@code n} rows: {@code valFraction} and {@code testFraction} of the rows
     * (rounded) go to validation and test, the rest to training.
     */
    public static Split random(int n, double valFraction, double testFraction, long seed) {
        if (valFraction < 0 || testFraction < 0 || valFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions val=" + valFraction + " test=" + testFraction
                    + " must be ≥ 0 and leave some training rows");
        }
        int[] perm = permutation(n, seed);
        int nTest = (int) Math.round(n * testFraction);
        int nVal = (int) Math.round(n * valFraction);
        return new Split(
                Arrays.copyOfRange(perm, nTest + nVal, n),
                Arrays.copyOfRange(perm, nTest, nTest + nVal),
                Arrays.copyOfRange(perm, 0, nTest));
    }

    /**
     * A seeded random split that keeps every group of rows together: the groups (e.g. duplicate
     * structures, {@link DuplicateGroups}) are shuffled as units with the one seeded shuffle, and
     * whole groups are dealt to test until it holds at least {@code testFraction} of the rows
     * (rounded), then to validation, the rest to training — so no group ever crosses the split. Rows
     * not named in any group are groups of one; with no groups at all this is exactly
     * {@link #random(int, double, double, long)}.
     *
     * @param groups disjoint lists of row indices that must stay together (groups of one may be omitted)
     * @throws IllegalArgumentException when a row is out of range or in two groups
     */
    public static Split random(int n, double valFraction, double testFraction, long seed, List<List<Integer>> groups) {
        if (valFraction < 0 || testFraction < 0 || valFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions val=" + valFraction + " test=" + testFraction
                    + " must be ≥ 0 and leave some training rows");
        }
        int[][] units = units(n, groups);
        int[] perm = permutation(units.length, seed);
        int nTest = (int) Math.round(n * testFraction);
        int nVal = (int) Math.round(n * valFraction);
        List<Integer> test = new ArrayList<>(), val = new ArrayList<>(), train = new ArrayList<>();
        for (int u : perm) {
            List<Integer> to = test.size() < nTest ? test : val.size() < nVal ? val : train;
            for (int r : units[u]) to.add(r);
        }
        return new Split(toArray(train), toArray(val), toArray(test));
    }

    /** The rows 0..n−1 as units in the order of their first row: each group once, every other row alone. */
    private static int[][] units(int n, List<List<Integer>> groups) {
        int[] groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.size(); g++) {
            for (int r : groups.get(g)) {
                if (r < 0 || r >= n) throw new IllegalArgumentException("group " + g + " names row " + r + " of " + n);
                if (groupOf[r] >= 0)
                    throw new IllegalArgumentException("row " + r + " is in groups " + groupOf[r] + " and " + g);
                groupOf[r] = g;
            }
        }
        List<int[]> units = new ArrayList<>();
        boolean[] done = new boolean[groups.size()];
        for (int r = 0; r < n; r++) {
            int g = groupOf[r];
            if (g < 0) units.add(new int[] {r});
            else if (!done[g]) {
                done[g] = true;
                units.add(groups.get(g).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return units.toArray(int[][]::new);
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The {@code k} folds of seeded k-fold cross-validation: fold i tests on its i-th share of a
     * shuffled order; its training rows are split again, {@code valFraction} of them for validation.
     */
    public static List<Split> kFold(int n, int k, double valFraction, long seed) {
        checkFolds(n, k);
        int[] perm = permutation(n, seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) folds.add(new ArrayList<>());
        for (int i = 0; i < n; i++) folds.get(i % k).add(perm[i]);
        return fromFolds(n, folds, valFraction, seed);
    }

    /**
     * Stratified k-fold: each class's rows are shuffled and dealt round-robin to the folds, so each
     * fold keeps the class proportions (to within one row per class).
     */
    public static List<Split> stratifiedKFold(int[] labels, int k, double valFraction, long seed) {
        int n = labels.length;
        checkFolds(n, k);
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++)
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        Random rng = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) folds.add(new ArrayList<>());
        int next = 0;
        for (List<Integer> rows : byClass.values()) {
            int[] order = permutation(rows.size(), rng);
            // Continue dealing where the previous class stopped so small classes do not all land in fold 0.
            for (int o : order) folds.get(next++ % k).add(rows.get(o));
        }
        return fromFolds(n, folds, valFraction, seed);
    }

    /**
     * Fold {@code fold} of an official Matbench folds file ({@code {"fold_0": [test ids...], ...}},
     * optionally gzip'd): its test rows are the listed ids, every other row is for training, of which
     * {@code valFraction} (seeded) is held out for validation/early stopping.
     *
     * @param ids the dataset's row ids (e.g. Matbench mbids), in row order
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file when the fold is missing or lists unknown ids
     */
    public static Split matbenchFold(Path foldsFile, List<String> ids, int fold, double valFraction, long seed)
            throws IOException {
        return matbenchFold(foldsFile, ids, fold, valFraction, seed, false);
    }

    /**
     * Like {@link #matbenchFold(Path, List, int, double, long)}; with {@code subset} true the dataset
     * may be a subset of the task, and test ids it does not hold are skipped.
     */
    public static Split matbenchFold(
            Path foldsFile, List<String> ids, int fold, double valFraction, long seed, boolean subset)
            throws IOException {
        JsonNode root;
        try (InputStream in = open(foldsFile)) {
            root = new ObjectMapper().readTree(in);
        }
        String key = "fold_" + fold;
        JsonNode list = root.get(key);
        if (list == null || !list.isArray()) {
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(keys::add);
            throw new IllegalArgumentException(foldsFile + ": no array \"" + key + "\" (the file has " + keys + ")");
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) row.put(ids.get(i), i);
        Set<Integer> test = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode id : list) {
            Integer r = row.get(id.asText());
            if (r == null) missing.add(id.asText());
            else test.add(r);
        }
        if (!missing.isEmpty() && !subset) {
            throw new IllegalArgumentException(foldsFile + ": " + missing.size() + " test ids of " + key
                    + " are not in the dataset, e.g. " + missing.get(0));
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) if (!test.contains(i)) rest.add(i);
        int[] trainVal = rest.stream().mapToInt(Integer::intValue).toArray();
        int[][] tv = holdOut(trainVal, valFraction, seed);
        return new Split(tv[0], tv[1], test.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The number of folds in a Matbench folds file. */
    public static int matbenchFoldCount(Path foldsFile) throws IOException {
        try (InputStream in = open(foldsFile)) {
            return new ObjectMapper().readTree(in).size();
        }
    }

    /** This split restricted to the rows where {@code keep} is true (e.g. a subset of a large task). */
    public Split restrictTo(boolean[] keep) {
        return new Split(filter(train, keep), filter(val, keep), filter(test, keep));
    }

    /**
     * This split without the training and validation rows whose group (e.g. reduced formula) is also
     * the group of a test row: no group is both learned and tested on. The test rows are unchanged.
     */
    public Split withoutTestGroups(String[] groups) {
        Set<String> tested = new HashSet<>();
        for (int r : test) tested.add(groups[r]);
        boolean[] keep = new boolean[groups.length];
        for (int i = 0; i < keep.length; i++) keep[i] = !tested.contains(groups[i]);
        return new Split(filter(train, keep), filter(val, keep), test);
    }

    /**
     * Cross-validation inside this split: its training and validation rows are dealt into {@code k}
     * seeded folds, fold {@code j} becomes the test set and the others the training rows, of which
     * {@code valFraction} is held out for early stopping. This split's own test rows are left out, so a
     * hyperparameter search on the result never sees them.
     */
    public Split inner(int j, int k, double valFraction, long seed) {
        int[] rows = IntStream.concat(Arrays.stream(train), Arrays.stream(val))
                .sorted()
                .toArray();
        if (j < 0 || j >= k)
            throw new IllegalArgumentException("inner fold " + j + " of " + k + ": expected 0.." + (k - 1));
        Split f = kFold(rows.length, k, valFraction, seed).get(j);
        return new Split(pick(rows, f.train()), pick(rows, f.val()), pick(rows, f.test()));
    }

    /** This split with a seeded {@code n} of its training rows (ascending); validation and test unchanged. */
    public Split withTrainSize(int n, long seed) {
        int[] order = permutation(train.length, seed ^ 0x7A11L);
        int[] kept = new int[Math.min(n, train.length)];
        for (int i = 0; i < kept.length; i++) kept[i] = train[order[i]];
        Arrays.sort(kept);
        return new Split(kept, val, test);
    }

    private static int[] pick(int[] rows, int[] at) {
        int[] out = new int[at.length];
        for (int i = 0; i < at.length; i++) out[i] = rows[at[i]];
        return out;
    }

    private static int[] filter(int[] rows, boolean[] keep) {
        return Arrays.stream(rows).filter(r -> keep[r]).toArray();
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    private static List<Split> fromFolds(int n, List<List<Integer>> folds, double valFraction, long seed) {
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            Set<Integer> test = new HashSet<>(folds.get(f));
            int[] rest = new int[n - test.size()];
            int j = 0;
            for (int i = 0; i < n; i++) if (!test.contains(i)) rest[j++] = i;
            int[][] tv = holdOut(rest, valFraction, seed + f);
            splits.add(new Split(
                    tv[0],
                    tv[1],
                    folds.get(f).stream().mapToInt(Integer::intValue).toArray()));
        }
        return splits;
    }

    /** Splits {@code rows} into {train, val} with a seeded shuffle. */
    static int[][] holdOut(int[] rows, double valFraction, long seed) {
        if (valFraction < 0 || valFraction >= 1)
            throw new IllegalArgumentException("validation fraction " + valFraction);
        int[] perm = permutation(rows.length, seed);
        int nVal = (int) Math.round(rows.length * valFraction);
        int[] val = new int[nVal];
        int[] train = new int[rows.length - nVal];
        for (int i = 0; i < rows.length; i++) {
            if (i < nVal) val[i] = rows[perm[i]];
            else train[i - nVal] = rows[perm[i]];
        }
        return new int[][] {train, val};
    }

    private static int[] permutation(int n, long seed) {
        return permutation(n, new Random(seed));
    }

    /** 0..n−1 in the order of {@link #shuffle} with {@code rng}: the one seeded shuffle of the module. */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rng);
        return p;
    }

    /**
     * Shuffles {@code values} in place (Fisher–Yates from the last position down, as
     * {@link java.util.Collections#shuffle(List, Random)} does), so a seed gives one order everywhere.
     */
    public static void shuffle(int[] values, Random rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static void checkFolds(int n, int k) {
        if (k < 2 || k > n) throw new IllegalArgumentException(k + " folds for " + n + " rows");
    }
}

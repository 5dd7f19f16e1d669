package spinel.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;
import spinel.graph.symmetry.StructureMatcher;

/**
 * The groups of duplicate structures of a dataset, for a split that never puts two copies of one
 * crystal on both sides ({@code spinel train --dedupe}, {@link Split#random(int, double, double, long,
 * List)}). Structures are pre-grouped by reduced composition and matched within it by
 * {@link StructureMatcher} with pymatgen's defaults (ltol 0.2, stol 0.3, angle_tol 5°, primitive
 * cells, so a supercell or a permuted copy matches its cell), as pymatgen's {@code group_structures}.
 *
 * <p>Grouping 36,737 Materials Project structures takes about 50 s of CPU, so the groups are cached
 * in {@code <cache>/duplicates/<content hash>-<matcher key>.json} (written atomically): the dataset's content hash
 * ({@link CrystalDataset#contentHash()}) names the rows, so another dataset or subset never reuses
 * them. Only groups of two or more rows are stored.
 *
 * @param groups disjoint groups of ≥ 2 row indices (ascending within a group, groups by first row)
 * @param cached whether the groups were read from the cache rather than computed
 */
public record DuplicateGroups(List<List<Integer>> groups, boolean cached) {

    /** The matcher: pymatgen's defaults. */
    public static final StructureMatcher MATCHER = StructureMatcher.withDefaults();

    public DuplicateGroups {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** Rows that sit in a group with at least one other row. */
    public int groupedRows() {
        return groups.stream().mapToInt(List::size).sum();
    }

    /** Rows a deduplication would remove (all but one per group). */
    public int duplicates() {
        return groupedRows() - groups.size();
    }

    /** The groups of {@code dataset}, from the cache in {@code cacheDir} when there, else computed and cached. */
    public static DuplicateGroups of(CrystalDataset dataset, Path cacheDir, PrintStream log) throws IOException {
        Path file = cacheDir == null
                ? null
                : cacheDir.resolve("duplicates").resolve(dataset.contentHash() + "-" + matcherKey() + ".json");
        if (file != null && Files.isRegularFile(file)) {
            List<List<Integer>> groups = RunFiles.JSON.readValue(file.toFile(), new TypeReference<>() {});
            return checked(new DuplicateGroups(groups, true), dataset.size(), file);
        }
        long wall = System.nanoTime(), cpu = cpuNanos();
        DuplicateGroups found = compute(dataset);
        log.printf(
                Locale.ROOT,
                "dedupe: grouped %d structures in %.1f s (%.1f s CPU)%n",
                dataset.size(),
                (System.nanoTime() - wall) / 1e9,
                (cpuNanos() - cpu) / 1e9);
        if (file != null) AtomicFiles.write(file, out -> RunFiles.JSON.writeValue(out, found.groups()));
        return found;
    }

    /** Matches every structure of {@code dataset} (read once, in parallel chunks) and keeps the groups of ≥ 2. */
    static DuplicateGroups compute(CrystalDataset dataset) throws IOException {
        List<Structure> structures = new ArrayList<>(dataset.size());
        dataset.forEachChunk(2048, (first, chunk) -> structures.addAll(chunk));
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> g : MATCHER.groupIndices(structures)) if (g.size() > 1) groups.add(g);
        return new DuplicateGroups(groups, false);
    }

    /** A short key of the matcher's settings, so changed tolerances never reuse a cache file. */
    private static String matcherKey() {
        return Hashing.sha256Hex(MATCHER.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 12);
    }

    /** The record of these groups in a run's config.json. */
    public RunConfig.Dedupe settings() {
        return new RunConfig.Dedupe(MATCHER.toString(), groups.size(), groupedRows(), duplicates());
    }

    private static DuplicateGroups checked(DuplicateGroups g, int rows, Path file) {
        for (List<Integer> group : g.groups())
            for (int r : group)
                if (r < 0 || r >= rows)
                    throw new IllegalArgumentException(
                            file + ": row " + r + " is outside the dataset's " + rows + " rows; delete the file");
        return g;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}

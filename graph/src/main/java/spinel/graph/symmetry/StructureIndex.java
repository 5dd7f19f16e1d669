package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.Structure;

/**
 * A set of known structures prepared once (reduced cells, bucketed by composition) so that many
 * candidates can be looked up against it with a {@link StructureMatcher}: is a generated structure
 * novel, does a test structure duplicate a training one. Build it with
 * {@link StructureMatcher#index(List)}. Immutable and thread-safe.
 */
public final class StructureIndex {

    private final StructureMatcher matcher;
    private final List<MatchCell> cells;
    private final Map<String, List<Integer>> byHash;

    StructureIndex(StructureMatcher matcher, List<MatchCell> cells) {
        this.matcher = matcher;
        this.cells = cells;
        this.byHash = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            byHash.computeIfAbsent(cells.get(i).hash, k -> new ArrayList<>()).add(i);
        }
    }

    /** Number of known structures. */
    public int size() {
        return cells.size();
    }

    /** The index of the first known structure that {@code s} matches, or -1 when it is new. */
    public int indexOf(Structure s) {
        MatchCell c = matcher.prepare(s);
        for (int i : byHash.getOrDefault(c.hash, List.of())) {
            if (matcher.matchPrepared(cells.get(i), c)) return i;
        }
        return -1;
    }

    /** Whether {@code s} matches a known structure. */
    public boolean contains(Structure s) {
        return indexOf(s) >= 0;
    }

    /**
     * For each candidate, the index of the first known structure it matches, or -1 (candidates are
     * looked up in parallel, common fork-join pool).
     */
    public int[] indicesOf(List<Structure> candidates) {
        return candidates.parallelStream().mapToInt(this::indexOf).toArray();
    }
}

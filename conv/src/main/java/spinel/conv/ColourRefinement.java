package spinel.conv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import spinel.graph.CrystalGraph;

/**
 * Colour refinement of one crystal graph (the one-dimensional Weisfeiler–Leman test; its fixpoint
 * is the coarsest equitable partition): atoms are coloured first by their atom-feature row, then
 * repeatedly by their colour together with the sorted multiset of their slot keys (neighbour colour,
 * bond-feature row, padding flag) over the M slots, until no colour splits. Two atoms of one colour
 * have equal features after every CGCNN convolution (by induction over the layers), which is what
 * {@link ReducedGraph} relies on.
 */
final class ColourRefinement {

    private ColourRefinement() {}

    /**
     * The stable colour of each atom of {@code g}, numbered in order of first appearance.
     *
     * @param bondRow each slot's bond-feature row id (N·M): equal ids for equal rows
     */
    static int[] colours(CrystalGraph g, int[] bondRow) {
        int n = g.numAtoms(), m = g.maxNeighbors();
        int[] colour = initialColours(g);
        int count = 0;
        for (int c : colour) count = Math.max(count, c + 1);
        long[] keys = new long[m];
        while (count < n) {
            Map<Key, Integer> next = new HashMap<>();
            int[] refined = new int[n];
            for (int i = 0; i < n; i++) {
                slotKeys(g, i, bondRow, colour, keys);
                Arrays.sort(keys);
                long[] signature = Arrays.copyOf(keys, m + 1);
                signature[m] = colour[i];
                refined[i] = next.computeIfAbsent(new Key(signature), k -> next.size());
            }
            colour = refined;
            if (next.size() == count) break; // no colour split: stable
            count = next.size();
        }
        return colour;
    }

    /** Colours by atom-feature row (exact float bits). */
    private static int[] initialColours(CrystalGraph g) {
        int n = g.numAtoms(), f = g.atomFeatureLength();
        float[] features = g.atomFeatures();
        int[] colour = new int[n];
        Map<Key, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long[] bits = new long[f];
            for (int k = 0; k < f; k++) bits[k] = Float.floatToIntBits(features[i * f + k]);
            colour[i] = seen.computeIfAbsent(new Key(bits), k -> seen.size());
        }
        return colour;
    }

    /**
     * Slot keys of atom {@code i}, in slot order: bond row (high 32 bits), neighbour colour, padding
     * flag (low bit: 1 for a real neighbour).
     */
    static void slotKeys(CrystalGraph g, int i, int[] bondRow, int[] colour, long[] keys) {
        int m = g.maxNeighbors();
        int[] idx = g.neighborIndices();
        int real = g.neighborCount(i);
        for (int k = 0; k < m; k++) {
            long bond = bondRow[i * m + k];
            keys[k] = (bond << 32) | ((long) colour[idx[i * m + k]] << 1) | (k < real ? 1 : 0);
        }
    }

    /** A long[] with value equality, for hashing signatures. */
    private record Key(long[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}

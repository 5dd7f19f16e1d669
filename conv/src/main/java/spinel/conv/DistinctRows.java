package spinel.conv;

import java.util.Arrays;
import java.util.List;
import spinel.graph.CrystalGraph;

/**
 * The distinct bond-feature rows of a batch of graphs and, for every neighbour slot, its row: an
 * open-addressing hash table over the rows' exact float bits (rows equal under {@link
 * Arrays#equals(float[], int, int, float[], int, int)} share a row).
 */
record DistinctRows(float[] rows, int count, long[] index) {

    /** Rows of length {@code b} of the {@code slots} neighbour slots of {@code graphs}, in order. */
    static DistinctRows of(List<CrystalGraph> graphs, int slots, int b) {
        int capacity = Integer.highestOneBit(Math.max(4, 2 * slots)) << 1; // load factor ≤ 1/2
        int[] table = new int[capacity]; // row + 1; 0 is empty
        float[] rows = new float[Math.max(1, slots / 4) * b];
        long[] index = new long[slots];
        int count = 0;
        int slot = 0;
        for (CrystalGraph g : graphs) {
            float[] f = g.bondFeatures();
            for (int off = 0; off < f.length; off += b, slot++) {
                int pos = hash(f, off, b) & (capacity - 1);
                int entry;
                while ((entry = table[pos]) != 0 && !Arrays.equals(f, off, off + b, rows, (entry - 1) * b, entry * b)) {
                    pos = (pos + 1) & (capacity - 1);
                }
                if (entry == 0) {
                    if ((count + 1) * b > rows.length) rows = Arrays.copyOf(rows, 2 * rows.length);
                    System.arraycopy(f, off, rows, count * b, b);
                    entry = ++count;
                    table[pos] = entry;
                }
                index[slot] = entry - 1;
            }
        }
        if (slot != slots)
            throw new IllegalArgumentException("expected " + slots + " bond slots, the graphs have " + slot);
        return new DistinctRows(Arrays.copyOf(rows, count * b), count, index);
    }

    private static int hash(float[] f, int off, int b) {
        int h = 1;
        for (int k = off; k < off + b; k++) h = 31 * h + Float.floatToIntBits(f[k]);
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        return h ^ (h >>> 16);
    }
}

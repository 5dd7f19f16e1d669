package spinel.conv;

import java.util.Arrays;

/**
 * The distinct rows of a row-major float matrix and, for every row, its distinct row: an
 * open-addressing hash table over the rows' exact float bits (rows equal under {@link
 * Arrays#equals(float[], int, int, float[], int, int)} share a row). Bonds at one distance (periodic
 * images, symmetry-equivalent neighbours, padding slots) have identical Gaussian expansions, so a
 * crystal's N·M bond-feature rows have far fewer distinct ones.
 */
record DistinctRows(float[] rows, int count, int[] index) {

    /** The distinct rows of length {@code b} of {@code features}, numbered in order of first appearance. */
    static DistinctRows of(float[] features, int b) {
        int n = features.length / b;
        int capacity = Integer.highestOneBit(Math.max(4, 2 * n)) << 1; // load factor ≤ 1/2
        int[] table = new int[capacity]; // row + 1; 0 is empty
        float[] rows = new float[Math.max(1, n / 4) * b];
        int[] index = new int[n];
        int count = 0;
        for (int row = 0, off = 0; row < n; row++, off += b) {
            int pos = hash(features, off, b) & (capacity - 1);
            int entry;
            while ((entry = table[pos]) != 0
                    && !Arrays.equals(features, off, off + b, rows, (entry - 1) * b, entry * b)) {
                pos = (pos + 1) & (capacity - 1);
            }
            if (entry == 0) {
                if ((count + 1) * b > rows.length) rows = Arrays.copyOf(rows, 2 * rows.length);
                System.arraycopy(features, off, rows, count * b, b);
                entry = ++count;
                table[pos] = entry;
            }
            index[row] = entry - 1;
        }
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

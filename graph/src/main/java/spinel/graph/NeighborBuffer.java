package spinel.graph;

import java.util.Arrays;

/**
 * Scratch space for one site's neighbour candidates: collects (j, image) pairs from
 * {@link CellList#query}, computes their exact distances, drops those beyond the cutoff, and sorts
 * them in the canonical order (distance, then index, then image lexicographically). Reused across
 * sites so that a search allocates nothing per site.
 */
final class NeighborBuffer {

    int size;
    int[] index = new int[64];
    int[] image = new int[192];
    double[] dist = new double[64];
    /** Entry positions in sorted order after {@link #finish}. */
    int[] order = new int[64];

    private int[] tmp = new int[64];

    void clear() {
        size = 0;
    }

    void add(int j, int n0, int n1, int n2) {
        if (size == index.length) grow();
        index[size] = j;
        image[3 * size] = n0;
        image[3 * size + 1] = n1;
        image[3 * size + 2] = n2;
        size++;
    }

    private void grow() {
        int cap = index.length * 2;
        index = Arrays.copyOf(index, cap);
        image = Arrays.copyOf(image, 3 * cap);
        dist = Arrays.copyOf(dist, cap);
        order = new int[cap];
        tmp = new int[cap];
    }

    /** Exact distances from site {@code i}, drop entries beyond {@code cutoff} (+ tolerance), sort. */
    void finish(CellList cl, int i, double cutoff) {
        double limit = cutoff + CellList.TOLERANCE;
        int w = 0;
        for (int k = 0; k < size; k++) {
            double d = cl.distance(i, index[k], image[3 * k], image[3 * k + 1], image[3 * k + 2]);
            if (d <= limit) {
                index[w] = index[k];
                image[3 * w] = image[3 * k];
                image[3 * w + 1] = image[3 * k + 1];
                image[3 * w + 2] = image[3 * k + 2];
                dist[w] = d;
                w++;
            }
        }
        size = w;
        for (int k = 0; k < size; k++) order[k] = k;
        sort(0, size);
    }

    /** Canonical order: distance, then site index, then image (lexicographic). */
    private int compare(int a, int b) {
        int c = Double.compare(dist[a], dist[b]);
        if (c != 0) return c;
        c = Integer.compare(index[a], index[b]);
        if (c != 0) return c;
        for (int k = 0; k < 3; k++) {
            c = Integer.compare(image[3 * a + k], image[3 * b + k]);
            if (c != 0) return c;
        }
        return 0;
    }

    // merge sort of order[from, to) (stable, O(n log n), no boxing)
    private void sort(int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                int j = i - 1;
                while (j >= from && compare(order[j], v) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        if (compare(order[mid - 1], order[mid]) <= 0) return;
        System.arraycopy(order, from, tmp, from, to - from);
        int p = from, q = mid, o = from;
        while (p < mid && q < to) order[o++] = compare(tmp[q], tmp[p]) < 0 ? tmp[q++] : tmp[p++];
        while (p < mid) order[o++] = tmp[p++];
        while (q < to) order[o++] = tmp[q++];
    }
}

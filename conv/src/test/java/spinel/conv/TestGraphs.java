package spinel.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spinel.graph.CrystalGraph;

/** Random but well-formed crystal graphs for unit tests. */
final class TestGraphs {

    private TestGraphs() {}

    static final int F = 92;
    static final int M = 12;
    static final int B = 41;

    /**
     * A graph of {@code n} atoms; when {@code padded}, the last atom has only 5 real neighbours and
     * its other slots follow the reference's padding rule (index 0, distance 9 Å).
     */
    static CrystalGraph graph(Random r, String id, int n, boolean padded) {
        int[] z = new int[n];
        float[] atoms = new float[n * F];
        int[] idx = new int[n * M];
        float[] dist = new float[n * M];
        int[] counts = new int[n];
        float[] bonds = new float[n * M * B];
        for (int i = 0; i < n; i++) {
            z[i] = 1 + r.nextInt(80);
            for (int k = 0; k < F; k++) atoms[i * F + k] = r.nextFloat() < 0.15f ? 1f : 0f;
            counts[i] = padded && i == n - 1 ? 5 : M;
            float d = 1.8f;
            for (int k = 0; k < M; k++) {
                boolean real = k < counts[i];
                d += 0.3f * r.nextFloat();
                idx[i * M + k] = real ? r.nextInt(n) : 0;
                dist[i * M + k] = real ? d : 9f;
                for (int g = 0; g < B; g++) {
                    double mu = 0.2 * g;
                    bonds[(i * M + k) * B + g] = (float) Math.exp(-Math.pow(dist[i * M + k] - mu, 2) / 0.04);
                }
            }
        }
        return new CrystalGraph(id, z, atoms, idx, dist, new int[n * M * 3], counts, bonds);
    }

    static List<CrystalGraph> graphs(long seed, int crystals, int minAtoms, int maxAtoms, boolean padded) {
        Random r = new Random(seed);
        List<CrystalGraph> list = new ArrayList<>();
        for (int c = 0; c < crystals; c++) {
            list.add(graph(r, "g" + c, minAtoms + r.nextInt(maxAtoms - minAtoms + 1), padded));
        }
        return list;
    }

    /**
     * A {@code copies}-fold cyclic cover of a random graph of {@code n} atoms: atom (c, i) has atom
     * i's features and slots, each slot pointing at copy (c + shift) mod copies of the base
     * neighbour, with one random shift per base slot. The shift c → c + 1 maps the graph onto itself,
     * so the copies of an atom are indistinguishable (as symmetry-equivalent sites of a crystal);
     * every third atom has its first two slots equal (one neighbour seen twice at one distance, as
     * periodic images).
     */
    static CrystalGraph cover(Random r, String id, int n, int copies, boolean padded) {
        CrystalGraph base = graph(r, id, n, padded);
        int[] baseIdx = base.neighborIndices().clone();
        float[] baseDist = base.neighborDistances().clone();
        float[] baseBonds = base.bondFeatures().clone();
        int[] shift = new int[n * M];
        for (int s = 0; s < n * M; s++) shift[s] = r.nextInt(copies);
        for (int i = 0; i < n; i += 3) {
            baseIdx[i * M + 1] = baseIdx[i * M];
            baseDist[i * M + 1] = baseDist[i * M];
            shift[i * M + 1] = shift[i * M];
            System.arraycopy(baseBonds, i * M * B, baseBonds, (i * M + 1) * B, B);
        }
        int total = n * copies;
        int[] z = new int[total];
        float[] atoms = new float[total * F];
        int[] idx = new int[total * M];
        float[] dist = new float[total * M];
        int[] counts = new int[total];
        float[] bonds = new float[total * M * B];
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < n; i++) {
                int a = c * n + i;
                z[a] = base.atomicNumbers()[i];
                counts[a] = base.neighborCounts()[i];
                System.arraycopy(base.atomFeatures(), i * F, atoms, a * F, F);
                System.arraycopy(baseDist, i * M, dist, a * M, M);
                System.arraycopy(baseBonds, i * M * B, bonds, a * M * B, M * B);
                for (int k = 0; k < M; k++) {
                    int s = i * M + k;
                    idx[a * M + k] = ((c + shift[s]) % copies) * n + baseIdx[s];
                }
            }
        }
        return new CrystalGraph(id, z, atoms, idx, dist, new int[total * M * 3], counts, bonds);
    }

    /** Covers of 1 to 4 copies of random graphs of 2 to 6 atoms, the last one padded. */
    static List<CrystalGraph> covers(long seed, int crystals) {
        Random r = new Random(seed);
        List<CrystalGraph> list = new ArrayList<>();
        for (int c = 0; c < crystals; c++) {
            list.add(cover(r, "cover" + c, 2 + r.nextInt(5), 1 + r.nextInt(4), c == crystals - 1));
        }
        return list;
    }
}

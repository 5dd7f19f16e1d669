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
}

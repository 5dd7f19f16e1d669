package spinel.graph.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Wyckoff positions of the 530 Hall settings, from the resource
 * {@code spinel/graph/symmetry/wyckoff.txt}: the letters, multiplicities and site-symmetry symbols of
 * the International Tables for Crystallography Vol. A as encoded in spglib (BSD-3-Clause), derived
 * through spglib's public API by {@code scripts/gen_wyckoff_table.py}.
 */
public final class WyckoffPositions {

    private WyckoffPositions() {}

    private static final class Table {
        static final List<List<WyckoffPosition>> BY_HALL = new ArrayList<>();
        static final double[][][][] PROJECTIONS = new double[531][][][];

        static {
            for (int h = 0; h <= 530; h++) BY_HALL.add(new ArrayList<>());
            String name = "/spinel/graph/symmetry/wyckoff.txt";
            try (InputStream in = WyckoffPositions.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("resource " + name + " is missing");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') continue;
                    String[] f = line.split("\\|", -1);
                    int h = Integer.parseInt(f[0]);
                    BY_HALL.get(h).add(new WyckoffPosition(h, f[1], Integer.parseInt(f[2]), f[3], f[4]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
            for (int h = 1; h <= 530; h++) {
                List<WyckoffPosition> list = BY_HALL.get(h);
                if (list.isEmpty()) throw new IllegalStateException(name + " has no positions for Hall number " + h);
                PROJECTIONS[h] = new double[list.size()][][];
                for (int i = 0; i < list.size(); i++) {
                    SymOp p = list.get(i).projection();
                    double[][] rt = new double[4][];
                    for (int k = 0; k < 3; k++) rt[k] = p.rotation()[k].clone();
                    rt[3] = p.translation().clone();
                    PROJECTIONS[h][i] = rt;
                }
            }
        }
    }

    /** The Wyckoff positions of a Hall setting in letter order (a, b, ..., the general position last). */
    public static List<WyckoffPosition> of(int hallNumber) {
        if (hallNumber < 1 || hallNumber > 530) {
            throw new IllegalArgumentException("Hall number must be 1..530, got " + hallNumber);
        }
        return List.copyOf(Table.BY_HALL.get(hallNumber));
    }

    /** Position i of setting h, no copy. */
    static WyckoffPosition get(int h, int i) {
        return Table.BY_HALL.get(h).get(i);
    }

    static int count(int h) {
        return Table.BY_HALL.get(h).size();
    }

    /** Projection of position i of setting h: rows 0–2 the rotation, row 3 the translation. No copy. */
    static double[][] projection(int h, int i) {
        return Table.PROJECTIONS[h][i];
    }
}

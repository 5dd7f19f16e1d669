package spinel.graph.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * spglib's origin-shift tables (Grosse-Kunstleve, Acta Cryst. A55, 383 (1999)): for each lattice
 * family and centring, the generator sets tried in turn and, for each, the matrix V S⁺ U (S = U M V the
 * Smith normal form of the stacked W_g − I of the generators, in the centring's primitive basis)
 * that turns the translation differences of the generators into an origin shift. The numbers are
 * spglib 2.0.2's ({@code src/hall_symbol.c}, computed with Sage; BSD-3-Clause), copied into the
 * resource {@code spinel/graph/symmetry/origin_shift.txt} by {@code scripts/gen_origin_shift_table.py}.
 * Package-private.
 */
final class OriginShiftTable {

    /**
     * One generator set: up to three rotations (conventional basis; null where the set has fewer)
     * and the 3×9 matrix V S⁺ U.
     */
    record GeneratorSet(int[][][] generators, double[][] vspu) {}

    private static final Map<String, List<GeneratorSet>> TABLE = load();

    private OriginShiftTable() {}

    /** The generator sets of a family ("cubic_F", "ortho", "rhombo_h", ...), in spglib's order. */
    static List<GeneratorSet> of(String family) {
        List<GeneratorSet> sets = TABLE.get(family);
        if (sets == null) throw new IllegalArgumentException("no origin-shift table for " + family);
        return sets;
    }

    private static Map<String, List<GeneratorSet>> load() {
        String name = "/spinel/graph/symmetry/origin_shift.txt";
        Map<String, List<GeneratorSet>> out = new HashMap<>();
        try (InputStream in = OriginShiftTable.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') continue;
                String[] f = line.split("\\|");
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(parse(f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return out;
    }

    private static GeneratorSet parse(String generators, String vspu) {
        String[] g = generators.trim().split(" ");
        String[] v = vspu.trim().split(" ");
        int[][][] gens = new int[3][][];
        for (int k = 0; k < 3; k++) {
            int[][] m = new int[3][3];
            boolean zero = true;
            for (int i = 0; i < 9; i++) {
                m[i / 3][i % 3] = Integer.parseInt(g[9 * k + i]);
                zero &= m[i / 3][i % 3] == 0;
            }
            gens[k] = zero ? null : m;
        }
        double[][] mat = new double[3][9];
        for (int i = 0; i < 27; i++) mat[i / 9][i % 9] = rational(v[i]);
        return new GeneratorSet(gens, mat);
    }

    private static double rational(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return Integer.parseInt(s);
        return Integer.parseInt(s.substring(0, slash)) / (double) Integer.parseInt(s.substring(slash + 1));
    }
}

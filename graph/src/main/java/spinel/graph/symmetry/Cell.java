package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;

/**
 * The bare cell the symmetry search works on, as spglib's {@code Cell}: lattice vectors as rows
 * (Å), fractional positions and an integer type per site. Package-private.
 *
 * <p>Types: two sites have the same type when they hold the same species (element and oxidation
 * state) with the same occupancies (to 1e-4); a partially occupied site is therefore a type of its
 * own, distinct from the fully occupied species.
 */
final class Cell {

    final double[][] lattice;
    final double[][] pos;
    final int[] types;
    /** Site indices grouped by type; {@code byType[types[i]]} holds i. */
    final int[][] byType;

    Cell(double[][] lattice, double[][] pos, int[] types) {
        this.lattice = lattice;
        this.pos = pos;
        this.types = types;
        int nt = 0;
        for (int t : types) nt = Math.max(nt, t + 1);
        int[] counts = new int[nt];
        for (int t : types) counts[t]++;
        byType = new int[nt][];
        for (int t = 0; t < nt; t++) byType[t] = new int[counts[t]];
        int[] fill = new int[nt];
        for (int i = 0; i < types.length; i++) byType[types[i]][fill[types[i]]++] = i;
    }

    static Cell of(Structure s) {
        return new Cell(s.lattice().matrix(), s.fracCoords(), typesOf(s));
    }

    /** Type number of each site: first appearance order of its species-and-occupancy key. */
    static int[] typesOf(Structure s) {
        Map<String, Integer> ids = new HashMap<>();
        int[] t = new int[s.size()];
        for (int i = 0; i < t.length; i++) {
            String key = typeKey(s.site(i));
            Integer id = ids.get(key);
            if (id == null) {
                id = ids.size();
                ids.put(key, id);
            }
            t[i] = id;
        }
        return t;
    }

    private static String typeKey(Site site) {
        if (site.isOrdered()) return site.specie().toString();
        TreeMap<String, Double> sorted = new TreeMap<>();
        for (Map.Entry<Species, Double> e : site.species().entrySet())
            sorted.put(e.getKey().toString(), e.getValue());
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(k)
                .append(':')
                .append(String.format(Locale.ROOT, "%.4f", v))
                .append(';'));
        return sb.toString();
    }

    int size() {
        return pos.length;
    }

    /** First site of the type with the fewest sites (spglib's {@code get_index_with_least_atoms}). */
    int indexWithLeastAtoms() {
        int best = -1;
        for (int t = 0; t < byType.length; t++) {
            if (byType[t].length > 0 && (best < 0 || byType[t].length < byType[types[best]].length)) {
                best = byType[t][0];
            }
        }
        return best;
    }

    /** Whether two fractional positions coincide within {@code symprec} Å (nearest image by rounding). */
    boolean overlap(double[] a, double[] b, double symprec) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        dx -= Math.rint(dx);
        dy -= Math.rint(dy);
        dz -= Math.rint(dz);
        double x = dx * lattice[0][0] + dy * lattice[1][0] + dz * lattice[2][0];
        double y = dx * lattice[0][1] + dy * lattice[1][1] + dz * lattice[2][1];
        double z = dx * lattice[0][2] + dy * lattice[1][2] + dz * lattice[2][2];
        return x * x + y * y + z * z < symprec * symprec;
    }

    /**
     * The site of type {@code type} at fractional position {@code p} within symprec, or −1.
     */
    int find(double[] p, int type, double symprec) {
        for (int j : byType[type]) {
            if (overlap(p, pos[j], symprec)) return j;
        }
        return -1;
    }

    /**
     * Whether (W, t) maps every site onto a site of the same type, within symprec Å.
     *
     * @param w integer rotation acting on fractional column vectors
     */
    boolean isSymmetry(int[][] w, double[] t, double symprec) {
        double[] p = new double[3];
        for (int i = 0; i < pos.length; i++) {
            double[] x = pos[i];
            for (int r = 0; r < 3; r++) p[r] = w[r][0] * x[0] + w[r][1] * x[1] + w[r][2] * x[2] + t[r];
            if (find(p, types[i], symprec) < 0) return false;
        }
        return true;
    }

    /** Image of each site under (W, t), or null when one has none. */
    int[] permutation(int[][] w, double[] t, double symprec) {
        int[] perm = new int[pos.length];
        double[] p = new double[3];
        for (int i = 0; i < pos.length; i++) {
            double[] x = pos[i];
            for (int r = 0; r < 3; r++) p[r] = w[r][0] * x[0] + w[r][1] * x[1] + w[r][2] * x[2] + t[r];
            perm[i] = find(p, types[i], symprec);
            if (perm[i] < 0) return null;
        }
        return perm;
    }

    /**
     * Candidate translations t for rotation W: those taking the reference site (of the rarest type)
     * onto each site of its type, and mapping the whole cell onto itself. Wrapped as spglib does (into [0, 1), values just below an integer to just below 0).
     */
    List<double[]> translations(int[][] w, double symprec, boolean firstOnly) {
        if (!firstOnly && Mat3.equal(w, Mat3.identity())) return pureTranslations(symprec);
        int ref = indexWithLeastAtoms();
        double[] origin = Mat3.mul(w, pos[ref]);
        List<double[]> out = new ArrayList<>();
        for (int j : byType[types[ref]]) {
            double[] t = {pos[j][0] - origin[0], pos[j][1] - origin[1], pos[j][2] - origin[2]};
            if (isSymmetry(w, t, symprec)) {
                out.add(new double[] {Mat3.spglibMod1(t[0]), Mat3.spglibMod1(t[1]), Mat3.spglibMod1(t[2])});
                if (firstOnly) break;
            }
        }
        return out;
    }

    /**
     * The pure translations, as spglib's {@code get_translation} with the identity: each candidate
     * x_j − x_ref that maps every site onto a site is accepted, and with it the sites reached by
     * repeating it from sites already accepted (sums of pure translations are pure translations,
     * checked on one site only, as spglib does).
     */
    private List<double[]> pureTranslations(double symprec) {
        int ref = indexWithLeastAtoms();
        int n = pos.length;
        boolean[] found = new boolean[n];
        int[][] id = Mat3.identity();
        for (int i : byType[types[ref]]) {
            if (found[i]) continue;
            double[] t = {pos[i][0] - pos[ref][0], pos[i][1] - pos[ref][1], pos[i][2] - pos[ref][2]};
            if (!isSymmetry(id, t, symprec)) continue;
            found[i] = true;
            boolean[] starts = found.clone();
            for (int start = 0; start < n; start++) {
                if (!starts[start]) continue;
                int at = start;
                for (int step = 0; step < n; step++) {
                    double[] v = {pos[at][0] + t[0], pos[at][1] + t[1], pos[at][2] + t[2]};
                    int j = find(v, types[at], symprec);
                    if (j >= 0) {
                        found[j] = true;
                        at = j;
                    }
                    if (at == start) break;
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (found[j]) {
                out.add(new double[] {
                    Mat3.spglibMod1(pos[j][0] - pos[ref][0]),
                    Mat3.spglibMod1(pos[j][1] - pos[ref][1]),
                    Mat3.spglibMod1(pos[j][2] - pos[ref][2])
                });
            }
        }
        return out;
    }
}

package spinel.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import spinel.descriptors.BondOrder;
import spinel.descriptors.FeatureTable;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.descriptors.SymmetryFunctions;
import spinel.graph.CrystalGraph;
import spinel.graph.Element;
import spinel.graph.Structure;

/**
 * Angular per-atom descriptors appended to a crystal graph's atom features ({@code spinel train
 * --atom-descriptors steinhardt,acsf}), so that they enter the CGCNN embedding and every convolution;
 * their mean and standard deviation over a crystal's atoms ({@link #pooled}) join the global vector
 * of descriptor fusion. The descriptors come from {@code spinel.descriptors}; this class only chooses
 * their parameters and lays them out, so {@code conv} keeps reading a plain atom-feature matrix.
 *
 * <ul>
 * <li>{@code steinhardt}: q_l and ŵ_l for l = 4, 6, 8, 10, 12 over the 12 nearest neighbours
 *     (Steinhardt, Nelson &amp; Ronchetti, PRB 28, 784 (1983)); 10 columns, an undefined ŵ_l (q_l = 0)
 *     is 0;</li>
 * <li>{@code acsf}: Behler–Parrinello symmetry functions (J. Chem. Phys. 134, 074106 (2011)),
 *     species-agnostic, R_c = 6 Å: G1, G2 with η = 0.05, 0.2, 1 Å⁻² (R_s = 0), G4 with η = 0.005 Å⁻²,
 *     ζ = 1, 2, 4, 16, λ = ±1, and G4 with η = 0.05 Å⁻², ζ = 1, 4, λ = ±1; 16 columns, each as
 *     ln(1 + G) (every G is ≥ 0 and heavy-tailed in dense structures).</li>
 * </ul>
 * The raw values are stored in the graph (and its cache); {@link #scaled} standardises them with a
 * {@link FeatureScaler} fitted on the atoms of the training crystals only ({@link #fit}).
 */
public final class AtomDescriptors {

    /** The descriptor family names accepted by {@link #parse}. */
    public static final String STEINHARDT = "steinhardt", ACSF = "acsf";

    private static final int[] DEGREES = {4, 6, 8, 10, 12};
    private static final Steinhardt BOND_ORDER =
            Steinhardt.builder().setDegrees(DEGREES).optThirdOrder(true).build();
    /** Every site counted as one placeholder species, so the length does not depend on the chemistry. */
    private static final Element ANY = Element.of(1);

    private static final SymmetryFunctions SYMMETRY_FUNCTIONS = symmetryFunctions();

    private AtomDescriptors() {}

    private static SymmetryFunctions symmetryFunctions() {
        SymmetryFunctions.Builder b = SymmetryFunctions.builder().setCutoff(6.0).setSpecies(List.of(ANY));
        for (double eta : new double[] {0.05, 0.2, 1.0}) b.addG2(eta, 0);
        for (double zeta : new double[] {1, 2, 4, 16}) {
            b.addG4(0.005, zeta, 1);
            b.addG4(0.005, zeta, -1);
        }
        for (double zeta : new double[] {1, 4}) {
            b.addG4(0.05, zeta, 1);
            b.addG4(0.05, zeta, -1);
        }
        return b.build();
    }

    /**
     * Parses {@code steinhardt,acsf} (order kept, duplicates dropped); null or blank gives null (none).
     *
     * @throws IllegalArgumentException naming the unknown family and the known ones
     */
    public static List<String> parse(String list) {
        if (list == null || list.isBlank()) return null;
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty() || out.contains(p)) continue;
            if (!p.equals(STEINHARDT) && !p.equals(ACSF)) {
                throw new IllegalArgumentException(
                        "--atom-descriptors " + part.trim() + ": expected some of " + STEINHARDT + ", " + ACSF);
            }
            out.add(p);
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /** Number of columns the families {@code kinds} append to each atom. */
    public static int length(List<String> kinds) {
        if (kinds == null) return 0;
        int n = 0;
        for (String k : kinds) n += names(k).size();
        return n;
    }

    /** Column names of the families {@code kinds}, in order. */
    public static List<String> names(List<String> kinds) {
        List<String> out = new ArrayList<>();
        for (String k : kinds) out.addAll(names(k));
        return out;
    }

    private static List<String> names(String kind) {
        return switch (kind) {
            case STEINHARDT -> {
                List<String> n = new ArrayList<>();
                for (int l : DEGREES) n.add("q" + l);
                for (int l : DEGREES) n.add("w" + l + "_hat");
                yield n;
            }
            case ACSF -> SYMMETRY_FUNCTIONS.names().stream()
                    .map(s -> "ln1p_" + s.replace("_H-H_", "_").replace("_H_", "_"))
                    .toList();
            default -> throw new IllegalArgumentException("unknown atom descriptors \"" + kind + "\"");
        };
    }

    /** The raw descriptors of every site of {@code s}, sites × {@link #length}. */
    public static double[][] of(Structure s, List<String> kinds) {
        double[][] out = new double[s.size()][length(kinds)];
        int at = 0;
        for (String kind : kinds) {
            double[][] block = block(s, kind);
            for (int i = 0; i < out.length; i++) System.arraycopy(block[i], 0, out[i], at, block[i].length);
            at += names(kind).size();
        }
        return out;
    }

    private static double[][] block(Structure s, String kind) {
        double[][] v;
        if (STEINHARDT.equals(kind)) {
            BondOrder bo = BOND_ORDER.compute(Neighborhoods.nearest(s, 12));
            v = new double[s.size()][2 * DEGREES.length];
            for (int a = 0; a < DEGREES.length; a++) {
                double[] q = bo.q(DEGREES[a]), w = bo.wHat(DEGREES[a]);
                for (int i = 0; i < v.length; i++) {
                    v[i][a] = q[i];
                    v[i][DEGREES.length + a] = w[i];
                }
            }
        } else {
            FeatureTable t = SYMMETRY_FUNCTIONS.compute(
                    Neighborhoods.within(s, SYMMETRY_FUNCTIONS.cutoff()), Collections.nCopies(s.size(), ANY));
            v = t.values();
            for (double[] row : v) for (int j = 0; j < row.length; j++) row[j] = Math.log1p(row[j]);
        }
        for (double[] row : v) for (int j = 0; j < row.length; j++) if (!Double.isFinite(row[j])) row[j] = 0;
        return v;
    }

    /** {@code g} (built from {@code s}) with the raw descriptors of {@code s} appended to every atom's features. */
    public static CrystalGraph append(CrystalGraph g, Structure s, List<String> kinds) {
        if (g.numAtoms() != s.size()) {
            throw new IllegalArgumentException(
                    "graph " + g.id() + " has " + g.numAtoms() + " atoms, the structure " + s.size() + " sites");
        }
        double[][] d = of(s, kinds);
        int f = g.atomFeatureLength(), k = d.length == 0 ? 0 : d[0].length, n = g.numAtoms();
        float[] atoms = new float[n * (f + k)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g.atomFeatures(), i * f, atoms, i * (f + k), f);
            for (int j = 0; j < k; j++) atoms[i * (f + k) + f + j] = (float) d[i][j];
        }
        return withAtomFeatures(g, atoms);
    }

    /** {@code g} with the columns from {@code offset} on standardised by {@code scaler}. */
    public static CrystalGraph scaled(CrystalGraph g, int offset, FeatureScaler scaler) {
        int f = g.atomFeatureLength(), k = f - offset;
        if (scaler.mean().length != k)
            throw new IllegalArgumentException(
                    "the atom scaler has " + scaler.mean().length + " columns, the graph " + k);
        float[] atoms = g.atomFeatures().clone();
        for (int i = 0; i < g.numAtoms(); i++) {
            for (int j = 0; j < k; j++) {
                double v = (atoms[i * f + offset + j] - scaler.mean()[j]) / scaler.std()[j];
                atoms[i * f + offset + j] = Double.isFinite(v) ? (float) v : 0f;
            }
        }
        return withAtomFeatures(g, atoms);
    }

    private static CrystalGraph withAtomFeatures(CrystalGraph g, float[] atoms) {
        return new CrystalGraph(
                        g.id(),
                        g.atomicNumbers(),
                        atoms,
                        g.neighborIndices(),
                        g.neighborDistances(),
                        g.neighborImages(),
                        g.neighborCounts(),
                        g.bondFeatures())
                .withBondAngles(g.bondAngles());
    }

    /** The raw descriptor columns (from {@code offset}) of every atom of {@code g}. */
    static double[][] rows(CrystalGraph g, int offset) {
        int f = g.atomFeatureLength();
        double[][] out = new double[g.numAtoms()][f - offset];
        for (int i = 0; i < out.length; i++)
            for (int j = 0; j < out[i].length; j++) out[i][j] = g.atomFeatures()[i * f + offset + j];
        return out;
    }

    /** Mean then population standard deviation over the atoms of {@code g} of each raw descriptor column. */
    public static double[] pooled(CrystalGraph g, int offset) {
        double[][] r = rows(g, offset);
        int k = r[0].length;
        double[] out = new double[2 * k];
        for (double[] row : r) for (int j = 0; j < k; j++) out[j] += row[j] / r.length;
        for (double[] row : r)
            for (int j = 0; j < k; j++) out[k + j] += (row[j] - out[j]) * (row[j] - out[j]) / r.length;
        for (int j = 0; j < k; j++) out[k + j] = Math.sqrt(out[k + j]);
        return out;
    }

    /** The scaler of the descriptor columns, fitted on every atom of the crystals {@code rows}. */
    static FeatureScaler fit(java.util.function.IntFunction<CrystalGraph> graphs, int[] rows, int offset) {
        List<double[]> atoms = new ArrayList<>();
        for (int r : rows) atoms.addAll(Arrays.asList(rows(graphs.apply(r), offset)));
        double[][] x = atoms.toArray(new double[0][]);
        int[] all = new int[x.length];
        Arrays.setAll(all, i -> i);
        return FeatureScaler.fit(x, all);
    }
}

package spinel.conv;

import java.util.Arrays;
import spinel.graph.CrystalGraph;

/**
 * A crystal graph reduced to the work a CGCNN does on it: one representative per kind of atom the
 * network cannot tell apart, and of each representative's M neighbour slots the distinct ones, with
 * their counts. It depends on the graph alone, so it is computed once per graph — when the graph is
 * built, or when the graph cache is written ({@code spinel.train.GraphCache} stores it) — and a
 * {@link GraphBatch} of reduced graphs is a concatenation.
 *
 * <p>Atoms are coloured by {@link ColourRefinement}; the first atom of each colour represents it (in
 * a crystal, a colour is one Wyckoff orbit, or a union of orbits the network does not distinguish).
 * A representative's slots with equal (neighbour colour, bond-feature row, padding flag) carry equal
 * messages — periodic images of one neighbour at one distance — and are kept once with their count.
 * The bond-feature rows the kept slots use are stored once each. Sums over atoms and slots of the
 * reference CGCNN (Xie &amp; Grossman, PRL 120, 145301 (2018)) become sums weighted by these counts,
 * with the same values; see {@link GraphBatch}.
 *
 * <p>Indices are local to the graph: representatives 0..R−1 (in order of their first atom), slots
 * 0..S−1 grouped by representative, bond rows 0..U−1. Immutable; the arrays returned are the backing
 * arrays and must not be modified.
 */
public final class ReducedGraph {

    /**
     * The distinct slots of the representatives, S entries each: the representative it belongs to,
     * the representative of its neighbour, its bond row, how many of the atom's M slots it stands for,
     * and whether it is a real neighbour (false: a padding slot).
     */
    public record SlotTable(int[] atom, int[] neighbor, int[] bond, int[] count, boolean[] real) {
        /** S, the number of distinct slots. */
        public int size() {
            return atom.length;
        }
    }

    private final int maxNeighbors;
    private final int[] representativeOf;
    private final int[] atomsPerRepresentative;
    private final float[] atomFeatures;
    private final SlotTable slots;
    private final float[] bondFeatures;
    private final float[] bondDistances;

    /**
     * @param maxNeighbors     M, the slots per atom of the original graph
     * @param representativeOf each atom's representative, N entries numbered in order of first appearance
     * @param atomFeatures     the representatives' atom features, R×F
     * @param slots            the representatives' distinct slots
     * @param bondFeatures     the bond-feature rows the slots use, U×B
     * @param bondDistances    the distance of each bond row, Å, U entries
     */
    public ReducedGraph(
            int maxNeighbors,
            int[] representativeOf,
            float[] atomFeatures,
            SlotTable slots,
            float[] bondFeatures,
            float[] bondDistances) {
        int n = representativeOf.length;
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (representativeOf[i] < 0 || representativeOf[i] > r) {
                throw new IllegalArgumentException("representative " + representativeOf[i] + " of atom " + i
                        + ": representatives must be numbered in order of first appearance");
            }
            if (representativeOf[i] == r) r++;
        }
        int u = bondDistances.length;
        if (n == 0 || r == 0 || atomFeatures.length % r != 0 || u == 0 || bondFeatures.length % u != 0) {
            throw new IllegalArgumentException("a reduced graph needs atoms, R×F atom features and U×B bond rows");
        }
        this.maxNeighbors = maxNeighbors;
        this.representativeOf = representativeOf;
        this.atomsPerRepresentative = new int[r];
        for (int rep : representativeOf) atomsPerRepresentative[rep]++;
        this.atomFeatures = atomFeatures;
        this.slots = slots;
        this.bondFeatures = bondFeatures;
        this.bondDistances = bondDistances;
        checkSlots(r, u);
    }

    private void checkSlots(int r, int u) {
        int s = slots.size();
        int[] perAtom = new int[r];
        for (int k = 0; k < s; k++) {
            int a = slots.atom()[k];
            if (a < 0 || a >= r || (k > 0 && a < slots.atom()[k - 1])) {
                throw new IllegalArgumentException("slot " + k + ": representative " + a + " out of order or range");
            }
            if (slots.neighbor()[k] < 0 || slots.neighbor()[k] >= r || slots.bond()[k] < 0 || slots.bond()[k] >= u) {
                throw new IllegalArgumentException("slot " + k + ": neighbour or bond row out of range");
            }
            perAtom[a] += slots.count()[k];
        }
        for (int a = 0; a < r; a++) {
            if (perAtom[a] != maxNeighbors) {
                throw new IllegalArgumentException(
                        "representative " + a + " has " + perAtom[a] + " slots, expected M = " + maxNeighbors);
            }
        }
    }

    /** {@code g} reduced to its representatives and their distinct slots. */
    public static ReducedGraph of(CrystalGraph g) {
        DistinctRows rows = DistinctRows.of(g.bondFeatures(), g.bondFeatureLength());
        return reduce(g, rows, ColourRefinement.colours(g, rows.index()), true);
    }

    /** {@code g} unreduced: every atom its own representative, every slot kept (the reference's layout). */
    public static ReducedGraph everyAtom(CrystalGraph g) {
        DistinctRows rows = DistinctRows.of(g.bondFeatures(), g.bondFeatureLength());
        int[] identity = new int[g.numAtoms()];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        return reduce(g, rows, identity, false);
    }

    /** Representatives (first atom of each colour) and their slots; {@code merge}: equal slots kept once. */
    private static ReducedGraph reduce(CrystalGraph g, DistinctRows rows, int[] colour, boolean merge) {
        int n = g.numAtoms(), m = g.maxNeighbors(), f = g.atomFeatureLength(), b = g.bondFeatureLength();
        int[] repOfColour = new int[n];
        Arrays.fill(repOfColour, -1);
        int[] repAtom = new int[n];
        int[] repOf = new int[n];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (repOfColour[colour[i]] < 0) {
                repOfColour[colour[i]] = r;
                repAtom[r++] = i;
            }
            repOf[i] = repOfColour[colour[i]];
        }
        float[] atoms = new float[r * f];
        for (int j = 0; j < r; j++) System.arraycopy(g.atomFeatures(), repAtom[j] * f, atoms, j * f, f);
        SlotCollector c = new SlotCollector(r * m, rows, g.neighborDistances(), b);
        long[] keys = new long[m];
        for (int j = 0; j < r; j++) {
            ColourRefinement.slotKeys(g, repAtom[j], rows.index(), colour, keys);
            if (merge) Arrays.sort(keys);
            for (int k = 0; k < m; k++) {
                if (merge && k > 0 && keys[k] == keys[k - 1]) c.countAgain();
                else
                    c.add(
                            j,
                            repOfColour[(int) ((keys[k] >>> 1) & 0x7fffffff)],
                            (int) (keys[k] >>> 32),
                            (keys[k] & 1) == 1);
            }
        }
        return c.build(m, repOf, atoms);
    }

    /** Accumulates distinct slots and renumbers the bond rows they use, in order of first use. */
    private static final class SlotCollector {
        final int[] atom, neighbor, bond, count;
        final boolean[] real;
        final DistinctRows rows;
        final int[] newRow, firstSlot;
        final float[] distances;
        final int b;
        int s, u;

        SlotCollector(int capacity, DistinctRows rows, float[] distances, int b) {
            atom = new int[capacity];
            neighbor = new int[capacity];
            bond = new int[capacity];
            count = new int[capacity];
            real = new boolean[capacity];
            this.rows = rows;
            this.distances = distances;
            this.b = b;
            newRow = new int[rows.count()];
            Arrays.fill(newRow, -1);
            firstSlot = new int[rows.count()];
            Arrays.fill(firstSlot, -1);
            for (int k = 0; k < rows.index().length; k++)
                if (firstSlot[rows.index()[k]] < 0) firstSlot[rows.index()[k]] = k;
        }

        void add(int a, int nbr, int row, boolean isReal) {
            if (newRow[row] < 0) newRow[row] = u++;
            atom[s] = a;
            neighbor[s] = nbr;
            bond[s] = newRow[row];
            real[s] = isReal;
            count[s++] = 1;
        }

        void countAgain() {
            count[s - 1]++;
        }

        ReducedGraph build(int m, int[] repOf, float[] atoms) {
            float[] features = new float[u * b];
            float[] dist = new float[u];
            for (int row = 0; row < newRow.length; row++) {
                if (newRow[row] < 0) continue;
                System.arraycopy(rows.rows(), row * b, features, newRow[row] * b, b);
                dist[newRow[row]] = distances[firstSlot[row]];
            }
            SlotTable t = new SlotTable(
                    Arrays.copyOf(atom, s),
                    Arrays.copyOf(neighbor, s),
                    Arrays.copyOf(bond, s),
                    Arrays.copyOf(count, s),
                    Arrays.copyOf(real, s));
            return new ReducedGraph(m, repOf, atoms, t, features, dist);
        }
    }

    /** N, the atoms of the original graph. */
    public int numAtoms() {
        return representativeOf.length;
    }

    /** R, the number of representatives. */
    public int numRepresentatives() {
        return atomsPerRepresentative.length;
    }

    /** M, neighbour slots per atom of the original graph. */
    public int maxNeighbors() {
        return maxNeighbors;
    }

    /** F, atom feature length. */
    public int atomFeatureLength() {
        return atomFeatures.length / numRepresentatives();
    }

    /** B, bond feature length. */
    public int bondFeatureLength() {
        return bondFeatures.length / numBondRows();
    }

    /** Each atom's representative, N entries. */
    public int[] representativeOf() {
        return representativeOf;
    }

    /** How many atoms each representative stands for, R entries (sum N). */
    public int[] atomsPerRepresentative() {
        return atomsPerRepresentative;
    }

    /** The representatives' atom features, R×F. */
    public float[] atomFeatures() {
        return atomFeatures;
    }

    /** The representatives' distinct slots. */
    public SlotTable slots() {
        return slots;
    }

    /** U, the number of bond-feature rows. */
    public int numBondRows() {
        return bondDistances.length;
    }

    /** The bond-feature rows the slots use, U×B. */
    public float[] bondFeatures() {
        return bondFeatures;
    }

    /** The distance (Å) each bond row is the expansion of, U entries. */
    public float[] bondDistances() {
        return bondDistances;
    }
}

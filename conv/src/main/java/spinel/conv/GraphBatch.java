package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.List;
import spinel.graph.CrystalGraph;

/**
 * Many {@link CrystalGraph}s collated into the tensors a {@link CrystalGraphConvNet} consumes: the
 * reference CGCNN's {@code collate_pool} (Xie &amp; Grossman, PRL 120, 145301 (2018)) — atoms of all
 * crystals stacked, neighbour indices shifted by each crystal's offset — with the repeated work
 * taken out.
 *
 * <ul>
 *   <li>Bond features are stored once per distinct row: bonds at the same distance (symmetry-equivalent
 *       neighbours, padding slots) have identical Gaussian expansions; {@link CGConv} multiplies the U
 *       distinct rows by its bond weights and gathers the products.</li>
 *   <li>Atoms the network cannot tell apart (one colour of {@link EquivalentAtoms}: in a crystal,
 *       symmetry-equivalent sites) are computed once, by a representative, and each representative's
 *       equal neighbour slots (periodic images of one neighbour at one distance) once, with their
 *       count. Sums over atoms and slots become weighted sums with the same values.</li>
 * </ul>
 *
 * <p>Every tensor is built from one primitive array with one copy. The batch owns a sub-manager of
 * the manager it is given: arrays computed from the batch (the whole forward and backward pass)
 * attach to it, and {@link #close()} frees them all, so a training loop that closes each batch
 * keeps a constant number of native arrays.
 *
 * <p>Tensors ({@link #toNDList()} order; N atoms, R ≤ N representatives, S ≤ N·M distinct slots, U
 * distinct bond rows, C crystals, A the most representatives of one crystal):
 * <ol start="0">
 *   <li>atom features of the representatives, R×F float32</li>
 *   <li>representative of each slot, S int64</li>
 *   <li>representative of each slot's neighbour, S int64</li>
 *   <li>distinct bond-feature rows, U×B float32</li>
 *   <li>bond row of each slot, S int64</li>
 *   <li>BatchNorm weight of each slot, S×1 float32: count × representative's atoms (sum N·M)</li>
 *   <li>neighbour mask of each slot, S×1 float32: 1 for a real neighbour, 0 for a padding slot</li>
 *   <li>message sum, R×S float32 sparse (COO): entry (r, s) = the count of slot s of r</li>
 *   <li>atoms per representative, R×1 float32 (sum N)</li>
 *   <li>pooling index, C×A int64: row c lists crystal c's representatives, padded with R</li>
 *   <li>pooling weight, C×A×1 float32: atoms per representative, 0 for padding</li>
 *   <li>atom count of each crystal, C×1 float32</li>
 *   <li>(optional) global descriptors, C×D float32</li>
 * </ol>
 *
 * <p>The reference's own layout (every atom, N×M neighbour slots) stays available for inspection
 * and checking: {@link #atomFeatures()}, {@link #neighborIndices()}, {@link #bondFeatures()},
 * {@link #neighborMask()}, {@link #poolIndex()}, and {@link #ofEveryAtom} builds a batch without
 * representatives (R = N, S = N·M).
 */
public final class GraphBatch implements AutoCloseable {

    public static final int ATOM_FEATURES = 0;
    public static final int SLOT_ATOM = 1;
    public static final int SLOT_NEIGHBOR = 2;
    public static final int BOND_FEATURES = 3;
    public static final int SLOT_BOND = 4;
    public static final int SLOT_WEIGHT = 5;
    public static final int SLOT_MASK = 6;
    public static final int MESSAGE_SUM = 7;
    public static final int ATOM_WEIGHT = 8;
    public static final int POOL_INDEX = 9;
    public static final int POOL_WEIGHT = 10;
    public static final int ATOM_COUNTS = 11;
    public static final int GLOBAL_FEATURES = 12;

    private final NDManager manager;
    private final int numCrystals;
    private final int numAtoms;
    private final int maxNeighbors;
    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final int[] crystalAtomCounts;
    private final NDList tensors;
    private final Layout layout;

    /** The reference's per-atom layout, kept as Java arrays and turned into tensors on demand. */
    private record Layout(float[] atoms, long[] neighbors, long[] bondIndex, float[] mask, long[] repOf, int reps) {}

    private GraphBatch(
            NDManager manager,
            int numCrystals,
            int numAtoms,
            int maxNeighbors,
            int atomFeatureLength,
            int bondFeatureLength,
            int[] crystalAtomCounts,
            NDList tensors,
            Layout layout) {
        this.manager = manager;
        this.numCrystals = numCrystals;
        this.numAtoms = numAtoms;
        this.maxNeighbors = maxNeighbors;
        this.atomFeatureLength = atomFeatureLength;
        this.bondFeatureLength = bondFeatureLength;
        this.crystalAtomCounts = crystalAtomCounts;
        this.tensors = tensors;
        this.layout = layout;
    }

    /** Collates {@code graphs} without global descriptors. */
    public static GraphBatch of(NDManager parent, List<CrystalGraph> graphs) {
        return of(parent, graphs, null);
    }

    /**
     * Collates {@code graphs}; all must share M, F and B.
     *
     * @param parent  the manager whose sub-manager will own the batch
     * @param graphs  at least one crystal graph
     * @param globals null, or one descriptor vector per graph, all of the same length D
     */
    public static GraphBatch of(NDManager parent, List<CrystalGraph> graphs, float[][] globals) {
        return collate(parent, graphs, globals, true);
    }

    /**
     * Collates {@code graphs} in the reference's layout, every atom its own representative and every
     * slot kept: the same numbers as {@link #of} at more cost, for checking.
     */
    public static GraphBatch ofEveryAtom(NDManager parent, List<CrystalGraph> graphs, float[][] globals) {
        return collate(parent, graphs, globals, false);
    }

    private static GraphBatch collate(NDManager parent, List<CrystalGraph> graphs, float[][] globals, boolean reduce) {
        if (graphs.isEmpty()) throw new IllegalArgumentException("a graph batch needs at least one crystal");
        CrystalGraph first = graphs.get(0);
        int m = first.maxNeighbors();
        int f = first.atomFeatureLength();
        int b = first.bondFeatureLength();
        int c = graphs.size();
        int n = 0;
        int[] counts = new int[c];
        for (int g = 0; g < c; g++) {
            CrystalGraph graph = graphs.get(g);
            if (graph.maxNeighbors() != m || graph.atomFeatureLength() != f || graph.bondFeatureLength() != b) {
                throw new IllegalArgumentException(
                        "crystal " + g + " (" + graph.id() + ") has M=" + graph.maxNeighbors()
                                + ", F=" + graph.atomFeatureLength() + ", B=" + graph.bondFeatureLength()
                                + " but crystal 0 (" + first.id() + ") has M=" + m + ", F=" + f + ", B=" + b);
            }
            counts[g] = graph.numAtoms();
            n += counts[g];
        }
        int d = globalLength(globals, c);
        Layout layout = layout(graphs, n, m, f);
        DistinctRows bonds = DistinctRows.of(graphs, n * m, b);
        EquivalentAtoms eq = EquivalentAtoms.of(graphs, bonds.index(), reduce);
        layout = new Layout(layout.atoms, layout.neighbors, bonds.index(), layout.mask, eq.repOf, eq.reps);

        NDManager sub = parent.newSubManager();
        NDList list = new NDList(globals == null ? 12 : 13);
        float[] repAtoms = new float[eq.reps * f];
        for (int r = 0; r < eq.reps; r++) System.arraycopy(layout.atoms, eq.repAtom[r] * f, repAtoms, r * f, f);
        list.add(sub.create(repAtoms, new Shape(eq.reps, f)));
        list.add(sub.create(eq.slotAtom, new Shape(eq.slots)));
        list.add(sub.create(eq.slotNeighbor, new Shape(eq.slots)));
        list.add(sub.create(bonds.rows(), new Shape(bonds.count(), b)));
        list.add(sub.create(eq.slotBond, new Shape(eq.slots)));
        list.add(sub.create(eq.slotWeights(), new Shape(eq.slots, 1)));
        list.add(sub.create(eq.slotMask, new Shape(eq.slots, 1)));
        list.add(messageSum(sub, eq));
        list.add(sub.create(eq.size, new Shape(eq.reps, 1)));
        addPooling(sub, list, eq, c);
        float[] atomCounts = new float[c];
        for (int g = 0; g < c; g++) atomCounts[g] = counts[g];
        list.add(sub.create(atomCounts, new Shape(c, 1)));
        if (globals != null) {
            float[] flat = new float[c * d];
            for (int g = 0; g < c; g++) System.arraycopy(globals[g], 0, flat, g * d, d);
            list.add(sub.create(flat, new Shape(c, d)));
        }
        return new GraphBatch(sub, c, n, m, f, b, counts, list, layout);
    }

    private static int globalLength(float[][] globals, int c) {
        if (globals == null) return 0;
        if (globals.length != c) {
            throw new IllegalArgumentException(globals.length + " global descriptor vectors for " + c + " crystals");
        }
        int d = globals[0].length;
        for (int g = 0; g < c; g++) {
            if (globals[g].length != d) {
                throw new IllegalArgumentException(
                        "global descriptor " + g + " has length " + globals[g].length + ", expected " + d);
            }
        }
        return d;
    }

    /** Atom features, shifted neighbour indices and mask of every atom (bond rows and representatives later). */
    private static Layout layout(List<CrystalGraph> graphs, int n, int m, int f) {
        float[] atoms = new float[n * f];
        long[] nbr = new long[n * m];
        float[] mask = new float[n * m];
        int offset = 0;
        for (CrystalGraph graph : graphs) {
            int na = graph.numAtoms();
            System.arraycopy(graph.atomFeatures(), 0, atoms, offset * f, na * f);
            int[] idx = graph.neighborIndices();
            int base = offset * m;
            for (int k = 0; k < na * m; k++) nbr[base + k] = idx[k] + offset;
            int[] real = graph.neighborCounts();
            for (int i = 0; i < na; i++) {
                int row = (offset + i) * m;
                for (int k = 0; k < real[i]; k++) mask[row + k] = 1f;
            }
            offset += na;
        }
        return new Layout(atoms, nbr, null, mask, null, 0);
    }

    /**
     * The R×S sparse matrix summing each representative's slots, weighted by their counts. Its index
     * and value tensors stay attached to the batch's manager: PyTorch's sparse tensor reads their
     * memory, which DJL's own {@code createCoo} frees as soon as it returns.
     */
    private static NDArray messageSum(NDManager sub, EquivalentAtoms eq) {
        long[] indices = new long[2 * eq.slots];
        for (int s = 0; s < eq.slots; s++) {
            indices[s] = eq.slotAtom[s];
            indices[eq.slots + s] = s;
        }
        NDArray index = sub.create(indices, new Shape(2, eq.slots));
        NDArray values = sub.create(eq.slotCount, new Shape(eq.slots));
        return JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) values, new Shape(eq.reps, eq.slots));
    }

    /** Pooling index (C×A, padding R) and weights (C×A×1, atoms per representative, 0 for padding). */
    private static void addPooling(NDManager sub, NDList list, EquivalentAtoms eq, int c) {
        int a = 0;
        for (int g = 0; g < c; g++) a = Math.max(a, eq.crystalReps[g + 1] - eq.crystalReps[g]);
        long[] pool = new long[c * a];
        float[] weight = new float[c * a];
        Arrays.fill(pool, eq.reps);
        for (int g = 0; g < c; g++) {
            for (int r = eq.crystalReps[g]; r < eq.crystalReps[g + 1]; r++) {
                pool[g * a + r - eq.crystalReps[g]] = r;
                weight[g * a + r - eq.crystalReps[g]] = eq.size[r];
            }
        }
        list.add(sub.create(pool, new Shape(c, a)));
        list.add(sub.create(weight, new Shape(c, a, 1)));
    }

    /** The batch's own manager: arrays attached here are freed by {@link #close()}. */
    public NDManager getManager() {
        return manager;
    }
    /** C, the number of crystals. */
    public int numCrystals() {
        return numCrystals;
    }
    /** N, the total number of atoms. */
    public int numAtoms() {
        return numAtoms;
    }
    /** R, the number of representatives (atoms computed; N for {@link #ofEveryAtom}). */
    public int numRepresentatives() {
        return layout.reps();
    }
    /** S, the number of distinct neighbour slots computed (N·M for {@link #ofEveryAtom}). */
    public long numSlots() {
        return tensors.get(SLOT_ATOM).getShape().get(0);
    }
    /** M, neighbour slots per atom. */
    public int maxNeighbors() {
        return maxNeighbors;
    }
    /** F, atom feature length. */
    public int atomFeatureLength() {
        return atomFeatureLength;
    }
    /** B, bond feature length. */
    public int bondFeatureLength() {
        return bondFeatureLength;
    }
    /** Atom count of each crystal (do not modify). */
    public int[] crystalAtomCounts() {
        return crystalAtomCounts;
    }
    /** Whether global descriptors are present. */
    public boolean hasGlobalFeatures() {
        return tensors.size() > GLOBAL_FEATURES;
    }

    /** The atom features of every atom, N×F (built on demand; the network reads the representatives'). */
    public NDArray atomFeatures() {
        return manager.create(layout.atoms(), new Shape(numAtoms, atomFeatureLength));
    }

    /** Every atom's neighbour indices into the batch's atoms, N×M int64 (built on demand). */
    public NDArray neighborIndices() {
        return manager.create(layout.neighbors(), new Shape(numAtoms, maxNeighbors));
    }

    /** Every atom's neighbour mask, N×M float32: 1 for a real neighbour, 0 for padding (built on demand). */
    public NDArray neighborMask() {
        return manager.create(layout.mask(), new Shape(numAtoms, maxNeighbors));
    }

    /** Each atom's representative, N int64 (built on demand). */
    public NDArray representativeOf() {
        return manager.create(layout.repOf(), new Shape(numAtoms));
    }

    /** The distinct bond-feature rows, U×B (see {@link #bondIndex()}). */
    public NDArray distinctBondFeatures() {
        return tensors.get(BOND_FEATURES);
    }

    /** Each neighbour slot's row of {@link #distinctBondFeatures()}, N×M int64 (built on demand). */
    public NDArray bondIndex() {
        return manager.create(layout.bondIndex(), new Shape(numAtoms, maxNeighbors));
    }

    /** The bond features of every neighbour slot, N×M×B (gathered on demand; for inspection). */
    public NDArray bondFeatures() {
        NDArray rows = CGConv.gather(distinctBondFeatures(), bondIndex().reshape((long) numAtoms * maxNeighbors));
        return rows.reshape(numAtoms, maxNeighbors, bondFeatureLength);
    }

    /** The crystal of each atom, N int64 (built on demand). */
    public NDArray crystalIndex() {
        long[] crystal = new long[numAtoms];
        for (int c = 0, at = 0; c < numCrystals; c++) {
            for (int i = 0; i < crystalAtomCounts[c]; i++) crystal[at++] = c;
        }
        return manager.create(crystal, new Shape(numAtoms));
    }

    /** Every crystal's atoms, C×A int64 (A the most atoms of a crystal), padded with N (built on demand). */
    public NDArray poolIndex() {
        int a = Arrays.stream(crystalAtomCounts).max().orElse(0);
        long[] pool = new long[numCrystals * a];
        Arrays.fill(pool, numAtoms);
        for (int c = 0, at = 0; c < numCrystals; c++) {
            for (int i = 0; i < crystalAtomCounts[c]; i++) pool[c * a + i] = at++;
        }
        return manager.create(pool, new Shape(numCrystals, a));
    }

    public NDArray atomCounts() {
        return tensors.get(ATOM_COUNTS);
    }

    public NDArray globalFeatures() {
        if (!hasGlobalFeatures()) throw new IllegalStateException("this batch has no global descriptors");
        return tensors.get(GLOBAL_FEATURES);
    }

    /** The tensors in the documented order (the network's input). */
    public NDList toNDList() {
        return tensors;
    }

    /** Frees every array of the batch and every array computed from it. */
    @Override
    public void close() {
        manager.close();
    }
}

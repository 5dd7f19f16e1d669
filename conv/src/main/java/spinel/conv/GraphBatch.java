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
 *   <li>Atoms the network cannot tell apart (in a crystal, symmetry-equivalent sites) are computed
 *       once, by a representative, and each representative's equal neighbour slots (periodic images
 *       of one neighbour at one distance) once, with their count ({@link ReducedGraph}). Sums over
 *       atoms and slots become weighted sums with the same values.</li>
 *   <li>Bond features are stored once per distinct row of each crystal's kept slots: bonds at one
 *       distance have identical Gaussian expansions; {@link CGConv} multiplies the U rows by its bond
 *       weights and gathers the products.</li>
 * </ul>
 *
 * <p>The reduction depends on each graph alone: {@link #of} reduces the graphs it is given, and
 * {@link #ofReduced} collates graphs reduced once beforehand (the graph cache stores them), which is
 * a concatenation with shifted indices ({@link EquivalentAtoms}).
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
 *   <li>bond-feature rows (each crystal's distinct ones), U×B float32</li>
 *   <li>bond row of each slot, S int64</li>
 *   <li>BatchNorm weight of each slot, S×1 float32: count × representative's atoms (sum N·M)</li>
 *   <li>neighbour mask of each slot, S×1 float32: 1 for a real neighbour, 0 for a padding slot</li>
 *   <li>message sum, R×S float32 sparse (COO): entry (r, s) = the count of slot s of r</li>
 *   <li>atoms per representative, R×1 float32 (sum N)</li>
 *   <li>pooling index, C×A int64: row c lists crystal c's representatives, padded with R</li>
 *   <li>pooling weight, C×A×1 float32: atoms per representative, 0 for padding</li>
 *   <li>atom count of each crystal, C×1 float32</li>
 *   <li>pooling sum, C×R float32 sparse (COO): entry (c, r) = atoms per representative r of crystal c</li>
 *   <li>(optional) global descriptors, C×D float32</li>
 *   <li>(when the graphs carry {@link spinel.graph.BondAngles}) the four tensors of their {@link
 *       LineGraph}, last</li>
 * </ol>
 *
 * <p>Graphs that carry bond angles (for a network with ALIGNN angle layers) are collated without
 * representatives, every atom and slot kept (as {@link #ofEveryAtom}), since the angles tell apart
 * slots that the reduction merges.
 *
 * <p>The reference's own layout (every atom, N×M neighbour slots) stays available for inspection
 * and checking in a batch collated from crystal graphs: {@link #atomFeatures()}, {@link #neighborIndices()}, {@link #bondFeatures()},
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
    public static final int POOL_SUM = 12;
    public static final int GLOBAL_FEATURES = 13;

    private final NDManager manager;
    private final int numCrystals;
    private final int numAtoms;
    private final int maxNeighbors;
    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final int[] crystalAtomCounts;
    private final NDList tensors;
    private final EquivalentAtoms eq;
    private final List<CrystalGraph> graphs;
    private final boolean bondAngles;

    private GraphBatch(
            NDManager manager,
            List<ReducedGraph> reduced,
            List<CrystalGraph> graphs,
            NDList tensors,
            EquivalentAtoms eq,
            boolean bondAngles) {
        ReducedGraph first = reduced.get(0);
        this.manager = manager;
        this.numCrystals = reduced.size();
        this.maxNeighbors = first.maxNeighbors();
        this.atomFeatureLength = first.atomFeatureLength();
        this.bondFeatureLength = first.bondFeatureLength();
        this.crystalAtomCounts =
                reduced.stream().mapToInt(ReducedGraph::numAtoms).toArray();
        this.numAtoms = eq.repOf.length;
        this.tensors = tensors;
        this.eq = eq;
        this.graphs = graphs;
        this.bondAngles = bondAngles;
    }

    /** Collates {@code graphs} without global descriptors. */
    public static GraphBatch of(NDManager parent, List<CrystalGraph> graphs) {
        return of(parent, graphs, null);
    }

    /**
     * Collates {@code graphs}, reducing each ({@link ReducedGraph#of}); all must share M, F and B.
     *
     * @param parent  the manager whose sub-manager will own the batch
     * @param graphs  at least one crystal graph
     * @param globals null, or one descriptor vector per graph, all of the same length D
     */
    public static GraphBatch of(NDManager parent, List<CrystalGraph> graphs, float[][] globals) {
        if (!graphs.isEmpty() && LineGraph.carriesAngles(graphs)) return ofEveryAtom(parent, graphs, globals);
        return collate(parent, graphs.stream().map(ReducedGraph::of).toList(), graphs, globals);
    }

    /**
     * Collates graphs reduced beforehand (e.g. read from the graph cache): a concatenation. The
     * reference's per-atom layout ({@link #atomFeatures()}, {@link #neighborIndices()}, ...) is not
     * available from such a batch.
     */
    public static GraphBatch ofReduced(NDManager parent, List<ReducedGraph> reduced, float[][] globals) {
        return collate(parent, reduced, null, globals);
    }

    /**
     * Collates {@code graphs} in the reference's layout, every atom its own representative and every
     * slot kept: the same numbers as {@link #of} at more cost, for checking.
     */
    public static GraphBatch ofEveryAtom(NDManager parent, List<CrystalGraph> graphs, float[][] globals) {
        return collate(parent, graphs.stream().map(ReducedGraph::everyAtom).toList(), graphs, globals);
    }

    private static GraphBatch collate(
            NDManager parent, List<ReducedGraph> reduced, List<CrystalGraph> graphs, float[][] globals) {
        if (reduced.isEmpty()) throw new IllegalArgumentException("a graph batch needs at least one crystal");
        checkShapes(reduced, graphs);
        int c = reduced.size();
        int d = globalLength(globals, c);
        EquivalentAtoms eq = new EquivalentAtoms(reduced);
        int f = reduced.get(0).atomFeatureLength(), b = reduced.get(0).bondFeatureLength();
        NDManager sub = parent.newSubManager();
        NDList list = new NDList(globals == null ? 13 : 14);
        list.add(sub.create(eq.atomFeatures, new Shape(eq.reps, f)));
        list.add(sub.create(eq.slotAtom, new Shape(eq.slots)));
        list.add(sub.create(eq.slotNeighbor, new Shape(eq.slots)));
        list.add(sub.create(eq.bondFeatures, new Shape(eq.bondRows, b)));
        list.add(sub.create(eq.slotBond, new Shape(eq.slots)));
        list.add(sub.create(eq.slotWeights(), new Shape(eq.slots, 1)));
        list.add(sub.create(eq.slotMask, new Shape(eq.slots, 1)));
        list.add(messageSum(sub, eq));
        list.add(sub.create(eq.size, new Shape(eq.reps, 1)));
        addPooling(sub, list, eq, c);
        float[] atomCounts = new float[c];
        for (int g = 0; g < c; g++) atomCounts[g] = reduced.get(g).numAtoms();
        list.add(sub.create(atomCounts, new Shape(c, 1)));
        list.add(poolSum(sub, eq, c));
        if (globals != null) {
            float[] flat = new float[c * d];
            for (int g = 0; g < c; g++) System.arraycopy(globals[g], 0, flat, g * d, d);
            list.add(sub.create(flat, new Shape(c, d)));
        }
        boolean angles = graphs != null && LineGraph.carriesAngles(graphs);
        if (angles) LineGraph.append(sub, list, graphs);
        return new GraphBatch(sub, reduced, graphs, list, eq, angles);
    }

    private static void checkShapes(List<ReducedGraph> reduced, List<CrystalGraph> graphs) {
        ReducedGraph first = reduced.get(0);
        int m = first.maxNeighbors(), f = first.atomFeatureLength(), b = first.bondFeatureLength();
        for (int g = 0; g < reduced.size(); g++) {
            ReducedGraph r = reduced.get(g);
            if (r.maxNeighbors() != m || r.atomFeatureLength() != f || r.bondFeatureLength() != b) {
                throw new IllegalArgumentException("crystal " + g + name(graphs, g) + " has M=" + r.maxNeighbors()
                        + ", F=" + r.atomFeatureLength() + ", B=" + r.bondFeatureLength() + " but crystal 0"
                        + name(graphs, 0) + " has M=" + m + ", F=" + f + ", B=" + b);
            }
        }
    }

    private static String name(List<CrystalGraph> graphs, int g) {
        return graphs == null ? "" : " (" + graphs.get(g).id() + ")";
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

    /**
     * The R×S sparse matrix summing each representative's slots, weighted by their counts. Its index
     * and value tensors stay attached to the batch's manager: PyTorch's sparse tensor reads their
     * memory, which DJL's own {@code createCoo} frees as soon as it returns.
     */
    private static NDArray messageSum(NDManager sub, EquivalentAtoms eq) {
        long[] indices = new long[2 * eq.slots];
        System.arraycopy(eq.slotAtom, 0, indices, 0, eq.slots);
        for (int s = 0; s < eq.slots; s++) indices[eq.slots + s] = s;
        NDArray index = sub.create(indices, new Shape(2, eq.slots));
        NDArray values = sub.create(eq.slotCount, new Shape(eq.slots));
        return JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) values, new Shape(eq.reps, eq.slots));
    }

    /**
     * The C×R sparse matrix summing each crystal's representatives weighted by their atoms: sum and
     * mean pooling as one product, without the padded C×A block (A, the most representatives of one
     * crystal, can be many times the average). Index and values stay attached, as in {@link #messageSum}.
     */
    private static NDArray poolSum(NDManager sub, EquivalentAtoms eq, int c) {
        long[] indices = new long[2 * eq.reps];
        for (int g = 0; g < c; g++) {
            for (int r = eq.crystalReps[g]; r < eq.crystalReps[g + 1]; r++) {
                indices[r] = g;
                indices[eq.reps + r] = r;
            }
        }
        NDArray index = sub.create(indices, new Shape(2, eq.reps));
        NDArray values = sub.create(eq.size, new Shape(eq.reps));
        return JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) values, new Shape(c, eq.reps));
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
        return eq.reps;
    }
    /** S, the number of distinct neighbour slots computed (N·M for {@link #ofEveryAtom}). */
    public long numSlots() {
        return eq.slots;
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
        return tensors.size() > GLOBAL_FEATURES + (bondAngles ? LineGraph.TENSORS : 0);
    }

    /** Whether the batch carries the line graph of its bonds ({@link LineGraph}, its last four tensors). */
    public boolean hasBondAngles() {
        return bondAngles;
    }

    /** The crystal graphs of the batch, for the reference's per-atom layout. */
    private List<CrystalGraph> graphs() {
        if (graphs == null) {
            throw new IllegalStateException("a batch of reduced graphs has no per-atom layout: collate the crystal "
                    + "graphs with GraphBatch.of to inspect it");
        }
        return graphs;
    }

    /** The atom features of every atom, N×F (built on demand; the network reads the representatives'). */
    public NDArray atomFeatures() {
        float[] atoms = new float[numAtoms * atomFeatureLength];
        int at = 0;
        for (CrystalGraph g : graphs()) {
            System.arraycopy(g.atomFeatures(), 0, atoms, at, g.atomFeatures().length);
            at += g.atomFeatures().length;
        }
        return manager.create(atoms, new Shape(numAtoms, atomFeatureLength));
    }

    /** Every atom's neighbour indices into the batch's atoms, N×M int64 (built on demand). */
    public NDArray neighborIndices() {
        long[] nbr = new long[numAtoms * maxNeighbors];
        int offset = 0;
        for (CrystalGraph g : graphs()) {
            int[] idx = g.neighborIndices();
            for (int k = 0; k < idx.length; k++) nbr[offset * maxNeighbors + k] = idx[k] + offset;
            offset += g.numAtoms();
        }
        return manager.create(nbr, new Shape(numAtoms, maxNeighbors));
    }

    /** Every atom's neighbour mask, N×M float32: 1 for a real neighbour, 0 for padding (built on demand). */
    public NDArray neighborMask() {
        float[] mask = new float[numAtoms * maxNeighbors];
        int offset = 0;
        for (CrystalGraph g : graphs()) {
            for (int i = 0; i < g.numAtoms(); i++) {
                int row = (offset + i) * maxNeighbors;
                for (int k = 0; k < g.neighborCount(i); k++) mask[row + k] = 1f;
            }
            offset += g.numAtoms();
        }
        return manager.create(mask, new Shape(numAtoms, maxNeighbors));
    }

    /** Each atom's representative, N int64. */
    public NDArray representativeOf() {
        return manager.create(eq.repOf, new Shape(numAtoms));
    }

    /** The bond-feature rows the representatives' slots use, U×B (each crystal's distinct rows). */
    public NDArray distinctBondFeatures() {
        return tensors.get(BOND_FEATURES);
    }

    /** The bond features of every neighbour slot, N×M×B (built on demand; for inspection). */
    public NDArray bondFeatures() {
        float[] bonds = new float[numAtoms * maxNeighbors * bondFeatureLength];
        int at = 0;
        for (CrystalGraph g : graphs()) {
            System.arraycopy(g.bondFeatures(), 0, bonds, at, g.bondFeatures().length);
            at += g.bondFeatures().length;
        }
        return manager.create(bonds, new Shape(numAtoms, maxNeighbors, bondFeatureLength));
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

package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import spinel.graph.CrystalGraph;

/**
 * Many {@link CrystalGraph}s collated into the tensors a {@link CrystalGraphConvNet} consumes, in
 * the layout of the reference CGCNN's {@code collate_pool} (Xie &amp; Grossman, PRL 120, 145301
 * (2018)): the atoms of all crystals stacked, neighbour indices shifted by each crystal's offset.
 *
 * <p>Bond features are stored once per distinct row: bonds at the same distance (symmetry-equivalent
 * neighbours, padding slots) have identical Gaussian expansions, and a batch of Materials Project
 * crystals holds about one distinct row per 7–8 slots. Tensor 2 holds the U distinct rows and tensor
 * 7 each slot's row; {@link CGConv} multiplies the U rows by its bond weights and gathers the
 * products, the same numbers as the reference's N·M products at a fraction of the work and memory.
 *
 * <p>Every tensor is built from one primitive array with one copy. The batch owns a sub-manager of
 * the manager it is given: arrays computed from the batch (the whole forward and backward pass)
 * attach to it, and {@link #close()} frees them all, so a training loop that closes each batch
 * keeps a constant number of native arrays.
 *
 * <p>Tensors ({@link #toNDList()} order, N atoms, M neighbour slots, C crystals):
 * <ol start="0">
 *   <li>atom features, N×F float32</li>
 *   <li>neighbour indices into the batch's atoms, N×M int64</li>
 *   <li>distinct bond-feature rows, U×B float32 (U ≤ N·M; see tensor 7)</li>
 *   <li>crystal index of each atom, N int64</li>
 *   <li>pooling index, C×A int64 (A the largest crystal's atom count): row c lists crystal c's
 *       atoms, padded with N (an index one past the last atom)</li>
 *   <li>atom count of each crystal, C×1 float32</li>
 *   <li>neighbour mask, N×M float32: 1 for a real neighbour, 0 for a padding slot</li>
 *   <li>bond row of each neighbour slot, N×M int64: slot (i, j) has bond features {@code
 *       distinct[index[i, j]]}</li>
 *   <li>(optional) global descriptors, C×D float32</li>
 * </ol>
 */
public final class GraphBatch implements AutoCloseable {

    public static final int ATOM_FEATURES = 0;
    public static final int NEIGHBOR_INDICES = 1;
    public static final int BOND_FEATURES = 2;
    public static final int CRYSTAL_INDEX = 3;
    public static final int POOL_INDEX = 4;
    public static final int ATOM_COUNTS = 5;
    public static final int NEIGHBOR_MASK = 6;
    public static final int BOND_INDEX = 7;
    public static final int GLOBAL_FEATURES = 8;

    private final NDManager manager;
    private final int numCrystals;
    private final int numAtoms;
    private final int maxNeighbors;
    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final int[] crystalAtomCounts;
    private final NDList tensors;

    private GraphBatch(
            NDManager manager,
            int numCrystals,
            int numAtoms,
            int maxNeighbors,
            int atomFeatureLength,
            int bondFeatureLength,
            int[] crystalAtomCounts,
            NDList tensors) {
        this.manager = manager;
        this.numCrystals = numCrystals;
        this.numAtoms = numAtoms;
        this.maxNeighbors = maxNeighbors;
        this.atomFeatureLength = atomFeatureLength;
        this.bondFeatureLength = bondFeatureLength;
        this.crystalAtomCounts = crystalAtomCounts;
        this.tensors = tensors;
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
        if (graphs.isEmpty()) throw new IllegalArgumentException("a graph batch needs at least one crystal");
        CrystalGraph first = graphs.get(0);
        int m = first.maxNeighbors();
        int f = first.atomFeatureLength();
        int b = first.bondFeatureLength();
        int c = graphs.size();
        int n = 0;
        int maxAtoms = 0;
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
            maxAtoms = Math.max(maxAtoms, counts[g]);
        }
        int d = 0;
        if (globals != null) {
            if (globals.length != c) {
                throw new IllegalArgumentException(
                        globals.length + " global descriptor vectors for " + c + " crystals");
            }
            d = globals[0].length;
            for (int g = 0; g < c; g++) {
                if (globals[g].length != d) {
                    throw new IllegalArgumentException(
                            "global descriptor " + g + " has length " + globals[g].length + ", expected " + d);
                }
            }
        }

        float[] atoms = new float[n * f];
        long[] nbr = new long[n * m];
        DistinctRows bonds = DistinctRows.of(graphs, n * m, b);
        long[] crystalOf = new long[n];
        long[] pool = new long[c * maxAtoms];
        float[] atomCounts = new float[c];
        float[] mask = new float[n * m];
        int offset = 0;
        for (int g = 0; g < c; g++) {
            CrystalGraph graph = graphs.get(g);
            int na = graph.numAtoms();
            System.arraycopy(graph.atomFeatures(), 0, atoms, offset * f, na * f);
            int[] idx = graph.neighborIndices();
            int base = offset * m;
            for (int k = 0; k < na * m; k++) nbr[base + k] = idx[k] + offset;
            int[] real = graph.neighborCounts();
            for (int i = 0; i < na; i++) {
                crystalOf[offset + i] = g;
                int row = (offset + i) * m;
                for (int k = 0; k < real[i]; k++) mask[row + k] = 1f;
                pool[g * maxAtoms + i] = offset + i;
            }
            for (int i = na; i < maxAtoms; i++) pool[g * maxAtoms + i] = n;
            atomCounts[g] = na;
            offset += na;
        }

        NDManager sub = parent.newSubManager();
        NDList list = new NDList(globals == null ? 8 : 9);
        list.add(sub.create(atoms, new Shape(n, f)));
        list.add(sub.create(nbr, new Shape(n, m)));
        list.add(sub.create(bonds.rows(), new Shape(bonds.count(), b)));
        list.add(sub.create(crystalOf, new Shape(n)));
        list.add(sub.create(pool, new Shape(c, maxAtoms)));
        list.add(sub.create(atomCounts, new Shape(c, 1)));
        list.add(sub.create(mask, new Shape(n, m)));
        list.add(sub.create(bonds.index(), new Shape(n, m)));
        if (globals != null) {
            float[] flat = new float[c * d];
            for (int g = 0; g < c; g++) System.arraycopy(globals[g], 0, flat, g * d, d);
            list.add(sub.create(flat, new Shape(c, d)));
        }
        return new GraphBatch(sub, c, n, m, f, b, counts, list);
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

    public NDArray atomFeatures() {
        return tensors.get(ATOM_FEATURES);
    }

    public NDArray neighborIndices() {
        return tensors.get(NEIGHBOR_INDICES);
    }

    /** The distinct bond-feature rows, U×B (see {@link #bondIndex()}). */
    public NDArray distinctBondFeatures() {
        return tensors.get(BOND_FEATURES);
    }

    /** Each neighbour slot's row of {@link #distinctBondFeatures()}, N×M int64. */
    public NDArray bondIndex() {
        return tensors.get(BOND_INDEX);
    }

    /** The bond features of every neighbour slot, N×M×B (gathered on demand; for inspection). */
    public NDArray bondFeatures() {
        NDArray rows = CGConv.gather(distinctBondFeatures(), bondIndex().reshape((long) numAtoms * maxNeighbors));
        return rows.reshape(numAtoms, maxNeighbors, bondFeatureLength);
    }

    public NDArray crystalIndex() {
        return tensors.get(CRYSTAL_INDEX);
    }

    public NDArray poolIndex() {
        return tensors.get(POOL_INDEX);
    }

    public NDArray atomCounts() {
        return tensors.get(ATOM_COUNTS);
    }

    public NDArray neighborMask() {
        return tensors.get(NEIGHBOR_MASK);
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

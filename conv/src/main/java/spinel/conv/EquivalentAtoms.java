package spinel.conv;

import java.util.List;

/**
 * The representatives and distinct slots of a batch: the {@link ReducedGraph}s of its crystals
 * concatenated, their local indices shifted by each crystal's offsets, as the flat arrays the
 * {@link GraphBatch} tensors are made of. Each array is allocated once at its final size.
 *
 * <p>The reference CGCNN's sums become weighted sums: an atom's message sum is Σ count · message
 * over its distinct slots; BatchNorm statistics over the N·M slots are statistics over the distinct
 * slots weighted by count × atoms per representative (the same mean and variance); pooling over a
 * crystal's atoms weights each representative by its atoms.
 */
final class EquivalentAtoms {

    /** R, the number of representatives. */
    final int reps;
    /** S, the number of distinct slots (grouped by representative, in representative order). */
    final int slots;
    /** U, the number of bond-feature rows. */
    final int bondRows;
    /** The representatives' atom features, R×F. */
    final float[] atomFeatures;
    /** Each atom's representative, N entries. */
    final long[] repOf;
    /** Atoms per representative, R entries. */
    final float[] size;
    /** Representatives of each crystal: [start, end) into the representatives, C + 1 entries. */
    final int[] crystalReps;
    /** The representative each slot belongs to, S entries. */
    final long[] slotAtom;
    /** The representative of each slot's neighbour, S entries. */
    final long[] slotNeighbor;
    /** Each slot's row of {@link #bondFeatures}, S entries. */
    final long[] slotBond;
    /** How many of its atom's M slots each distinct slot stands for, S entries. */
    final float[] slotCount;
    /** 1 for a real neighbour, 0 for a padding slot, S entries. */
    final float[] slotMask;
    /** The bond-feature rows of the crystals, U×B. */
    final float[] bondFeatures;

    /** Concatenates {@code graphs}, which must share F and B. */
    EquivalentAtoms(List<ReducedGraph> graphs) {
        int n = 0, r = 0, s = 0, u = 0;
        for (ReducedGraph g : graphs) {
            n += g.numAtoms();
            r += g.numRepresentatives();
            s += g.slots().size();
            u += g.numBondRows();
        }
        int f = graphs.get(0).atomFeatureLength(), b = graphs.get(0).bondFeatureLength();
        reps = r;
        slots = s;
        bondRows = u;
        atomFeatures = new float[r * f];
        repOf = new long[n];
        size = new float[r];
        crystalReps = new int[graphs.size() + 1];
        slotAtom = new long[s];
        slotNeighbor = new long[s];
        slotBond = new long[s];
        slotCount = new float[s];
        slotMask = new float[s];
        bondFeatures = new float[u * b];
        int atom = 0, rep = 0, slot = 0, row = 0, c = 0;
        for (ReducedGraph g : graphs) {
            System.arraycopy(g.atomFeatures(), 0, atomFeatures, rep * f, g.atomFeatures().length);
            System.arraycopy(g.bondFeatures(), 0, bondFeatures, row * b, g.bondFeatures().length);
            for (int i = 0; i < g.numAtoms(); i++) repOf[atom + i] = rep + g.representativeOf()[i];
            for (int j = 0; j < g.numRepresentatives(); j++) size[rep + j] = g.atomsPerRepresentative()[j];
            addSlots(g.slots(), slot, rep, row);
            atom += g.numAtoms();
            rep += g.numRepresentatives();
            slot += g.slots().size();
            row += g.numBondRows();
            crystalReps[++c] = rep;
        }
    }

    private void addSlots(ReducedGraph.SlotTable t, int slot, int rep, int row) {
        for (int k = 0; k < t.size(); k++) {
            slotAtom[slot + k] = rep + t.atom()[k];
            slotNeighbor[slot + k] = rep + t.neighbor()[k];
            slotBond[slot + k] = row + t.bond()[k];
            slotCount[slot + k] = t.count()[k];
            slotMask[slot + k] = t.real()[k] ? 1f : 0f;
        }
    }

    /** Per-slot weight of the BatchNorm statistics: count × atoms of its representative (they sum to N·M). */
    float[] slotWeights() {
        float[] w = new float[slots];
        for (int k = 0; k < slots; k++) w[k] = slotCount[k] * size[(int) slotAtom[k]];
        return w;
    }
}

package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import spinel.graph.BondAngles;
import spinel.graph.CrystalGraph;

/**
 * The line graph of a batch's bonds (ALIGNN, Choudhary &amp; DeCost, npj Comput. Mater. 7, 185
 * (2021)), as the four tensors an {@link AngleLayer} reads: its nodes are the batch's S = N·M
 * neighbour slots (the layout of {@link GraphBatch#ofEveryAtom}: slot s = atom·M + k), its T edges
 * the triplets of each crystal's {@link BondAngles}, joining two bonds of one centre atom.
 *
 * <ol start="0">
 *   <li>target slot of each triplet (the bond that receives the message), T int64</li>
 *   <li>source slot of each triplet, T int64</li>
 *   <li>cos θ expanded in {@value #ANGLE_BINS} Gaussians on [−1, 1], T×{@value #ANGLE_BINS} float32:
 *       exp(−(cos θ − μ_k)² / ℓ), μ_k evenly spaced, ℓ their spacing (ALIGNN's {@code
 *       RBFExpansion(vmin=-1, vmax=1, bins=40)}, whose γ is 1/ℓ)</li>
 *   <li>line-graph sum, S×T float32 sparse (COO): entry (target(t), t) = 1</li>
 * </ol>
 */
public final class LineGraph {

    /** Gaussians of the cos θ expansion (ALIGNN's {@code triplet_input_features}). */
    public static final int ANGLE_BINS = 40;

    /** Tensors the line graph appends to a {@link GraphBatch}. */
    static final int TENSORS = 4;

    private LineGraph() {}

    /** Whether {@code graphs} carry bond angles: all of them with the same nearest-bond count, or none. */
    static boolean carriesAngles(List<CrystalGraph> graphs) {
        BondAngles first = graphs.get(0).bondAngles();
        for (int g = 0; g < graphs.size(); g++) {
            BondAngles a = graphs.get(g).bondAngles();
            if ((a == null) != (first == null) || (a != null && a.nearest() != first.nearest())) {
                throw new IllegalArgumentException(
                        "crystal " + g + " (" + graphs.get(g).id() + ") has bond angles "
                                + a + " but crystal 0 (" + graphs.get(0).id() + ") has " + first
                                + ": a batch needs the same bond angles for every crystal");
            }
        }
        return first != null;
    }

    /** Appends the line-graph tensors of {@code graphs} (every slot kept, in order) to {@code list}. */
    static void append(NDManager sub, NDList list, List<CrystalGraph> graphs) {
        int t = 0, s = 0;
        for (CrystalGraph g : graphs) {
            t += g.bondAngles().size();
            s += g.numAtoms() * g.maxNeighbors();
        }
        long[] target = new long[t], source = new long[t], sumIndex = new long[2 * t];
        float[] rbf = new float[t * ANGLE_BINS];
        int at = 0, slotOffset = 0;
        for (CrystalGraph g : graphs) {
            BondAngles angles = g.bondAngles();
            int m = g.maxNeighbors(), local = 0;
            for (int j = 0; j < g.numAtoms(); j++) {
                int c = angles.bonds(g, j), centre = slotOffset + j * m;
                for (int a = 0; a < c; a++) {
                    for (int b = 0; b < c; b++) {
                        if (a == b) continue;
                        target[at] = centre + a;
                        source[at] = centre + b;
                        expand(angles.cosines()[local++], rbf, at * ANGLE_BINS);
                        at++;
                    }
                }
            }
            slotOffset += g.numAtoms() * m;
        }
        System.arraycopy(target, 0, sumIndex, 0, t);
        for (int k = 0; k < t; k++) sumIndex[t + k] = k;
        list.add(sub.create(target, new Shape(t)));
        list.add(sub.create(source, new Shape(t)));
        list.add(sub.create(rbf, new Shape(t, ANGLE_BINS)));
        // index and values stay attached to the batch: PyTorch's sparse tensor reads their memory
        NDArray index = sub.create(sumIndex, new Shape(2, t));
        NDArray values = sub.ones(new Shape(t));
        list.add(JniUtils.createSparseCoo((PtNDArray) index, (PtNDArray) values, new Shape(s, t)));
    }

    /** exp(−(cos − μ_k)² / ℓ) for the {@value #ANGLE_BINS} centres μ_k on [−1, 1], spacing ℓ. */
    static void expand(float cos, float[] out, int offset) {
        double spacing = 2.0 / (ANGLE_BINS - 1);
        for (int k = 0; k < ANGLE_BINS; k++) {
            double d = cos - (-1 + k * spacing);
            out[offset + k] = (float) Math.exp(-d * d / spacing);
        }
    }
}

package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N bond-angle layers in the manner of ALIGNN (Choudhary &amp; DeCost, npj Comput. Mater. 7, 185
 * (2021)), run before a CGCNN's convolutions. The bonds get feature vectors of their own (F long, as
 * the atoms), and each layer t is two {@link EdgeGatedConv}s:
 *
 * <pre>
 *   y⁰ = SiLU(BN(W_b u_ij))                 bond embedding of the Gaussian distance expansion (B → F)
 *   z⁰ = SiLU(BN(W_a rbf(cos θ_ijk)))        angle embedding ({@link LineGraph#ANGLE_BINS} → F)
 *   (y, z) = EGC_line_t(nodes y, edges z)   on the line graph: bonds updated from the angles
 *   (x, y) = EGC_atom_t(nodes x, edges y)   on the crystal graph: atoms from the updated bonds
 * </pre>
 *
 * <p>The network then runs its CGCNN convolutions on (x, y): their bond features are the bonds'
 * learned vectors instead of the Gaussian expansion. ALIGNN's own layer runs the crystal-graph
 * update first and the line graph second; here the line graph goes first, so the angles of the last
 * layer reach the atoms in that layer. Padding slots (atoms with fewer than M neighbours within the
 * radius) send no message on the crystal graph and have no angles.
 *
 * <p>Inputs: a {@link GraphBatch} collated with every atom and slot kept and its {@link LineGraph}
 * tensors. Parameters: {@code bond_embedding}, {@code bn_bond}, {@code angle_embedding}, {@code
 * bn_angle}, {@code layers.t.line.*}, {@code layers.t.atom.*}.
 */
final class AngleLayers extends AbstractBlock {

    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final Dense bondEmbedding, angleEmbedding;
    private final BatchNorm bnBond, bnAngle;
    private final List<EdgeGatedConv> line = new ArrayList<>();
    private final List<EdgeGatedConv> atom = new ArrayList<>();

    /**
     * @param layers            N ≥ 1
     * @param atomFeatureLength F, the atoms' (and the bonds' and angles') feature length
     * @param bondFeatureLength B, the Gaussian expansion's length
     */
    AngleLayers(int layers, int atomFeatureLength, int bondFeatureLength) {
        this.atomFeatureLength = atomFeatureLength;
        this.bondFeatureLength = bondFeatureLength;
        bondEmbedding = addChildBlock("bond_embedding", new Dense(bondFeatureLength, atomFeatureLength));
        bnBond = addChildBlock("bn_bond", CGConv.newBatchNorm());
        angleEmbedding = addChildBlock("angle_embedding", new Dense(LineGraph.ANGLE_BINS, atomFeatureLength));
        bnAngle = addChildBlock("bn_angle", CGConv.newBatchNorm());
        for (int t = 0; t < layers; t++) {
            line.add(addChildBlock("line_" + t, new EdgeGatedConv(atomFeatureLength)));
            atom.add(addChildBlock("atom_" + t, new EdgeGatedConv(atomFeatureLength)));
        }
    }

    int size() {
        return line.size();
    }

    /**
     * The atoms and bonds after the N layers.
     *
     * @param x     the atoms' embedded features, N×F (every atom its own representative)
     * @param slots the batch's slots, every one kept (S = N·M)
     * @param lineGraph the batch's four {@link LineGraph} tensors
     * @return the atoms (N×F) and the bonds (S×F)
     */
    NDArray[] forward(ParameterStore ps, NDArray x, Slots slots, NDList lineGraph, boolean training) {
        NDArray y = CGConv.gather(EdgeGatedConv.linear(ps, bondEmbedding, slots.bonds(), training), slots.bond());
        y = Scalars.silu(bnBond.forward(ps, new NDList(y), training).head());
        NDArray z = EdgeGatedConv.linear(ps, angleEmbedding, lineGraph.get(2), training);
        z = Scalars.silu(bnAngle.forward(ps, new NDList(z), training).head());
        NDArray target = lineGraph.get(0), source = lineGraph.get(1), lineSum = lineGraph.get(3);
        for (int t = 0; t < line.size(); t++) {
            NDArray[] bondsAngles = line.get(t).forward(ps, y, z, source, target, lineSum, null, training);
            y = bondsAngles[0];
            z = bondsAngles[1];
            NDArray[] atomsBonds = atom.get(t)
                    .forward(ps, x, y, slots.neighbor(), slots.atom(), slots.messageSum(), slots.mask(), training);
            x = atomsBonds[0];
            y = atomsBonds[1];
        }
        return new NDArray[] {x, y};
    }

    /** Parameters under PyTorch-style names relative to the stack. */
    void collectTorchParameters(String prefix, Map<String, Parameter> out) {
        Head.put(prefix + "bond_embedding", bondEmbedding, out);
        CGConv.putBatchNorm(prefix + "bn_bond.", bnBond, out);
        Head.put(prefix + "angle_embedding", angleEmbedding, out);
        CGConv.putBatchNorm(prefix + "bn_angle.", bnAngle, out);
        for (int t = 0; t < line.size(); t++) {
            line.get(t).collectTorchParameters(prefix + "layers." + t + ".line.", out);
            atom.get(t).collectTorchParameters(prefix + "layers." + t + ".atom.", out);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("AngleLayers runs inside CrystalGraphConvNet");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, atomFeatureLength);
        bondEmbedding.initialize(manager, dataType, new Shape(1, bondFeatureLength));
        angleEmbedding.initialize(manager, dataType, new Shape(1, LineGraph.ANGLE_BINS));
        bnBond.initialize(manager, dataType, row);
        bnAngle.initialize(manager, dataType, row);
        for (int t = 0; t < line.size(); t++) {
            line.get(t).initialize(manager, dataType, row, row);
            atom.get(t).initialize(manager, dataType, row, row);
        }
    }
}

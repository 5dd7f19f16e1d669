package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * ALIGNN's edge-gated graph convolution ({@code EdgeGatedGraphConv}, Choudhary &amp; DeCost, npj
 * Comput. Mater. 7, 185 (2021), eq. 2–4; after Dwivedi et al.'s gated GCN), with its residual
 * connections and BatchNorm. On a graph with node features x (P×F) and edge features y (Q×F), an
 * edge e from node u to node v:
 *
 * <pre>
 *   m_e  = W_src x_u + W_dst x_v + W_edge y_e                (the edge gate, pre-activation)
 *   h_v  = Σ_e σ(m_e) ⊙ (V_dst x_u) / (Σ_e σ(m_e) + 1e-6)    (sum over the edges into v)
 *   x_v' = x_v + SiLU(BN(V_src x_v + h_v))
 *   y_e' = y_e + SiLU(BN(m_e))
 * </pre>
 *
 * <p>Every W and V is a {@link Dense} F → F with bias. Edges may carry a mask (0 for a padding slot
 * of a CGCNN graph): a masked edge sends no message. Parameters: {@code src_gate}, {@code dst_gate},
 * {@code edge_gate}, {@code src_update}, {@code dst_update}, {@code bn_nodes}, {@code bn_edges}
 * (ALIGNN's names).
 */
final class EdgeGatedConv extends AbstractBlock {

    private final int featureLength;
    private final Dense srcGate, dstGate, edgeGate, srcUpdate, dstUpdate;
    private final BatchNorm bnNodes, bnEdges;

    EdgeGatedConv(int featureLength) {
        this.featureLength = CGConv.positive(featureLength, "feature length");
        srcGate = addChildBlock("src_gate", new Dense(featureLength, featureLength));
        dstGate = addChildBlock("dst_gate", new Dense(featureLength, featureLength));
        edgeGate = addChildBlock("edge_gate", new Dense(featureLength, featureLength));
        srcUpdate = addChildBlock("src_update", new Dense(featureLength, featureLength));
        dstUpdate = addChildBlock("dst_update", new Dense(featureLength, featureLength));
        bnNodes = addChildBlock("bn_nodes", CGConv.newBatchNorm());
        bnEdges = addChildBlock("bn_edges", CGConv.newBatchNorm());
    }

    /**
     * One update of nodes and edges.
     *
     * @param x      nodes, P×F
     * @param y      edges, Q×F
     * @param source each edge's source node u, Q int64
     * @param target each edge's target node v, Q int64
     * @param sum    P×Q sparse, entry (target(e), e) = 1: the sum over the edges into each node
     * @param mask   Q×1, 1 for an edge that sends its message, 0 for one that does not; or null
     * @return the updated nodes (P×F) and edges (Q×F)
     */
    NDArray[] forward(
            ParameterStore ps,
            NDArray x,
            NDArray y,
            NDArray source,
            NDArray target,
            NDArray sum,
            NDArray mask,
            boolean training) {
        NDArray m = CGConv.gather(linear(ps, srcGate, x, training), source);
        m = m.add(CGConv.gather(linear(ps, dstGate, x, training), target));
        m = m.add(linear(ps, edgeGate, y, training));
        NDArray sigma = Activation.sigmoid(m);
        if (mask != null) sigma = sigma.mul(mask);
        NDArray messages = sigma.mul(CGConv.gather(linear(ps, dstUpdate, x, training), source));
        NDArray h = sum.matMul(messages).div(sum.matMul(sigma).add(1e-6f));
        NDArray nodes = linear(ps, srcUpdate, x, training).add(h);
        nodes = Scalars.silu(bnNodes.forward(ps, new NDList(nodes), training).head());
        NDArray edges =
                Scalars.silu(bnEdges.forward(ps, new NDList(m), training).head());
        return new NDArray[] {x.add(nodes), y.add(edges)};
    }

    /** {@code dense} applied to {@code x} (one tensor in, one out). */
    static NDArray linear(ParameterStore ps, Dense dense, NDArray x, boolean training) {
        return dense.forward(ps, new NDList(x), training).head();
    }

    /** Parameters under PyTorch-style names relative to the layer. */
    void collectTorchParameters(String prefix, Map<String, Parameter> out) {
        Head.put(prefix + "src_gate", srcGate, out);
        Head.put(prefix + "dst_gate", dstGate, out);
        Head.put(prefix + "edge_gate", edgeGate, out);
        Head.put(prefix + "src_update", srcUpdate, out);
        Head.put(prefix + "dst_update", dstUpdate, out);
        CGConv.putBatchNorm(prefix + "bn_nodes.", bnNodes, out);
        CGConv.putBatchNorm(prefix + "bn_edges.", bnEdges, out);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray[] out = forward(
                ps,
                inputs.get(0),
                inputs.get(1),
                inputs.get(2),
                inputs.get(3),
                inputs.get(4),
                inputs.size() > 5 ? inputs.get(5) : null,
                training);
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, featureLength);
        for (Dense d : new Dense[] {srcGate, dstGate, edgeGate, srcUpdate, dstUpdate})
            d.initialize(manager, dataType, row);
        bnNodes.initialize(manager, dataType, row);
        bnEdges.initialize(manager, dataType, row);
    }
}

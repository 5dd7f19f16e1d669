package spinel.train.tabnet;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Ghost batch normalisation (Hoffer, Hubara &amp; Soudry, NeurIPS 2017), as TabNet uses it: in training,
 * a batch is cut into ⌈B / virtual⌉ near-equal chunks ("virtual batches", as {@code torch.chunk} cuts
 * them) and each is normalised with its own statistics, one shared scale and shift, the running
 * statistics updated once per chunk; in inference, the running statistics as in plain BatchNorm.
 *
 * <p>Momentum is DJL's convention: running = momentum · running + (1 − momentum) · chunk statistic (so
 * 0.98 here is PyTorch's, and pytorch-tabnet's, momentum 0.02).
 */
public final class GhostBatchNorm extends AbstractBlock {

    private final BatchNorm norm;
    private final int virtualBatch;

    /** Normalises 2-D rows × features input in chunks of at most {@code virtualBatch} rows. */
    public GhostBatchNorm(int virtualBatch, float momentum) {
        if (virtualBatch < 2) throw new IllegalArgumentException("virtual batch size " + virtualBatch + " < 2");
        this.virtualBatch = virtualBatch;
        norm = addChildBlock("bn", BatchNorm.builder().optMomentum(momentum).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs.head();
        long rows = x.getShape().get(0);
        // batch statistics need two rows: a batch of one row is normalised as in inference
        if (!training || rows < 2) return norm.forward(ps, inputs, false, params);
        int chunks = (int) ((rows + virtualBatch - 1) / virtualBatch);
        if (chunks == 1) return norm.forward(ps, inputs, true, params);
        long size = (rows + chunks - 1) / chunks;
        long[] cuts = new long[(int) ((rows - 1) / size)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = (i + 1) * size;
        NDList parts = x.split(cuts, 0);
        NDList out = new NDList();
        for (var part : parts) {
            boolean batch = part.getShape().get(0) > 1;
            out.add(norm.forward(ps, new NDList(part), batch, params).head());
        }
        return new NDList(NDArrays.concat(out, 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes);
    }
}

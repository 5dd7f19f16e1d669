package spinel.train;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import spinel.conv.BravaisSpaceGroupHead;

/**
 * The two-stage symmetry MLP on a descriptor vector, after CRYSPNet (Liang et al., Comput. Mater.
 * Sci. 2020) and Zhao et al. (2021): a trunk input → 128 → 64 (Linear, BatchNorm, ReLU, dropout
 * after each) makes the embedding h; the {@link BravaisSpaceGroupHead} then reads h ‖ x — the
 * embedding and the features themselves — and gives stage 1, the Bravais lattice (14 classes), and
 * stage 2, the space group, scored from h ‖ x ‖ p(lattice) and normalised within each lattice, so
 * p(group) = p(lattice) · p(group | lattice).
 *
 * <p>Outputs: Bravais log-probabilities C×14, space-group log-probabilities C×230 (index = number −
 * 1). Labels: space-group index. Loss: the head's, NLL(lattice) + NLL(space group).
 */
public final class TwoStageMlp extends AbstractBlock {

    /** Hidden widths of the trunk (CRYSPNet's sizes). */
    public static final int[] HIDDEN = {128, 64};

    /** Dropout after each hidden layer. */
    public static final double DROPOUT = 0.2;

    private final SequentialBlock trunk;
    private final BravaisSpaceGroupHead head;
    private final int inputLength;
    private final int embeddingLength;

    /** The network for descriptor vectors of length {@code inputLength}. */
    public TwoStageMlp(int inputLength, int[] hidden, double dropout) {
        this.inputLength = inputLength;
        this.embeddingLength = hidden[hidden.length - 1];
        SequentialBlock t = new SequentialBlock();
        for (int h : hidden) {
            t.add(Linear.builder().setUnits(h).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu);
            if (dropout > 0) t.add(Dropout.builder().optRate((float) dropout).build());
        }
        t.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        trunk = addChildBlock("trunk", t);
        head = addChildBlock("head", new BravaisSpaceGroupHead(embeddingLength + inputLength));
    }

    /** The head, whose {@link BravaisSpaceGroupHead#loss} trains the whole network. */
    public BravaisSpaceGroupHead head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs.head();
        // batch statistics need two rows: a last training batch of one row runs the trunk as in inference
        boolean batchStatistics = training && x.getShape().get(0) > 1;
        var h = trunk.forward(ps, inputs, batchStatistics, params).head();
        return head.forward(ps, new NDList(NDArrays.concat(new NDList(h, x), 1)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long c = inputShapes[0].get(0);
        return new Shape[] {new Shape(c, 14), new Shape(c, 230)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, new Shape(1, inputLength));
        head.initialize(manager, dataType, new Shape(1, embeddingLength + inputLength));
    }
}

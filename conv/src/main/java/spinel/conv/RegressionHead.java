package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Linear regression of one or several (normalised) targets, the reference's {@code fc_out}.
 * Output: C×T. Labels: one array C×T (or C when T = 1). Loss: mean squared error.
 */
public final class RegressionHead extends DenseHead {

    private final int numTargets;

    public RegressionHead(int inputLength, int numTargets) {
        super(inputLength, CGConv.positive(numTargets, "number of targets"));
        this.numTargets = numTargets;
    }

    public int numTargets() {
        return numTargets;
    }

    @Override
    public List<String> outputNames() {
        return List.of("prediction");
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    @Override
    public NDArray loss(NDList predictions, NDList labels) {
        return mse(predictions.head(), labels.head());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return out.forward(ps, inputs, training);
    }
}

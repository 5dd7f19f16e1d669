package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * Linear regression of one or several (normalised) targets, the reference's {@code fc_out}.
 * Output: C×T. Labels: one array C×T (or C when T = 1). Loss: mean squared error.
 */
public final class RegressionHead extends Head {

    private final int numTargets;
    private final Dense out;

    public RegressionHead(int inputLength, int numTargets) {
        super(inputLength);
        this.numTargets = CGConv.positive(numTargets, "number of targets");
        out = addChildBlock("fc_out", new Dense(inputLength, numTargets));
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
    void collectTorchParameters(Map<String, Parameter> map) {
        put("fc_out", out, map);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return out.forward(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numTargets)};
    }
}

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
 * K-class classification: {@code fc_out} then log-softmax, as the reference (which fixed K = 2).
 * Output: log-probabilities C×K. Labels: class indices, C (int64 or float holding integers).
 * Loss: negative log-likelihood (PyTorch's {@code NLLLoss}).
 */
public final class ClassificationHead extends Head {

    private final int numClasses;
    private final Dense out;

    public ClassificationHead(int inputLength, int numClasses) {
        super(inputLength);
        if (numClasses < 2)
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + numClasses);
        this.numClasses = numClasses;
        out = addChildBlock("fc_out", new Dense(inputLength, numClasses));
    }

    public int numClasses() {
        return numClasses;
    }

    @Override
    public List<String> outputNames() {
        return List.of("log_probabilities");
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    @Override
    public NDArray loss(NDList predictions, NDList labels) {
        return nll(predictions.head(), labels.head());
    }

    @Override
    void collectTorchParameters(Map<String, Parameter> map) {
        put("fc_out", out, map);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(out.forward(ps, inputs, training).head().logSoftmax(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }
}

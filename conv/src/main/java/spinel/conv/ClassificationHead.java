package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * K-class classification: {@code fc_out} then log-softmax, as the reference (which fixed K = 2).
 * Output: log-probabilities C×K. Labels: class indices, C (int64 or float holding integers).
 * Loss: negative log-likelihood (PyTorch's {@code NLLLoss}).
 */
public final class ClassificationHead extends DenseHead {

    private final int numClasses;

    public ClassificationHead(int inputLength, int numClasses) {
        super(inputLength, atLeastTwo(numClasses));
        this.numClasses = numClasses;
    }

    private static int atLeastTwo(int numClasses) {
        if (numClasses < 2)
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + numClasses);
        return numClasses;
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
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(out.forward(ps, inputs, training).head().logSoftmax(1));
    }
}

package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * The output layer(s) of a {@link CrystalGraphConvNet}: maps the crystal's hidden vector (C×H) to
 * predictions, and knows its own loss.
 *
 * <p>Implementations: {@link RegressionHead}, {@link ClassificationHead}, {@link MultiTaskHead},
 * {@link BravaisSpaceGroupHead}.
 */
public abstract class Head extends AbstractBlock {

    protected final int inputLength;

    protected Head(int inputLength) {
        this.inputLength = CGConv.positive(inputLength, "head input length");
    }

    /** H, the hidden vector length this head reads. */
    public int inputLength() {
        return inputLength;
    }

    /** Names of the arrays {@link #forward} returns, in order. */
    public abstract List<String> outputNames();

    /** Whether this head classifies (the reference then applies dropout 0.5 before it while training). */
    public abstract boolean isClassification();

    /**
     * The training loss, a scalar.
     *
     * @param predictions what {@link #forward} returned
     * @param labels      the labels, as documented by each head
     */
    public abstract NDArray loss(NDList predictions, NDList labels);

    /** This head's parameters under PyTorch-style names (e.g. {@code fc_out.weight}). */
    abstract void collectTorchParameters(Map<String, Parameter> out);

    /** Mean squared error, PyTorch's {@code MSELoss()} (mean over all elements). */
    static NDArray mse(NDArray prediction, NDArray target) {
        NDArray d = prediction.sub(target.reshape(prediction.getShape()));
        return d.mul(d).mean();
    }

    /** Negative log-likelihood of class indices {@code labels} (C, int64) under log-probabilities (C×K). */
    static NDArray nll(NDArray logProbabilities, NDArray labels) {
        NDArray idx = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logProbabilities.gather(idx, 1).mean().neg();
    }

    static void put(String name, Dense dense, Map<String, Parameter> out) {
        out.put(name + ".weight", dense.weight());
        out.put(name + ".bias", dense.bias());
    }

    @Override
    protected abstract NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params);

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : children.values()) child.initialize(manager, dataType, new Shape(1, inputLength));
    }
}

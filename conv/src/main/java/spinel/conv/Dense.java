package spinel.conv;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A fully connected layer y = x Wᵀ + b with PyTorch's {@code nn.Linear} layout and initialisation:
 * weight (out, in), bias (out), both drawn from U(−1/√in, 1/√in) (the default of the reference
 * CGCNN, so a network trained here starts from the same distribution as one trained there).
 *
 * <p>Unlike DJL's {@code Linear} the input length is fixed at construction, so parameter shapes
 * are known before the first batch and a PyTorch state dict can be loaded straight away.
 */
public final class Dense extends AbstractBlock {

    private final int inputLength;
    private final int outputLength;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param inputLength  number of input features
     * @param outputLength number of output features
     */
    public Dense(int inputLength, int outputLength) {
        if (inputLength <= 0 || outputLength <= 0) {
            throw new IllegalArgumentException(
                    "Dense needs positive lengths, got " + inputLength + " → " + outputLength);
        }
        this.inputLength = inputLength;
        this.outputLength = outputLength;
        float bound = (float) (1.0 / Math.sqrt(inputLength));
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outputLength, inputLength))
                .optInitializer(new UniformInitializer(bound))
                .build());
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(outputLength))
                .optInitializer(new UniformInitializer(bound))
                .build());
    }

    public int inputLength() {
        return inputLength;
    }

    public int outputLength() {
        return outputLength;
    }
    /** The weight parameter, (out, in). */
    public Parameter weight() {
        return weight;
    }
    /** The bias parameter, (out). */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs.head();
        var device = x.getDevice();
        return Linear.linear(x, ps.getValue(weight, device, training), ps.getValue(bias, device, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long[] dims = in.getShape().clone();
        dims[dims.length - 1] = outputLength;
        return new Shape[] {new Shape(dims)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}

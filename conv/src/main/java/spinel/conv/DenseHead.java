package spinel.conv;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A head that is the reference's single {@code fc_out} layer, H → {@code width}: what the subclass does
 * with its output (nothing, or a log-softmax) and its loss are the only differences between
 * {@link RegressionHead} and {@link ClassificationHead}.
 */
abstract class DenseHead extends Head {

    final Dense out;
    private final int width;

    DenseHead(int inputLength, int width) {
        super(inputLength);
        this.width = width;
        out = addChildBlock("fc_out", new Dense(inputLength, width));
    }

    @Override
    void collectTorchParameters(Map<String, Parameter> map) {
        put("fc_out", out, map);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }
}

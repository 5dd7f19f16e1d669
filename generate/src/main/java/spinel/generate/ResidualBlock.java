package spinel.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import spinel.conv.Dense;

/**
 * A shortcut connection around two fully connected layers (He et al., "Deep residual learning", CVPR
 * 2016, pre-activation form): y = x + W₂ relu(W₁ relu(x)), width kept. The layers are plain
 * {@link Dense} in the generator and {@link SpectralDense} in the critic.
 */
public final class ResidualBlock extends AbstractBlock {

    private final int width;
    private final Block first;
    private final Block second;

    /** A block of width {@code width}, spectrally normalised when {@code spectral}. */
    public ResidualBlock(int width, boolean spectral) {
        this.width = width;
        first = addChildBlock("fc1", spectral ? new SpectralDense(width, width) : new Dense(width, width));
        second = addChildBlock("fc2", spectral ? new SpectralDense(width, width) : new Dense(width, width));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray h = first.forward(ps, new NDList(Activation.relu(x)), training).head();
        h = second.forward(ps, new NDList(Activation.relu(h)), training).head();
        return new NDList(x.add(h));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, new Shape(1, width));
        second.initialize(manager, dataType, new Shape(1, width));
    }
}

package spinel.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import spinel.conv.Dense;

/**
 * A fully connected layer with spectral normalisation (Miyato et al., "Spectral normalization for
 * generative adversarial networks", ICLR 2018): y = x (W/σ(W))ᵀ + b, σ(W) the largest singular value
 * of W estimated by one step of power iteration per training forward pass (u ← Wv/‖Wv‖ with
 * v = Wᵀu/‖Wᵀu‖, σ = uᵀWv; the gradient flows through σ, not through u and v). It keeps the critic
 * 1-Lipschitz per layer, the stabiliser of this GAN. The vector u is a parameter without gradient,
 * so it is saved and restored with the weights.
 */
public final class SpectralDense extends AbstractBlock {

    private final Dense dense;
    private final Parameter u;

    /** A layer from {@code inputLength} to {@code outputLength} features. */
    public SpectralDense(int inputLength, int outputLength) {
        dense = addChildBlock("dense", new Dense(inputLength, outputLength));
        u = addParameter(Parameter.builder()
                .setName("u")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(outputLength))
                .optInitializer(new NormalInitializer(1f))
                .optRequiresGrad(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray w = ps.getValue(dense.weight(), x.getDevice(), training);
        NDArray uArr = ps.getValue(u, x.getDevice(), training);
        NDArray wd = w.stopGradient();
        NDArray un = uArr.div(uArr.norm().add(1e-12f));
        NDArray v = wd.transpose().matMul(un);
        v = v.div(v.norm().add(1e-12f));
        NDArray uNew = wd.matMul(v);
        uNew = uNew.div(uNew.norm().add(1e-12f));
        if (training) uArr.set(uNew.toFloatArray());
        NDArray sigma = uNew.mul(w.matMul(v)).sum();
        return new NDList(Linear.linear(x, w.div(sigma), ps.getValue(dense.bias(), x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return dense.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        dense.initialize(manager, dataType, new Shape(1, dense.inputLength()));
    }
}

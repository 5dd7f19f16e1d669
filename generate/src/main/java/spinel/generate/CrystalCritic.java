package spinel.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The GAN's discriminator (critic): a point-cloud network (PointNet-style, as the discriminator of Kim
 * et al., ACS Cent. Sci. 6, 1412 (2020)) over each atom's {@link PeriodicEnvironment}, its own element
 * features and the volume per atom; shared per-atom layers, masked mean and max pooling, then
 * residual layers to one score per crystal. Every layer is {@link SpectralDense}.
 *
 * <p>Inputs: environments (B, N, E), features (B, N, F), mask (B, N), scaled volume per atom (B, 1).
 * Output: scores (B, 1), higher for crystals that look real.
 */
public final class CrystalCritic extends AbstractBlock {

    private final int hidden;
    private final SpectralDense atom1, atom2, merge, out;
    private final List<ResidualBlock> blocks = new ArrayList<>();

    public CrystalCritic(GanConfig c) {
        hidden = c.hidden();
        int in = PeriodicEnvironment.length() + ElementFeatures.SIZE + 1;
        atom1 = addChildBlock("atom1", new SpectralDense(in, hidden));
        atom2 = addChildBlock("atom2", new SpectralDense(hidden, hidden));
        merge = addChildBlock("merge", new SpectralDense(2 * hidden, hidden));
        for (int i = 0; i < c.residualBlocks(); i++)
            blocks.add(addChildBlock("res" + i, new ResidualBlock(hidden, true)));
        out = addChildBlock("out", new SpectralDense(hidden, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray env = inputs.get(0), feats = inputs.get(1), mask = inputs.get(2), vpa = inputs.get(3);
        Shape s = env.getShape();
        NDArray v = vpa.expandDims(1).broadcast(new Shape(s.get(0), s.get(1), 1));
        NDArray x = NDArrays.concat(new NDList(env, feats, v), 2);
        x = Activation.leakyRelu(atom1.forward(ps, new NDList(x), training).head(), 0.2f);
        x = Activation.leakyRelu(atom2.forward(ps, new NDList(x), training).head(), 0.2f);
        NDArray pooled = pool(x, mask);
        NDArray h = merge.forward(ps, new NDList(pooled), training).head();
        for (ResidualBlock b : blocks)
            h = b.forward(ps, new NDList(h), training).head();
        return out.forward(ps, new NDList(Activation.leakyRelu(h, 0.2f)), training);
    }

    /** Masked mean and max over the atoms: (B, N, H) → (B, 2H). */
    static NDArray pool(NDArray x, NDArray mask) {
        NDArray m = mask.expandDims(2);
        NDArray mean = x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
        NDArray max = x.add(m.sub(1f).mul(1e4f)).max(new int[] {1});
        return NDArrays.concat(new NDList(mean, max), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) child.initialize(manager, dataType, new Shape(1, hidden));
    }
}

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
import spinel.conv.Dense;
import spinel.conv.Scalars;

/**
 * The GAN's generator: noise and a composition in, a crystal out, in the point-cloud representation of
 * Kim et al. (ACS Cent. Sci. 6, 1412 (2020)): a cell and the fractional coordinates of every atom.
 *
 * <p>A residual trunk maps (z, mean element features, atoms/N) to a crystal code; a lattice head gives
 * the volume per atom (exp(ln V₀ + 1.3 tanh ·), Å³), three length ratios (exp(0.7 tanh ·)) and three
 * angles (60° + 60° sigmoid ·); a per-atom network (DeepSets: each atom sees the code, its element
 * features, its own noise and the mean of all atoms' hidden states, twice) gives the fractional
 * coordinates (sigmoid). Inputs: z (B, Z), features (B, N, F), mask (B, N), atoms/N (B, 1), site
 * noise (B, N, S). Outputs: fractional coordinates (B, N, 3) and lattice rows (B, 3, 3), Å.
 */
public final class GeneratorNetwork extends AbstractBlock {

    private final GanConfig config;
    private final Dense trunkIn, latticeOut, siteIn, siteMix1, siteMix2, siteOut;
    private final List<ResidualBlock> trunk = new ArrayList<>();
    private final ResidualBlock siteBlock;

    public GeneratorNetwork(GanConfig c) {
        config = c;
        int h = c.hidden(), f = ElementFeatures.SIZE;
        trunkIn = addChildBlock("trunkIn", new Dense(c.noiseLength() + f + 1, h));
        for (int i = 0; i < c.residualBlocks(); i++) trunk.add(addChildBlock("trunk" + i, new ResidualBlock(h, false)));
        latticeOut = addChildBlock("latticeOut", new Dense(h, 7));
        siteIn = addChildBlock("siteIn", new Dense(h + f + c.siteNoiseLength(), h));
        siteMix1 = addChildBlock("siteMix1", new Dense(2 * h, h));
        siteBlock = addChildBlock("siteRes", new ResidualBlock(h, false));
        siteMix2 = addChildBlock("siteMix2", new Dense(2 * h, h));
        siteOut = addChildBlock("siteOut", new Dense(h, 3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.get(0), feats = inputs.get(1), mask = inputs.get(2), count = inputs.get(3);
        NDArray noise = inputs.get(4);
        NDArray m = mask.expandDims(2);
        NDArray meanFeats =
                feats.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
        NDArray h = fc(trunkIn, ps, NDArrays.concat(new NDList(z, meanFeats, count), 1), training);
        for (ResidualBlock b : trunk) h = b.forward(ps, new NDList(h), training).head();
        NDArray lat =
                latticeOut.forward(ps, new NDList(Activation.relu(h)), training).head();
        Shape s = feats.getShape();
        NDArray hs = h.expandDims(1).broadcast(new Shape(s.get(0), s.get(1), config.hidden()));
        NDArray x = fc(siteIn, ps, NDArrays.concat(new NDList(hs, feats, noise), 2), training);
        x = fc(siteMix1, ps, withMean(x, m), training);
        x = siteBlock.forward(ps, new NDList(x), training).head();
        x = fc(siteMix2, ps, withMean(x, m), training);
        NDArray frac =
                Activation.sigmoid(siteOut.forward(ps, new NDList(x), training).head());
        NDArray atoms = mask.sum(new int[] {1}, true);
        return new NDList(frac, lattice(lat, atoms));
    }

    private static NDArray fc(Dense d, ParameterStore ps, NDArray x, boolean training) {
        return Activation.relu(d.forward(ps, new NDList(x), training).head());
    }

    private static NDArray withMean(NDArray x, NDArray m) {
        NDArray mean =
                x.mul(m).sum(new int[] {1}, true).div(m.sum(new int[] {1}, true).maximum(1f));
        return NDArrays.concat(new NDList(x, mean.broadcast(x.getShape())), 2);
    }

    /** Lattice rows (B, 3, 3) from the head's 7 outputs per crystal and the number of atoms (B, 1). */
    NDArray lattice(NDArray o, NDArray atoms) {
        // constants through Scalars: DJL's mul(Number) lets the backward pass read freed memory
        NDArray vpa = Scalars.mul(o.get(":, 0").tanh(), 1.3)
                .add((float) config.logVolumePerAtom())
                .exp();
        NDArray len = Scalars.mul(o.get(":, 1:4").tanh(), 0.7).exp();
        NDArray ang =
                Scalars.mul(Activation.sigmoid(o.get(":, 4:7")), Math.PI / 3).add((float) (Math.PI / 3));
        NDArray a = len.get(":, 0"), b = len.get(":, 1"), c = len.get(":, 2");
        NDArray ca = ang.get(":, 0").cos(),
                cb = ang.get(":, 1").cos(),
                cg = ang.get(":, 2").cos();
        NDArray sg = ang.get(":, 2").sin();
        NDArray zero = a.zerosLike();
        NDArray cx = c.mul(cb);
        NDArray cy = c.mul(ca.sub(cb.mul(cg))).div(sg);
        NDArray cz = Scalars.maximum(c.square().sub(cx.square()).sub(cy.square()), 1e-4)
                .sqrt();
        NDArray rows = NDArrays.stack(new NDList(a, zero, zero, b.mul(cg), b.mul(sg), zero, cx, cy, cz), 1);
        NDArray volume = a.mul(b).mul(sg).mul(cz);
        NDArray scale = Scalars.pow(vpa.mul(atoms.squeeze(1)).div(volume), 1.0 / 3);
        return rows.mul(scale.expandDims(1)).reshape(o.getShape().get(0), 3, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[1];
        return new Shape[] {new Shape(s.get(0), s.get(1), 3), new Shape(s.get(0), 3, 3)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) child.initialize(manager, dataType, new Shape(1, 1));
    }
}

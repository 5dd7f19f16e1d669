package spinel.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import spinel.conv.Scalars;

/**
 * Differentiable atomic environments of a batch of padded point clouds, what the GAN's critic and
 * composition classifier look at: for atom i, Σ over atoms j and the 27 nearest cell images of
 * exp(−((d − μₖ)/σ)²) ⊗ (element features of j, 1), with μₖ = 0.8, 1.15, ..., 5.0 Å and σ = 0.35 Å,
 * then log(1 + ·). Invariant to the choice of origin, to permutations of atoms and (for reduced cells)
 * to the choice of cell — so the critic judges crystals, not their encodings.
 *
 * <p>Arrays: {@code frac} (B, N, 3) fractional coordinates, {@code lattice} (B, 3, 3) rows a, b, c
 * in Å, {@code features} (B, N, F) element features ({@link ElementFeatures}), {@code mask} (B, N)
 * 1 for an atom, 0 for padding.
 */
public final class PeriodicEnvironment {

    /** Gaussian centres, Å. */
    static final int GAUSSIANS = 13;

    static final float START = 0.8f, STEP = 0.35f, WIDTH = 0.35f;

    private PeriodicEnvironment() {}

    /** Length of an atom's environment vector. */
    public static int length() {
        return GAUSSIANS * (ElementFeatures.SIZE + 1);
    }

    /** Distances (B, N, N, 27) from atom i to the images of atom j, Å. */
    public static NDArray distances(NDArray frac, NDArray lattice) {
        NDManager m = frac.getManager();
        float[] off = new float[27 * 3];
        int k = 0;
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                for (int c = -1; c <= 1; c++) {
                    off[k++] = a;
                    off[k++] = b;
                    off[k++] = c;
                }
            }
        }
        NDArray cart = frac.matMul(lattice);
        NDArray shifts = m.create(off, new Shape(27, 3)).matMul(lattice);
        NDArray diff = cart.expandDims(1)
                .expandDims(3)
                .add(shifts.expandDims(1).expandDims(1))
                .sub(cart.expandDims(2).expandDims(3));
        return diff.square().sum(new int[] {4}).add(1e-8f).sqrt();
    }

    /** Pair weights (B, N, N, 27): both atoms present, and not an atom with itself in its own cell. */
    public static NDArray pairMask(NDArray mask) {
        NDManager m = mask.getManager();
        int n = (int) mask.getShape().get(1);
        float[] self = new float[n * n * 27];
        java.util.Arrays.fill(self, 1f);
        for (int i = 0; i < n; i++) self[(i * n + i) * 27 + 13] = 0f;
        NDArray pm = mask.expandDims(2).mul(mask.expandDims(1)).expandDims(3);
        return pm.mul(m.create(self, new Shape(1, n, n, 27)));
    }

    /** The environment vectors (B, N, {@link #length()}). */
    public static NDArray environments(NDArray distances, NDArray pairMask, NDArray features) {
        NDManager m = distances.getManager();
        NDArray mu = m.arange(GAUSSIANS)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mul(STEP)
                .add(START);
        NDArray g = Scalars.div(distances.expandDims(4).sub(mu), WIDTH)
                .square()
                .neg()
                .exp();
        g = g.mul(pairMask.expandDims(4)).sum(new int[] {3});
        NDArray f1 = NDArrays.concat(
                new ai.djl.ndarray.NDList(features, features.get(":, :, :1").onesLike()), 2);
        NDArray env = g.transpose(0, 1, 3, 2).matMul(f1.expandDims(1));
        Shape s = distances.getShape();
        return env.reshape(s.get(0), s.get(1), length()).add(1f).log();
    }

    /**
     * A soft penalty on atoms closer than {@code factor} × the sum of their covalent radii:
     * Σ relu(dₘᵢₙ − d)² per structure, averaged over the batch (Å²).
     */
    public static NDArray repulsion(NDArray distances, NDArray pairMask, NDArray features, float factor) {
        NDArray r = features.get(":, :, 1").mul(2f);
        NDArray dmin =
                r.expandDims(2).add(r.expandDims(1)).mul(factor).maximum(0.5f).expandDims(3);
        NDArray gap = Scalars.maximum(dmin.sub(distances), 0).square().mul(pairMask);
        return gap.sum().div(distances.getShape().get(0));
    }
}

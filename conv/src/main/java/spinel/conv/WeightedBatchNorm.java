package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/**
 * BatchNorm (Ioffe &amp; Szegedy, ICML 2015; PyTorch's {@code BatchNorm1d}: ε = 1e-5, running
 * statistics with momentum 0.1 and the unbiased variance) over rows that stand for several rows
 * each: row s counts w_s times. In training the statistics are the weighted mean and (biased)
 * variance, μ = Σ w_s x_s / W and σ² = Σ w_s (x_s − μ)² / W with W = Σ w_s, which are the plain
 * statistics of the W rows the weighted ones stand for; so with the {@link EquivalentAtoms} weights
 * the output, the gradients and the running statistics are those of the reference's BatchNorm over
 * every atom or every neighbour slot. The parameters are those of a DJL {@link BatchNorm} block
 * ({@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}), so state dicts are unchanged.
 */
final class WeightedBatchNorm {

    static final float EPSILON = 1e-5f;
    static final float MOMENTUM = 0.1f;

    private WeightedBatchNorm() {}

    /**
     * @param x        rows × C
     * @param weights  rows × 1, each row's multiplicity
     * @param training batch statistics (and running statistics updated) or running statistics
     */
    static NDArray forward(ParameterStore ps, BatchNorm bn, NDArray x, NDArray weights, boolean training) {
        var p = bn.getParameters();
        var device = x.getDevice();
        NDArray gamma = ps.getValue(p.get("gamma"), device, training);
        NDArray beta = ps.getValue(p.get("beta"), device, training);
        if (!training) {
            NDArray[] affine = affine(ps, bn, x);
            return x.mul(affine[0]).add(affine[1]);
        }
        NDArray total = weights.sum();
        NDArray wt = weights.transpose(); // 1 × rows: the weighted sums are matrix products
        NDArray mean = wt.matMul(x).div(total); // 1 × C
        NDArray centred = x.sub(mean);
        NDArray var = wt.matMul(centred.square()).div(total);
        NDArray std = var.add(EPSILON).sqrt();
        // expressions start from the batch's arrays, so that their results are freed with the batch
        NDArray scale = std.getManager().ones(std.getShape()).div(std).mul(gamma);
        NDArray out = centred.mul(scale).add(beta);
        updateRunningStatistics(ps, bn, mean, var, total, device);
        return out;
    }

    /** Running mean ← 0.9 · running mean + 0.1 · μ; running variance likewise with σ² · W / (W − 1). */
    private static void updateRunningStatistics(
            ParameterStore ps, BatchNorm bn, NDArray mean, NDArray var, NDArray total, ai.djl.Device device) {
        var p = bn.getParameters();
        NDArray runningMean = ps.getValue(p.get("runningMean"), device, false);
        NDArray runningVar = ps.getValue(p.get("runningVar"), device, false);
        NDArray m = mean.stopGradient().reshape(runningMean.getShape());
        NDArray w = total.stopGradient();
        NDArray unbiased =
                var.stopGradient().reshape(runningVar.getShape()).mul(w).div(w.sub(1));
        runningMean.muli(1 - MOMENTUM).addi(m.mul(MOMENTUM));
        runningVar.muli(1 - MOMENTUM).addi(unbiased.mul(MOMENTUM));
    }

    /**
     * The evaluation-mode map y = x · scale + shift: scale = γ / √(running variance + ε), shift = β −
     * running mean · scale (vectors of length C, on {@code like}'s manager).
     */
    static NDArray[] affine(ParameterStore ps, BatchNorm bn, NDArray like) {
        var p = bn.getParameters();
        var device = like.getDevice();
        NDArray gamma = ps.getValue(p.get("gamma"), device, false);
        NDArray beta = ps.getValue(p.get("beta"), device, false);
        NDArray mean = ps.getValue(p.get("runningMean"), device, false);
        NDArray var = ps.getValue(p.get("runningVar"), device, false);
        // every expression starts from an array of like's manager, so results are freed with it
        NDArray scale = like.getManager()
                .ones(var.getShape())
                .div(like.getManager().create(EPSILON).add(var).sqrt())
                .mul(gamma);
        NDArray shift = like.getManager().zeros(beta.getShape()).add(beta).sub(scale.mul(mean));
        return new NDArray[] {scale, shift};
    }
}

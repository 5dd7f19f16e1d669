package spinel.train.tabnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;

/**
 * Sparsemax (Martins &amp; Astudillo, "From Softmax to Sparsemax", ICML 2016, algorithm 1): the
 * Euclidean projection of each row z onto the probability simplex, p = max(z − τ(z), 0), which,
 * unlike softmax, sets small entries exactly to zero. Over the last axis of a 2-D array (rows ×
 * features), in DJL NDArray operations so that autograd differentiates it.
 *
 * <p>The threshold: sort z decreasingly, k(z) = max{k : 1 + k z₍ₖ₎ &gt; Σ_{j≤k} z₍ⱼ₎} (the support
 * is a prefix of the sorted row, so k(z) is the count of indices satisfying the condition), and τ =
 * (Σ_{j∈S} z_j − 1) / |S| with S = {j : z_j ≥ z₍ₖ₍z₎₎}. The support S is found on the sorted values with
 * the gradient stopped; τ is then written as a sum over the support mask of z itself, so that autograd
 * gives exactly the paper's Jacobian (eq. 10): ∂p/∂z = diag(s) − s sᵀ/|S|, s the support indicator.
 * Ties at the k-th value are all in or all out of the support, as the condition is the same for equal
 * values.
 */
public final class Sparsemax {

    private Sparsemax() {}

    /** Sparsemax of each row of {@code z} (rows × features, float); each output row sums to 1. */
    public static NDArray of(NDArray z) {
        int last = z.getShape().dimension() - 1;
        long width = z.getShape().get(last);
        NDArray fixed = z.stopGradient();
        // decreasing sort as the negated increasing sort of −z
        NDArray sorted = fixed.neg().sort(last).neg();
        NDArray rank = z.getManager().arange(1f, width + 1f, 1f, z.getDataType());
        NDArray support = rank.mul(sorted).add(1).gt(sorted.cumSum(last));
        // the k-th largest value: the smallest sorted value inside the support
        NDArray outside = sorted.onesLike().mul(Float.POSITIVE_INFINITY);
        NDArray kth = NDArrays.where(support, sorted, outside).min(new int[] {last}, true);
        NDArray mask = fixed.gte(kth).toType(z.getDataType(), false);
        NDArray size = mask.sum(new int[] {last}, true);
        NDArray tau = z.mul(mask).sum(new int[] {last}, true).sub(1).div(size);
        return Activation.relu(z.sub(tau));
    }
}

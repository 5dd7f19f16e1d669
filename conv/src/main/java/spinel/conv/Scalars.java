package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Arithmetic with a constant that is safe under autograd: use these instead of DJL's {@code
 * NDArray.mul(Number)}, {@code div(Number)}, {@code maximum(Number)}, {@code minimum(Number)}, {@code
 * pow(Number)} and {@code Activation.swish} on any array that gradients flow through.
 *
 * <p>Why: DJL's PyTorch engine (0.35) turns the number into a 0-dimensional tensor that reads the
 * memory of a Java direct buffer ({@code torch::from_blob}, no copy), runs the operation and closes that
 * tensor at once, dropping the buffer. For these operations PyTorch's autograd keeps the constant to
 * compute the backward pass (∂(x·c)/∂x = c); when the JVM's garbage collector frees the buffer between
 * the forward and the backward pass, the backward reads whatever the freed memory holds next. The
 * gradient is then multiplied by an arbitrary value (observed: 10³⁰, 10⁻⁸, 10⁻⁴⁵), which made TabNet
 * and the bond-angle layers diverge to NaN at random epochs, differently from run to run
 * (docs/benchmarks/train.md, "NaN losses of TabNet and the bond-angle layers"). The constants here
 * are allocated by PyTorch itself ({@code torch::full}), so the autograd graph owns them.
 *
 * <p>Additions and subtractions of a number are safe as DJL writes them: their backward pass does not
 * read the constant.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code value} as a 0-dimensional array of {@code like}'s type on its manager, owned by PyTorch. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** x · c. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(of(x, c));
    }

    /** x / c. */
    public static NDArray div(NDArray x, double c) {
        return x.div(of(x, c));
    }

    /** max(x, c) elementwise. */
    public static NDArray maximum(NDArray x, double c) {
        return x.maximum(of(x, c));
    }

    /** x^c elementwise. */
    public static NDArray pow(NDArray x, double c) {
        return x.pow(of(x, c));
    }

    /** SiLU (swish with β = 1), x · σ(x), without DJL's {@code swish}, which multiplies by β as a number. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}

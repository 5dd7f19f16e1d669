package spinel.conv;

import ai.djl.ndarray.NDArray;

/**
 * Overwrites the values of an existing (parameter or optimiser-state) array in place. DJL's
 * {@code NDArray.set(float[])} goes through a PyTorch guard that prints "AutoNonVariableTypeMode is
 * deprecated" on stderr; here a new tensor of the same shape, manager and gradient setting takes the
 * array's place instead ({@code intern}), so the array object callers hold keeps working and nothing
 * is printed. The new tensor is a copy that owns its memory (a tensor made straight from a Java buffer
 * would point into that buffer, which the garbage collector may free).
 */
public final class ParameterArrays {

    private ParameterArrays() {}

    /** Replaces the content of {@code target} by {@code values} (row-major, {@code target.size()} of them). */
    public static void overwrite(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
        }
        boolean grad = target.hasGradient();
        NDArray fresh;
        // PyTorch's tensor made from a Java buffer shares that buffer's memory, which lives only as long as
        // the array object made with it: the copy owns its memory, and is what the target takes over
        try (NDArray wrapped = target.getManager().create(values, target.getShape())) {
            fresh = wrapped.toType(target.getDataType(), true).duplicate();
        }
        target.intern(fresh);
        if (grad) target.setRequiresGradient(true);
    }
}

package spinel.conv;

import ai.djl.ndarray.NDArray;

/**
 * Overwrites the values of an existing (parameter or optimiser-state) array in place. DJL's
 * {@code NDArray.set(float[])} goes through a PyTorch guard that prints "AutoNonVariableTypeMode is
 * deprecated" on stderr; here a new tensor of the same shape, manager and gradient setting takes the
 * array's place instead ({@code intern}), so the array object callers hold keeps working and nothing
 * is printed.
 */
public final class ParameterArrays {

    private ParameterArrays() {}

    /** Replaces the content of {@code target} by {@code values} (row-major, {@code target.size()} of them). */
    public static void overwrite(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
        }
        boolean grad = target.hasGradient();
        NDArray fresh = target.getManager().create(values, target.getShape()).toType(target.getDataType(), false);
        target.intern(fresh);
        if (grad) target.setRequiresGradient(true);
    }
}

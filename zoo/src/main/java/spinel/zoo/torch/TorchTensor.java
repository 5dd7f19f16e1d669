package spinel.zoo.torch;

import java.util.Arrays;

/**
 * A tensor read from a PyTorch checkpoint: a strided view ({@code shape}, {@code stride},
 * {@code offset}, all in elements) of a {@link TorchStorage}, as {@code torch._utils._rebuild_tensor}
 * describes it. The values are copied out in C (row-major) order by {@link #toFloatArray()} and
 * friends, whatever the strides.
 */
public final class TorchTensor {

    private final TorchStorage storage;
    private final long offset;
    private final int[] shape;
    private final long[] stride;

    TorchTensor(TorchStorage storage, long offset, int[] shape, long[] stride) {
        if (shape.length != stride.length) {
            throw new CheckpointFormatException(
                    "tensor of shape " + Arrays.toString(shape) + " has strides " + Arrays.toString(stride));
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) throw new CheckpointFormatException("negative tensor size " + Arrays.toString(shape));
            if (shape[d] > 0) last += (long) (shape[d] - 1) * stride[d];
        }
        if (numel(shape) > 0 && (offset < 0 || last >= storage.numel())) {
            throw new CheckpointFormatException("tensor of shape " + Arrays.toString(shape) + ", strides "
                    + Arrays.toString(stride) + " and offset " + offset + " reaches past storage "
                    + storage.key() + " (" + storage.numel() + " elements)");
        }
        this.storage = storage;
        this.offset = offset;
        this.shape = shape.clone();
        this.stride = stride.clone();
    }

    /** The element type. */
    public ScalarType dtype() {
        return storage.type();
    }

    /** The shape (a copy); empty for a 0-d tensor. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int numel() {
        return Math.toIntExact(numel(shape));
    }

    /** The storage this tensor views. */
    public TorchStorage storage() {
        return storage;
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The values in row-major order as floats (exact for float32; rounded for wider types). */
    public float[] toFloatArray() {
        float[] out = new float[numel()];
        forEachPosition((k, p) -> out[k] = storage.getFloat(p));
        return out;
    }

    /** The values in row-major order as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[numel()];
        forEachPosition((k, p) -> out[k] = storage.getDouble(p));
        return out;
    }

    /** The values in row-major order as longs (floating values are truncated). */
    public long[] toLongArray() {
        long[] out = new long[numel()];
        forEachPosition((k, p) -> out[k] = storage.getLong(p));
        return out;
    }

    /** Receives the storage position of the tensor's k-th element in row-major order. */
    @FunctionalInterface
    private interface ElementVisitor {
        void visit(int k, long position);
    }

    /** Visits every element in row-major order with its storage position, whatever the strides. */
    private void forEachPosition(ElementVisitor visitor) {
        int n = numel();
        if (n == 0) return;
        long[] idx = new long[shape.length];
        for (int k = 0; k < n; k++) {
            visitor.visit(k, position(idx));
            advance(idx);
        }
    }

    /** The single value of a tensor with one element (any shape). */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() of a tensor of shape " + Arrays.toString(shape));
        }
        return toDoubleArray()[0];
    }

    private long position(long[] idx) {
        long p = offset;
        for (int d = 0; d < idx.length; d++) p += idx[d] * stride[d];
        return p;
    }

    private void advance(long[] idx) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return;
            idx[d] = 0;
        }
    }

    @Override
    public String toString() {
        return "TorchTensor[" + dtype().dtypeName() + " " + Arrays.toString(shape) + "]";
    }
}

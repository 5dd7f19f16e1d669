package spinel.graph.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * One NumPy array read by {@link Npz}: its element type, shape and C-order data. The {@code asX}
 * methods return a new flat row-major array converted to the requested Java type (integers to
 * floating point exactly where representable; floating point to integers only when every value is
 * integral, otherwise an exception). Immutable.
 */
public final class NpyArray {

    /** NumPy element types this reader understands. */
    public enum DType {
        FLOAT32(4),
        FLOAT64(8),
        INT8(1),
        UINT8(1),
        INT16(2),
        INT32(4),
        INT64(8),
        BOOL(1),
        STRING(0);

        final int size;

        DType(int size) {
            this.size = size;
        }

        static DType parse(String descr, String source) throws IOException {
            switch (descr) {
                case "<f4":
                    return FLOAT32;
                case "<f8":
                    return FLOAT64;
                case "|i1":
                case "<i1":
                    return INT8;
                case "|u1":
                case "<u1":
                    return UINT8;
                case "<i2":
                    return INT16;
                case "<i4":
                    return INT32;
                case "<i8":
                    return INT64;
                case "|b1":
                    return BOOL;
                default:
                    if (descr.matches("<U\\d+")) return STRING;
                    throw new IOException(source + ": unsupported dtype '" + descr
                            + "' (expected little-endian <f4, <f8, <i1, |u1, <i2, <i4, <i8, |b1 or <U<n>)");
            }
        }
    }

    private final String source;
    private final DType type;
    private final int itemSize;
    private final int[] shape;
    private final ByteBuffer data;

    NpyArray(String source, DType type, int itemSize, int[] shape, ByteBuffer data) {
        this.source = source;
        this.type = type;
        this.itemSize = itemSize;
        this.shape = shape;
        this.data = data;
    }

    /** Element type. */
    public DType dtype() {
        return type;
    }

    /** Shape (a copy); empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements (product of the shape). */
    public int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Where this array came from (file, or archive!member). */
    public String source() {
        return source;
    }

    /** Element {@code k} of the flat C-order data as a double. */
    public double getDouble(int k) {
        switch (type) {
            case FLOAT32:
                return data.getFloat(k * 4);
            case FLOAT64:
                return data.getDouble(k * 8);
            default: // integers and booleans are exact as longs; getLong refuses strings
                return getLong(k);
        }
    }

    /** Element {@code k} of the flat C-order data as a long (floating point must be integral). */
    public long getLong(int k) {
        switch (type) {
            case INT8:
                return data.get(k);
            case UINT8:
                return data.get(k) & 0xff;
            case INT16:
                return data.getShort(k * 2);
            case INT32:
                return data.getInt(k * 4);
            case INT64:
                return data.getLong(k * 8);
            case BOOL:
                return data.get(k) != 0 ? 1 : 0;
            case FLOAT32:
            case FLOAT64: {
                double v = getDouble(k);
                if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
                    throw new IllegalStateException(source + ": element " + k + " = " + v + " is not an integer");
                }
                return (long) v;
            }
            default:
                throw new IllegalStateException(source + ": string array has no numeric values");
        }
    }

    /** All elements as doubles. */
    public double[] asDoubles() {
        int n = size();
        double[] out = new double[n];
        if (type == DType.FLOAT64) {
            data.asDoubleBuffer().get(out);
            return out;
        }
        for (int k = 0; k < n; k++) out[k] = getDouble(k);
        return out;
    }

    /** All elements as floats (float64 values are rounded). */
    public float[] asFloats() {
        int n = size();
        float[] out = new float[n];
        if (type == DType.FLOAT32) {
            data.asFloatBuffer().get(out);
            return out;
        }
        for (int k = 0; k < n; k++) out[k] = (float) getDouble(k);
        return out;
    }

    /** All elements as longs. */
    public long[] asLongs() {
        int n = size();
        long[] out = new long[n];
        for (int k = 0; k < n; k++) out[k] = getLong(k);
        return out;
    }

    /** All elements as ints; values outside the int range are an error. */
    public int[] asInts() {
        int n = size();
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            long v = getLong(k);
            if (v != (int) v) {
                throw new IllegalStateException(source + ": element " + k + " = " + v + " does not fit in an int");
            }
            out[k] = (int) v;
        }
        return out;
    }

    /** All elements as booleans (non-zero is true). */
    public boolean[] asBooleans() {
        int n = size();
        boolean[] out = new boolean[n];
        for (int k = 0; k < n; k++) out[k] = getDouble(k) != 0;
        return out;
    }

    /** All elements of a {@code <U<n>} array as strings (trailing NULs removed). */
    public String[] asStrings() {
        if (type != DType.STRING) {
            throw new IllegalStateException(source + ": not a string array (dtype " + type + ")");
        }
        int n = size();
        String[] out = new String[n];
        Charset utf32 = Charset.forName("UTF-32LE");
        byte[] buf = new byte[itemSize];
        for (int k = 0; k < n; k++) {
            data.get(k * itemSize, buf);
            int len = itemSize;
            while (len >= 4 && buf[len - 1] == 0 && buf[len - 2] == 0 && buf[len - 3] == 0 && buf[len - 4] == 0)
                len -= 4;
            out[k] = new String(buf, 0, len, utf32);
        }
        return out;
    }

    /** Rows of a 2-D array as doubles. */
    public double[][] asDoubleMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException(source + ": expected a 2-D array, shape is " + Arrays.toString(shape));
        }
        double[] flat = asDoubles();
        double[][] out = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) out[i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray(" + type + " " + Arrays.toString(shape) + " from " + source + ")";
    }
}

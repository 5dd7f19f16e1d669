package spinel.zoo.torch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One storage of a PyTorch checkpoint: a flat run of {@link #numel()} elements of one
 * {@link ScalarType}, identified by its key in the file. Its bytes are attached after the pickle
 * that refers to it has been read (legacy files put them after every pickle).
 */
public final class TorchStorage {

    private final String key;
    private final ScalarType type;
    private final long numel;
    private final String location;
    private ByteBuffer data;

    TorchStorage(String key, ScalarType type, long numel, String location) {
        this.key = key;
        this.type = type;
        this.numel = numel;
        this.location = location;
    }

    /** The key of this storage in the checkpoint. */
    public String key() {
        return key;
    }

    public ScalarType type() {
        return type;
    }

    /** Number of elements. */
    public long numel() {
        return numel;
    }

    /** The device it was saved from ({@code cpu}, {@code cuda:0}); it is always read to the CPU. */
    public String location() {
        return location;
    }

    boolean hasData() {
        return data != null;
    }

    void attach(ByteBuffer bytes, ByteOrder order) {
        long expected = numel * type.bytes();
        if (bytes.remaining() != expected) {
            throw new CheckpointFormatException("storage " + key + " holds " + bytes.remaining() + " bytes, expected "
                    + expected + " (" + numel + " × " + type.dtypeName() + ")");
        }
        this.data = bytes.slice().order(order);
    }

    /** Element {@code i} as a double (exact for every type but 64-bit integers beyond 2^53). */
    double getDouble(long i) {
        if (data == null) throw new IllegalStateException("storage " + key + " has no data attached");
        int at = Math.toIntExact(i * type.bytes());
        return switch (type) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case INT64 -> data.getLong(at);
            case INT32 -> data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xff;
            case BOOL -> data.get(at) != 0 ? 1 : 0;
        };
    }

    float getFloat(long i) {
        if (type == ScalarType.FLOAT32) {
            if (data == null) throw new IllegalStateException("storage " + key + " has no data attached");
            return data.getFloat(Math.toIntExact(i * 4));
        }
        return (float) getDouble(i);
    }

    long getLong(long i) {
        if (type == ScalarType.INT64) {
            if (data == null) throw new IllegalStateException("storage " + key + " has no data attached");
            return data.getLong(Math.toIntExact(i * 8));
        }
        return (long) getDouble(i);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}

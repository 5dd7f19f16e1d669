package spinel.zoo.torch;

import java.util.Locale;

/**
 * The element types of PyTorch storages, named as in the legacy storage classes a checkpoint
 * pickles ({@code torch.FloatStorage}, ...). Bytes are little-endian unless the checkpoint says
 * otherwise.
 */
public enum ScalarType {
    FLOAT32("FloatStorage", 4, true),
    FLOAT64("DoubleStorage", 8, true),
    FLOAT16("HalfStorage", 2, true),
    BFLOAT16("BFloat16Storage", 2, true),
    INT64("LongStorage", 8, false),
    INT32("IntStorage", 4, false),
    INT16("ShortStorage", 2, false),
    INT8("CharStorage", 1, false),
    UINT8("ByteStorage", 1, false),
    BOOL("BoolStorage", 1, false);

    private final String storageClass;
    private final int bytes;
    private final boolean floating;

    ScalarType(String storageClass, int bytes, boolean floating) {
        this.storageClass = storageClass;
        this.bytes = bytes;
        this.floating = floating;
    }

    /** The class name in module {@code torch} ({@code FloatStorage} for float32). */
    public String storageClass() {
        return storageClass;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return floating;
    }

    /** The NumPy-style lower-case name ({@code float32}). */
    public String dtypeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of {@code torch.<storageClass>}, or null when it is not a storage class. */
    public static ScalarType ofStorageClass(String name) {
        for (ScalarType t : values()) if (t.storageClass.equals(name)) return t;
        return null;
    }
}

package spinel.graph.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npz} archives (NumPy's NEP 1 {@code .npy} format, version 1.0, C order, one stored
 * zip member per array) of little-endian float32, int64 and uint8 arrays — what {@code numpy.load}
 * and {@link Npz} read. The archive is written to a temporary file beside the target
 * and moved into place atomically.
 */
public final class NpzWriter {

    private static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);

    private final Map<String, byte[]> members = new LinkedHashMap<>();

    /** Adds a float32 array of {@code shape} (row-major {@code data}). */
    public NpzWriter addFloat32(String name, int[] shape, float[] data) {
        check(name, shape, data.length);
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        members.put(name, npy("<f4", shape, b.array()));
        return this;
    }

    /** Adds an int64 array of {@code shape} (row-major {@code data}). */
    public NpzWriter addInt64(String name, int[] shape, long[] data) {
        check(name, shape, data.length);
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        members.put(name, npy("<i8", shape, b.array()));
        return this;
    }

    /** Adds a one-dimensional uint8 array. */
    public NpzWriter addUint8(String name, byte[] data) {
        check(name, new int[] {data.length}, data.length);
        members.put(name, npy("|u1", new int[] {data.length}, data));
        return this;
    }

    private void check(String name, int[] shape, int length) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n != length) throw new IllegalArgumentException(name + ": shape holds " + n + " values, data " + length);
        if (members.containsKey(name)) throw new IllegalArgumentException("duplicate array " + name);
    }

    static byte[] npy(String descr, int[] shape, byte[] data) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) s.append(shape.length == 1 ? "," : ", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + s + "), }";
        // header padded with spaces and a newline so that data starts on a 64-byte boundary
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        b.putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    /** Writes the archive to {@code target} atomically (temporary file, then move). */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                // a fixed time stamp: the same arrays give the same bytes (bundled weights and their
                // SHA-256 in the model card stay stable when a model is packaged again)
                e.setTimeLocal(FIXED_TIME);
                e.setSize(m.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(m.getValue());
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(m.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));

    /** A version-1.0 .npy file as NumPy writes it: magic, header padded to 64 bytes, data. */
    static byte[] npy(String descr, String shape, byte[] data) {
        String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        h = h + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(h.length() & 0xff);
        out.write(h.length() >> 8);
        out.writeBytes(h.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void readsEveryNumericTypeFromAZip(@TempDir Path dir) throws IOException {
        ByteBuffer f8 = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) f8.putDouble(i * 0.5);
        ByteBuffer f4 = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1.25f)
                .putFloat(-3f);
        ByteBuffer i4 = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(7)
                .putInt(-8)
                .putInt(9);
        ByteBuffer i8 = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 40)
                .putLong(-2);
        byte[] b1 = {1, 0, 1};
        ByteBuffer u = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : new int[] {'N', 'a', 0, 'C', 'l', 0}) u.putInt(c);
        Path file = dir.resolve("t.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "a/f8.npy", npy("<f8", "(2, 3)", f8.array()));
            put(zip, "f4.npy", npy("<f4", "(2,)", f4.array()));
            put(zip, "i4.npy", npy("<i4", "(3,)", i4.array()));
            put(zip, "i8.npy", npy("<i8", "(2,)", i8.array()));
            put(zip, "b1.npy", npy("|b1", "(3,)", b1));
            put(zip, "u.npy", npy("<U3", "(2,)", u.array()));
            put(
                    zip,
                    "scalar.npy",
                    npy(
                            "<f8",
                            "()",
                            ByteBuffer.allocate(8)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putDouble(2.5)
                                    .array()));
        }
        Npz npz = Npz.read(file);
        assertEquals(7, npz.names().size());
        NpyArray a = npz.get("a/f8");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, a.asDoubles());
        assertArrayEquals(new double[] {1.5, 2, 2.5}, a.asDoubleMatrix()[1]);
        assertArrayEquals(new float[] {1.25f, -3f}, npz.floats("f4"));
        assertArrayEquals(new int[] {7, -8, 9}, npz.ints("i4"));
        assertArrayEquals(new long[] {1L << 40, -2}, npz.longs("i8"));
        assertThrows(IllegalStateException.class, () -> npz.ints("i8"));
        assertArrayEquals(new boolean[] {true, false, true}, npz.get("b1").asBooleans());
        assertArrayEquals(new String[] {"Na", "Cl"}, npz.get("u").asStrings());
        assertEquals(0, npz.get("scalar").ndim());
        assertEquals(2.5, npz.doubles("scalar")[0]);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> npz.get("nope"));
        assertTrue(missing.getMessage().contains("t.npz"));
    }

    @Test
    void rejectsWhatItCannotRead(@TempDir Path dir) throws IOException {
        IOException e = assertThrows(IOException.class, () -> Npz.parse(npy(">f8", "(1,)", new byte[8]), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy") && e.getMessage().contains(">f8"), e.getMessage());
        assertThrows(IOException.class, () -> Npz.parse(npy("<f8", "(4,)", new byte[8]), "short.npy"));
        assertThrows(IOException.class, () -> Npz.parse("not numpy".getBytes(StandardCharsets.US_ASCII), "bad.npy"));
        byte[] fortran = npy("<f8", "(1,)", new byte[8]);
        String text = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
        assertThrows(IOException.class, () -> Npz.parse(text.getBytes(StandardCharsets.ISO_8859_1), "f.npy"));
        Path notZip = dir.resolve("x.npz");
        Files.writeString(notZip, "hello");
        assertThrows(IOException.class, () -> Npz.read(notZip));
    }

    @Test
    void readsTheReferenceSampleGraphs() throws IOException {
        Path file = SHARED.resolve("anchors/cgcnn/reference/sample_graphs.npz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "anchors absent");
        Npz npz = Npz.read(file);
        NpyArray fea = npz.get("1000041/nbr_fea");
        assertEquals(NpyArray.DType.FLOAT32, fea.dtype());
        assertArrayEquals(new int[] {8, 12, 41}, fea.shape());
        assertEquals(NpyArray.DType.INT64, npz.get("1000041/nbr_fea_idx").dtype());
        assertEquals(3, npz.get("1000041/lattice").asDoubleMatrix().length);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}

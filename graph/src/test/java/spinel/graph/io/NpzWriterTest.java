package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NpzWriter: what it writes, {@link Npz} reads back; the same arrays give the same bytes. */
class NpzWriterTest {

    @Test
    void npzReadsBackWhatWasWritten(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("graphs.npz");
        new NpzWriter()
                .addFloat32("atom_fea", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f})
                .addInt64("nbr_fea_idx", new int[] {2, 2}, new long[] {0, 1, 1, 5_000_000_000L})
                .addUint8("meta", new byte[] {7, (byte) 200})
                .write(file);
        Npz npz = Npz.read(file);
        assertEquals(java.util.List.of("atom_fea", "nbr_fea_idx", "meta"), java.util.List.copyOf(npz.names()));
        assertArrayEquals(new int[] {2, 3}, npz.get("atom_fea").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, npz.floats("atom_fea"));
        assertEquals(NpyArray.DType.INT64, npz.get("nbr_fea_idx").dtype());
        assertArrayEquals(new long[] {0, 1, 1, 5_000_000_000L}, npz.longs("nbr_fea_idx"));
        assertArrayEquals(new long[] {7, 200}, npz.longs("meta"));
    }

    @Test
    void theSameArraysGiveTheSameBytes(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        new NpzWriter()
                .addFloat32("w", new int[] {2, 2}, new float[] {1, 2, 3, 4})
                .addUint8("meta", new byte[] {7})
                .write(a);
        Thread.sleep(2100); // zip time stamps have a resolution of 2 s
        new NpzWriter()
                .addFloat32("w", new int[] {2, 2}, new float[] {1, 2, 3, 4})
                .addUint8("meta", new byte[] {7})
                .write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}

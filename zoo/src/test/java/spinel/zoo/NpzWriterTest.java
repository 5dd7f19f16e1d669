package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive is reproducible: the same arrays written at different times give identical bytes. */
class NpzWriterTest {

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

package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on the zoo's internal files: converted weights and cached model files that are
 * truncated or bit-flipped are detected and made again; a cache folder that cannot be written
 * still serves bundled models (read in place from the class path, nothing written) and names
 * SPINEL_CACHE_DIR for anything else.
 */
class ZooFaultTest {

    static final Path CHECKPOINT = ModelRegistryTest.CGCNN.resolve("pre-trained/band-gap.pth.tar");

    private static final List<UnaryOperator<byte[]>> DAMAGES = List.of(
            b -> Arrays.copyOf(b, b.length / 2), b -> Arrays.copyOf(b, b.length - 1), b -> flip(b, b.length / 2), b -> {
                byte[] c = flip(b, b.length - 30);
                return c;
            });

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 0x04;
        return b;
    }

    private static ZooSettings settings(Path cache) {
        return new ZooSettings(cache, true, null, false, 1 << 20);
    }

    /** Runs {@code body} with stderr captured; returns what it printed. */
    private static String stderrOf(IORunnable body) throws IOException {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    interface IORunnable {
        void run() throws IOException;
    }

    @Test
    void damagedConvertedWeightsAreDetectedAndConvertedAgain(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CHECKPOINT), "reference checkpoints absent");
        ModelRegistry zoo = ModelRegistryTest.zoo(settings(tmp.resolve("cache")));
        CgcnnWeights first = zoo.weights(CHECKPOINT, "torch", null);
        Path converted;
        try (var s = Files.list(tmp.resolve("cache/converted"))) {
            converted = s.filter(p -> p.toString().endsWith(".npz")).findFirst().orElseThrow();
        }
        assertTrue(Files.isRegularFile(converted.resolveSibling(converted.getFileName() + ".sha256")));
        byte[] good = Files.readAllBytes(converted);
        for (UnaryOperator<byte[]> damage : DAMAGES) {
            Files.write(converted, damage.apply(good.clone()));
            CgcnnWeights[] again = new CgcnnWeights[1];
            String said = stderrOf(() -> again[0] = zoo.weights(CHECKPOINT, "torch", null));
            assertTrue(said.contains(converted.toString()) && said.contains("damaged"), said);
            assertEquals(first.tensors(), again[0].tensors());
            assertArrayEquals(good, Files.readAllBytes(converted), "converted again byte for byte");
        }
    }

    @Test
    void aDamagedCachedModelFileIsFetchedAgain(@TempDir Path tmp) throws Exception {
        byte[] content = "a bundled model file for the zoo tests\n".getBytes(StandardCharsets.UTF_8);
        String sha = ModelCache.sha256(new ByteArrayInputStream(content));
        ModelFile f =
                new ModelFile("bundled-test.txt", null, "/spinel/zoo/bundled-test.txt", content.length, sha, "npz");
        Path dir = tmp.resolve("cache/models/test/1");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelCache cache = new ModelCache(
                settings(tmp.resolve("cache")),
                java.net.http.HttpClient.newHttpClient(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Path p = cache.fetch(f, dir, "test/model");
        for (UnaryOperator<byte[]> damage : DAMAGES) {
            Files.write(p, damage.apply(content.clone()));
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1));
            assertArrayEquals(content, Files.readAllBytes(cache.fetch(f, dir, "test/model")));
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("does not match its checksum"));
    }

    @Test
    void anUnusableCacheStillServesBundledFilesAndNamesTheSetting(@TempDir Path tmp) throws Exception {
        byte[] content = "a bundled model file for the zoo tests\n".getBytes(StandardCharsets.UTF_8);
        String sha = ModelCache.sha256(new ByteArrayInputStream(content));
        ModelFile bundled =
                new ModelFile("bundled-test.txt", null, "/spinel/zoo/bundled-test.txt", content.length, sha, "npz");
        // a file where the cache folder should be (as root, permissions cannot make a folder read-only)
        Path notADir = Files.writeString(tmp.resolve("cache"), "not a folder");
        ModelCache cache = new ModelCache(settings(notADir));
        Path p = cache.fetch(bundled, notADir.resolve("models/test/1"), "test/model");
        assertArrayEquals(content, Files.readAllBytes(p));
        assertEquals("not a folder", Files.readString(notADir), "nothing written");

        ModelFile remote = new ModelFile("w.npz", "https://example.org/w.npz", null, 10, "0".repeat(64), "npz");
        IOException e = assertThrows(
                IOException.class, () -> cache.fetch(remote, notADir.resolve("models/test/1"), "test/model"));
        assertTrue(
                e.getMessage().contains("SPINEL_CACHE_DIR") && e.getMessage().contains(notADir.toString()),
                e.getMessage());
    }
}

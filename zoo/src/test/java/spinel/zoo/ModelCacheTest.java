package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    @TempDir
    Path cacheDir;

    LoopbackServer server;
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final byte[] payload = new byte[300_000];

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        new Random(42).nextBytes(payload);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ModelCache cache(ZooSettings settings) {
        return new ModelCache(settings, HttpClient.newHttpClient(), new PrintStream(stderr, true));
    }

    ZooSettings settings() {
        return new ZooSettings(cacheDir, false, null, false, 1 << 20);
    }

    ModelFile file(String path, byte[] content) throws IOException {
        return new ModelFile(
                "weights.bin",
                server.url(path),
                null,
                content.length,
                ModelCache.sha256(new ByteArrayInputStream(content)),
                "npz");
    }

    Path dir() {
        return cacheDir.resolve("models/test/model/1");
    }

    /** Nothing but the finished file (and its lock) may be left in the model directory. */
    List<String> leftovers() throws IOException {
        if (!Files.isDirectory(dir())) return List.of();
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part"))
                    .toList();
        }
    }

    @Test
    void downloadsVerifiesAndReusesTheCache() throws IOException {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.OK);
        ModelFile f = file("/m/weights.bin", payload);
        Path p = cache(settings()).fetch(f, dir(), "test/model");
        assertEquals(dir().resolve("weights.bin"), p);
        assertArrayEquals(payload, Files.readAllBytes(p));
        // a second cache object (as another run would) finds it without the network
        Path again = cache(settings()).fetch(f, dir(), "test/model");
        assertEquals(p, again);
        assertEquals(1, server.hits("/m/weights.bin"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void checksumMismatchDeletesTheDownloadAndSaysSo() throws IOException {
        byte[] other = payload.clone();
        other[1000] ^= 1;
        server.serve("/m/weights.bin", other, LoopbackServer.Mode.OK);
        ModelFile f = file("/m/weights.bin", payload);
        ChecksumMismatchException e = assertThrows(
                ChecksumMismatchException.class, () -> cache(settings()).fetch(f, dir(), "test/model"));
        assertEquals(f.sha256(), e.expected());
        assertTrue(
                e.getMessage().contains("weights.bin")
                        && e.getMessage().contains(f.sha256())
                        && e.getMessage().contains("deleted"),
                e.getMessage());
        assertFalse(Files.exists(dir().resolve("weights.bin")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void truncatedTransferIsRefused() throws IOException {
        server.serve("/fixed", payload, LoopbackServer.Mode.TRUNCATED_FIXED_LENGTH);
        server.serve("/chunked", payload, LoopbackServer.Mode.TRUNCATED_CHUNKED);
        for (String path : List.of("/fixed", "/chunked")) {
            ModelFile f = file(path, payload);
            DownloadException e = assertThrows(
                    DownloadException.class, () -> cache(settings()).fetch(f, dir(), "test/model"));
            assertFalse(e instanceof ChecksumMismatchException, path);
            assertTrue(
                    e.getMessage().contains(path) && e.getMessage().contains("of " + payload.length + " bytes"),
                    path + ": " + e.getMessage());
            assertFalse(Files.exists(dir().resolve("weights.bin")), path);
            assertEquals(List.of(), leftovers(), path);
        }
    }

    @Test
    void serverErrorIsReportedWithStatusAndUrl() throws IOException {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.ERROR_500);
        ModelFile f = file("/m/weights.bin", payload);
        DownloadException e =
                assertThrows(DownloadException.class, () -> cache(settings()).fetch(f, dir(), "test/model"));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains(f.url()), e.getMessage());
        assertFalse(Files.exists(dir().resolve("weights.bin")));
    }

    @Test
    void concurrentFetchesDownloadOnceAndAllSeeTheWholeFile() throws Exception {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.SLOW);
        ModelFile f = file("/m/weights.bin", payload);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                ModelCache c = cache(settings()); // separate caches, as separate callers would have
                Callable<Path> task = () -> {
                    go.await();
                    return c.fetch(f, dir(), "test/model");
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Path> r : results) assertArrayEquals(payload, Files.readAllBytes(r.get()));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.hits("/m/weights.bin"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void concurrentProcessesShareTheCacheSafely() throws Exception {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.SLOW);
        server.slowMillis = 3000; // this process holds the lock while the others start and wait for it
        ModelFile f = file("/m/weights.bin", payload);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            FetchMain.class.getName(),
                            cacheDir.toString(),
                            f.url(),
                            f.sha256(),
                            Long.toString(f.size()))
                    .redirectErrorStream(true)
                    .start());
        }
        Path mine = cache(settings()).fetch(f, dir(), "test/model");
        for (Process p : children) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.strip().endsWith(mine.toString()), out);
        }
        assertArrayEquals(payload, Files.readAllBytes(mine));
        assertEquals(1, server.hits("/m/weights.bin"), "one download for three processes");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void offlineModeFailsFastNamingTheMissingFile() throws IOException {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.OK);
        ModelFile f = file("/m/weights.bin", payload);
        OfflineException e =
                assertThrows(OfflineException.class, () -> cache(settings().withOffline(true))
                        .fetch(f, dir(), "test/model"));
        assertEquals(dir().resolve("weights.bin"), e.missing());
        assertTrue(e.getMessage().contains(dir().resolve("weights.bin").toString()), e.getMessage());
        assertEquals(0, server.totalHits());
        // once cached, offline mode is happy
        cache(settings()).fetch(f, dir(), "test/model");
        assertArrayEquals(
                payload, Files.readAllBytes(cache(settings().withOffline(true)).fetch(f, dir(), "test/model")));
    }

    @Test
    void bundledResourceIsUsedOfflineAndVerified() throws IOException {
        byte[] content = "a bundled model file for the zoo tests\n".getBytes(StandardCharsets.UTF_8);
        String sha = ModelCache.sha256(new ByteArrayInputStream(content));
        ModelFile f =
                new ModelFile("bundled-test.txt", null, "/spinel/zoo/bundled-test.txt", content.length, sha, "npz");
        Path p = cache(settings().withOffline(true)).fetch(f, dir(), "test/model");
        assertArrayEquals(content, Files.readAllBytes(p));

        ModelFile wrong = new ModelFile(
                "bundled-wrong.txt", null, "/spinel/zoo/bundled-test.txt", content.length, "0".repeat(64), "npz");
        assertThrows(ChecksumMismatchException.class, () -> cache(settings()).fetch(wrong, dir(), "test/model"));
    }

    @Test
    void corruptedCacheEntryIsFetchedAgain() throws IOException {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.OK);
        ModelFile f = file("/m/weights.bin", payload);
        Files.createDirectories(dir());
        Files.write(dir().resolve("weights.bin"), new byte[payload.length]);
        Path p = cache(settings()).fetch(f, dir(), "test/model");
        assertArrayEquals(payload, Files.readAllBytes(p));
        assertTrue(stderr.toString().contains("does not match its checksum"));
    }

    @Test
    void mirrorReplacesTheOrigin() throws IOException {
        server.serve("/mirror/txie-93/cgcnn/raw/master/x.bin", payload, LoopbackServer.Mode.OK);
        ModelFile f = new ModelFile(
                "x.bin",
                "https://github.com/txie-93/cgcnn/raw/master/x.bin",
                null,
                payload.length,
                ModelCache.sha256(new ByteArrayInputStream(payload)),
                "torch");
        ZooSettings s = settings().withMirror(URI.create(server.url("/mirror/")));
        assertArrayEquals(payload, Files.readAllBytes(cache(s).fetch(f, dir(), "test/model")));
        assertEquals(1, server.hits("/mirror/txie-93/cgcnn/raw/master/x.bin"));
    }

    @Test
    void largeDownloadsShowProgressOnStderr() throws IOException {
        server.serve("/m/weights.bin", payload, LoopbackServer.Mode.OK);
        ModelFile f = file("/m/weights.bin", payload);
        ZooSettings s = new ZooSettings(cacheDir, false, null, true, 1000);
        cache(s).fetch(f, dir(), "test/model");
        assertTrue(
                stderr.toString().contains("weights.bin") && stderr.toString().contains("%"), stderr.toString());
    }

    @Test
    void offlineFollowsDjlWhenSpinelSaysNothing() {
        String spinel = System.clearProperty("spinel.offline");
        String djl = System.clearProperty("ai.djl.offline");
        try {
            assertTrue(
                    ZooSettings.fromEnvironment(Map.of("DJL_OFFLINE", "true")).offline());
            assertFalse(ZooSettings.fromEnvironment(Map.of("DJL_OFFLINE", "true", "SPINEL_OFFLINE", "0"))
                    .offline());
            assertFalse(ZooSettings.fromEnvironment(Map.of()).offline());
            System.setProperty("ai.djl.offline", "true");
            assertTrue(ZooSettings.fromEnvironment(Map.of()).offline());
        } finally {
            restore("spinel.offline", spinel);
            restore("ai.djl.offline", djl);
        }
    }

    @Test
    void theGraphCacheFollowsTheSameRoot() {
        assertEquals(
                Path.of("/tmp/spinel-root"),
                spinel.graph.io.CacheRoot.directory(Map.of("SPINEL_CACHE_DIR", "/tmp/spinel-root")));
        System.setProperty("spinel.cache.dir", "/tmp/spinel-root2");
        try {
            assertEquals(Path.of("/tmp/spinel-root2/graphs"), spinel.graph.io.CacheRoot.graphs());
            assertEquals(
                    Path.of("/tmp/spinel-root2"), ZooSettings.fromEnvironment().cacheDir());
        } finally {
            System.clearProperty("spinel.cache.dir");
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test
    void settingsComeFromPropertiesThenEnvironment() {
        String offline = System.clearProperty("spinel.offline");
        try {
            settingsFromEnvironment();
        } finally {
            restore("spinel.offline", offline);
        }
    }

    private void settingsFromEnvironment() {
        ZooSettings s = ZooSettings.fromEnvironment(Map.of(
                "SPINEL_CACHE_DIR",
                "/tmp/spinel-env-cache",
                "SPINEL_OFFLINE",
                "1",
                "SPINEL_MODEL_MIRROR",
                "http://127.0.0.1:9/m"));
        assertEquals(Path.of("/tmp/spinel-env-cache"), s.cacheDir());
        assertTrue(s.offline());
        assertEquals(
                "http://127.0.0.1:9/m/a/b.pth",
                s.effectiveUri("https://github.com/a/b.pth").toString());
        System.setProperty("spinel.cache.dir", "/tmp/spinel-prop-cache");
        try {
            assertEquals(
                    Path.of("/tmp/spinel-prop-cache"),
                    ZooSettings.fromEnvironment(Map.of("SPINEL_CACHE_DIR", "/tmp/x"))
                            .cacheDir());
        } finally {
            System.clearProperty("spinel.cache.dir");
        }
    }
}

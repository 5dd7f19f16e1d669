package spinel.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import spinel.graph.io.AtomicFiles;

/**
 * The local store of model files, {@code <cache root>/models/<id>/<version>/<file name>}, and the
 * way files get into it.
 *
 * <p>A file is looked for, in order: in the cache (verified against its size and SHA-256 once per
 * process); bundled in the jar ({@link ModelFile#resource()}); downloaded from its URL (or the
 * mirror). Whatever the source, bytes go to a temporary file in the target directory, are checked
 * against the card's size and SHA-256, and only then moved into place atomically, so a crash or a
 * bad transfer never leaves a half file under the real name. A mismatch deletes the temporary file
 * and throws {@link ChecksumMismatchException}. Concurrent fetches of one file — threads of this
 * process or other processes sharing the cache — are serialised by a lock file next to it
 * ({@code .<name>.lock}); the second one finds the file in place and only verifies it.
 */
public final class ModelCache {

    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();

    private final ZooSettings settings;
    private final HttpClient http;
    private final PrintStream log;

    public ModelCache(ZooSettings settings) {
        this(
                settings,
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build(),
                System.err);
    }

    ModelCache(ZooSettings settings, HttpClient http, PrintStream log) {
        this.settings = settings;
        this.http = http;
        this.log = log;
    }

    public ZooSettings settings() {
        return settings;
    }

    /** The cache directory of one model version. */
    public Path directory(ModelCard card) {
        return settings.cacheDir().resolve("models").resolve(card.id()).resolve(card.version());
    }

    /** The path of {@code card}'s file with {@code role}, fetched and verified if needed. */
    public Path fetch(ModelCard card, String role) throws IOException {
        return fetch(card.file(role), directory(card), card.id());
    }

    /**
     * Makes sure {@code file} is in {@code dir}, verified, and returns its path.
     *
     * @param owner what the file belongs to, for messages (a model id)
     * @throws OfflineException           offline and neither cached nor bundled
     * @throws ChecksumMismatchException  the bytes obtained are not the promised ones
     * @throws DownloadException          the transfer failed (HTTP error, truncated, unreachable)
     */
    public Path fetch(ModelFile file, Path dir, String owner) throws IOException {
        Path target = dir.resolve(file.name());
        if (isVerified(target, file)) return target;
        FileChannel lockChannel;
        try {
            Files.createDirectories(dir);
            AtomicFiles.cleanStaleTemporaries(dir);
            lockChannel = FileChannel.open(
                    dir.resolve("." + file.name() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            return readOnlyFallback(file, dir, owner, e);
        }
        Object jvmLock = JVM_LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), k -> new Object());
        synchronized (jvmLock) {
            try (FileChannel ch = lockChannel;
                    FileLock ignored = ch.lock()) {
                if (isVerified(target, file)) return target;
                if (Files.exists(target)) {
                    log.println("spinel: cached " + target + " does not match its checksum; fetching it again");
                    Files.delete(target);
                }
                if (file.resource() != null) {
                    try (InputStream in = openResource(file.resource())) {
                        if (in != null) {
                            install(in, file, target, "bundled resource " + file.resource(), file.size(), false);
                            return target;
                        }
                    }
                }
                if (settings.offline()) {
                    throw new OfflineException(
                            "offline mode (spinel.offline / SPINEL_OFFLINE) and " + owner
                                    + " file " + file.name() + " is not in the cache: missing " + target
                                    + (file.url() != null
                                            ? " (download it from " + file.url() + " and place it there, sha256 "
                                                    + file.sha256() + ")"
                                            : ""),
                            target);
                }
                if (file.url() == null) {
                    throw new DownloadException(owner + " file " + file.name() + " is neither cached at " + target
                            + " nor bundled (" + file.resource() + " is not on the class path) and has no URL");
                }
                download(file, target);
                return target;
            }
        }
    }

    /**
     * When the cache folder cannot be written (a read-only home or container, a file where the folder
     * should be): a bundled file is read in place from the jar (verified, nothing written); any
     * other file is a clear error naming the setting to change.
     */
    private Path readOnlyFallback(ModelFile file, Path dir, String owner, FileSystemException e) throws IOException {
        Path bundled = bundledPath(file);
        if (bundled != null) {
            if (!isVerified(bundled, file)) {
                throw new ChecksumMismatchException(
                        "bundled " + owner + " file " + file.resource() + " does not match its checksum: the jar is"
                                + " damaged; reinstall Spinel",
                        file.sha256(),
                        "?");
            }
            return bundled;
        }
        throw unusableCache(dir, e);
    }

    /** The error for a cache folder that cannot be used, naming the setting that chooses it. */
    IOException unusableCache(Path dir, FileSystemException e) {
        String why = e instanceof AccessDeniedException
                ? "permission denied"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        Path where = e.getFile() != null ? Path.of(e.getFile()) : dir;
        return new IOException(
                "the model cache " + settings.cacheDir() + " cannot be used (" + where + ": " + why
                        + "): set SPINEL_CACHE_DIR (or --cache-dir) to a writable folder",
                e);
    }

    /** A bundled file as a path inside the jar (or the class-path folder), or null when not bundled. */
    static Path bundledPath(ModelFile file) {
        if (file.resource() == null) return null;
        String name = file.resource().startsWith("/") ? file.resource().substring(1) : file.resource();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context != null ? context.getResource(name) : null;
        if (url == null) url = ModelCache.class.getClassLoader().getResource(name);
        if (url == null) return null;
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) return Path.of(uri);
            if (!"jar".equals(uri.getScheme())) return null;
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException alreadyOpen) {
                // opened by another call: Path.of finds it
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException | RuntimeException ex) {
            return null;
        }
    }

    /** A bundled resource, looked up by the thread's context class loader, then this module's. */
    private static InputStream openResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context != null ? context.getResourceAsStream(name) : null;
        return in != null ? in : ModelCache.class.getClassLoader().getResourceAsStream(name);
    }

    private boolean isVerified(Path target, ModelFile file) throws IOException {
        if (!Files.isRegularFile(target)) return false;
        long size = Files.size(target);
        String key = target.toAbsolutePath() + "|" + size + "|"
                + Files.getLastModifiedTime(target).toMillis() + "|" + file.sha256();
        if (VERIFIED.containsKey(key)) return true;
        if (size != file.size()) return false;
        String sha;
        try (InputStream in = Files.newInputStream(target)) {
            sha = sha256(in);
        }
        if (!sha.equals(file.sha256())) return false;
        VERIFIED.put(key, Boolean.TRUE);
        return true;
    }

    private void download(ModelFile file, Path target) throws IOException {
        URI uri = settings.effectiveUri(file.url());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(10))
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while fetching " + uri, e);
        } catch (IOException e) {
            throw new DownloadException("cannot fetch " + file.name() + " from " + uri + ": " + e, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DownloadException(
                        "cannot fetch " + file.name() + " from " + uri + ": HTTP " + response.statusCode());
            }
            log.println("spinel: downloading " + uri + " (" + file.size() + " bytes)");
            install(body, file, target, uri.toString(), file.size(), true);
        }
    }

    /**
     * Copies {@code in} to {@code target} through {@link AtomicFiles}: the bytes go to a temporary file
     * beside it, are verified against the card's size and SHA-256, and only then take the target's name.
     */
    private void install(InputStream in, ModelFile file, Path target, String from, long expected, boolean network)
            throws IOException {
        boolean bar = network && settings.progress() && expected >= settings.progressThreshold();
        AtomicFiles.write(target, out -> {
            MessageDigest md = digest();
            long got;
            try (ProgressBar pb = bar ? progress(file, expected) : null) {
                got = copy(in, out, md, pb, file, from, expected);
            }
            verify(file, from, expected, got, HexFormat.of().formatHex(md.digest()));
        });
    }

    /** Copies at most one byte more than {@code expected}; returns the number copied. */
    private static long copy(
            InputStream in,
            OutputStream out,
            MessageDigest md,
            ProgressBar pb,
            ModelFile file,
            String from,
            long expected)
            throws IOException {
        byte[] buf = new byte[1 << 16];
        long got = 0;
        while (got <= expected) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                throw new DownloadException(
                        "transfer of " + file.name() + " from " + from + " broke off after " + got + " of " + expected
                                + " bytes: " + e.getMessage(),
                        e);
            }
            if (n < 0) break;
            out.write(buf, 0, n);
            md.update(buf, 0, n);
            got += n;
            if (pb != null) pb.stepTo(got);
        }
        return got;
    }

    private static void verify(ModelFile file, String from, long expected, long got, String sha) throws IOException {
        if (got < expected) {
            throw new DownloadException("truncated transfer of " + file.name() + " from " + from + ": got " + got
                    + " of " + expected + " bytes; nothing was saved");
        }
        if (got != expected || !sha.equals(file.sha256())) {
            throw new ChecksumMismatchException(
                    file.name() + " from " + from + " is not the expected file: "
                            + (got != expected ? "more than " + expected + " bytes" : got + " bytes") + ", sha256 "
                            + sha + ", expected " + file.sha256() + "; the download was deleted",
                    file.sha256(),
                    sha);
        }
    }

    private ProgressBar progress(ModelFile file, long size) {
        return new ProgressBarBuilder()
                .setTaskName(file.name())
                .setInitialMax(size)
                .setUnit("MiB", 1 << 20)
                .setConsumer(new ConsoleProgressBarConsumer(log))
                .setUpdateIntervalMillis(250)
                .build();
    }

    /** SHA-256 of a stream, lower-case hex. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) md.update(buf, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

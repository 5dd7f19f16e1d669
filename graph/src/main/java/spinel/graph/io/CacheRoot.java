package spinel.graph.io;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one folder under which Spinel caches what it computes or downloads: model files
 * ({@code models/}), converted checkpoints ({@code converted/}), crystal graphs ({@code graphs/}) and
 * DJL's own files ({@code djl.ai/}, unless {@code DJL_CACHE_DIR} says otherwise).
 *
 * <p>The system property {@code spinel.cache.dir} wins, then the environment variable
 * {@code SPINEL_CACHE_DIR}, then {@code ~/.spinel/cache} (DJL reads its settings the same way).
 */
public final class CacheRoot {

    private CacheRoot() {}

    /** The cache root from the system properties and the environment. */
    public static Path directory() {
        return directory(System.getenv());
    }

    /** The cache root with {@code env} standing for the environment. */
    public static Path directory(Map<String, String> env) {
        String dir = System.getProperty("spinel.cache.dir");
        if (dir == null || dir.isBlank()) dir = env.get("SPINEL_CACHE_DIR");
        Path p = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".spinel", "cache");
        return p.toAbsolutePath();
    }

    /** Where crystal graphs are cached: {@code <root>/graphs}. */
    public static Path graphs() {
        return directory().resolve("graphs");
    }
}

package spinel.zoo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import spinel.graph.io.CacheRoot;
import spinel.graph.io.Terminal;

/**
 * Where the model zoo keeps its files and how it may fetch them.
 *
 * <p>Each setting is read from a system property first, then an environment variable, then a
 * default (as DJL does for its cache):
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>system property</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code spinel.cache.dir}</td><td>{@code SPINEL_CACHE_DIR}</td><td>{@code ~/.spinel/cache}</td>
 *       <td>cache root; model files live in {@code <root>/models/<id>/<version>/}</td></tr>
 *   <tr><td>{@code spinel.offline}</td><td>{@code SPINEL_OFFLINE}</td><td>DJL's {@code ai.djl.offline} /
 *       {@code DJL_OFFLINE}, else false</td>
 *       <td>never use the network; a file neither cached nor bundled fails at once, naming it</td></tr>
 *   <tr><td>{@code spinel.model.mirror}</td><td>{@code SPINEL_MODEL_MIRROR}</td><td>none</td>
 *       <td>base URL that replaces the scheme and host of every model URL
 *       ({@code http://mirror/x} + {@code https://github.com/a/b} → {@code http://mirror/x/a/b})</td></tr>
 *   <tr><td>{@code spinel.progress}</td><td>{@code SPINEL_PROGRESS}</td><td>whether stderr is a terminal</td>
 *       <td>show a progress bar on stderr for downloads of at least 1 MiB</td></tr>
 * </table>
 *
 * @param cacheDir          cache root
 * @param offline           whether network access is forbidden
 * @param mirror            base URL replacing the origin of model URLs, or null
 * @param progress          whether to show progress bars
 * @param progressThreshold smallest download (bytes) that gets a progress bar
 */
public record ZooSettings(Path cacheDir, boolean offline, URI mirror, boolean progress, long progressThreshold) {

    public ZooSettings {
        Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** The settings from system properties and the environment. */
    public static ZooSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ZooSettings fromEnvironment(Map<String, String> env) {
        String mirror = setting("spinel.model.mirror", "SPINEL_MODEL_MIRROR", env);
        String offline = setting("spinel.offline", "SPINEL_OFFLINE", env);
        if (offline == null || offline.isBlank()) offline = setting("ai.djl.offline", "DJL_OFFLINE", env);
        String progress = setting("spinel.progress", "SPINEL_PROGRESS", env);
        return new ZooSettings(
                CacheRoot.directory(env),
                truthy(offline, false),
                mirror == null || mirror.isBlank() ? null : URI.create(mirror),
                progress == null || progress.isBlank() ? Terminal.stderrIsTerminal() : truthy(progress, true),
                1 << 20);
    }

    private static String setting(String property, String variable, Map<String, String> env) {
        String v = System.getProperty(property);
        return v != null ? v : env.get(variable);
    }

    private static boolean truthy(String v, boolean fallback) {
        if (v == null || v.isBlank()) return fallback;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean setting: '" + v + "'");
        };
    }

    public ZooSettings withCacheDir(Path dir) {
        return new ZooSettings(dir, offline, mirror, progress, progressThreshold);
    }

    public ZooSettings withOffline(boolean off) {
        return new ZooSettings(cacheDir, off, mirror, progress, progressThreshold);
    }

    public ZooSettings withMirror(URI base) {
        return new ZooSettings(cacheDir, offline, base, progress, progressThreshold);
    }

    public ZooSettings withProgress(boolean show) {
        return new ZooSettings(cacheDir, offline, mirror, show, progressThreshold);
    }

    /** The address to fetch {@code url} from: {@code url} itself, or its path under the mirror. */
    public URI effectiveUri(String url) {
        URI u = URI.create(url);
        if (mirror == null) return u;
        String base = mirror.toString().replaceAll("/+$", "");
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return URI.create(base + path + query);
    }
}

package spinel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import spinel.zoo.ZooSettings;

/**
 * Runs in a read-only home (a container, a shared account): DJL extracts the PyTorch native library
 * into {@code ~/.djl.ai} unless {@code DJL_CACHE_DIR} says otherwise (DJL's "Resource Caches"
 * documentation). When that folder cannot be written and the user set no {@code DJL_CACHE_DIR},
 * it goes under Spinel's own cache ({@code SPINEL_CACHE_DIR}, see {@link ZooSettings}) instead.
 */
final class ReadOnlyHome {

    private ReadOnlyHome() {}

    /** Points DJL's cache at Spinel's when the home folder's cannot be written. */
    static void redirectEngineCache() {
        if (System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null) return;
        try {
            String target = engineCache(
                    Path.of(System.getProperty("user.home"), ".djl.ai"),
                    ZooSettings.fromEnvironment().cacheDir());
            if (target != null) System.setProperty("DJL_CACHE_DIR", target);
        } catch (RuntimeException e) {
            // a malformed setting is reported by the command that reads it
        }
    }

    /** The DJL cache to use instead of {@code djlHome}, or null when {@code djlHome} is usable. */
    static String engineCache(Path djlHome, Path spinelCache) {
        if (writable(djlHome)) return null;
        return spinelCache.resolve("djl.ai").toString();
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isDirectory(dir) && Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}

package spinel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import spinel.zoo.ModelRegistry;
import spinel.zoo.ZooSettings;

/**
 * {@code --cache-dir} and {@code --offline}, shared by the commands that open registry models
 * ({@code spinel zoo}, {@code spinel predict}): where downloaded models are kept and whether the network
 * may be used, over the environment's settings ({@link ZooSettings#fromEnvironment()}).
 */
final class ModelCacheOptions {

    @Option(
            names = "--cache-dir",
            description = "cache root (default: $SPINEL_CACHE_DIR, -Dspinel.cache.dir, ~/.spinel/cache)")
    Path cacheDir;

    @Option(names = "--offline", description = "never use the network")
    boolean offline;

    /** The model registry with these settings. */
    ModelRegistry registry() {
        ZooSettings s = ZooSettings.fromEnvironment();
        if (cacheDir != null) s = s.withCacheDir(cacheDir.toAbsolutePath());
        if (offline) s = s.withOffline(true);
        return ModelRegistry.create(s);
    }
}

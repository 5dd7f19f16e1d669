package spinel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache}, the folder of the on-disk graph cache, shared by the commands that build a dataset's graphs. */
final class GraphCacheOption {

    @Option(
            names = "--cache",
            description =
                    "Graph cache folder (default: <cache root>/graphs, the root being $SPINEL_CACHE_DIR or ~/.spinel/cache).")
    Path cache;
}

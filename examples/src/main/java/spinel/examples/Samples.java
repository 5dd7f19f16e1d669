package spinel.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example structures shipped in the repository's {@code examples/} folder. */
final class Samples {

    private Samples() {}

    /** {@code examples/<name>}, found from the repository root or from inside {@code examples/}. */
    static Path file(String name) {
        for (Path p : new Path[] {Path.of("examples", name), Path.of(name), Path.of("..", "examples", name)}) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException(
                "cannot find examples/" + name + ": run the examples from the repository root");
    }
}

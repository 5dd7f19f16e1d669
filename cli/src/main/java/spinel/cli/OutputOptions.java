package spinel.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --output FILE} and {@code --resume}, shared by the commands that stream one line per input
 * ({@code predict}, {@code symmetry}, {@code descriptors}, {@code graph}).
 */
final class OutputOptions {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Append the JSON lines to FILE, one whole line at a time, instead of printing them on"
                    + " stdout; FILE must not exist unless --resume is given.")
    Path output;

    @Option(
            names = "--resume",
            description = "Continue an interrupted run into the same --output FILE with the same inputs and"
                    + " options: inputs whose lines FILE already holds are skipped, a torn last line is dropped,"
                    + " and FILE ends with exactly the lines of an uninterrupted run.")
    boolean resume;

    /** The output these options ask for (stdout by default). */
    ResumableOutput open() throws IOException {
        if (resume && output == null) throw new IllegalArgumentException("--resume needs --output FILE");
        return output == null ? ResumableOutput.stdout() : ResumableOutput.file(output, resume);
    }
}

package spinel.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import spinel.graph.io.InputEntries;
import spinel.graph.io.InputEntry;

/**
 * The frame of the commands that print lines about each structure they read ({@code graph},
 * {@code symmetry}, {@code descriptors}): the FILE arguments, where the lines go ({@link OutputOptions}),
 * and the loop that describes the inputs in parallel and prints in input order.
 */
final class StructureFiles {

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Structure files (CIF, POSCAR, extended XYZ, pymatgen JSON), folders, Matbench datasets,"
                    + " JSON Lines of structures, or - for stdin.")
    List<String> files;

    @Mixin
    OutputOptions output;

    /**
     * Describes every input not already done ({@code --resume}) with {@code describe}, in parallel, and
     * writes its lines in input order; returns the exit status, 1 when any line is {@code "ok": false}.
     */
    int describeEach(Function<InputEntry, List<Map<String, Object>>> describe) throws IOException {
        try (InputEntries entries = InputFiles.open(files);
                ResumableOutput out = output.open()) {
            return InputFiles.printInOrder(out.skipDone(entries, 1), describe, out.lines());
        }
    }
}

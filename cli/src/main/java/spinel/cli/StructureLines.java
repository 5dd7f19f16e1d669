package spinel.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import spinel.graph.Structure;
import spinel.graph.io.InputEntry;
import spinel.graph.io.ReadResult;

/**
 * The frame of the commands that print one line per structure they read, with {@code --strict}
 * ({@code graph}, {@code symmetry}): the {@link StructureFiles} and {@link StrictOption}, and the loop
 * over the parts of one input, where a part that cannot be read or described gives its failure line
 * ({@link InputFiles#failure}) and the others go on.
 */
final class StructureLines {

    /** Describes one structure read from an input as its JSON line. */
    @FunctionalInterface
    interface StructureLine {
        /**
         * @param entry  the input it was read from
         * @param index  its place among the input's parts, or -1 when it is the only one
         * @param withId whether the line names the structure (an input of several, or a dataset row)
         */
        Map<String, Object> describe(InputEntry entry, Structure s, int index, boolean withId) throws Exception;
    }

    @Mixin
    StrictOption strictOption;

    @Mixin
    StructureFiles files;

    /** Prints the lines of every input ({@link StructureFiles#describeEach}); returns the exit status. */
    int describeEach(StructureLine line) throws IOException {
        return files.describeEach(entry -> describeParts(entry, line));
    }

    /** The lines of one input: one per part, or a single failure when the input cannot be read at all. */
    private List<Map<String, Object>> describeParts(InputEntry entry, StructureLine line) {
        List<ReadResult> results;
        try {
            results = InputFiles.read(entry, strictOption.strict);
        } catch (Exception e) {
            return List.of(InputFiles.failure(entry, e));
        }
        boolean many = results.size() > 1 || entry.id() != null;
        List<Map<String, Object>> records = new ArrayList<>(results.size());
        for (int k = 0; k < results.size(); k++) {
            ReadResult res = results.get(k);
            try {
                if (!res.ok()) throw res.error();
                records.add(line.describe(entry, res.structure(), results.size() > 1 ? k : -1, many));
            } catch (Exception e) {
                records.add(InputFiles.failure(entry, res.id(), e));
            }
        }
        return records;
    }
}

package spinel.graph.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads crystal structures from one file format. A file may hold several structures (CIF data
 * blocks, extended-XYZ frames, dataset files); each comes back with its {@link Structure#id()} set
 * and with its {@link Structure#warnings()}: what the reader found doubtful (a structure that
 * contradicts what its file declares is never returned without a warning).
 */
public interface StructureReader {

    /**
     * Reads every structure in {@code file}.
     *
     * @throws StructureFormatException naming the file, the line and what was expected, when the
     *                                  content is not valid for this format
     * @throws IOException              when the file cannot be read at all
     */
    List<Structure> read(Path file) throws IOException, StructureFormatException;

    /**
     * Reads every structure in {@code text}; {@code sourceName} is used in error messages and ids.
     */
    List<Structure> parse(String text, String sourceName) throws StructureFormatException;

    /**
     * Every part of {@code text} that can be read, and a failure for each part that cannot (a CIF
     * gives one result per data block). The default reads the whole text at once: one failure for
     * the file, or one result per structure.
     */
    default List<ReadResult> parseEach(String text, String sourceName) {
        try {
            List<ReadResult> out = new ArrayList<>();
            for (Structure s : parse(text, sourceName)) out.add(ReadResult.of(s));
            return out;
        } catch (StructureFormatException e) {
            return List.of(ReadResult.failed(null, e));
        }
    }

    /** {@link #parseEach} of a file; an unreadable file is an {@link IOException}. */
    default List<ReadResult> readEach(Path file) throws IOException {
        try {
            List<ReadResult> out = new ArrayList<>();
            for (Structure s : read(file)) out.add(ReadResult.of(s));
            return out;
        } catch (StructureFormatException e) {
            return List.of(ReadResult.failed(null, e));
        }
    }
}

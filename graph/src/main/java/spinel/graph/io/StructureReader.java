package spinel.graph.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads crystal structures from one file format. A file may hold several structures (CIF data
 * blocks, extended-XYZ frames, dataset files); each comes back with its {@link Structure#id()} set.
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
}

package spinel.graph.io;

import java.io.IOException;
import java.nio.file.Path;
import spinel.graph.Structure;

/** Writes a crystal structure in one file format. */
public interface StructureWriter {

    /**
     * The file content for {@code structure}.
     *
     * @throws IllegalArgumentException when the format cannot hold the structure (e.g. a disordered
     *                                  site in POSCAR)
     */
    String format(Structure structure);

    /** Writes {@code structure} to {@code file}, atomically (temporary file, then a move). */
    default void write(Structure structure, Path file) throws IOException {
        AtomicFiles.writeString(file, format(structure));
    }
}

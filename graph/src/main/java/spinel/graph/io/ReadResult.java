package spinel.graph.io;

import java.util.Objects;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * What one part of a file gave: a structure (with its {@link Structure#warnings()}) or the reason it
 * could not be read. A CIF yields one result per data block, so one bad block never hides the good
 * ones; other formats yield one result per structure, or a single failure for the whole file.
 *
 * @param id        the block name or structure id; null when the failure concerns the whole file
 * @param structure the structure read, null on failure
 * @param error     why the part could not be read, null on success
 */
public record ReadResult(String id, Structure structure, StructureFormatException error) {

    public ReadResult {
        if ((structure == null) == (error == null))
            throw new IllegalArgumentException("a read result is either a structure or an error");
    }

    /** A structure read. */
    public static ReadResult of(Structure structure) {
        return new ReadResult(structure.id(), Objects.requireNonNull(structure), null);
    }

    /** A part that could not be read. */
    public static ReadResult failed(String id, StructureFormatException error) {
        return new ReadResult(id, null, Objects.requireNonNull(error));
    }

    /** Whether a structure was read. */
    public boolean ok() {
        return structure != null;
    }
}

package spinel.graph.io;

import spinel.graph.StructureFormatException;

/**
 * Carries a {@link StructureFormatException} through APIs that cannot throw checked exceptions
 * (iterators, streams). {@link #getCause()} is the original exception.
 */
public final class UncheckedStructureFormatException extends RuntimeException {

    public UncheckedStructureFormatException(StructureFormatException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized StructureFormatException getCause() {
        return (StructureFormatException) super.getCause();
    }
}

package spinel.graph.io;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that reads one element ahead: a subclass says only how to read the next element
 * ({@link #advance}), and {@link #hasNext}/{@link #next} keep it until it is taken (the shape of Guava's
 * {@code AbstractIterator}, without the dependency). Elements are never null: null marks the end.
 */
abstract class LookAhead<T> implements Iterator<T> {

    private T next;
    private boolean ended;

    /**
     * The next element, or null when there is none; not called again after it returned null. An
     * unchecked exception it throws reaches the caller of {@link #hasNext}, and the next call tries again.
     */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            next = advance();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) throw new NoSuchElementException();
        T e = next;
        next = null;
        return e;
    }
}

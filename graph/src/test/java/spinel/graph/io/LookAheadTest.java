package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class LookAheadTest {

    /** Counts down from n, failing once at {@code failAt}; records how often it was asked. */
    static final class Countdown extends LookAhead<Integer> {
        int left;
        int failAt;
        int calls;

        Countdown(int n, int failAt) {
            left = n;
            this.failAt = failAt;
        }

        @Override
        protected Integer advance() {
            calls++;
            if (left == failAt) {
                failAt = -1;
                throw new IllegalStateException("unreadable");
            }
            return left > 0 ? left-- : null;
        }
    }

    @Test
    void readsOneAheadAndStopsAtNull() {
        Countdown c = new Countdown(3, -1);
        assertTrue(c.hasNext());
        assertTrue(c.hasNext());
        assertEquals(1, c.calls, "hasNext twice reads one element");
        List<Integer> seen = new ArrayList<>();
        c.forEachRemaining(seen::add);
        assertEquals(List.of(3, 2, 1), seen);
        assertFalse(c.hasNext());
        assertFalse(c.hasNext());
        assertEquals(4, c.calls, "not asked again after the end");
        assertThrows(NoSuchElementException.class, c::next);
    }

    @Test
    void anExceptionReachesTheCallerAndTheNextCallTriesAgain() {
        Countdown c = new Countdown(2, 1);
        assertEquals(2, c.next());
        assertThrows(IllegalStateException.class, c::hasNext);
        assertEquals(1, c.next());
        assertFalse(c.hasNext());
    }
}

package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void theSettingWinsAndATestRunIsNoTerminal() {
        String old = System.getProperty("spinel.progress");
        try {
            System.clearProperty("spinel.progress");
            // surefire's stderr is a pipe or a file, never a terminal
            assertFalse(Terminal.stderrIsTerminal());
            System.setProperty("spinel.progress", "true");
            assertTrue(Terminal.progressOnStderr());
            System.setProperty("spinel.progress", "0");
            assertFalse(Terminal.progressOnStderr());
        } finally {
            if (old == null) System.clearProperty("spinel.progress");
            else System.setProperty("spinel.progress", old);
        }
    }
}

package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchThreadsTest {

    @Test
    void theDefaultIsTheIdleCores() {
        assertEquals(2, TorchThreads.defaultThreads(2, 0.1));
        assertEquals(1, TorchThreads.defaultThreads(2, 1.2));
        assertEquals(1, TorchThreads.defaultThreads(2, 11.0), "a busy machine gets one thread, never zero");
        assertEquals(13, TorchThreads.defaultThreads(16, 3.4));
        assertEquals(4, TorchThreads.defaultThreads(4, Double.NaN), "unknown load: all cores");
    }

    @Test
    void anExplicitPropertyWinsAndIsChecked() {
        String saved = System.getProperty(TorchThreads.INTRA_OP);
        String savedInter = System.getProperty(TorchThreads.INTER_OP);
        try {
            System.setProperty(TorchThreads.INTRA_OP, "3");
            assertEquals(3, TorchThreads.configure());
            assertEquals("3", System.getProperty(TorchThreads.INTRA_OP));
            System.setProperty(TorchThreads.INTRA_OP, "none");
            var e = assertThrows(IllegalArgumentException.class, TorchThreads::configure);
            assertTrue(e.getMessage().contains("ai.djl.pytorch.num_threads"), e.getMessage());
        } finally {
            restore(TorchThreads.INTRA_OP, saved);
            restore(TorchThreads.INTER_OP, savedInter);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}

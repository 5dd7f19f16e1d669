package spinel.cli;

/** Settings of the DJL PyTorch engine, made before it starts (an explicit {@code -D} always wins). */
final class Engines {

    private Engines() {}

    /**
     * {@code n} intra-op threads and one inter-op thread for the forward passes (read by DJL when the
     * engine starts, at the first model load).
     */
    static void torchThreads(int n) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, n)));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}

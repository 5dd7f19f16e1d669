package spinel.conv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The number of PyTorch intra-op threads the engine starts with: the cores that are idle now.
 *
 * <p>A CGCNN's tensors are small (a batch of 256 crystals is a few thousand atoms), so every op is
 * a short parallel region that ends in a barrier; a worker thread that the operating system has
 * descheduled makes all the others wait. Measured on a 2-core machine: with the machine busy (load
 * average 8–12) one intra-op thread trained several times faster than two; idle, two were faster
 * than one. The default is therefore {@code max(1, cores − round(load average))} (capped at the
 * cores), read once when the engine starts. Inter-op threads default to 1 (the network runs one op
 * at a time).
 *
 * <p>Overrides, strongest first: the JVM property {@code -Dai.djl.pytorch.num_threads=N} (DJL's
 * own), the environment variable {@code SPINEL_TORCH_THREADS=N}. A fixed count also makes float
 * reductions, hence a resumed run, repeat bit for bit across machines and loads.
 */
public final class TorchThreads {

    /** DJL's PyTorch engine reads these properties when it starts. */
    static final String INTRA_OP = "ai.djl.pytorch.num_threads";

    static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    /** Environment variable overriding the intra-op default. */
    public static final String ENV = "SPINEL_TORCH_THREADS";

    private TorchThreads() {}

    /**
     * Sets DJL's thread properties for the engine's start, unless they are set already; returns the
     * intra-op thread count chosen. Has no effect once the engine has started.
     */
    public static int configure() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return configure(parse(env, ENV));
        return configure(defaultThreads(Runtime.getRuntime().availableProcessors(), loadAverage()));
    }

    /**
     * Like {@link #configure()} with {@code threads} intra-op threads as the default (e.g. {@code spinel
     * predict}, whose graph-building threads keep the other cores busy, asks for one); the JVM property
     * still wins.
     */
    public static int configure(int threads) {
        if (System.getProperty(INTER_OP) == null) System.setProperty(INTER_OP, "1");
        String set = System.getProperty(INTRA_OP);
        if (set != null) return parse(set, "-D" + INTRA_OP);
        int n = Math.max(1, threads);
        System.setProperty(INTRA_OP, Integer.toString(n));
        return n;
    }

    /** The default: the idle cores, {@code max(1, min(cores, cores − round(load)))}; all cores if the load is unknown. */
    static int defaultThreads(int cores, double load) {
        if (!Double.isFinite(load) || load < 0) return Math.max(1, cores);
        return (int) Math.max(1, Math.min(cores, cores - Math.round(load)));
    }

    private static int parse(String value, String source) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a positive number of threads, got '" + value + "'");
    }

    /** The 1-minute load average of {@code /proc/loadavg}; NaN where there is none. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}

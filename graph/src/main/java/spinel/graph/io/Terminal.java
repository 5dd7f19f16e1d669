package spinel.graph.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a person is watching standard error, which decides if progress bars are drawn: they go to
 * stderr whenever stderr is a terminal, whatever stdout is (redirected output is exactly when a bar
 * is wanted), and never into logs or pipes.
 *
 * <p>Decided in this order: the system property {@code spinel.progress} or the environment variable
 * {@code SPINEL_PROGRESS} ({@code true}/{@code false}) when set; on Linux, where file descriptor 2
 * points ({@code /proc/self/fd/2} is a {@code /dev/pts/*} or {@code /dev/tty*} device); else the
 * {@code SPINEL_STDERR_TTY} variable the {@code spinel} launcher sets from {@code [ -t 2 ]}.
 */
public final class Terminal {

    private Terminal() {}

    /** Whether progress bars should be drawn on stderr. */
    public static boolean progressOnStderr() {
        String forced = System.getProperty("spinel.progress", System.getenv("SPINEL_PROGRESS"));
        if (forced != null && !forced.isBlank()) {
            String v = forced.strip().toLowerCase(Locale.ROOT);
            return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
        }
        return stderrIsTerminal();
    }

    /** Whether standard error is a terminal. */
    public static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                // fall through to the launcher's answer
            }
        }
        return "1".equals(System.getenv("SPINEL_STDERR_TTY"));
    }
}

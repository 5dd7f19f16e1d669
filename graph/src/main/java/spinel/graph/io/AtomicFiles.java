package spinel.graph.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file
 * in the same directory, which is then moved over the target in one step. The one way every Spinel
 * module writes its outputs (structures, run files, plots, weights, caches). The file gets the
 * permissions of the file it replaces, or rw-r--r-- when new (a temporary file is created owner-only).
 */
public final class AtomicFiles {

    private static final long PID = ProcessHandle.current().pid();
    private static final String TMP_SUFFIX = ".tmp";

    /** Temporary files of live processes older than this are stale anyway (a write never takes a day). */
    private static final Duration MAX_TMP_AGE = Duration.ofDays(1);

    private AtomicFiles() {}

    /**
     * Deletes the temporary files a killed process left in {@code dir} (not its subfolders): files
     * named as {@link #write} names them whose process is no longer running, or older than a day.
     * A missing or unreadable folder is left alone.
     *
     * @return the files deleted
     */
    public static List<Path> cleanStaleTemporaries(Path dir) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) return deleted;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + TMP_SUFFIX)) {
            for (Path f : files) {
                long pid = writerPid(f.getFileName().toString());
                if (pid < 0) continue;
                boolean dead = pid != PID && ProcessHandle.of(pid).isEmpty();
                boolean old = Files.getLastModifiedTime(f)
                        .toInstant()
                        .isBefore(Instant.now().minus(MAX_TMP_AGE));
                if ((dead || old) && Files.deleteIfExists(f)) deleted.add(f);
            }
        } catch (IOException e) {
            // read-only or vanished folder: nothing to clean
        }
        return deleted;
    }

    /** The process id in a temporary file name ".<name>.<pid>-<random>.tmp", or -1. */
    static long writerPid(String name) {
        if (!name.startsWith(".") || !name.endsWith(TMP_SUFFIX)) return -1;
        int dash = name.lastIndexOf('-');
        int dot = dash < 0 ? -1 : name.lastIndexOf('.', dash);
        if (dot < 0 || dash - dot < 2) return -1;
        try {
            return Long.parseLong(name.substring(dot + 1, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A body that writes the whole content to {@code out}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code target}, atomically replacing any existing file. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes what {@code body} produces to {@code target}, atomically replacing any existing file. */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + "." + PID + "-", TMP_SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            setPermissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void setPermissions(Path tmp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions are the right ones
        }
    }
}

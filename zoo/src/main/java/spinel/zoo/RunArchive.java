package spinel.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import spinel.graph.io.AtomicFiles;
import spinel.train.RunConfig;

/**
 * A packaged run: the files of a {@code spinel train} run folder that {@link spinel.train.TrainedRun}
 * needs to predict — {@code config.json} (the typed {@link RunConfig}: featurizer, scaler,
 * normalisers, classes, members) and each member's {@code best.params}, plus {@code metrics.json} —
 * in one zip, with fixed time stamps so that packaging the same run twice gives the same bytes (and
 * SHA-256). Unpacked into the cache before use.
 */
public final class RunArchive {

    /** The format name of a packaged run in a model card. */
    public static final String FORMAT = "spinel-run-zip";

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private RunArchive() {}

    /** The files of the run in {@code runDir} that go into its archive, relative to it. */
    static List<String> files(Path runDir, RunConfig config) {
        List<String> names = new ArrayList<>(List.of(RunConfig.FILE));
        for (RunConfig.Member m : config.members()) {
            Path best = m.bestParams(runDir);
            if (!Files.isRegularFile(best))
                throw new IllegalArgumentException(best + " not found: " + runDir + " is not a finished run");
            names.add(runDir.relativize(best).toString().replace('\\', '/'));
        }
        if (config.classical() != null) {
            if (!Files.isRegularFile(runDir.resolve(config.classical().file())))
                throw new IllegalArgumentException(
                        runDir.resolve(config.classical().file()) + " not found: " + runDir + " is not a finished run");
            names.add(config.classical().file());
        }
        if (Files.isRegularFile(runDir.resolve("metrics.json"))) names.add("metrics.json");
        if (config.blend() != null) {
            // the classical partner of a --blend run: its own run folder inside this one
            Path partner = runDir.resolve(config.blend().folder());
            try {
                for (String f : files(partner, RunConfig.read(partner)))
                    names.add(config.blend().folder() + "/" + f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(partner + ": " + e.getMessage(), e);
            }
        }
        return names;
    }

    /** Writes the archive of the run in {@code runDir} to {@code zip}, atomically. */
    public static void write(Path runDir, Path zip) throws IOException {
        RunConfig config = RunConfig.read(runDir);
        List<String> names = files(runDir, config);
        AtomicFiles.write(zip, out -> {
            ZipOutputStream z = new ZipOutputStream(out);
            for (String name : names) {
                ZipEntry e = new ZipEntry(name);
                e.setLastModifiedTime(EPOCH);
                z.putNextEntry(e);
                Files.copy(runDir.resolve(name), z);
                z.closeEntry();
            }
            z.finish();
        });
    }

    /**
     * Unpacks {@code zip} into the folder {@code into} (once: an unpacked folder is reused) and returns
     * it. Entries that would land outside the folder are refused.
     */
    public static Path unpack(Path zip, Path into) throws IOException {
        if (Files.isRegularFile(into.resolve(RunConfig.FILE))) return into;
        Path tmp = Files.createDirectories(into.getParent()).resolve("." + into.getFileName() + ".unpacking");
        deleteTree(tmp);
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = tmp.resolve(e.getName()).normalize();
                if (!target.startsWith(tmp) || e.isDirectory()) {
                    if (e.isDirectory()) continue;
                    throw new IOException(zip + ": entry " + e.getName() + " points outside the archive");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    z.transferTo(out);
                }
            }
        }
        if (!Files.isRegularFile(tmp.resolve(RunConfig.FILE)))
            throw new IOException(zip + ": not a packaged run (no " + RunConfig.FILE + " inside)");
        try {
            Files.move(tmp, into, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(into.resolve(RunConfig.FILE))) throw e; // else another process was first
            deleteTree(tmp);
        }
        return into;
    }

    /**
     * Unpacks {@code zip} into a new temporary folder that is deleted when the JVM exits: for a model
     * cache that cannot be written (a read-only home, a file where the folder should be).
     */
    public static Path unpackTemporary(Path zip) throws IOException {
        Path root = Files.createTempDirectory("spinel-run-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(root);
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }));
        return unpack(zip, root.resolve("run"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

package spinel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import spinel.graph.StructureFormatException;
import spinel.graph.io.ReadResult;
import spinel.graph.io.Structures;

/** Command-line inputs: files and folders of structure files, and the failure record of a bad one. */
final class InputFiles {

    private InputFiles() {}

    /** Files as given; a folder gives its structure files (recursively, sorted by path). */
    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(InputFiles::looksLikeStructure)
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list folder " + p, e);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static boolean looksLikeStructure(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        // the atom features of a CGCNN dataset folder are not a structure
        if (n.equals("atom_init.json")) return false;
        return n.endsWith(".cif")
                || n.endsWith(".vasp")
                || n.endsWith(".poscar")
                || n.startsWith("poscar")
                || n.startsWith("contcar")
                || n.endsWith(".xyz")
                || n.endsWith(".extxyz")
                || n.endsWith(".json")
                || n.endsWith(".json.gz");
    }

    /**
     * Every part of one input file: structures (with their warnings) and a failure per part that
     * cannot be read (a CIF's bad data block). With {@code strict}, a structure with warnings is a
     * failure too ({@code --strict}: nothing doubtful goes into the results).
     *
     * @throws IOException when the file cannot be read at all (see {@link #failure})
     */
    static List<ReadResult> read(Path file, boolean strict) throws IOException {
        List<ReadResult> results = Structures.readEach(file);
        if (!strict) return results;
        List<ReadResult> out = new ArrayList<>(results.size());
        for (ReadResult r : results) {
            if (!r.ok() || r.structure().warnings().isEmpty()) {
                out.add(r);
                continue;
            }
            out.add(ReadResult.failed(
                    r.id(),
                    new StructureFormatException(
                            file.toString(),
                            0,
                            (r.id() != null ? "data_" + r.id() + ": " : "") + "refused by --strict: "
                                    + String.join("; ", r.structure().warnings()))));
        }
        return out;
    }

    /**
     * {@code --strict} for prediction inputs: an input with a structure the reader has warnings
     * about is refused as a whole, naming the structure and the warnings.
     */
    static List<spinel.zoo.StructureInput> strict(List<spinel.zoo.StructureInput> inputs) {
        List<spinel.zoo.StructureInput> out = new ArrayList<>(inputs.size());
        for (spinel.zoo.StructureInput in : inputs) {
            out.add(new spinel.zoo.StructureInput(in.source(), in.target(), () -> {
                List<spinel.graph.Structure> all = in.read();
                for (spinel.graph.Structure s : all) {
                    if (s.warnings().isEmpty()) continue;
                    throw new StructureFormatException(
                            in.source(),
                            0,
                            (s.id() != null ? "data_" + s.id() + ": " : "") + "refused by --strict: "
                                    + String.join("; ", s.warnings()));
                }
                return all;
            }));
        }
        return out;
    }

    /**
     * Describes every input file in parallel and prints its JSON lines in input order; returns the exit status
     * of the command: 1 when any line is {@code "ok": false}.
     */
    static int printInOrder(List<Path> files, Function<Path, List<Map<String, Object>>> describe) {
        JsonLines out = new JsonLines(System.out);
        boolean[] failed = {false};
        expand(files).parallelStream()
                .map(describe)
                .forEachOrdered(records -> records.forEach(r -> {
                    if (Boolean.FALSE.equals(r.get("ok"))) failed[0] = true;
                    out.write(r);
                }));
        return failed[0] ? 1 : 0;
    }

    /** {"file": ..., "ok": false, "error": ...} for an input that could not be processed. */
    static Map<String, Object> failure(Path file, Throwable e) {
        return failure(file, null, e);
    }

    /** The failure of one part ({@code id}: a CIF data block; null for the whole file). */
    static Map<String, Object> failure(Path file, String id, Throwable e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        if (id != null) r.put("id", id);
        r.put("ok", false);
        String msg;
        if (e instanceof NoSuchFileException) {
            msg = file + ": not found";
        } else if (e instanceof AccessDeniedException) {
            msg = file + ": cannot read: permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            msg = file + ": cannot read: " + fse.getReason();
        } else if (e instanceof IOException) {
            msg = file + ": cannot read: " + e.getMessage();
        } else if (e.getMessage() != null) {
            msg = e.getMessage();
        } else {
            msg = file + ": internal error (" + e.getClass().getSimpleName()
                    + "); run with SPINEL_DEBUG=1 for details and please report it";
        }
        r.put("error", msg);
        return r;
    }
}

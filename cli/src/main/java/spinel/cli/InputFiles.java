package spinel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /** {"file": ..., "ok": false, "error": ...} for an input that could not be processed. */
    static Map<String, Object> failure(Path file, Throwable e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        r.put("ok", false);
        String msg;
        if (e instanceof NoSuchFileException) {
            msg = file + ": no such file";
        } else if (e instanceof IOException) {
            msg = file + ": cannot read: " + e.getMessage();
        } else {
            msg = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        r.put("error", msg);
        return r;
    }
}

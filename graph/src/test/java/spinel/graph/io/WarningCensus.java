package spinel.graph.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads every CIF under a folder (or one dataset file) with {@link Structures#readEach} and counts the results: blocks
 * read, blocks refused, structures with warnings, and warnings by kind (the first words of each).
 * With {@code -v}, prints every warning and failure. Run by bench/cif_warnings.sh; not a test.
 */
public final class WarningCensus {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean verbose = args.length > 1 && args[1].equals("-v");
        List<Path> files;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
            }
        } else {
            files = List.of(dir); // one dataset file (Matbench json.gz, extended XYZ, ...)
        }
        int read = 0, failed = 0, warned = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        long t0 = System.nanoTime();
        for (Path f : files) {
            for (ReadResult r : Structures.readEach(f)) {
                if (!r.ok()) {
                    failed++;
                    if (verbose)
                        System.out.println("FAIL " + f + ": " + r.error().getMessage());
                    continue;
                }
                read++;
                if (!r.structure().warnings().isEmpty()) warned++;
                for (String w : r.structure().warnings()) {
                    kinds.merge(kind(w), 1, Integer::sum);
                    if (verbose) System.out.println("WARN " + f + " [" + r.id() + "]: " + w);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "{\"files\": %d, \"structures\": %d, \"failed_blocks\": %d, \"with_warnings\": %d, \"seconds\": %.1f,"
                        + " \"warnings\": %s}%n",
                files.size(),
                read,
                failed,
                warned,
                (System.nanoTime() - t0) / 1e9,
                json(kinds));
    }

    private static String kind(String w) {
        if (w.contains("contradicts the declared formula")) return "formula";
        if (w.contains("no hydrogen positions")) return "hydrogen_missing";
        if (w.contains("density")) return "density";
        if (w.contains("closer than")) return "overlap";
        if (w.contains("guessed from the label")) return "guessed_type";
        if (w.contains("modulated")) return "modulated";
        if (w.contains("dummy")) return "dummy";
        if (w.contains("block name")) return "duplicate_block";
        if (w.contains("was not read")) return "sibling_block_failed";
        if (w.contains("declares space group") || w.contains("space-group number")) return "space_group";
        return "other";
    }

    private static String json(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v));
        return sb.append('}').toString();
    }
}

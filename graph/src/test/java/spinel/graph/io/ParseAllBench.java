package spinel.graph.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Bench (not a unit test): parses every structure of CGCNN dataset folders and Matbench json.gz
 * files, one thread, and prints one JSON line per dataset with counts, failures and speed. Run by
 * {@code bench/parse_all.sh}.
 *
 * <pre>ParseAllBench [--limit N] [--warmup] [--repeat N] [--dump FILE.tsv] PATH...</pre>
 * A PATH that is a directory is a CGCNN folder ({@code id_prop.csv} + {@code <id>.cif}); a file is a
 * Matbench dataset. {@code --limit} reads only the first N rows of each; {@code --dump} writes
 * {@code id, number of sites, volume (Å³), composition} per structure for comparison with pymatgen.
 */
public final class ParseAllBench {

    public static void main(String[] args) throws Exception {
        int limit = Integer.MAX_VALUE;
        boolean warmup = false;
        int repeat = 1;
        Path dump = null;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--warmup" -> warmup = true;
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> paths.add(Path.of(args[i]));
            }
        }
        try (PrintWriter out = dump != null ? new PrintWriter(Files.newBufferedWriter(dump)) : null) {
            for (Path p : paths) {
                // a first, unreported pass lets the JIT compile the readers, as in a long-running program;
                // with --repeat N every timed pass is reported (take the best: this machine is shared)
                for (int pass = warmup ? 0 : 1; pass <= repeat; pass++) {
                    PrintWriter d = pass == 1 ? out : null;
                    boolean quiet = pass == 0;
                    if (Files.isDirectory(p)) cgcnn(p, limit, d, quiet);
                    else matbench(p, limit, d, quiet);
                }
            }
        }
    }

    private static void cgcnn(Path dir, int limit, PrintWriter dump, boolean quiet)
            throws IOException, StructureFormatException {
        long t0 = System.nanoTime();
        CgcnnFolderReader r = new CgcnnFolderReader(dir);
        List<CgcnnEntry> entries = r.entries();
        int n = Math.min(limit, entries.size());
        int ok = 0;
        long sites = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CgcnnEntry e = entries.get(i);
            try {
                Structure s = r.load(e);
                ok++;
                sites += s.size();
                if (dump != null) row(dump, s);
            } catch (StructureFormatException | IOException | RuntimeException x) {
                failures.add(e.id() + ": " + x);
            }
        }
        if (!quiet) report(dir, "cgcnn", entries.size(), n, ok, sites, failures, System.nanoTime() - t0);
    }

    private static void matbench(Path file, int limit, PrintWriter dump, boolean quiet)
            throws IOException, StructureFormatException {
        long t0 = System.nanoTime();
        int n = 0, ok = 0;
        long sites = 0;
        int rows;
        List<String> failures = new ArrayList<>();
        try (MatbenchReader.Dataset d = MatbenchReader.open(file)) {
            rows = d.size();
            for (MatbenchEntry e; n < limit && (e = d.nextEntry()) != null; n++) {
                ok++;
                sites += e.structure().size();
                if (dump != null) row(dump, e.structure());
            }
        } catch (StructureFormatException x) {
            failures.add(x.getMessage());
            rows = n;
        }
        if (!quiet) report(file, "matbench", rows, n, ok, sites, failures, System.nanoTime() - t0);
    }

    private static void row(PrintWriter dump, Structure s) {
        // composition as sorted element:amount pairs, so that it compares with pymatgen's without its formula
        // conventions
        StringBuilder c = new StringBuilder();
        s.composition().asMap().entrySet().stream()
                .sorted((a, b) -> a.getKey().symbol().compareTo(b.getKey().symbol()))
                .forEach(e -> c.append(e.getKey().symbol())
                        .append(':')
                        .append(String.format(Locale.ROOT, "%.4f", e.getValue()))
                        .append(' '));
        dump.printf(
                Locale.ROOT,
                "%s\t%d\t%.6f\t%s%n",
                s.id(),
                s.size(),
                s.volume(),
                c.toString().trim());
    }

    private static void report(
            Path p, String kind, int rows, int read, int ok, long sites, List<String> failures, long nanos) {
        double sec = nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "{\"dataset\": \"%s\", \"kind\": \"%s\", \"rows\": %d, \"read\": %d, \"ok\": %d, \"failed\": %d, \"sites\": %d, "
                        + "\"seconds\": %.2f, \"structures_per_s\": %.0f}%n",
                p.getFileName(),
                kind,
                rows,
                read,
                ok,
                failures.size(),
                sites,
                sec,
                read / sec);
        for (int i = 0; i < Math.min(20, failures.size()); i++) System.err.println("  FAIL " + failures.get(i));
        if (failures.size() > 20) System.err.println("  ... " + (failures.size() - 20) + " more failures");
    }
}

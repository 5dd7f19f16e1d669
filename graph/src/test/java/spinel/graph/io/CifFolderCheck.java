package spinel.graph.io;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads every CIF of a folder (a CGCNN dataset folder) and writes one JSON line per file: nsites,
 * formula and volume, or the error. Prints files per second. Run by bench/cif_dataset_check.sh,
 * which compares a sample with pymatgen; not a test.
 */
public final class CifFolderCheck {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
        }
        CifReader reader = new CifReader();
        int failed = 0;
        long sites = 0;
        long t0 = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (Path f : files) {
                try {
                    Structure s = reader.read(f).get(0);
                    sites += s.size();
                    w.write(String.format(
                            Locale.ROOT,
                            "{\"file\": \"%s\", \"ok\": true, \"nsites\": %d, \"formula\": \"%s\", \"volume\": %.10g}%n",
                            f.getFileName(),
                            s.size(),
                            s.composition().formula(),
                            s.volume()));
                } catch (StructureFormatException e) {
                    failed++;
                    w.write(String.format(
                            "{\"file\": \"%s\", \"ok\": false, \"error\": \"%s\"}%n",
                            f.getFileName(),
                            e.getMessage().replace("\\", "\\\\").replace("\"", "\\\"")));
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "{\"files\": %d, \"failed\": %d, \"sites\": %d, \"seconds\": %.2f, \"files_per_s\": %.0f, \"us_per_file\": %.1f}%n",
                files.size(),
                failed,
                sites,
                s,
                files.size() / s,
                s * 1e6 / files.size());
    }
}

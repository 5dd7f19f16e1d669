package spinel.graph.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spinel.graph.Structure;

/**
 * Speed of {@link CifReader}: for each file given, the mean time to parse it from a string in
 * memory (tokenize, build the structure, expand the symmetry, merge sites) and to read it from
 * disk, after a warm-up. Run by bench/cif_read_speed.sh next to pymatgen's CifParser; not a test.
 */
public final class CifReadBench {

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) files.add(Path.of(a));
        CifReader reader = new CifReader();
        List<String> texts = new ArrayList<>();
        for (Path f : files) texts.add(Files.readString(f));
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        int sink = 0;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < files.size(); i++)
                sink += reader.parse(texts.get(i), files.get(i).toString())
                        .get(0)
                        .size();
        }
        for (int i = 0; i < files.size(); i++) {
            Structure s = reader.parse(texts.get(i), files.get(i).toString()).get(0);
            System.out.printf(
                    "{\"file\": \"%s\", \"nsites\": %d, \"parse_us\": %.1f, \"read_us\": %.1f}%n",
                    files.get(i), s.size(), parseFor(reader, texts.get(i)), timeRead(reader, files.get(i)));
        }
        if (sink == 42) System.out.println();
    }

    /** Mean µs per parse over batches of about 0.5 s, best of 5 batches. */
    private static double parseFor(CifReader reader, String text) throws Exception {
        double best = Double.MAX_VALUE;
        for (int batch = 0; batch < 5; batch++) {
            int n = 0;
            long t0 = System.nanoTime(), end = t0 + 500_000_000L;
            long now;
            do {
                reader.parse(text, "bench.cif");
                n++;
            } while ((now = System.nanoTime()) < end);
            best = Math.min(best, (now - t0) / 1e3 / n);
        }
        return best;
    }

    private static double timeRead(CifReader reader, Path file) throws Exception {
        double best = Double.MAX_VALUE;
        for (int batch = 0; batch < 5; batch++) {
            int n = 0;
            long t0 = System.nanoTime(), end = t0 + 500_000_000L;
            long now;
            do {
                reader.read(file);
                n++;
            } while ((now = System.nanoTime()) < end);
            best = Math.min(best, (now - t0) / 1e3 / n);
        }
        return best;
    }
}

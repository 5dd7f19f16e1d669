package spinel.graph.symmetry.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.Structure;
import spinel.graph.io.Structures;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;

/**
 * Bench driver for bench/symmetry.sh: reads the files listed in a text file (one path a line) and
 * prints one line per file and symprec, "file symprec number hall nprim nconv a b c alpha beta gamma
 * equivalent...", then the CPU and wall time on stderr.
 *
 * <p>Usage: SymmetryBench LIST SYMPREC[,SYMPREC...] OUT [THREADS]
 */
public final class SymmetryBench {

    public static void main(String[] args) throws Exception {
        List<String> files = Files.readAllLines(Path.of(args[0]));
        String[] precs = args[1].split(",");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long wall0 = System.nanoTime();
        long cpu0 = ManagementFactory.getRuntimeMXBean().getUptime();
        String[] lines = new String[files.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> pool = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < files.size()) lines[i] = one(files.get(i), precs);
            });
            th.start();
            pool.add(th);
        }
        for (Thread th : pool) th.join();
        double wall = (System.nanoTime() - wall0) / 1e9;
        try (PrintWriter w = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(Path.of(args[2])), StandardCharsets.UTF_8)))) {
            for (String l : lines) w.print(l);
        }
        double cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                        .getProcessCpuTime()
                / 1e9;
        System.err.printf(
                Locale.ROOT,
                "{\"files\": %d, \"wall_s\": %.2f, \"cpu_s\": %.2f, \"threads\": %d}%n",
                files.size(),
                wall,
                cpu,
                threads);
    }

    private static String one(String file, String[] precs) {
        StringBuilder sb = new StringBuilder();
        Structure s;
        try {
            s = Structures.readOne(Path.of(file));
        } catch (IOException | RuntimeException | spinel.graph.StructureFormatException e) {
            for (String p : precs) sb.append(file).append(' ').append(p).append(" read-error\n");
            return sb.toString();
        }
        for (String p : precs) {
            sb.append(file).append(' ').append(p);
            try {
                SymmetryDataset d = SymmetryAnalyzer.builder()
                        .optSymprec(Double.parseDouble(p))
                        .build()
                        .analyze(s);
                double[] l = d.conventionalLattice().lengths();
                double[] a = d.conventionalLattice().angles();
                sb.append(String.format(
                        Locale.ROOT,
                        " %d %d %d %d %.4f %.4f %.4f %.3f %.3f %.3f",
                        d.number(),
                        d.hallNumber(),
                        d.primitiveSize(),
                        d.conventionalSize(),
                        l[0],
                        l[1],
                        l[2],
                        a[0],
                        a[1],
                        a[2]));
                for (int e : d.equivalentAtoms()) sb.append(' ').append(e);
            } catch (RuntimeException e) {
                sb.append(" error");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

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
 * setting=T;p;L wyckoffs equivalent..." (T spglib's transformation_matrix, p its origin_shift, L the
 * std_lattice, each comma-separated, row by row), then the CPU and wall time on stderr. With CELLS, also writes every cell
 * as read (JSON lines: file, lattice rows, fractional positions, type per site by species and
 * occupancy) so that spglib can be run on exactly the same numbers (bench/symmetry_spglib.py).
 *
 * <p>Usage: SymmetryBench LIST SYMPREC[,SYMPREC...] OUT [THREADS] [CELLS]
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
        if (args.length > 4) writeCells(files, Path.of(args[4]));
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
                sb.append(" setting=")
                        .append(numbers(d.transformationMatrix()))
                        .append(';')
                        .append(numbers(new double[][] {d.stdOriginShift()}))
                        .append(';')
                        .append(numbers(d.stdLattice().matrix()));
                sb.append(' ').append(String.join("", d.wyckoffs()));
                for (int e : d.equivalentAtoms()) sb.append(' ').append(e);
            } catch (RuntimeException e) {
                sb.append(" error");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String numbers(double[][] rows) {
        List<String> out = new ArrayList<>();
        for (double[] r : rows) for (double v : r) out.add(String.format(Locale.ROOT, "%.6f", v));
        return String.join(",", out);
    }

    private static void writeCells(List<String> files, Path out) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (PrintWriter w = new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8)))) {
            for (String file : files) {
                Structure s;
                try {
                    s = Structures.readOne(Path.of(file));
                } catch (IOException | RuntimeException | spinel.graph.StructureFormatException e) {
                    continue;
                }
                java.util.Map<String, Integer> ids = new java.util.HashMap<>();
                int[] types = new int[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    java.util.List<String> parts = new java.util.ArrayList<>();
                    s.site(i)
                            .species()
                            .forEach((sp, occ) -> parts.add(sp + ":" + String.format(Locale.ROOT, "%.4f", occ)));
                    java.util.Collections.sort(parts);
                    String key = parts.toString();
                    types[i] = ids.computeIfAbsent(key, k -> ids.size() + 1);
                }
                java.util.Map<String, Object> cell = new java.util.LinkedHashMap<>();
                cell.put("file", file);
                cell.put("lattice", s.lattice().matrix());
                cell.put("frac", s.fracCoords());
                cell.put("types", types);
                w.println(json.writeValueAsString(cell));
            }
        }
    }
}

package spinel.graph.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.NeighborList;
import spinel.graph.Structure;
import spinel.graph.io.Npz;
import spinel.graph.io.StructureReader;

/**
 * The same measurements as the JMH benchmarks in thread CPU time (ThreadMXBean), which a machine
 * shared with other jobs distorts far less than wall time; the reference script reports
 * {@code time.process_time} likewise. Warm-up, then the median of repeated passes. Prints one JSON
 * object. Run by bench/graph_speed.sh.
 */
public final class GraphSpeedCpu {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Npz npz = BenchData.npz();
        CrystalGraphBuilder builder = BenchData.builder();
        StructureReader reader = BenchData.cifReader();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String set : new String[] {"sample", "mp52"}) {
            List<Structure> structures = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (String key : BenchData.keys(npz, set)) {
                structures.add(BenchData.structure(npz, key));
                files.add(BenchData.path(npz, key));
            }
            double graph = median(
                            () -> {
                                for (Structure s : structures) builder.build(s);
                            },
                            2.0,
                            3.0)
                    / structures.size();
            out.put(set + ".graph_cpu_seconds_per_structure", graph);
            if (reader != null) {
                double read = median(
                                () -> {
                                    for (Path p : files) for (Structure s : reader.read(p)) builder.build(s);
                                },
                                2.0,
                                3.0)
                        / files.size();
                out.put(set + ".read_graph_cpu_seconds_per_structure", read);
            }
        }
        String base = npz.get("scaling_base").asStrings()[0];
        for (int atoms : new int[] {1000, 10000, 100000}) {
            Structure sc = BenchData.supercell(BenchData.structure(npz, base), npz.ints("scaling/" + atoms));
            out.put("scaling." + atoms + ".atoms", sc.size());
            out.put("scaling." + atoms + ".graph_cpu_seconds", median(() -> builder.build(sc), 1.0, 2.0));
            out.put("scaling." + atoms + ".within8_cpu_seconds", median(() -> NeighborList.within(sc, 8.0), 1.0, 2.0));
        }
        StringBuilder sb = new StringBuilder("{");
        out.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v));
        System.out.println(sb.append('}'));
    }

    interface Task {
        void run() throws Exception;
    }

    /** Median CPU seconds of one run, after {@code warmup} CPU seconds of warm-up, over at least {@code measure} seconds (≥ 3 runs). */
    static double median(Task t, double warmup, double measure) throws Exception {
        long start = MX.getCurrentThreadCpuTime();
        while (MX.getCurrentThreadCpuTime() - start < warmup * 1e9) t.run();
        List<Double> runs = new ArrayList<>();
        start = MX.getCurrentThreadCpuTime();
        while (runs.size() < 3 || MX.getCurrentThreadCpuTime() - start < measure * 1e9) {
            long t0 = MX.getCurrentThreadCpuTime();
            t.run();
            runs.add((MX.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        runs.sort(null);
        return runs.get(runs.size() / 2);
    }
}

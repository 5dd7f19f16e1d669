package spinel.descriptors.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spinel.descriptors.BondOrder;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.descriptors.SymmetryFunctions;
import spinel.descriptors.SyntheticStructures;
import spinel.graph.Element;
import spinel.graph.Structure;

/**
 * Speed of the descriptors on one thread: Steinhardt q_l (l = 2..12) of a ~10⁵-atom perturbed fcc
 * crystal with 12 neighbours per atom, with and without w_l and the averages, and symmetry
 * functions on a 4·10³-atom one. Median of repeated runs after warm-up. Optionally dumps the first
 * sites' neighbourhoods and q2/q4/q6 for bench/steinhardt_pymatgen.py.
 *
 * <p>Run via bench/descriptors.sh.
 */
public final class DescriptorsBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 29; // 4·29³ = 97,556 atoms
        Path dump = args.length > 1 ? Path.of(args[1]) : null;
        Element cu = Element.of("Cu");
        Structure s = SyntheticStructures.perturbed(SyntheticStructures.fcc(cu, 2.55, n), 0.08, 1);
        long t0 = System.nanoTime();
        Neighborhoods nb = Neighborhoods.nearest(s, 12);
        double tNeighbours = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT, "structure: %d atoms, 12 neighbours each; neighbour list %.2f s%n", s.size(), tNeighbours);

        Steinhardt qOnly = Steinhardt.builder().optThirdOrder(false).build();
        Steinhardt qw = Steinhardt.builder().build();
        Steinhardt qwAvg = Steinhardt.builder().optAveraged(true).build();
        double a = median(() -> qOnly.compute(nb), 3, 7);
        double b = median(() -> qw.compute(nb), 2, 5);
        double c = median(() -> qwAvg.compute(nb), 2, 5);
        System.out.printf(
                Locale.ROOT,
                "steinhardt q_l l=2..12:              %.3f s cpu  (%.2f µs/atom, %.0f ns per neighbour)%n",
                a,
                a / s.size() * 1e6,
                a / (12.0 * s.size()) * 1e9);
        System.out.printf(Locale.ROOT, "steinhardt q_l + w_l l=2..12:        %.3f s%n", b);
        System.out.printf(Locale.ROOT, "steinhardt q_l, w_l + averages:      %.3f s%n", c);

        Structure small = SyntheticStructures.perturbed(SyntheticStructures.fcc(cu, 2.55, 10), 0.08, 2);
        SymmetryFunctions sf = SymmetryFunctions.builder()
                .setCutoff(6.0)
                .setSpecies(List.of(cu))
                .addG2(0.01, 0)
                .addG2(0.1, 0)
                .addG2(0.5, 0)
                .addG2(1, 0)
                .addG2(2, 0)
                .addG4(0.005, 1, 1)
                .addG4(0.005, 1, -1)
                .addG4(0.005, 4, 1)
                .addG4(0.005, 4, -1)
                .build();
        Neighborhoods nb6 = Neighborhoods.within(small, 6.0);
        double pairs = 0;
        for (int i = 0; i < nb6.size(); i++) pairs += nb6.count(i);
        List<Element> el = java.util.Collections.nCopies(small.size(), cu);
        double d = median(() -> sf.compute(nb6, el), 1, 3);
        System.out.printf(
                Locale.ROOT,
                "acsf (5 G2 + 4 G4, Rc 6 Å, %.0f neighbours/atom) on %d atoms: %.3f s (%.1f µs/atom)%n",
                pairs / small.size(),
                small.size(),
                d,
                d / small.size() * 1e6);

        if (dump != null) {
            int k = Math.min(2000, s.size());
            BondOrder bo = Steinhardt.builder()
                    .setDegrees(2, 4, 6)
                    .optThirdOrder(false)
                    .build()
                    .compute(nb);
            List<Object> sites = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("vectors", nb.vectors(i));
                m.put("q2", bo.q(2)[i]);
                m.put("q4", bo.q(4)[i]);
                m.put("q6", bo.q(6)[i]);
                sites.add(m);
            }
            Path tmp = Files.createTempFile(dump.toAbsolutePath().getParent(), ".dump", ".json");
            new ObjectMapper()
                    .writeValue(
                            tmp.toFile(), Map.of("steinhardt_seconds_per_atom_l2_12", a / s.size(), "sites", sites));
            Files.move(tmp, dump, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + dump);
        }
    }

    /**
     * Median over repetitions of the thread's CPU time, s (the machine is shared, so wall time
     * measures the other processes too); the median wall time is printed alongside.
     */
    private static double median(Runnable r, int warm, int reps) {
        for (int i = 0; i < warm; i++) r.run();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] t = new double[reps], wall = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            r.run();
            t[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            wall[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "    (cpu %s s, median wall %.3f s)%n", Arrays.toString(t), wall[reps / 2]);
        return t[reps / 2];
    }
}

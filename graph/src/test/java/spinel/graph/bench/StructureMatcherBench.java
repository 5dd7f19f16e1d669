package spinel.graph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.io.CgcnnEntry;
import spinel.graph.io.CgcnnFolderReader;
import spinel.graph.symmetry.StructureMatcher;

/**
 * Bench (not a unit test) of {@link StructureMatcher}, run by {@code bench/structure_matcher.sh}.
 *
 * <pre>
 * StructureMatcherBench pairs FILE.json [--repeat N]
 *     verdicts on the pairs written by scripts/gen_matcher_reference.py against pymatgen's, per kind
 *     of pair, and the CPU and wall time of match() over all pairs (one thread, after a warm-up pass)
 * StructureMatcherBench dedup DIR [--folds FILE.json.gz] [--limit N] [--groups OUT.tsv]
 *     reads a CGCNN folder and counts duplicates with StructureMatcher.groupIndices (pymatgen's
 *     defaults, and with attempt_supercell); with Matbench folds, the test structures of each fold
 *     that duplicate a training structure
 * </pre>
 * One JSON line per result on stdout.
 */
public final class StructureMatcherBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        List<String> pos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) opt.put(args[i].substring(2), args[++i]);
            else pos.add(args[i]);
        }
        if (pos.size() != 2) throw new IllegalArgumentException("usage: pairs FILE.json | dedup DIR [options]");
        if (pos.get(0).equals("pairs")) pairs(Path.of(pos.get(1)), Integer.parseInt(opt.getOrDefault("repeat", "1")));
        else dedup(Path.of(pos.get(1)), opt);
    }

    // ---- pairs ----

    private static void pairs(Path file, int repeat) throws IOException {
        JsonNode pairs = new ObjectMapper().readTree(file.toFile()).get("pairs");
        List<Structure[]> s = new ArrayList<>();
        for (JsonNode p : pairs) s.add(new Structure[] {structure(p.get("a")), structure(p.get("b"))});
        StructureMatcher sc = StructureMatcher.builder()
                .primitiveCell(false)
                .attemptSupercell(true)
                .build();
        StructureMatcher noScale = StructureMatcher.builder()
                .primitiveCell(false)
                .attemptSupercell(true)
                .scale(false)
                .build();
        StructureMatcher defaults = StructureMatcher.withDefaults();
        Map<String, int[]> byKind = new TreeMap<>();
        int same = 0, sameNoScale = 0, sameDefaults = 0, rmsBoth = 0, rmsClose = 0, positives = 0;
        List<String> disagree = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            JsonNode p = pairs.get(i);
            boolean ref = p.get("sc").get("fit").asBoolean();
            boolean got = sc.match(s.get(i)[0], s.get(i)[1]);
            String kind = p.get("kind").asText().split(":")[0];
            int[] k = byKind.computeIfAbsent(kind, x -> new int[3]);
            k[0]++;
            if (got == ref) {
                k[1]++;
                same++;
            } else {
                disagree.add(p.get("kind").asText() + " " + p.get("name").asText() + " pymatgen=" + ref);
            }
            if (ref) {
                k[2]++;
                positives++;
            }
            if (noScale.match(s.get(i)[0], s.get(i)[1])
                    == p.get("sc_noscale").get("fit").asBoolean()) sameNoScale++;
            boolean refDefault = p.get("default").get("fit").asBoolean();
            if (defaults.match(s.get(i)[0], s.get(i)[1]) == refDefault) sameDefaults++;
            else
                disagree.add("[defaults] " + p.get("kind").asText() + " "
                        + p.get("name").asText() + " pymatgen=" + refDefault);
            JsonNode rms = p.get("sc").get("rms");
            var mine = sc.rmsDisplacement(s.get(i)[0], s.get(i)[1]);
            if (!rms.isNull() && mine.isPresent()) {
                rmsBoth++;
                if (Math.abs(mine.get().rms() - rms.get(0).asDouble()) < 1e-3) rmsClose++;
            }
        }
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, k) -> kinds.append(String.format(
                Locale.ROOT, "%s\"%s\": [%d, %d, %d]", kinds.length() == 0 ? "" : ", ", kind, k[0], k[1], k[2])));
        System.out.printf(
                Locale.ROOT,
                "{\"result\": \"verdicts\", \"pairs\": %d, \"pymatgen_matches\": %d, \"same\": %d, \"agreement\": %.4f,"
                        + " \"same_noscale\": %d, \"same_defaults\": %d, \"rms_both\": %d, \"rms_within_1e-3\": %d,"
                        + " \"by_kind [pairs, same, pymatgen matches]\": {%s}}%n",
                s.size(),
                positives,
                same,
                same / (double) s.size(),
                sameNoScale,
                sameDefaults,
                rmsBoth,
                rmsClose,
                kinds);
        for (String d : disagree) System.err.println("  DIFFERS " + d);
        timeFits(s, sc, pairs, repeat);
    }

    private static void timeFits(List<Structure[]> s, StructureMatcher sc, JsonNode pairs, int repeat) {
        double pyCpu = 0;
        for (JsonNode p : pairs) pyCpu += p.get("sc").get("seconds").asDouble();
        for (int pass = 0; pass <= repeat; pass++) {
            long cpu0 = THREADS.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
            int n = 0;
            for (Structure[] x : s) if (sc.match(x[0], x[1])) n++;
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
            if (pass == 0) continue; // warm-up
            System.out.printf(
                    Locale.ROOT,
                    "{\"result\": \"speed\", \"pass\": %d, \"fits\": %d, \"matches\": %d, \"cpu_s\": %.3f, \"wall_s\": %.3f,"
                            + " \"ms_per_fit_cpu\": %.4f, \"pymatgen_cpu_s_at_generation\": %.3f}%n",
                    pass,
                    s.size(),
                    n,
                    cpu,
                    wall,
                    1000 * cpu / s.size(),
                    pyCpu);
        }
    }

    static Structure structure(JsonNode s) {
        JsonNode m = s.get("lattice");
        double[][] lm = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) lm[i][j] = m.get(i).get(j).asDouble();
        Lattice lattice = new Lattice(lm);
        List<Site> sites = new ArrayList<>();
        JsonNode frac = s.get("frac");
        for (int i = 0; i < frac.size(); i++) {
            double[] f = {
                frac.get(i).get(0).asDouble(),
                frac.get(i).get(1).asDouble(),
                frac.get(i).get(2).asDouble()
            };
            sites.add(Site.of(species(s.get("species").get(i).asText()), f, lattice, null));
        }
        return new Structure(lattice, sites);
    }

    private static Species species(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        Element e = Element.of(s.substring(0, end));
        if (end == s.length()) return Species.of(e);
        String q = s.substring(end, s.length() - 1);
        double charge = q.isEmpty() ? 1 : Double.parseDouble(q);
        return new Species(e, s.endsWith("-") ? -charge : charge);
    }

    // ---- dedup ----

    private static void dedup(Path dir, Map<String, String> opt) throws Exception {
        int limit = Integer.parseInt(opt.getOrDefault("limit", "" + Integer.MAX_VALUE));
        long t0 = System.nanoTime();
        CgcnnFolderReader reader = new CgcnnFolderReader(dir);
        List<CgcnnEntry> entries = reader.entries();
        entries = entries.subList(0, Math.min(limit, entries.size()));
        List<List<String>> reference = null;
        if (opt.containsKey("compare")) {
            reference = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(opt.get("compare")))) {
                if (!line.isBlank()) reference.add(List.of(line.trim().split("\t")));
            }
            Set<String> ids = new HashSet<>();
            reference.forEach(ids::addAll);
            entries = entries.stream().filter(e -> ids.contains(e.id())).toList();
        }
        List<Structure> structures = entries.parallelStream()
                .map(e -> {
                    try {
                        return reader.load(e).withId(e.id());
                    } catch (Exception x) {
                        throw new IllegalStateException(e.id() + ": " + x.getMessage(), x);
                    }
                })
                .toList();
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        for (boolean supercell : new boolean[] {false, true}) {
            StructureMatcher m =
                    StructureMatcher.builder().attemptSupercell(supercell).build();
            long cpu0 = processCpu(), w0 = System.nanoTime();
            List<List<Integer>> groups = m.groupIndices(structures);
            double wall = (System.nanoTime() - w0) / 1e9, cpu = (processCpu() - cpu0) / 1e9;
            int dupGroups = 0, inDup = 0;
            for (List<Integer> g : groups) {
                if (g.size() > 1) {
                    dupGroups++;
                    inDup += g.size();
                }
            }
            String folds = opt.containsKey("folds") ? crossSplit(groups, structures, Path.of(opt.get("folds"))) : "";
            System.out.printf(
                    Locale.ROOT,
                    "{\"result\": \"dedup\", \"dataset\": \"%s\", \"attempt_supercell\": %b, \"structures\": %d,"
                            + " \"unique\": %d, \"duplicates_removed\": %d, \"groups_with_duplicates\": %d,"
                            + " \"structures_in_such_groups\": %d, \"read_s\": %.1f, \"group_wall_s\": %.1f,"
                            + " \"group_cpu_s\": %.1f%s}%n",
                    dir.getFileName(),
                    supercell,
                    structures.size(),
                    groups.size(),
                    structures.size() - groups.size(),
                    dupGroups,
                    inDup,
                    readSeconds,
                    wall,
                    cpu,
                    folds);
            if (reference != null && !supercell) compare(reference, groups, structures);
            if (opt.containsKey("groups") && !supercell) writeGroups(Path.of(opt.get("groups")), groups, structures);
        }
    }

    private static long processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean o ? o.getProcessCpuTime() : 0;
    }

    // for each Matbench fold: test structures that match a training structure (same group)
    private static String crossSplit(List<List<Integer>> groups, List<Structure> s, Path foldsFile) throws IOException {
        JsonNode folds;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(foldsFile))) {
            folds = new ObjectMapper().readTree(in);
        }
        int[] groupOf = new int[s.size()];
        for (int g = 0; g < groups.size(); g++) for (int i : groups.get(g)) groupOf[i] = g;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < s.size(); i++) index.put(s.get(i).id(), i);
        StringBuilder sb = new StringBuilder(", \"test_with_train_duplicate\": {");
        int f = 0;
        for (var it = folds.fields(); it.hasNext(); f++) {
            var e = it.next();
            Set<Integer> test = new HashSet<>();
            for (JsonNode id : e.getValue()) {
                Integer i = index.get(id.asText());
                if (i != null) test.add(i);
            }
            Set<Integer> trainGroups = new HashSet<>();
            for (int i = 0; i < s.size(); i++) if (!test.contains(i)) trainGroups.add(groupOf[i]);
            int leak = 0;
            for (int i : test) if (trainGroups.contains(groupOf[i])) leak++;
            sb.append(String.format(
                    Locale.ROOT, "%s\"%s\": [%d, %d]", f == 0 ? "" : ", ", e.getKey(), leak, test.size()));
        }
        return sb.append('}').toString();
    }

    // partition agreement with pymatgen's group_structures on the same structures
    private static void compare(List<List<String>> reference, List<List<Integer>> groups, List<Structure> s) {
        Set<Set<String>> ref = new HashSet<>();
        for (List<String> g : reference) ref.add(new HashSet<>(g));
        int sameGroups = 0, sameStructures = 0;
        for (List<Integer> g : groups) {
            Set<String> ids = new HashSet<>();
            for (int i : g) ids.add(s.get(i).id());
            if (ref.contains(ids)) {
                sameGroups++;
                sameStructures += ids.size();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "{\"result\": \"group_vs_pymatgen\", \"structures\": %d, \"pymatgen_groups\": %d, \"spinel_groups\": %d,"
                        + " \"identical_groups\": %d, \"structures_in_identical_groups\": %d}%n",
                s.size(),
                reference.size(),
                groups.size(),
                sameGroups,
                sameStructures);
    }

    private static void writeGroups(Path out, List<List<Integer>> groups, List<Structure> s) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<Integer> g : groups) {
            if (g.size() < 2) continue;
            for (int k = 0; k < g.size(); k++)
                sb.append(k == 0 ? "" : "\t").append(s.get(g.get(k)).id());
            sb.append('\n');
        }
        spinel.graph.io.AtomicFiles.writeString(out, sb.toString());
    }
}

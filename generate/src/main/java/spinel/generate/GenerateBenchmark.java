package spinel.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;
import spinel.graph.io.CifReader;
import spinel.graph.io.CifWriter;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;

/**
 * The crystal-structure-prediction benchmark behind docs/benchmarks/generate.md: for the first
 * {@code m} held-out test formulas of a GAN run's {@code split.json} (one crystal per formula, its
 * exact cell content), {@code k} candidates from the GAN and from random search go through the same
 * validity, deduplication and ranking; the ranked CIFs and the target are written for the matcher
 * ({@code scripts/generate_match.py}, pymatgen's StructureMatcher) and the counts and timings to
 * {@code summary.json}.
 *
 * <p>Usage: {@code GenerateBenchmark SPLIT_JSON DATA_ROOT GENERATOR_BIN M K OUT [SKIP [SYMPREC [RELAX
 * [LANGEVIN_STEPS LANGEVIN_STEP_SIZE]]]]}:
 * SKIP test formulas are passed over first (0; a development slice is chosen with another SKIP than
 * the reported one), SYMPREC is the search's symmetrization tolerance in Å (its default; 0: off),
 * RELAX {@code true} or {@code false} (the push-apart, on by default), then the GAN's critic-guided
 * sampling ({@link GanGenerator#optLangevin}, off by default).
 */
public final class GenerateBenchmark {

    private GenerateBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path split = Path.of(args[0]), dataRoot = Path.of(args[1]), gan = Path.of(args[2]), out = Path.of(args[5]);
        int m = Integer.parseInt(args[3]), k = Integer.parseInt(args[4]);
        int skip = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        double symprec = args.length > 7 ? Double.parseDouble(args[7]) : StructureSearch.DEFAULT_SYMMETRIZE_TOLERANCE;
        boolean relax = args.length <= 8 || Boolean.parseBoolean(args[8]);
        int langevinSteps = args.length > 9 ? Integer.parseInt(args[9]) : 0;
        double langevinStepSize = args.length > 10 ? Double.parseDouble(args[10]) : 0;
        JsonNode ids = new ObjectMapper().readTree(split.toFile()).get("test");
        List<TrainingData.Entry> test = new ArrayList<>();
        for (JsonNode id : ids) {
            Path cif = dataRoot.resolve(id.asText() + ".cif");
            test.add(new TrainingData.Entry(id.asText(), new CifReader().readOne(cif)));
        }
        List<TrainingData.Entry> all = TrainingData.onePerFormula(test, skip + m);
        List<TrainingData.Entry> targets = all.subList(Math.min(skip, all.size()), all.size());
        Map<String, Object> summary = new LinkedHashMap<>();
        List<Map<String, Object>> index = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            Structure s = targets.get(t).structure();
            Path file = out.resolve("targets").resolve(t + ".cif");
            AtomicFiles.writeString(file, new CifWriter().format(s.withId("target" + t)));
            index.add(Map.of(
                    "index",
                    t,
                    "id",
                    targets.get(t).id(),
                    "formula",
                    s.composition().formula()));
        }
        try (StructureModel<?> energy = ModelRegistry.load("spinel/formation-energy-per-atom");
                GanGenerator g = GanGenerator.load(gan, 1).optLangevin(langevinSteps, langevinStepSize)) {
            for (StructureGenerator generator : List.of(g, new RandomSearch(1))) {
                StructureSearch search = new StructureSearch(generator, energy)
                        .optSymmetrizeTolerance(symprec)
                        .optRelaxation(relax ? ContactRelaxation.DEFAULT : null);
                summary.put(generator.name(), run(search, generator, targets, k, out.resolve(generator.name())));
            }
        }
        summary.put("targets", index);
        summary.put("k", k);
        summary.put("skip", skip);
        summary.put("symmetrize_tolerance", symprec);
        summary.put("push_apart", relax);
        summary.put("langevin_steps", langevinSteps);
        summary.put("langevin_step_size", langevinStepSize);
        AtomicFiles.writeString(
                out.resolve("summary.json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    private static Map<String, Object> run(
            StructureSearch search, StructureGenerator generator, List<TrainingData.Entry> targets, int k, Path dir)
            throws Exception {
        long cpu0 = cpuNanos(), wall0 = System.nanoTime();
        int proposals = 0, validAsGenerated = 0, valid = 0, kept = 0;
        for (int t = 0; t < targets.size(); t++) {
            List<StructureSearch.Candidate> all =
                    search.rank(generator.propose(targets.get(t).structure().composition(), k));
            proposals += all.size();
            for (StructureSearch.Candidate c : all) {
                if (c.asGenerated().valid()) validAsGenerated++;
                if (c.validity().valid()) valid++;
            }
            List<StructureSearch.Candidate> ranked = StructureSearch.ranked(all);
            kept += ranked.size();
            for (StructureSearch.Candidate c : ranked) {
                StructureSearch.write(c, String.format("%02d", c.rank()), dir.resolve(String.valueOf(t)));
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9, cpu = (cpuNanos() - cpu0) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("proposals", proposals);
        r.put("valid_as_generated", validAsGenerated);
        r.put("valid", valid);
        r.put("unique_valid", kept);
        r.put("wall_seconds", wall);
        r.put("cpu_seconds", cpu);
        r.put("candidates_per_second", proposals / wall);
        System.err.printf(
                "%s: %d proposals, %d valid as generated, %d valid, %d unique, %.1f s wall, %.1f s CPU%n",
                generator.name(), proposals, validAsGenerated, valid, kept, wall, cpu);
        Files.createDirectories(dir);
        return r;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

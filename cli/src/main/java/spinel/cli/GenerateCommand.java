package spinel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spinel.generate.Formula;
import spinel.generate.GanGenerator;
import spinel.generate.RandomSearch;
import spinel.generate.StructureGenerator;
import spinel.generate.StructureSearch;
import spinel.graph.Composition;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;

/**
 * {@code spinel generate --formula F --n N --out DIR [--method gan|random]}: crystal-structure
 * prediction for a formula. Candidates from the bundled GAN (or random search) are checked, deduplicated
 * and ranked by predicted formation energy per atom; kept ones are written to {@code DIR/<name>.cif}
 * and every candidate gets a JSON line, kept ones first in rank order.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        subcommands = {GenerateTrainCommand.class},
        description = {
            "Propose crystal structures for a formula (GAN or random search), ranked by predicted formation energy.",
            "Output: one JSON object per candidate on stdout, rank 1 the lowest predicted energy."
        })
public final class GenerateCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum Method {
        gan,
        random
    }

    @Option(names = "--formula", description = "formula, e.g. NbO2; cells of Z formula units up to 20 atoms are tried")
    String formula;

    @Option(names = "--n", defaultValue = "100", description = "candidates to generate (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the candidates' CIF files")
    Path out;

    @Option(
            names = "--method",
            defaultValue = "gan",
            description = "gan (the bundled generator) or random (random search)")
    Method method;

    @Option(
            names = "--gan",
            paramLabel = "FILE",
            description = "generator file of `spinel generate train` (default: the bundled one)")
    Path ganFile;

    @Option(
            names = "--langevin-steps",
            defaultValue = "0",
            description = "GAN: critic-guided sampling, Langevin steps on the latent noise (DDLS; 0: off;"
                    + " needs a generator saved with its critic)")
    int langevinSteps;

    @Option(
            names = "--langevin-step-size",
            defaultValue = "0.01",
            description = "GAN: step size η of --langevin-steps (default: ${DEFAULT-VALUE})")
    double langevinStepSize;

    @Option(
            names = "--model",
            defaultValue = "spinel/formation-energy-per-atom",
            description = "ranking model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--seed", defaultValue = "1", description = "random seed")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (formula == null || out == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "spinel generate needs --formula and --out (or the train sub-command)");
        }
        if (n <= 0) throw new IllegalArgumentException("--n must be positive, got " + n);
        Composition f = Formula.parse(formula);
        Files.createDirectories(out);
        long start = System.nanoTime();
        StructureGenerator generator = method == Method.random
                ? new RandomSearch(seed)
                : (ganFile != null ? GanGenerator.load(ganFile, seed) : GanGenerator.bundled(seed))
                        .optLangevin(langevinSteps, langevinStepSize);
        List<StructureSearch.Candidate> all;
        try (StructureModel<?> energy = ModelRegistry.load(model)) {
            all = new StructureSearch(generator, energy).run(f, n);
        } finally {
            if (generator instanceof AutoCloseable c) c.close();
        }
        JsonLines lines = new JsonLines(System.out);
        String base = f.reducedFormula();
        for (StructureSearch.Candidate c : StructureSearch.ranked(all)) {
            String name = String.format("%s-%s-%04d", base, c.source(), c.index());
            Path file = StructureSearch.write(c, name, out);
            lines.write(record(c, file.toString()));
        }
        for (StructureSearch.Candidate c : all) if (!c.kept()) lines.write(record(c, null));
        double seconds = (System.nanoTime() - start) / 1e9;
        long valid = all.stream().filter(c -> c.validity().valid()).count();
        long asGenerated = all.stream().filter(c -> c.asGenerated().valid()).count();
        System.err.printf(
                "%d candidates for %s by %s: %d valid as generated, %d valid after the push-apart and"
                        + " symmetrization, %d kept (unique) in %.1f s (%.1f candidates/s)%n",
                all.size(),
                base,
                method,
                asGenerated,
                valid,
                StructureSearch.ranked(all).size(),
                seconds,
                all.size() / seconds);
        return 0;
    }

    private static Map<String, Object> record(StructureSearch.Candidate c, String file) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file);
        r.put("ok", true);
        r.put("rank", c.kept() ? c.rank() : null);
        r.put("formation_energy_per_atom", Double.isNaN(c.energy()) ? null : c.energy());
        r.put("formation_energy_uncertainty", null);
        if (c.symmetry() != null) {
            Map<String, Object> sym = new LinkedHashMap<>();
            sym.put("number", c.symmetry().number());
            sym.put("international", c.symmetry().international());
            sym.put("symprec", c.symmetry().symprec());
            r.put("symmetry", sym);
        } else {
            r.put("symmetry", null);
        }
        r.put("valid", c.validity().valid());
        r.put("valid_as_generated", c.asGenerated().valid());
        if (!c.validity().valid()) r.put("reason", c.validity().reason());
        if (c.duplicateOf() >= 0) r.put("duplicate_of", c.duplicateOf());
        r.put("source", c.source());
        if (c.imposedSpaceGroup() > 0) r.put("imposed_space_group", c.imposedSpaceGroup());
        r.put("formula", c.structure().composition().formula());
        r.put("nsites", c.structure().size());
        r.put("volume_per_atom", c.validity().volumePerAtom());
        r.put("min_distance", c.validity().minDistance());
        return r;
    }
}

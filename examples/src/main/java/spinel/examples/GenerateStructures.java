package spinel.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import spinel.generate.Formula;
import spinel.generate.GanGenerator;
import spinel.generate.RandomSearch;
import spinel.generate.StructureSearch;
import spinel.graph.Composition;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;

/**
 * Proposes crystal structures for a formula and ranks them, the library behind {@code spinel
 * generate --method random}: random structure search ({@link RandomSearch}: random lattices and
 * positions under minimum-distance constraints) proposes cells of 1, 2, ... formula units,
 * {@link StructureSearch} drops the invalid ones (atoms closer than 0.5 Å, absurd
 * volume), finds their space groups, merges duplicates, and ranks the rest by the bundled model's
 * formation energy per atom (eV/atom, lowest first); the best are written as CIFs.
 *
 * <p>A generated structure is a guess: rank 1 is the lowest predicted energy, not a relaxed ground
 * state. The composition-conditioned GAN ({@link GanGenerator#bundled}) plugs in the same way; the
 * bundled one is barely trained (few of its proposals are valid yet), so this example uses the
 * baseline every generator must beat. How often each recovers known structures:
 * {@code docs/benchmarks/generate.md}.
 */
public final class GenerateStructures {

    private GenerateStructures() {}

    public static void main(String[] args) throws Exception {
        run("NbO2", 20, Files.createTempDirectory("spinel-generate-example"), System.out);
    }

    /** Generates {@code n} candidates for {@code formula}, writes the three best to {@code outDir}, returns all ranked. */
    public static List<StructureSearch.Candidate> run(String formula, int n, Path outDir, PrintStream out)
            throws Exception {
        Composition f = Formula.parse(formula);
        List<StructureSearch.Candidate> ranked;
        try (StructureModel<?> energy = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            ranked = StructureSearch.ranked(new StructureSearch(new RandomSearch(1), energy).run(f, n));
        }
        out.printf(Locale.ROOT, "%s: %d of %d candidates valid and distinct%n", formula, ranked.size(), n);
        for (StructureSearch.Candidate c : ranked.subList(0, Math.min(3, ranked.size()))) {
            Path cif = StructureSearch.write(c, f.reducedFormula() + "-" + c.rank(), outDir);
            out.printf(
                    Locale.ROOT,
                    "rank %d: %d atoms, space group %s, %.3f eV/atom -> %s%n",
                    c.rank(),
                    c.structure().size(),
                    c.symmetry() != null ? c.symmetry().international() : "?",
                    c.energy(),
                    cif.getFileName());
        }
        return ranked;
    }
}

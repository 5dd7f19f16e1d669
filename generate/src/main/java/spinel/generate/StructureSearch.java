package spinel.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import spinel.graph.Composition;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;
import spinel.graph.io.CifWriter;
import spinel.graph.symmetry.StructureMatcher;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;
import spinel.zoo.Prediction;
import spinel.zoo.StructureModel;

/**
 * The crystal-structure-prediction loop: for a formula, a {@link StructureGenerator} proposes
 * candidates for every cell content Z × formula up to {@code maxAtoms} atoms (in turn) → geometric
 * {@link Validity} → space group ({@link SymmetryAnalyzer}, symprec 0.1 Å: generated structures are
 * only nearly symmetric) → deduplication ({@link StructureMatcher} with pymatgen's defaults) → ranking
 * by a property model's predicted formation energy per atom (eV/atom), rank 1 the lowest.
 */
public final class StructureSearch {

    /**
     * One candidate and its fate. {@code rank} is 0, {@code energy} NaN and {@code symmetry} null for a
     * rejected one; {@code duplicateOf} is the index of the kept candidate it matches, else −1.
     */
    public record Candidate(
            int index,
            Structure structure,
            String source,
            int imposedSpaceGroup,
            Validity.Check validity,
            int duplicateOf,
            double energy,
            int rank,
            SymmetryDataset symmetry) {

        /** Valid and not a duplicate: ranked and written. */
        public boolean kept() {
            return validity.valid() && duplicateOf < 0;
        }
    }

    private final StructureGenerator generator;
    private final StructureModel<?> energyModel;
    private Validity validity = Validity.DEFAULT;
    private int maxAtoms = 20;
    private StructureMatcher matcher = StructureMatcher.withDefaults();
    private SymmetryAnalyzer symmetry =
            SymmetryAnalyzer.builder().optSymprec(0.1).build();

    /** A search drawing from {@code generator}, ranked by {@code energyModel} (formation energy per atom). */
    public StructureSearch(StructureGenerator generator, StructureModel<?> energyModel) {
        this.generator = generator;
        this.energyModel = energyModel;
    }

    public StructureSearch optValidity(Validity v) {
        this.validity = v;
        return this;
    }

    /** Largest cell tried, atoms (20 by default, the GAN's limit). */
    public StructureSearch optMaxAtoms(int n) {
        this.maxAtoms = n;
        return this;
    }

    /** {@code n} candidates for {@code formula}, cell contents Z = 1, 2, ... in turn. */
    public List<Candidate> run(Composition formula, int n) {
        List<Composition> cells = Formula.cells(formula, maxAtoms);
        List<Proposal> proposals = new ArrayList<>(n);
        for (int z = 0; z < cells.size(); z++) {
            int share = n / cells.size() + (z < n % cells.size() ? 1 : 0);
            if (share > 0) proposals.addAll(generator.propose(cells.get(z), share));
        }
        return rank(proposals);
    }

    /** Validity, deduplication and ranking of given proposals (in their order). */
    public List<Candidate> rank(List<Proposal> proposals) {
        int n = proposals.size();
        Validity.Check[] checks = new Validity.Check[n];
        int[] dup = new int[n];
        java.util.Arrays.fill(dup, -1);
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            checks[i] = validity.check(proposals.get(i).structure());
            if (checks[i].valid()) valid.add(i);
        }
        List<Integer> kept = new ArrayList<>();
        List<Structure> validStructures =
                valid.stream().map(i -> proposals.get(i).structure()).toList();
        for (List<Integer> group : matcher.groupIndices(validStructures)) {
            int first = valid.get(group.get(0));
            kept.add(first);
            for (int g = 1; g < group.size(); g++) dup[valid.get(group.get(g))] = first;
        }
        kept.sort(null);
        SymmetryDataset[] sym = new SymmetryDataset[n];
        for (int i : kept) sym[i] = spaceGroup(proposals.get(i).structure());
        double[] energy = new double[n];
        java.util.Arrays.fill(energy, Double.NaN);
        if (!kept.isEmpty()) {
            List<Structure> ks =
                    kept.stream().map(i -> proposals.get(i).structure()).toList();
            List<Prediction> preds = energyModel.predict(ks);
            for (int k = 0; k < kept.size(); k++)
                energy[kept.get(k)] = preds.get(k).value();
        }
        List<Integer> order = new ArrayList<>(kept);
        order.sort(Comparator.comparingDouble(i -> energy[i]));
        int[] rank = new int[n];
        for (int r = 0; r < order.size(); r++) rank[order.get(r)] = r + 1;
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Proposal p = proposals.get(i);
            out.add(new Candidate(
                    i, p.structure(), p.source(), p.spaceGroup(), checks[i], dup[i], energy[i], rank[i], sym[i]));
        }
        return out;
    }

    private SymmetryDataset spaceGroup(Structure s) {
        try {
            return symmetry.analyze(s);
        } catch (RuntimeException e) {
            return null; // no symmetry found at this tolerance: reported as absent
        }
    }

    /** The kept candidates, best first. */
    public static List<Candidate> ranked(List<Candidate> all) {
        return all.stream()
                .filter(Candidate::kept)
                .sorted(Comparator.comparingInt(Candidate::rank))
                .toList();
    }

    /** Writes candidate {@code c} as {@code dir/<name>.cif} atomically; returns the file. */
    public static Path write(Candidate c, String name, Path dir) throws IOException {
        Path file = dir.resolve(name + ".cif");
        AtomicFiles.writeString(file, new CifWriter().format(c.structure().withId(name)));
        return file;
    }
}

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
 * candidates for every cell content Z × formula up to {@code maxAtoms} atoms (in turn) → short contacts
 * pushed apart ({@link ContactRelaxation}) → geometric {@link Validity} → symmetrization (the idealized
 * standardized primitive cell that {@link SymmetryAnalyzer} finds at {@value #DEFAULT_SYMMETRIZE_TOLERANCE} Å,
 * kept when still valid: generated structures are only nearly symmetric) → deduplication
 * ({@link StructureMatcher} with pymatgen's defaults) → ranking by a property model's predicted
 * formation energy per atom (eV/atom), rank 1 the lowest. The push-apart and the symmetrization can be
 * switched off, to see the proposals as generated.
 */
public final class StructureSearch {

    /**
     * One candidate and its fate: {@code structure} is what the search made of the proposal (pushed
     * apart, symmetrized), {@code asGenerated} the validity of the proposal itself, {@code validity}
     * that of {@code structure}. {@code rank} is 0, {@code energy} NaN and {@code symmetry} null for a
     * rejected one; {@code duplicateOf} is the index of the kept candidate it matches, else −1.
     */
    public record Candidate(
            int index,
            Structure structure,
            String source,
            int imposedSpaceGroup,
            Validity.Check asGenerated,
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

    /** Symmetrization tolerance of a new search, Å. */
    public static final double DEFAULT_SYMMETRIZE_TOLERANCE = 0.1;

    private final StructureGenerator generator;
    private final StructureModel<?> energyModel;
    private Validity validity = Validity.DEFAULT;
    private int maxAtoms = 20;
    private StructureMatcher matcher = StructureMatcher.withDefaults();
    private SymmetryAnalyzer symmetry =
            SymmetryAnalyzer.builder().optSymprec(0.1).build();
    private ContactRelaxation relaxation = ContactRelaxation.DEFAULT;
    private SymmetryAnalyzer symmetrizer = analyzer(DEFAULT_SYMMETRIZE_TOLERANCE);

    /** A search drawing from {@code generator}, ranked by {@code energyModel} (formation energy per atom). */
    public StructureSearch(StructureGenerator generator, StructureModel<?> energyModel) {
        this.generator = generator;
        this.energyModel = energyModel;
    }

    public StructureSearch optValidity(Validity v) {
        this.validity = v;
        return this;
    }

    /** Pushes apart short contacts before the validity check (null: proposals are checked as generated). */
    public StructureSearch optRelaxation(ContactRelaxation r) {
        this.relaxation = r;
        return this;
    }

    /**
     * Symmetrizes valid candidates at this distance tolerance, Å (0: off; the space group is then only
     * detected, at 0.1 Å).
     */
    public StructureSearch optSymmetrizeTolerance(double symprec) {
        this.symmetrizer = analyzer(symprec);
        return this;
    }

    private static SymmetryAnalyzer analyzer(double symprec) {
        return symprec > 0 ? SymmetryAnalyzer.builder().optSymprec(symprec).build() : null;
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

    /**
     * Relaxation, validity, symmetrization, deduplication and ranking of given proposals (in their
     * order).
     */
    public List<Candidate> rank(List<Proposal> proposals) {
        int n = proposals.size();
        Prepared[] prepared = new Prepared[n];
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prepared[i] = prepare(proposals.get(i).structure());
            if (prepared[i].validity().valid()) valid.add(i);
        }
        int[] dup = new int[n];
        java.util.Arrays.fill(dup, -1);
        List<Integer> kept = new ArrayList<>();
        for (List<Integer> group : matcher.groupIndices(
                valid.stream().map(i -> prepared[i].structure()).toList())) {
            int first = valid.get(group.get(0));
            kept.add(first);
            for (int g = 1; g < group.size(); g++) dup[valid.get(group.get(g))] = first;
        }
        kept.sort(null);
        double[] energy = new double[n];
        java.util.Arrays.fill(energy, Double.NaN);
        if (!kept.isEmpty()) {
            List<Prediction> preds = energyModel.predict(
                    kept.stream().map(i -> prepared[i].structure()).toList());
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
            Prepared q = prepared[i];
            out.add(new Candidate(
                    i,
                    q.structure(),
                    p.source(),
                    p.spaceGroup(),
                    q.asGenerated(),
                    q.validity(),
                    dup[i],
                    energy[i],
                    rank[i],
                    dup[i] < 0 ? q.symmetry() : null));
        }
        return out;
    }

    /** A proposal made ready for deduplication: the structure kept, its checks, its symmetry (valid ones). */
    private record Prepared(
            Structure structure, Validity.Check asGenerated, Validity.Check validity, SymmetryDataset symmetry) {}

    /**
     * Push-apart, validity, then, for a valid structure, its space group at the symmetrization tolerance
     * (0.1 Å when symmetrization is off) and symmetrization: the idealized standardized primitive cell
     * (spglib's {@code find_primitive} after {@code refine_cell}) when it is still valid; otherwise the
     * structure as it is.
     */
    private Prepared prepare(Structure proposed) {
        Validity.Check asGenerated = validity.check(proposed);
        Structure s = relaxation != null ? relaxation.apply(proposed) : proposed;
        Validity.Check check = relaxation != null ? validity.check(s) : asGenerated;
        if (!check.valid()) return new Prepared(s, asGenerated, check, null);
        SymmetryDataset d = spaceGroup(symmetrizer != null ? symmetrizer : symmetry, s);
        if (symmetrizer != null && d != null) {
            Structure ideal = d.standardizedPrimitive().withId(s.id());
            Validity.Check c = validity.check(ideal);
            if (c.valid()) return new Prepared(ideal, asGenerated, c, d);
        }
        return new Prepared(s, asGenerated, check, d);
    }

    private static SymmetryDataset spaceGroup(SymmetryAnalyzer analyzer, Structure s) {
        try {
            return analyzer.analyze(s);
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

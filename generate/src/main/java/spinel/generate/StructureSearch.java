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
import spinel.zoo.CgcnnModel;
import spinel.zoo.Prediction;

/**
 * The crystal-structure-prediction loop: for a formula, a {@link StructureGenerator} proposes
 * candidates for every cell content Z × formula up to {@code maxAtoms} atoms (in turn) → geometric
 * {@link Validity} → symmetry (absent until the symmetry analyzer is in) → deduplication
 * ({@link DistanceFingerprint}, until the structure matcher is in) → ranking by a property model's
 * predicted formation energy per atom (eV/atom), rank 1 the lowest.
 */
public final class StructureSearch {

    /** One candidate and its fate. {@code rank} is 0 and {@code energy} NaN for a rejected one. */
    public record Candidate(
            int index,
            Structure structure,
            String source,
            int imposedSpaceGroup,
            Validity.Check validity,
            int duplicateOf,
            double energy,
            int rank) {

        /** Valid and not a duplicate: ranked and written. */
        public boolean kept() {
            return validity.valid() && duplicateOf < 0;
        }
    }

    private final StructureGenerator generator;
    private final CgcnnModel energyModel;
    private Validity validity = Validity.DEFAULT;
    private int maxAtoms = 20;
    private double duplicateTolerance = 0.05;

    /** A search drawing from {@code generator}, ranked by {@code energyModel} (formation energy per atom). */
    public StructureSearch(StructureGenerator generator, CgcnnModel energyModel) {
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
        List<Integer> kept = new ArrayList<>();
        List<DistanceFingerprint> prints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            checks[i] = validity.check(proposals.get(i).structure());
            dup[i] = -1;
            if (!checks[i].valid()) continue;
            DistanceFingerprint f = DistanceFingerprint.of(proposals.get(i).structure());
            for (int k = 0; k < prints.size() && dup[i] < 0; k++) {
                if (f.matches(prints.get(k), duplicateTolerance)) dup[i] = kept.get(k);
            }
            if (dup[i] < 0) {
                kept.add(i);
                prints.add(f);
            }
        }
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
            out.add(new Candidate(i, p.structure(), p.source(), p.spaceGroup(), checks[i], dup[i], energy[i], rank[i]));
        }
        return out;
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

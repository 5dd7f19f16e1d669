package spinel.descriptors;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Structure;
import spinel.graph.symmetry.CrystalSystem;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;

/**
 * What exact symmetry analysis finds in a structure at a ladder of tolerances: the input a learned
 * space-group head needs when the structure is only approximately known (relaxed, generated, noisy).
 * No single tolerance is right for every such structure — atoms displaced by σ = 0.05 Å break every
 * symmetry at spglib's usual 0.01–0.1 Å, while 0.6 Å merges genuinely different sites of others
 * (docs/benchmarks/symmetry-classifiers.md) — so the head sees the answers at all of them and learns
 * which to trust. Each rung is one {@link SymmetryAnalyzer} run ({@link #LADDER}: distance tolerance
 * 0.01 to 0.8 Å with the lattice at the same tolerance, as spglib's default, and three rungs with the
 * lattice held at 0.01 Å, for structures whose cell is exact but whose atoms are not).
 *
 * <p>Columns ({@link #NAMES}): per rung {@code t<symprec>[_l<lattice>]_}{@code ok} (1 when the
 * analysis found a group), the found crystal system one-hot ({@code triclinic} … {@code cubic}), {@code
 * log2_order} (log₂ of the point-group order), {@code primitive_fraction} (sites of the primitive cell
 * over sites of the input) and {@code shrink} (tolerance used over requested: spglib shrinks it when
 * the operations do not close into a group); then {@code sg_1} … {@code sg_230}, the fraction of rungs
 * whose space-group number it is. A failed rung is all zeros.
 */
public final class SymmetryLadderFeatures {

    /** One rung: the analysis's distance tolerance and lattice tolerance, Å. */
    public record Rung(double symprec, double latticeSymprec) {
        String prefix() {
            return "t" + symprec + (latticeSymprec == symprec ? "" : "_l" + latticeSymprec) + "_";
        }
    }

    /** The rungs, in column order. */
    public static final List<Rung> LADDER = List.of(
            new Rung(0.01, 0.01),
            new Rung(0.03, 0.03),
            new Rung(0.1, 0.1),
            new Rung(0.2, 0.2),
            new Rung(0.3, 0.3),
            new Rung(0.45, 0.45),
            new Rung(0.6, 0.6),
            new Rung(0.8, 0.8),
            new Rung(0.1, 0.01),
            new Rung(0.3, 0.01),
            new Rung(0.6, 0.01));

    private static final String[] PER_RUNG = perRungNames();
    private static final int GROUPS = 230;

    /** Column names, in order. */
    public static final List<String> NAMES = names();

    private static final List<SymmetryAnalyzer> ANALYZERS = LADDER.stream()
            .map(r -> SymmetryAnalyzer.builder()
                    .optSymprec(r.symprec())
                    .optLatticeSymprec(r.latticeSymprec())
                    .build())
            .toList();

    private SymmetryLadderFeatures() {}

    private static String[] perRungNames() {
        List<String> n = new ArrayList<>(List.of("ok"));
        for (CrystalSystem cs : CrystalSystem.values()) n.add(cs.label());
        n.addAll(List.of("log2_order", "primitive_fraction", "shrink"));
        return n.toArray(String[]::new);
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Rung r : LADDER) for (String n : PER_RUNG) out.add(r.prefix() + n);
        for (int g = 1; g <= GROUPS; g++) out.add("sg_" + g);
        return List.copyOf(out);
    }

    /** The ladder's features of {@code s}, named as {@link #NAMES}. */
    public static Features of(Structure s) {
        double[] v = new double[NAMES.size()];
        int votesAt = LADDER.size() * PER_RUNG.length;
        for (int r = 0; r < LADDER.size(); r++) {
            SymmetryDataset d = analyze(r, s);
            if (d == null) continue;
            int at = r * PER_RUNG.length;
            v[at] = 1;
            v[at + 1 + d.crystalSystem().ordinal()] = 1;
            int after = at + 1 + CrystalSystem.values().length;
            v[after] = Math.log(d.pointGroup().order()) / Math.log(2);
            v[after + 1] = (double) d.primitiveSize() / s.size();
            v[after + 2] = d.tolerance() / d.symprec();
            v[votesAt + d.number() - 1] += 1.0 / LADDER.size();
        }
        return new Features(NAMES, v);
    }

    /** Rung {@code r}'s analysis of {@code s}, or null when no group is found at that tolerance. */
    private static SymmetryDataset analyze(int r, Structure s) {
        try {
            return ANALYZERS.get(r).analyze(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

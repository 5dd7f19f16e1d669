package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spinel.graph.Structure;
import spinel.graph.symmetry.SiteAligner.Match;

/**
 * Whether two crystal structures are the same, as pymatgen's {@code StructureMatcher} (Ong et al.,
 * Comput. Mater. Sci. 68, 314 (2013)) with its defaults: length tolerance {@code ltol} 0.2
 * (fractional), site tolerance {@code stol} 0.3 (in units of the average free length per atom
 * (V / N)^(1/3)), angle tolerance {@code angle_tol} 5°.
 *
 * <p>The algorithm: both structures are reduced to their Niggli cells ({@link NiggliReduction}),
 * optionally scaled to the same volume per site ({@code scale}); every basis of the first lattice
 * (or of its supercell, with {@code attempt_supercell}, when the cells hold different numbers of
 * sites) whose lengths and angles match the second lattice within ltol and angle_tol is tried; for
 * each, the sites of the rarest species of the second structure are translated onto every site of
 * that species of the first, all sites must then find a partner within a fractional tolerance, and
 * the sites are paired by a minimum-cost assignment of Cartesian distances on the averaged lattice.
 * Two structures match when the largest paired distance, after removing the mean displacement and
 * normalising by (V / N)^(1/3), is below stol.
 *
 * <p>Sites match under a {@link SiteComparator} ({@link SiteComparator#SPECIES} by default). With
 * {@code primitiveCell} (the default, as pymatgen), each structure is first reduced to its primitive
 * cell ({@link PrimitiveCell}, spglib's pure-translation search, at pymatgen's tolerance of
 * {@value #PRIMITIVE_TOLERANCE} Å), so a supercell matches its cell; pymatgen finds the primitive
 * cell with its own search, which may differ for noisy structures near the tolerance. A structure
 * whose primitive cell cannot be found consistently is compared in the cell given. Thread-safe and
 * immutable.
 */
public final class StructureMatcher {

    /** Distance tolerance (Å) of the primitive-cell search, pymatgen's get_primitive_structure default. */
    public static final double PRIMITIVE_TOLERANCE = 0.25;

    /** pymatgen's get_rms_dist: the normalised RMS displacement and the largest normalised distance. */
    public record RmsDisplacement(double rms, double maxDistance) {}

    private final double ltol;
    private final double stol;
    private final double angleTol;
    private final boolean primitiveCell;
    private final boolean scale;
    private final boolean attemptSupercell;
    private final SiteComparator comparator;

    private StructureMatcher(Builder b) {
        ltol = b.ltol;
        stol = b.stol;
        angleTol = b.angleTol;
        primitiveCell = b.primitiveCell;
        scale = b.scale;
        attemptSupercell = b.attemptSupercell;
        comparator = b.comparator;
    }

    /** A builder with pymatgen's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A matcher with pymatgen's defaults. */
    public static StructureMatcher withDefaults() {
        return builder().build();
    }

    /** Whether {@code a} and {@code b} are the same structure (pymatgen's {@code fit(a, b)}). */
    public boolean match(Structure a, Structure b) {
        if (!comparator.hash(a).equals(comparator.hash(b))) return false;

        return matchPrepared(prepare(a), prepare(b));
    }

    /**
     * The RMS displacement between matched sites and the largest displacement, both divided by the
     * average free length per atom (V / N)^(1/3), minimised over all matching bases and translations
     * (pymatgen's {@code get_rms_dist}); empty when the structures do not match.
     */
    public Optional<RmsDisplacement> rmsDisplacement(Structure a, Structure b) {
        Match m = run(prepare(a), prepare(b), true, false);
        if (m == null) return Optional.empty();
        double max = 0;
        for (double d : m.distances()) max = Math.max(max, d);
        return Optional.of(new RmsDisplacement(m.value(), max));
    }

    /**
     * Groups structures into sets of matching ones, as pymatgen's {@code group_structures}: the
     * structures are pre-grouped by the comparator's composition hash; within a pre-group, the first
     * unmatched structure takes every later one that matches it. Groups are returned in the order of
     * their first member, each group's members in input order (indices into {@code structures}).
     * Pre-groups are matched in parallel (common fork-join pool).
     */
    public List<List<Integer>> groupIndices(List<Structure> structures) {
        List<MatchCell> cells = structures.parallelStream().map(this::prepare).toList();
        Map<String, List<Integer>> byHash = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            byHash.computeIfAbsent(cells.get(i).hash, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>();
        new ArrayList<>(byHash.values())
                .parallelStream()
                        .map(block -> groupBlock(block, cells))
                        .toList()
                        .forEach(groups::addAll);
        groups.sort(Comparator.comparing(g -> g.get(0)));
        return groups;
    }

    /** {@link #groupIndices} with the structures themselves. */
    public List<List<Structure>> group(List<Structure> structures) {
        List<List<Structure>> out = new ArrayList<>();
        for (List<Integer> g : groupIndices(structures)) {
            out.add(g.stream().map(structures::get).toList());
        }
        return out;
    }

    /**
     * Deduplication: the index of the first structure of every group of matching structures,
     * ascending. Keeping only these removes every structure that matches an earlier kept one.
     */
    public int[] uniqueIndices(List<Structure> structures) {
        return groupIndices(structures).stream()
                .mapToInt(g -> g.get(0))
                .sorted()
                .toArray();
    }

    /** The known structures prepared for repeated look-ups (novelty, train/test leakage). */
    public StructureIndex index(List<Structure> known) {
        return new StructureIndex(
                this, known.parallelStream().map(this::prepare).toList());
    }

    // pymatgen's _get_reduced_structure: the primitive cell (optional), Niggli-reduced
    MatchCell prepare(Structure s) {
        String hash = comparator.hash(s);
        if (primitiveCell && s.size() > 1) {
            try {
                s = PrimitiveCell.find(s, PRIMITIVE_TOLERANCE).structure();
            } catch (IllegalArgumentException inconsistent) {
                // no consistent set of pure translations: compare the cell as given
            }
        }
        return MatchCell.reduced(s, hash);
    }

    private List<List<Integer>> groupBlock(List<Integer> block, List<MatchCell> cells) {
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> unmatched = new ArrayList<>(block);
        while (!unmatched.isEmpty()) {
            int ref = unmatched.remove(0);
            List<Integer> group = new ArrayList<>();
            group.add(ref);
            List<Integer> rest = new ArrayList<>();
            for (int i : unmatched) {
                if (matchPrepared(cells.get(ref), cells.get(i))) group.add(i);
                else rest.add(i);
            }
            unmatched = rest;
            groups.add(group);
        }
        return groups;
    }

    boolean matchPrepared(MatchCell a, MatchCell b) {
        if (!a.hash.equals(b.hash)) return false;
        Match m = run(a, b, false, true);
        return m != null && m.value() <= stol;
    }

    // pymatgen's _preprocess (supercell size, volume scaling) and _match (which one is larger)
    private Match run(MatchCell s1, MatchCell s2, boolean useRms, boolean breakOnMatch) {
        int fu = 1;
        boolean s1Supercell = true;
        if (attemptSupercell) {
            double f = s2.size() / (double) s1.size();
            if (f < 2.0 / 3) {
                fu = (int) Math.rint(1 / f);
                s1Supercell = false;
            } else {
                fu = (int) Math.rint(f);
            }
        }
        double mult = s1Supercell ? fu : 1.0 / fu;
        if (scale) {
            double ratio = Math.pow(s2.volume() / (s1.volume() * mult), 1.0 / 6);
            s1 = s1.scaled(ratio);
            s2 = s2.scaled(1 / ratio);
        }
        SiteAligner aligner = new SiteAligner(ltol, stol, angleTol, comparator);
        if (s1.size() * mult >= s2.size()) {
            return aligner.strictMatch(s1, s2, fu, s1Supercell, useRms, breakOnMatch);
        }
        return aligner.strictMatch(s2, s1, fu, !s1Supercell, useRms, breakOnMatch);
    }

    public double ltol() {
        return ltol;
    }

    public double stol() {
        return stol;
    }

    public double angleTol() {
        return angleTol;
    }

    public boolean primitiveCell() {
        return primitiveCell;
    }

    public boolean scale() {
        return scale;
    }

    public boolean attemptSupercell() {
        return attemptSupercell;
    }

    public SiteComparator comparator() {
        return comparator;
    }

    @Override
    public String toString() {
        return "StructureMatcher(ltol=" + ltol + ", stol=" + stol + ", angle_tol=" + angleTol + ", primitive_cell="
                + primitiveCell + ", scale=" + scale + ", attempt_supercell=" + attemptSupercell + ", comparator="
                + comparator + ")";
    }

    /** Options with pymatgen's names and defaults. */
    public static final class Builder {
        private double ltol = 0.2;
        private double stol = 0.3;
        private double angleTol = 5;
        private boolean primitiveCell = true;
        private boolean scale = true;
        private boolean attemptSupercell = false;
        private SiteComparator comparator = SiteComparator.SPECIES;

        private Builder() {}

        /** Fractional length tolerance (default 0.2). */
        public Builder ltol(double v) {
            ltol = positive("ltol", v);
            return this;
        }

        /** Site tolerance, in units of the average free length per atom (V / N)^(1/3) (default 0.3). */
        public Builder stol(double v) {
            stol = positive("stol", v);
            return this;
        }

        /** Angle tolerance, degrees (default 5). */
        public Builder angleTol(double v) {
            angleTol = positive("angle_tol", v);
            return this;
        }

        /** Reduce both structures to their primitive cells before matching (default true). */
        public Builder primitiveCell(boolean v) {
            primitiveCell = v;
            return this;
        }

        /** Scale both structures to the same volume per site before matching (default true). */
        public Builder scale(boolean v) {
            scale = v;
            return this;
        }

        /** Match a structure onto a supercell of the other when their numbers of sites differ (default false). */
        public Builder attemptSupercell(boolean v) {
            attemptSupercell = v;
            return this;
        }

        /** Which sites may be matched (default {@link SiteComparator#SPECIES}). */
        public Builder comparator(SiteComparator v) {
            if (v == null) throw new IllegalArgumentException("comparator must not be null");
            comparator = v;
            return this;
        }

        public StructureMatcher build() {
            return new StructureMatcher(this);
        }

        private static double positive(String name, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be a positive number, got " + v);
            }
            return v;
        }
    }
}

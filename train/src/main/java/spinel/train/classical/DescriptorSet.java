package spinel.train.classical;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import spinel.descriptors.CompositionFeatures;
import spinel.descriptors.Features;
import spinel.descriptors.LatticeFeatures;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.graph.Structure;
import spinel.train.CrystalDataset;

/**
 * The descriptor groups a classical model can be trained on ({@code --features}): lattice and shape
 * ({@link LatticeFeatures}), composition statistics ({@link CompositionFeatures}), and the
 * per-structure summary (mean, std, min, max over sites) of Steinhardt q_l and ŵ_l, l = 4..12 even,
 * over the 12 nearest neighbours — together the columns of {@code StructureFeatures} — and,
 * optionally, summarised angular symmetry functions ({@link #ACSF}).
 */
public enum DescriptorSet {
    LATTICE,
    COMPOSITION,
    /**
     * The lattice parameters of the standardized conventional cell and ratios made from them ({@link
     * spinel.descriptors.ConventionalLatticeFeatures}): the same crystal in any setting gives the same
     * columns; the input of the "space group from the lattice alone" classifiers
     */
    CONVENTIONAL_LATTICE,
    STEINHARDT,
    /**
     * Behler–Parrinello symmetry functions per site, species-agnostic (every neighbour counted alike),
     * R_c = 6 Å: G1, G2 with η = 0.05, 0.2, 1 Å⁻² (R_s = 0) and G4 with η = 0.005 Å⁻², ζ = 1, 4, λ = ±1 —
     * summarised over sites (mean, std, min, max)
     */
    ACSF,
    /**
     * What exact symmetry analysis finds at a ladder of tolerances, 0.01–0.8 Å ({@link
     * spinel.descriptors.SymmetryLadderFeatures}): for structures known only approximately
     */
    SYMMETRY;

    /** All sites are treated as this one placeholder species, so the ACSF length is the same for every structure. */
    private static final spinel.graph.Element ANY = spinel.graph.Element.of(1);

    private static final spinel.descriptors.SymmetryFunctions SYMMETRY_FUNCTIONS =
            spinel.descriptors.SymmetryFunctions.builder()
                    .setCutoff(6.0)
                    .setSpecies(List.of(ANY))
                    .addG2(0.05, 0)
                    .addG2(0.2, 0)
                    .addG2(1.0, 0)
                    .addG4(0.005, 1, 1)
                    .addG4(0.005, 1, -1)
                    .addG4(0.005, 4, 1)
                    .addG4(0.005, 4, -1)
                    .build();

    private static final Steinhardt BOND_ORDER =
            Steinhardt.builder().setDegrees(4, 6, 8, 10, 12).build();

    /** This group's named features of one structure (non-finite values, e.g. undefined ŵ_l, become 0). */
    public Features of(Structure s) {
        Features f =
                switch (this) {
                    case LATTICE -> LatticeFeatures.of(s);
                    case COMPOSITION -> CompositionFeatures.of(s.composition());
                    case CONVENTIONAL_LATTICE -> spinel.descriptors.ConventionalLatticeFeatures.of(s);
                    case STEINHARDT -> BOND_ORDER
                            .compute(Neighborhoods.nearest(s, 12))
                            .summary();
                    case ACSF -> SYMMETRY_FUNCTIONS
                            .compute(
                                    Neighborhoods.within(s, SYMMETRY_FUNCTIONS.cutoff()),
                                    java.util.Collections.nCopies(s.size(), ANY))
                            .summary();
                    case SYMMETRY -> spinel.descriptors.SymmetryLadderFeatures.of(s);
                };
        return finite(this, f);
    }

    /** {@code f} with non-finite values set to 0 and its names prefixed by the group's. */
    private static Features finite(DescriptorSet group, Features f) {
        double[] v = f.values();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) v[i] = 0;
        List<String> names = new ArrayList<>();
        for (String n : f.names())
            names.add(group.id() + ":" + (group == ACSF ? n.replace("_H_", "_").replace("_H-H_", "_") : n));
        return new Features(names, v);
    }

    /** The {@link #COMPOSITION} group of a composition alone (a formula), as {@link #of} gives it for a structure. */
    public static Features composition(spinel.graph.Composition c) {
        return finite(COMPOSITION, CompositionFeatures.of(c));
    }

    /**
     * The group's name on the command line and in run folders ({@code lattice}, {@code
     * conventional-lattice}, ..., {@code symmetry}).
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@link #id}s of the groups {@link #parse} reads from {@code list}. */
    public static List<String> ids(String list) {
        return parse(list).stream().map(DescriptorSet::id).toList();
    }

    /** Parses {@code lattice,composition,steinhardt}; an unknown name is an error listing the known ones. */
    public static List<DescriptorSet> parse(String list) {
        List<DescriptorSet> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (p.isEmpty()) continue;
            try {
                DescriptorSet d = valueOf(p);
                if (!out.contains(d)) out.add(d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--features " + part.trim() + ": expected some of "
                        + String.join(", ", spinel.train.RunFeatures.DESCRIPTOR_GROUPS));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--features names no descriptor group");
        return out;
    }

    /** The groups {@code sets} of one structure, concatenated in order. */
    public static Features of(List<DescriptorSet> sets, Structure s) {
        Features f = null;
        for (DescriptorSet d : sets) {
            Features g = d.of(s);
            f = f == null ? g : f.concat(g);
        }
        return f;
    }

    /** The features of every row of a dataset, one streaming pass, sites in parallel per chunk. */
    public static Features[] compute(CrystalDataset dataset, List<DescriptorSet> sets) throws IOException {
        Features[] rows = new Features[dataset.size()];
        dataset.forEachChunk(512, (first, structures) -> IntStream.range(0, structures.size())
                .parallel()
                .forEach(k -> {
                    rows[first + k] = of(sets, structures.get(k));
                }));
        return rows;
    }
}

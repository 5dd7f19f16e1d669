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
 * over the 12 nearest neighbours — together the columns of {@code StructureFeatures}.
 */
public enum DescriptorSet {
    LATTICE,
    COMPOSITION,
    STEINHARDT;

    private static final Steinhardt BOND_ORDER =
            Steinhardt.builder().setDegrees(4, 6, 8, 10, 12).build();

    /** This group's named features of one structure (non-finite values, e.g. undefined ŵ_l, become 0). */
    public Features of(Structure s) {
        Features f =
                switch (this) {
                    case LATTICE -> LatticeFeatures.of(s);
                    case COMPOSITION -> CompositionFeatures.of(s.composition());
                    case STEINHARDT -> BOND_ORDER
                            .compute(Neighborhoods.nearest(s, 12))
                            .summary();
                };
        double[] v = f.values();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) v[i] = 0;
        List<String> names = new ArrayList<>();
        for (String n : f.names()) names.add(name().toLowerCase(Locale.ROOT) + ":" + n);
        return new Features(names, v);
    }

    /** Parses {@code lattice,composition,steinhardt}; an unknown name is an error listing the known ones. */
    public static List<DescriptorSet> parse(String list) {
        List<DescriptorSet> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            try {
                DescriptorSet d = valueOf(p);
                if (!out.contains(d)) out.add(d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--features " + part.trim() + ": expected some of lattice, composition, steinhardt");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--features names no descriptor group");
        return out;
    }

    /** The features of every row of a dataset, one streaming pass, sites in parallel per chunk. */
    public static Features[] compute(CrystalDataset dataset, List<DescriptorSet> sets) throws IOException {
        Features[] rows = new Features[dataset.size()];
        dataset.forEachChunk(512, (first, structures) -> IntStream.range(0, structures.size())
                .parallel()
                .forEach(k -> {
                    Features f = null;
                    for (DescriptorSet d : sets) {
                        Features g = d.of(structures.get(k));
                        f = f == null ? g : f.concat(g);
                    }
                    rows[first + k] = f;
                }));
        return rows;
    }
}

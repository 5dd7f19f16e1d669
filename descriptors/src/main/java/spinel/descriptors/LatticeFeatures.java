package spinel.descriptors;

import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Lattice and shape features of a structure, the input table of the tabular baselines. Columns
 * ({@link #NAMES}):
 * <ul>
 * <li>{@code a, b, c} — cell lengths, Å; {@code alpha, beta, gamma} — cell angles, degrees;</li>
 * <li>{@code volume} — cell volume, Å³; {@code volume_per_atom} — Å³ per atom (occupancy-weighted
 *     atom count); {@code density} — g/cm³;</li>
 * <li>{@code b_over_a, c_over_a} — axis ratios; {@code anisotropy} — longest / shortest axis;</li>
 * <li>{@code shape_factor} — V / (abc), 1 for an orthogonal cell and smaller the more oblique;</li>
 * <li>{@code packing_fraction} — Σ (4/3)π r_cov³ over atoms / V (Cordero covalent radii);</li>
 * <li>{@code n_sites}, {@code n_elements}.</li>
 * </ul>
 * Lengths, angles and ratios describe the cell as given (no reduction); the volume-based ones do
 * not depend on the choice of cell.
 */
public final class LatticeFeatures {

    /** The cell parameters both lattice feature sets start with: a, b, c (Å), α, β, γ (degrees), volume (Å³). */
    static final List<String> CELL_NAMES = List.of("a", "b", "c", "alpha", "beta", "gamma", "volume");

    private static final List<String> SHAPE_NAMES = List.of(
            "volume_per_atom",
            "density",
            "b_over_a",
            "c_over_a",
            "anisotropy",
            "shape_factor",
            "packing_fraction",
            "n_sites",
            "n_elements");

    /** Column names, in order. */
    public static final List<String> NAMES = concat(CELL_NAMES, SHAPE_NAMES);

    private LatticeFeatures() {}

    /** The features of {@code s}, named as {@link #NAMES}. */
    public static Features of(Structure s) {
        Lattice l = s.lattice();
        double a = l.a(), b = l.b(), c = l.c();
        double v = l.volume();
        double atoms = s.composition().numAtoms();
        double longest = Math.max(a, Math.max(b, c)), shortest = Math.min(a, Math.min(b, c));
        double[] occupied = new double[1];
        s.composition().asMap().forEach((e, n) -> {
            double r = e.covalentRadius();
            occupied[0] += n * 4.0 / 3.0 * Math.PI * r * r * r;
        });
        double[] values = {
            v / atoms,
            s.density(),
            b / a,
            c / a,
            longest / shortest,
            v / (a * b * c),
            occupied[0] / v,
            s.size(),
            s.composition().elements().size()
        };
        return cell(l).concat(new Features(SHAPE_NAMES, values));
    }

    /** The {@link #CELL_NAMES} columns of the lattice {@code l}. */
    static Features cell(Lattice l) {
        return new Features(CELL_NAMES, new double[] {l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma(), l.volume()});
    }

    /** {@code first} followed by {@code second}. */
    static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}

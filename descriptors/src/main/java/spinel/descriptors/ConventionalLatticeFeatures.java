package spinel.descriptors;

import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.symmetry.SymmetryAnalyzer;

/**
 * Lattice parameters of a structure's standardized conventional cell, and ratios made from them: the
 * input of the "space group from lattice parameters alone" classifier (the seed pipeline's
 * features). The conventional cell is the one of {@link SymmetryAnalyzer} at symprec
 * {@value #SYMPREC} Å (spglib's convention: for a cubic crystal a = b = c and all angles 90°, for a
 * monoclinic one the unique axis b, ...), so that the same crystal in any setting or supercell gives
 * the same features. Columns ({@link #NAMES}):
 * <ul>
 * <li>{@code a, b, c} — conventional cell lengths, Å; {@code alpha, beta, gamma} — its angles, degrees;
 *     {@code volume} — its volume, Å³;</li>
 * <li>{@code b_over_a, c_over_a, c_over_b} — axis ratios; {@code shape_factor} — V / (abc);</li>
 * <li>{@code alpha_dev, beta_dev, gamma_dev} — |angle − 90°|, and {@code gamma_dev_120} — |γ − 120°|.</li>
 * </ul>
 * No composition and no atom count: the lattice alone. When the analyzer cannot analyse the
 * structure, the cell as given is used.
 */
public final class ConventionalLatticeFeatures {

    /** Distance tolerance of the analysis that finds the conventional cell, Å. */
    public static final double SYMPREC = 0.01;

    private static final List<String> SHAPE_NAMES = List.of(
            "b_over_a", "c_over_a", "c_over_b", "shape_factor", "alpha_dev", "beta_dev", "gamma_dev", "gamma_dev_120");

    /** Column names, in order. */
    public static final List<String> NAMES = LatticeFeatures.concat(LatticeFeatures.CELL_NAMES, SHAPE_NAMES);

    private static final SymmetryAnalyzer ANALYZER =
            SymmetryAnalyzer.builder().optSymprec(SYMPREC).build();

    private ConventionalLatticeFeatures() {}

    /** The features of {@code s}'s standardized conventional cell, named as {@link #NAMES}. */
    public static Features of(Structure s) {
        Lattice l;
        try {
            l = ANALYZER.analyze(s).conventionalLattice();
        } catch (RuntimeException e) {
            l = s.lattice();
        }
        return ofLattice(l);
    }

    /** The features of the lattice {@code l} taken as the conventional cell. */
    public static Features ofLattice(Lattice l) {
        double a = l.a(), b = l.b(), c = l.c();
        double[] values = {
            b / a,
            c / a,
            c / b,
            l.volume() / (a * b * c),
            Math.abs(l.alpha() - 90),
            Math.abs(l.beta() - 90),
            Math.abs(l.gamma() - 90),
            Math.abs(l.gamma() - 120)
        };
        return LatticeFeatures.cell(l).concat(new Features(SHAPE_NAMES, values));
    }
}

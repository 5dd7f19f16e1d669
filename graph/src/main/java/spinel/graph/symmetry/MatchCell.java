package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;

/**
 * A structure prepared for the {@link StructureMatcher}: its Niggli-reduced lattice (rows, Å), the
 * fractional coordinates of its sites in that lattice wrapped into [0, 1), and their species, as
 * pymatgen's {@code Structure.get_reduced_structure()}. Immutable.
 */
final class MatchCell {

    final double[][] lattice;
    final double[][] frac;
    final List<Map<Species, Double>> species;
    final String hash;

    private MatchCell(double[][] lattice, double[][] frac, List<Map<Species, Double>> species, String hash) {
        this.lattice = lattice;
        this.frac = frac;
        this.species = species;
        this.hash = hash;
    }

    /** The Niggli-reduced cell of {@code s}, its sites moved into the reduced cell; {@code hash} its composition key. */
    static MatchCell reduced(Structure s, String hash) {
        Lattice reduced = NiggliReduction.of(s.lattice()).lattice();
        double[][] frac = new double[s.size()][];
        List<Map<Species, Double>> species = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            Site site = s.site(i);
            frac[i] = wrap(reduced.toFractional(site.cartCoords()));
            species.add(site.species());
        }
        return new MatchCell(reduced.matrix(), frac, species, hash);
    }

    int size() {
        return frac.length;
    }

    double volume() {
        return Math.abs(Mat3.det(lattice));
    }

    /** The same fractional coordinates in the lattice scaled by {@code factor} (lengths). */
    MatchCell scaled(double factor) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = lattice[i][j] * factor;
        return new MatchCell(m, frac, species, hash);
    }

    static double[] wrap(double[] f) {
        for (int k = 0; k < 3; k++) {
            f[k] -= Math.floor(f[k]);
            if (f[k] >= 1) f[k] = 0; // -1e-17 - floor gives 1.0
        }
        return f;
    }
}

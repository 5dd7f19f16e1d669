package spinel.generate;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Pushes apart atoms that are too close, the cell held fixed: the "push apart" that random structure
 * search applies to its raw candidates before relaxing them (Pickard &amp; Needs, J. Phys.: Condens.
 * Matter 23, 053201 (2011), AIRSS's {@code buildcell}). Every pair (periodic images included) closer
 * than {@code factor} × the sum of the covalent radii is moved apart along its bond, each atom by half
 * the overlap; the sweep repeats until no overlap exceeds 0.001 Å or {@code maxSweeps} is reached. It
 * lowers Σ max(0, r₀ − d)² by Jacobi steps, so it moves no atom that never has a short contact. Where
 * the contacts cannot all be met it settles where the overlaps balance, and it cannot help a cell too
 * small for its atoms (the candidate then stays invalid).
 *
 * <p>An atom's contact with its own image (a cell edge shorter than r₀) cannot be moved apart and is
 * left alone.
 *
 * @param factor    fraction of the sum of covalent radii below which two atoms are pushed apart
 *                  (0.7, as {@link RandomSearch} places its atoms)
 * @param maxSweeps the most sweeps over all pairs
 */
public record ContactRelaxation(double factor, int maxSweeps) {

    /** 0.7 × the sum of covalent radii, at most 200 sweeps. */
    public static final ContactRelaxation DEFAULT = new ContactRelaxation(0.7, 200);

    private static final double CONVERGED = 1e-3;

    /** {@code s} with its short contacts pushed apart (the same lattice, species and site order). */
    public Structure apply(Structure s) {
        Lattice lattice = s.lattice();
        Structure reduced = CellReduction.reduce(s); // atoms in a compact cell: 5³ images hold every contact
        double[][] m = reduced.lattice().matrix();
        double[][] x = reduced.cartCoords();
        int n = x.length;
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) radius[i] = reduced.site(i).element().covalentRadius();
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double[][] shift = new double[n][3];
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    worst = Math.max(worst, pushApart(x, m, i, j, factor * (radius[i] + radius[j]), shift));
                }
            }
            if (worst < CONVERGED) break;
            for (int i = 0; i < n; i++) for (int d = 0; d < 3; d++) x[i][d] += shift[i][d];
        }
        List<Element> elements = new ArrayList<>(n);
        double[][] frac = new double[n][];
        for (int i = 0; i < n; i++) {
            elements.add(reduced.site(i).element());
            frac[i] = lattice.toFractional(x[i]);
            for (int d = 0; d < 3; d++) frac[i][d] -= Math.floor(frac[i][d]);
        }
        return Structure.of(lattice, elements, frac).withId(s.id());
    }

    /**
     * Adds to {@code shift} the moves that part atoms i and j (each image of j within two cells of the
     * reduced lattice {@code m}) to at least {@code r0}; returns the largest overlap found, Å.
     */
    private static double pushApart(double[][] x, double[][] m, int i, int j, double r0, double[][] shift) {
        double worst = 0;
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                for (int c = -2; c <= 2; c++) {
                    double[] v = new double[3];
                    double sq = 0;
                    for (int d = 0; d < 3; d++) {
                        v[d] = x[j][d] + a * m[0][d] + b * m[1][d] + c * m[2][d] - x[i][d];
                        sq += v[d] * v[d];
                    }
                    if (sq >= r0 * r0) continue;
                    double dist = Math.sqrt(sq);
                    if (dist < 1e-6) { // coincident atoms: part them along a fixed, index-dependent axis
                        v = new double[] {1, (i + 1) * 0.37, (j + 1) * 0.61};
                        dist = 0;
                    }
                    double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                    double half = 0.5 * (r0 - dist);
                    worst = Math.max(worst, r0 - dist);
                    for (int d = 0; d < 3; d++) {
                        shift[i][d] -= half * v[d] / len;
                        shift[j][d] += half * v[d] / len;
                    }
                }
            }
        }
        return worst;
    }
}

package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * The primitive cell of a structure, found from its pure translations as in spglib's
 * {@code primitive.c} (Togo &amp; Tanaka, "Spglib", 2018, §3.2): the translations that map the
 * structure onto itself within {@code symprec} (Å) are collected, three of them (or of the cell
 * vectors) spanning a cell 1/N the volume are taken as the primitive lattice, which is then
 * Delaunay-reduced, and the sites are folded into it with their positions averaged over the
 * translated copies. When the translations found are inconsistent, the tolerance is shrunk by 5 %
 * and the search repeated (at most 20 times), as spglib does.
 *
 * <p>Sites are compared by species and occupancy: a partially occupied site only matches a site
 * with the same species at the same occupancies.
 */
public final class PrimitiveCell {

    static final int NUM_ATTEMPTS = 20;
    static final double REDUCE_RATE = 0.95;

    private final Structure input;
    private final Cell cell;
    private final List<double[]> translations;
    private final int[] mapping;
    private final double tolerance;

    private PrimitiveCell(Structure input, Cell cell, List<double[]> translations, int[] mapping, double tolerance) {
        this.input = input;
        this.cell = cell;
        this.translations = translations;
        this.mapping = mapping;
        this.tolerance = tolerance;
    }

    /**
     * Finds the primitive cell.
     *
     * @param structure the structure (any cell, any site order)
     * @param symprec   distance tolerance, Å (spglib's default is 1e-5; pymatgen's 0.01)
     * @throws IllegalArgumentException when no consistent primitive cell is found even at the
     *                                  smallest tolerance tried
     */
    public static PrimitiveCell find(Structure structure, double symprec) {
        if (!(symprec > 0)) throw new IllegalArgumentException("symprec must be positive, got " + symprec);
        PrimitiveCell p = search(Cell.of(structure), structure, symprec);
        if (p == null) {
            throw new IllegalArgumentException("no consistent primitive cell found for "
                    + (structure.id() != null
                            ? structure.id()
                            : structure.composition().formula())
                    + " at symprec " + symprec + " Å or below");
        }
        return p;
    }

    static PrimitiveCell search(Cell cell, Structure input, double symprec) {
        double tol = symprec;
        for (int attempt = 0; attempt < NUM_ATTEMPTS; attempt++, tol *= REDUCE_RATE) {
            List<double[]> trans = cell.translations(Mat3.identity(), tol, false);
            if (trans.isEmpty() || cell.size() % trans.size() != 0) continue;
            PrimitiveCell p = trans.size() == 1 ? smallest(cell, input, trans, tol) : fold(cell, input, trans, tol);
            if (p != null) return p;
        }
        return null;
    }

    // the cell is primitive already: its Delaunay-reduced form
    private static PrimitiveCell smallest(Cell cell, Structure input, List<double[]> trans, double tol) {
        double[][] red = DelaunayReduction.reduceRows(cell.lattice, tol);
        if (red == null) return null;
        double[][] a = Mat3.mul(cell.lattice, Mat3.inverse(red));
        double[][] pos = new double[cell.size()][];
        int[] mapping = new int[cell.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = wrap(rowTimes(cell.pos[i], a));
            mapping[i] = i;
        }
        return new PrimitiveCell(input, new Cell(red, pos, cell.types.clone()), trans, mapping, tol);
    }

    private static PrimitiveCell fold(Cell cell, Structure input, List<double[]> trans, double tol) {
        int multi = trans.size();
        double[][] prim = primitiveLattice(cell, trans, tol);
        if (prim == null) return null;
        double[][] red = DelaunayReduction.reduceRows(prim, tol);
        if (red == null) return null;
        double[][] a = Mat3.mul(cell.lattice, Mat3.inverse(red));
        Cell probe = new Cell(red, new double[0][], new int[0]);
        int n = cell.size();
        int[] mapping = new int[n];
        List<double[]> sums = new ArrayList<>();
        List<double[]> firsts = new ArrayList<>();
        List<Integer> primTypes = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = wrap(rowTimes(cell.pos[i], a));
            int found = -1;
            for (int k = 0; k < firsts.size() && found < 0; k++) {
                if (primTypes.get(k) == cell.types[i] && probe.overlap(x, firsts.get(k), tol)) found = k;
            }
            if (found < 0) {
                found = firsts.size();
                firsts.add(x);
                sums.add(new double[3]);
                primTypes.add(cell.types[i]);
                counts.add(0);
            }
            double[] f = firsts.get(found);
            double[] s = sums.get(found);
            for (int c = 0; c < 3; c++) s[c] += x[c] - Math.rint(x[c] - f[c]);
            counts.set(found, counts.get(found) + 1);
            mapping[i] = found;
        }
        if (firsts.size() * multi != n) return null;
        double[][] pos = new double[firsts.size()][];
        int[] types = new int[firsts.size()];
        for (int k = 0; k < pos.length; k++) {
            if (counts.get(k) != multi) return null;
            double[] s = sums.get(k);
            pos[k] = wrap(new double[] {s[0] / multi, s[1] / multi, s[2] / multi});
            types[k] = primTypes.get(k);
        }
        return new PrimitiveCell(input, new Cell(red, pos, types), trans, mapping, tol);
    }

    // three of {pure translations, unit vectors} spanning a cell of 1/multi the volume; rows, Å
    private static double[][] primitiveLattice(Cell cell, List<double[]> trans, double tol) {
        int multi = trans.size();
        List<double[]> v = new ArrayList<>();
        for (double[] t : trans) {
            if (Math.abs(t[0]) + Math.abs(t[1]) + Math.abs(t[2]) > 1e-12) v.add(t);
        }
        v.add(new double[] {1, 0, 0});
        v.add(new double[] {0, 1, 0});
        v.add(new double[] {0, 0, 1});
        double vol = Math.abs(Mat3.det(cell.lattice));
        int size = v.size();
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                for (int k = j + 1; k < size; k++) {
                    double[][] rel = {v.get(i), v.get(j), v.get(k)}; // rows = new vectors in old fractions
                    double d = Math.abs(Mat3.det(rel)) * vol;
                    if (d > tol && Math.rint(vol / d) == multi) {
                        return Mat3.mul(clean(rel, multi), cell.lattice);
                    }
                }
            }
        }
        return null;
    }

    // make the relative lattice exact: its inverse is an integer matrix of determinant ±multi
    private static double[][] clean(double[][] rel, int multi) {
        int[][] inv = Mat3.round(Mat3.inverse(rel));
        if (Math.abs(Mat3.det(inv)) == multi) return Mat3.inverse(Mat3.toDouble(inv));
        return rel;
    }

    private static double[] rowTimes(double[] x, double[][] a) {
        return new double[] {
            x[0] * a[0][0] + x[1] * a[1][0] + x[2] * a[2][0],
            x[0] * a[0][1] + x[1] * a[1][1] + x[2] * a[2][1],
            x[0] * a[0][2] + x[1] * a[1][2] + x[2] * a[2][2]
        };
    }

    private static double[] wrap(double[] x) {
        return new double[] {Mat3.mod1(x[0]), Mat3.mod1(x[1]), Mat3.mod1(x[2])};
    }

    /** The primitive structure: Delaunay-reduced lattice, sites in order of first appearance. */
    public Structure structure() {
        Lattice lat = new Lattice(cell.lattice);
        List<Site> sites = new ArrayList<>(cell.size());
        int[] firstInput = new int[cell.size()];
        java.util.Arrays.fill(firstInput, -1);
        for (int i = mapping.length - 1; i >= 0; i--) firstInput[mapping[i]] = i;
        for (int k = 0; k < cell.size(); k++) {
            Site src = input.site(firstInput[k]);
            sites.add(new Site(src.species(), cell.pos[k], lat, src.label()));
        }
        return new Structure(lat, sites, input.id());
    }

    /** The pure translations of the input cell (fractional, in [0, 1)), the zero translation first. */
    public List<double[]> translations() {
        List<double[]> out = new ArrayList<>(translations.size());
        for (double[] t : translations) out.add(t.clone());
        return out;
    }

    /** For each input site, the index of its site in {@link #structure()}. */
    public int[] mapping() {
        return mapping.clone();
    }

    /** Number of primitive cells in the input cell (the number of pure translations). */
    public int multiplicity() {
        return translations.size();
    }

    /** The tolerance (Å) at which the primitive cell was found: symprec, or less when it had to shrink. */
    public double tolerance() {
        return tolerance;
    }

    /** The input structure. */
    public Structure input() {
        return input;
    }

    Cell cell() {
        return cell;
    }
}

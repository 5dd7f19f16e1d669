package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Exact space-group analysis of a crystal structure in pure Java, following spglib (A. Togo,
 * K. Shinohara, I. Tanaka, "Spglib: a software library for crystal symmetry search", Sci. Technol.
 * Adv. Mater. Methods 4, 2384822 (2024)): pure translations give the primitive cell (Delaunay
 * reduced, {@link PrimitiveCell}); the point group of its lattice gives the candidate rotations; each
 * rotation that maps the structure onto itself within {@code symprec} gives an operation; the point
 * group of those operations fixes the conventional axes, and the space-group type is identified by
 * matching the operations against the standard Hall setting of each candidate type, trying bases and
 * origins in spglib's own order ({@link HallNumberSearch}), so that the transformation matrix, origin
 * shift, Wyckoff letters and standardized cell are spglib's choice among the equivalent ones. When this
 * fails (the operations found at this tolerance do not form a consistent group), the tolerance is
 * shrunk by 5 % and the search repeated, at most 20 times, as spglib does. One extension, off by default:
 * the lattice's own symmetry can be checked at a tighter tolerance than the atoms
 * ({@link Builder#optLatticeSymprec}), for structures whose atoms are known less well than their cell.
 *
 * <p>Sites are told apart by species (element and oxidation state) and occupancy: a partially
 * occupied site is a type of its own, equivalent only to sites with the same species at the same
 * occupancies. Immutable and thread-safe.
 *
 * <pre>{@code
 * SymmetryDataset d = SymmetryAnalyzer.builder().optSymprec(0.01).build().analyze(structure);
 * d.number();        // 225
 * d.international(); // "Fm-3m"
 * }</pre>
 */
public final class SymmetryAnalyzer {

    /** spglib's and pymatgen's default distance tolerance, Å. */
    public static final double DEFAULT_SYMPREC = 0.01;

    private final double symprec;
    private final double angleTolerance;
    private final double latticeSymprec;

    private SymmetryAnalyzer(Builder b) {
        this.symprec = b.symprec;
        this.angleTolerance = b.angleTolerance;
        this.latticeSymprec = b.latticeSymprec;
    }

    /** An analyzer with symprec 0.01 Å and spglib's default angle handling. */
    public static SymmetryAnalyzer create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link SymmetryAnalyzer}. */
    public static final class Builder {
        private double symprec = DEFAULT_SYMPREC;
        private double angleTolerance = -1;
        private double latticeSymprec = Double.POSITIVE_INFINITY;

        private Builder() {}

        /** Distance tolerance, Å (default 0.01, pymatgen's; spglib's own default is 1e-5). */
        public Builder optSymprec(double symprec) {
            if (!(symprec > 0) || !Double.isFinite(symprec)) {
                throw new IllegalArgumentException("symprec must be a positive number of Å, got " + symprec);
            }
            this.symprec = symprec;
            return this;
        }

        /**
         * Angle tolerance for the lattice symmetry, degrees; negative (the default) compares angles
         * through symprec as spglib does when none is given.
         */
        public Builder optAngleTolerance(double degrees) {
            if (Double.isNaN(degrees)) throw new IllegalArgumentException("angle tolerance is NaN");
            this.angleTolerance = degrees;
            return this;
        }

        /**
         * A tighter distance tolerance, Å, for the symmetry of the lattice alone (its metric), while
         * {@link #optSymprec} still bounds how far atoms may sit from their images. Not in spglib, which
         * uses symprec for both: for approximate structures whose cell is known better than their atoms
         * (atoms displaced by noise or by an imperfect relaxation, the cell fixed), a loose symprec
         * then finds the atoms' symmetry without promoting a merely near-symmetric cell. Default: symprec.
         */
        public Builder optLatticeSymprec(double latticeSymprec) {
            if (!(latticeSymprec > 0) || !Double.isFinite(latticeSymprec)) {
                throw new IllegalArgumentException(
                        "lattice symprec must be a positive number of Å, got " + latticeSymprec);
            }
            this.latticeSymprec = latticeSymprec;
            return this;
        }

        public SymmetryAnalyzer build() {
            return new SymmetryAnalyzer(this);
        }
    }

    public double symprec() {
        return symprec;
    }

    public double angleTolerance() {
        return angleTolerance;
    }

    /** The distance tolerance for the lattice's own symmetry, Å: symprec unless {@link Builder#optLatticeSymprec} set a tighter one. */
    public double latticeSymprec() {
        return Math.min(symprec, latticeSymprec);
    }

    /**
     * Analyses a structure.
     *
     * @throws IllegalArgumentException when no consistent space group is found even after shrinking
     *                                  the tolerance (spglib returns None in that case)
     */
    public SymmetryDataset analyze(Structure structure) {
        Cell cell = Cell.of(structure);
        // spglib's det_determine_all: when the space group is found but the exact structure
        // (Wyckoff positions) cannot be built, start again from a tolerance 10 % smaller; when the
        // primitive cell or the space group is not found, shrink by 5 % (at most 20 times)
        double outer = symprec;
        for (int o = 0; o < NUM_ATTEMPTS_OUTER; o++, outer *= REDUCE_RATE_OUTER) {
            double tol = outer;
            for (int attempt = 0; attempt < PrimitiveCell.NUM_ATTEMPTS; attempt++) {
                PrimitiveCell prim = PrimitiveCell.search(cell, structure, tol);
                if (prim == null) break;
                tol = Math.min(tol, prim.tolerance());
                Search found = searchAt(cell, prim, tol);
                if (found != null) {
                    SymmetryDataset d = DatasetBuilder.build(
                            structure, cell, prim, found.rots(), found.trans(), found.setting(), symprec, tol);
                    if (d != null) return d;
                    break;
                }
                tol *= PrimitiveCell.REDUCE_RATE;
            }
        }
        throw new IllegalArgumentException("no consistent space group found for "
                + (structure.id() != null
                        ? structure.id()
                        : structure.composition().formula()) + " at symprec "
                + symprec + " Å or below");
    }

    private static final int NUM_ATTEMPTS_OUTER = 10;
    private static final double REDUCE_RATE_OUTER = 0.9;

    private record Search(List<int[][]> rots, List<double[]> trans, StandardSetting setting) {}

    private Search searchAt(Cell cell, PrimitiveCell prim, double tol) {
        Cell pc = prim.cell();
        List<int[][]> rots = new ArrayList<>();
        List<double[]> trans = new ArrayList<>();
        for (int[][] w : LatticeSymmetry.find(pc.lattice, Math.min(tol, latticeSymprec), angleTolerance)) {
            List<double[]> t = pc.translations(w, tol, true);
            if (!t.isEmpty()) {
                rots.add(w);
                trans.add(t.get(0));
            }
        }
        if (!isClosed(rots)) return null;
        PointGroup pg = PointGroup.of(rots);
        if (pg == null) return null;
        int[][] axes = ConventionalAxes.find(pg, rots);
        if (axes == null) return null;
        StandardSetting m = spglibSetting(cell, pc, rots, trans, pg, axes, tol);
        return m == null ? null : new Search(rots, trans, m);
    }

    // spglib's choice of Hall setting, conventional basis and origin (HallNumberSearch), as the
    // primitive-to-conventional matrix and the origin in primitive coordinates
    private static StandardSetting spglibSetting(
            Cell cell, Cell pc, List<int[][]> rots, List<double[]> trans, PointGroup pg, int[][] axes, double tol) {
        double[][] prim = Mat3.transpose(pc.lattice);
        HallNumberSearch.Found f =
                HallNumberSearch.search(prim, Mat3.transpose(cell.lattice), rots, trans, pg, axes, tol);
        if (f == null) return null;
        f = HallNumberSearch.similar(f, pg.crystalSystem(), tol);
        int[][] p = Mat3.round(Mat3.mul(Mat3.inverse(prim), f.bravais()));
        double[] o = Mat3.mul(p, f.origin());
        return new StandardSetting(f.hall(), p, new double[] {-o[0], -o[1], -o[2]});
    }

    private static boolean isClosed(List<int[][]> rots) {
        for (int[][] a : rots) {
            for (int[][] b : rots) {
                int[][] ab = Mat3.mul(a, b);
                boolean found = false;
                for (int[][] c : rots) {
                    if (Mat3.equal(ab, c)) {
                        found = true;
                        break;
                    }
                }
                if (!found) return false;
            }
        }
        return true;
    }

    static Lattice conventional(double[][] primRows, int[][] p) {
        return new Lattice(Mat3.mul(Mat3.transpose(Mat3.toDouble(p)), primRows));
    }
}

package spinel.graph.symmetry;

/**
 * Wyckoff letters and exact positions of the sites of a primitive cell, as spglib's
 * {@code site_symmetry.c}: the sites are taken to the conventional basis of the standard setting;
 * the first site of each orbit is moved onto its exact special position by averaging over its site
 * symmetry (Grosse-Kunstleve &amp; Adams, Acta Cryst. A58, 60 (2002)), the others are its images; an
 * orbit gets the Wyckoff position whose multiplicity equals the orbit's size in the conventional
 * cell and one of whose sets holds an image of the exact position. When that fails, the tolerance is
 * raised by 5 %, at most 5 times, as spglib does. Package-private.
 */
final class WyckoffAssigner {

    private static final int NUM_ATTEMPTS = 5;
    private static final double INCREASE_RATE = 1.05;

    /**
     * @param wyckoff    per primitive site, the index of its position in {@link WyckoffPositions#of}
     * @param exact      per primitive site, its exact position in the conventional basis
     * @param equivalent per primitive site, the first primitive site of its orbit
     */
    record Result(int[] wyckoff, double[][] exact, int[] equivalent) {}

    private final int hall;
    private final int[][] rots;
    private final double[][] trans;
    private final double[][] lattice;
    private final int centrings;

    private WyckoffAssigner(int hall, double[][] convLattice) {
        this.hall = hall;
        this.rots = HallSettings.rotations(hall);
        this.trans = HallSettings.translations(hall);
        this.lattice = convLattice;
        int c = 0;
        for (int[] r : rots) if (isIdentity(r)) c++;
        this.centrings = c;
    }

    /**
     * @param pc          the primitive cell
     * @param p           primitive-to-conventional matrix (columns: conventional axes in the primitive basis)
     * @param origin      origin of the standard setting, primitive fractional coordinates
     * @param convLattice conventional lattice vectors as rows, Å
     * @return null when no consistent assignment exists at this tolerance
     */
    static Result assign(Cell pc, int[][] p, double[] origin, int hall, double[][] convLattice, double symprec) {
        WyckoffAssigner a = new WyckoffAssigner(hall, convLattice);
        double[][] pinv = Mat3.inverse(Mat3.toDouble(p));
        double[][] x = new double[pc.size()][];
        for (int i = 0; i < x.length; i++) {
            double[] d = {pc.pos[i][0] - origin[0], pc.pos[i][1] - origin[1], pc.pos[i][2] - origin[2]};
            double[] c = Mat3.mul(pinv, d);
            x[i] = new double[] {Mat3.mod1(c[0]), Mat3.mod1(c[1]), Mat3.mod1(c[2])};
        }
        double tol = symprec;
        for (int attempt = 0; attempt < NUM_ATTEMPTS; attempt++) {
            int[] equivalent = new int[x.length];
            double[][] exact = a.exactPositions(x, pc.types, equivalent, tol);
            int[] wyckoff = a.labels(exact, equivalent, symprec);
            if (wyckoff != null) return new Result(wyckoff, exact, equivalent);
            tol *= INCREASE_RATE;
        }
        return null;
    }

    private double[][] exactPositions(double[][] x, int[] types, int[] equivalent, double tol) {
        double[][] exact = new double[x.length][];
        int[] indep = new int[x.length];
        int nIndep = 0;
        for (int i = 0; i < x.length; i++) {
            double[] image = imageOfIndependent(exact, indep, nIndep, x[i], types, i, equivalent, tol);
            if (image != null) {
                exact[i] = image;
            } else {
                equivalent[i] = i;
                indep[nIndep++] = i;
                exact[i] = symmetrized(x[i], tol);
            }
        }
        return exact;
    }

    private double[] imageOfIndependent(
            double[][] exact, int[] indep, int nIndep, double[] xi, int[] types, int i, int[] equivalent, double tol) {
        double[] q = new double[3];
        for (int j = 0; j < nIndep; j++) {
            int a = indep[j];
            if (types[a] != types[i]) continue;
            for (int k = 0; k < rots.length; k++) {
                apply(k, exact[a], q);
                if (overlap(q, xi, tol)) {
                    equivalent[i] = a;
                    return new double[] {Mat3.mod1(q[0]), Mat3.mod1(q[1]), Mat3.mod1(q[2])};
                }
            }
        }
        return null;
    }

    // the special-position operator: the average of the site-symmetry operations
    private double[] symmetrized(double[] x, double tol) {
        double[][] sumRot = new double[3][3];
        double[] sumTrans = new double[3];
        double[] q = new double[3];
        int n = 0;
        for (int k = 0; k < rots.length; k++) {
            apply(k, x, q);
            if (!overlap(q, x, tol)) continue;
            int[] r = rots[k];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) sumRot[a][b] += r[3 * a + b];
                sumTrans[a] += trans[k][a] - Math.rint(q[a] - x[a]);
            }
            n++;
        }
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (sumRot[a][0] * x[0] + sumRot[a][1] * x[1] + sumRot[a][2] * x[2] + sumTrans[a]) / n;
        }
        return out;
    }

    private int[] labels(double[][] exact, int[] equivalent, double tol) {
        int[] count = new int[exact.length];
        for (int e : equivalent) count[e]++;
        int[] wyckoff = new int[exact.length];
        for (int i = 0; i < exact.length; i++) {
            if (equivalent[i] != i) continue;
            int w = letter(exact[i], count[i] * centrings, tol);
            if (w < 0) return null;
            wyckoff[i] = w;
        }
        for (int i = 0; i < exact.length; i++) wyckoff[i] = wyckoff[equivalent[i]];
        return wyckoff;
    }

    // spglib's get_Wyckoff_notation: the positions from the general one down to 'a'
    private int letter(double[] x, int refMultiplicity, double tol) {
        int n = rots.length;
        double[][] images = new double[n][3];
        for (int k = 0; k < n; k++) apply(k, x, images[k]);
        double[] proj = new double[3];
        for (int w = WyckoffPositions.count(hall) - 1; w >= 0; w--) {
            int mult = WyckoffPositions.get(hall, w).multiplicity();
            if (mult != refMultiplicity) continue;
            double[][] pr = WyckoffPositions.projection(hall, w);
            for (int j = 0; j < n; j++) {
                int siteSym = 0;
                for (int k = 0; k < n; k++) {
                    if (!overlap(images[j], images[k], tol)) continue;
                    project(pr, images[k], proj);
                    if (overlap(images[k], proj, tol)) siteSym++;
                }
                if (siteSym * mult == n) return w;
            }
        }
        return -1;
    }

    private void apply(int k, double[] x, double[] out) {
        int[] r = rots[k];
        double[] t = trans[k];
        for (int a = 0; a < 3; a++) out[a] = r[3 * a] * x[0] + r[3 * a + 1] * x[1] + r[3 * a + 2] * x[2] + t[a];
    }

    private static void project(double[][] pr, double[] x, double[] out) {
        for (int a = 0; a < 3; a++) out[a] = pr[a][0] * x[0] + pr[a][1] * x[1] + pr[a][2] * x[2] + pr[3][a];
    }

    private boolean overlap(double[] a, double[] b, double tol) {
        double[] d = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
        for (int k = 0; k < 3; k++) d[k] -= Math.rint(d[k]);
        return Mat3.cartNorm(lattice, d) < tol;
    }

    private static boolean isIdentity(int[] r) {
        return r[0] == 1 && r[4] == 1 && r[8] == 1 && r[1] == 0 && r[2] == 0 && r[3] == 0 && r[5] == 0 && r[6] == 0
                && r[7] == 0;
    }
}

package spinel.graph;

/**
 * The cell-list engine behind {@link NeighborList}: sites wrapped into the unit cell and binned
 * into a grid of parallelepiped cells aligned with the lattice, each at least {@code cutoff} / 2
 * thick (thickness measured along the plane normals, i.e. interplanar spacing / bins). A sphere of
 * radius r around a point at x_k (in bin units along axis k) touches only the bins
 * floor(x_k − r·bins/d_k) .. floor(x_k + r·bins/d_k): a few in a big cell, more when the cutoff
 * exceeds the cell.
 * Bins off the grid edge wrap around and carry the lattice translation, so no supercell is ever
 * built: memory is O(N) and the cost per site is O(neighbours within the stencil), linear in N.
 * This is correct for any lattice, however skewed, because the bound uses interplanar spacings
 * (a displacement of length r changes fractional coordinate k by at most r / d_k).
 */
final class CellList {

    /**
     * Absolute tolerance on the cutoff, Å: a neighbour at exactly the cutoff (a lattice vector of
     * length r searched with radius r) is kept whatever the rounding, as pymatgen's numerical_tol.
     */
    static final double TOLERANCE = 1e-8;

    /**
     * Bins are at least cutoff / SUBDIVISION thick: thinner bins waste less of the searched box
     * outside the sphere (with the exact per-axis range below, the box is about (2 + 1/S)·r wide
     * per axis instead of 3r) at the price of more, emptier bins.
     */
    private static final int SUBDIVISION = 2;

    /** Relative slack on the cutoff for the coarse test; the exact test is done by the caller. */
    private static final double SLACK = 1e-9;

    final double cutoff;
    private final double coarse2;
    final double[] lat; // a, b, c rows flattened
    final double[] cart; // original Cartesian positions, 3 per site
    final int n;
    private final int nb0, nb1, nb2;
    private final double reach0, reach1, reach2; // search radius in bin units along each axis
    private final int[] binStart;
    private final int[] binSite;
    private final double[] bpos; // wrapped Cartesian, bin order
    private final int[] bshift; // floor of the fractional coordinates, bin order
    private final double[] sitePos; // wrapped fractional coordinates × bins (position in bin units), per site
    private final int[] siteSlot; // position of each site in bin order
    private final int[] siteBin;

    /**
     * @param lattice the lattice
     * @param frac    fractional coordinates, 3 per site (any values: they are wrapped here)
     * @param cutoff  search radius, Å
     */
    CellList(Lattice lattice, double[] frac, double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be a positive finite distance in Å, got " + cutoff);
        }
        this.cutoff = cutoff;
        double c2 = (cutoff + TOLERANCE) * (1 + SLACK);
        this.coarse2 = c2 * c2;
        this.n = frac.length / 3;
        lat = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) lat[3 * i + j] = lattice.get(i, j);
        double[] d = lattice.interplanarSpacings();
        int[] nb = new int[3];
        for (int k = 0; k < 3; k++)
            nb[k] = (int) Math.max(1, Math.min(1 << 20, Math.floor(SUBDIVISION * d[k] / cutoff)));
        // never more bins than ~2 per site: a huge sparse cell must not cost memory for empty bins
        long maxBins = Math.max(8, 2L * n);
        while ((long) nb[0] * nb[1] * nb[2] > maxBins) {
            int k = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : nb[1] >= nb[2] ? 1 : 2;
            nb[k] = Math.max(1, nb[k] / 2);
        }
        nb0 = nb[0];
        nb1 = nb[1];
        nb2 = nb[2];
        for (int k = 0; k < 3; k++) checkRange(cutoff, nb[k], d[k]);
        double c = (cutoff + TOLERANCE) * (1 + SLACK);
        reach0 = c * nb0 / d[0];
        reach1 = c * nb1 / d[1];
        reach2 = c * nb2 / d[2];

        cart = new double[3 * n];
        double[] wpos = new double[3 * n];
        int[] shift = new int[3 * n];
        siteBin = new int[n];
        sitePos = new double[3 * n];
        int nbins = nb0 * nb1 * nb2;
        binStart = new int[nbins + 1];
        for (int i = 0; i < n; i++) {
            double[] w = new double[3];
            int[] b = new int[3];
            for (int k = 0; k < 3; k++) {
                double f = frac[3 * i + k];
                if (!Double.isFinite(f)) {
                    throw new IllegalArgumentException("site " + i + " has a non-finite fractional coordinate " + f);
                }
                double fl = Math.floor(f);
                double wk = f - fl;
                if (wk >= 1.0) { // f = -tiny rounds to 1.0
                    wk = 0.0;
                    fl += 1;
                }
                if (Math.abs(fl) > 1e6) {
                    throw new IllegalArgumentException("site " + i + " lies " + fl + " cells away from the origin");
                }
                w[k] = wk;
                shift[3 * i + k] = (int) fl;
                sitePos[3 * i + k] = wk * nb[k];
                b[k] = (int) (wk * nb[k]);
                if (b[k] >= nb[k]) b[k] = nb[k] - 1;
            }
            for (int j = 0; j < 3; j++) {
                cart[3 * i + j] = frac[3 * i] * lat[j] + frac[3 * i + 1] * lat[3 + j] + frac[3 * i + 2] * lat[6 + j];
                wpos[3 * i + j] = w[0] * lat[j] + w[1] * lat[3 + j] + w[2] * lat[6 + j];
            }
            siteBin[i] = (b[0] * nb1 + b[1]) * nb2 + b[2];
            binStart[siteBin[i] + 1]++;
        }
        for (int b = 0; b < nbins; b++) binStart[b + 1] += binStart[b];
        int[] fill = new int[nbins];
        binSite = new int[n];
        bpos = new double[3 * n];
        bshift = new int[3 * n];
        siteSlot = new int[n];
        for (int i = 0; i < n; i++) {
            int b = siteBin[i];
            int s = binStart[b] + fill[b]++;
            binSite[s] = i;
            siteSlot[i] = s;
            System.arraycopy(wpos, 3 * i, bpos, 3 * s, 3);
            System.arraycopy(shift, 3 * i, bshift, 3 * s, 3);
        }
    }

    private static void checkRange(double cutoff, int nb, double spacing) {
        long r = (long) Math.ceil((cutoff + TOLERANCE) * (1 + SLACK) * nb / spacing);
        if (r > 5000) {
            throw new IllegalArgumentException(String.format(
                    "cutoff %.3f Å spans %d cells along one axis (interplanar spacing %.3g Å): the cell is degenerate",
                    cutoff, r, spacing));
        }
    }

    /**
     * Appends to {@code buf} every periodic image (j, n) with |r_j + n·L − r_i| ≤ cutoff + tolerance (up to
     * rounding slack; the buffer's exact test follows), except site i itself at n = 0. Order is the
     * bin traversal order, not sorted.
     */
    void query(int i, NeighborBuffer buf) {
        int slot = siteSlot[i];
        double px = bpos[3 * slot], py = bpos[3 * slot + 1], pz = bpos[3 * slot + 2];
        int s0 = bshift[3 * slot], s1 = bshift[3 * slot + 1], s2 = bshift[3 * slot + 2];
        // exact per-axis bin range: a neighbour's fractional coordinate k lies within ±cutoff/d_k
        // of the site's, so its (unwrapped) bin index lies in [floor(x - reach), floor(x + reach)]
        double x0 = sitePos[3 * i], x1 = sitePos[3 * i + 1], x2 = sitePos[3 * i + 2];
        int lo0 = (int) Math.floor(x0 - reach0), hi0 = (int) Math.floor(x0 + reach0);
        int lo1 = (int) Math.floor(x1 - reach1), hi1 = (int) Math.floor(x1 + reach1);
        int lo2 = (int) Math.floor(x2 - reach2), hi2 = (int) Math.floor(x2 + reach2);
        final double[] L = lat;
        for (int t0 = lo0; t0 <= hi0; t0++) {
            int c0 = Math.floorMod(t0, nb0);
            int S0 = Math.floorDiv(t0, nb0);
            for (int t1 = lo1; t1 <= hi1; t1++) {
                int c1 = Math.floorMod(t1, nb1);
                int S1 = Math.floorDiv(t1, nb1);
                for (int t2 = lo2; t2 <= hi2; t2++) {
                    int c2 = Math.floorMod(t2, nb2);
                    int S2 = Math.floorDiv(t2, nb2);
                    double ox = S0 * L[0] + S1 * L[3] + S2 * L[6] - px;
                    double oy = S0 * L[1] + S1 * L[4] + S2 * L[7] - py;
                    double oz = S0 * L[2] + S1 * L[5] + S2 * L[8] - pz;
                    int bin = (c0 * nb1 + c1) * nb2 + c2;
                    int end = binStart[bin + 1];
                    for (int s = binStart[bin]; s < end; s++) {
                        double dx = bpos[3 * s] + ox;
                        double dy = bpos[3 * s + 1] + oy;
                        double dz = bpos[3 * s + 2] + oz;
                        if (dx * dx + dy * dy + dz * dz <= coarse2) {
                            int j = binSite[s];
                            int n0 = S0 - bshift[3 * s] + s0;
                            int n1 = S1 - bshift[3 * s + 1] + s1;
                            int n2 = S2 - bshift[3 * s + 2] + s2;
                            if (j == i && n0 == 0 && n1 == 0 && n2 == 0) continue;
                            buf.add(j, n0, n1, n2);
                        }
                    }
                }
            }
        }
    }

    /** Exact displacement r_j + n·L − r_i from the original coordinates, into {@code out}. */
    void vector(int i, int j, int n0, int n1, int n2, double[] out) {
        final double[] L = lat;
        for (int k = 0; k < 3; k++) {
            out[k] = (cart[3 * j + k] + (n0 * L[k] + n1 * L[3 + k] + n2 * L[6 + k])) - cart[3 * i + k];
        }
    }

    /** Exact distance |r_j + n·L − r_i|, Å. */
    double distance(int i, int j, int n0, int n1, int n2) {
        final double[] L = lat;
        double dx = (cart[3 * j] + (n0 * L[0] + n1 * L[3] + n2 * L[6])) - cart[3 * i];
        double dy = (cart[3 * j + 1] + (n0 * L[1] + n1 * L[4] + n2 * L[7])) - cart[3 * i + 1];
        double dz = (cart[3 * j + 2] + (n0 * L[2] + n1 * L[5] + n2 * L[8])) - cart[3 * i + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    static double[] flatFrac(Structure s) {
        double[] f = new double[3 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            Site site = s.site(i);
            f[3 * i] = site.frac(0);
            f[3 * i + 1] = site.frac(1);
            f[3 * i + 2] = site.frac(2);
        }
        return f;
    }
}

package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spinel.graph.Lattice;
import spinel.graph.Species;

/**
 * The core of the {@link StructureMatcher}, pymatgen's {@code _strict_match}: matches the sites of
 * one prepared cell onto those of another (which, after the supercell is built, holds as many
 * sites), over every lattice mapping and every translation of the rarest species, and scores a
 * match by the distances of the paired sites (pymatgen's {@code _cart_dists}).
 */
final class SiteAligner {

    /** A match: its score (largest or RMS normalised distance) and the normalised distance of each site. */
    record Match(double value, double[] distances) {}

    private static final double FAR = 1e20;

    private final double ltol;
    private final double stol;
    private final double angleTol;
    private final SiteComparator comparator;

    SiteAligner(double ltol, double stol, double angleTol, SiteComparator comparator) {
        this.ltol = ltol;
        this.stol = stol;
        this.angleTol = angleTol;
        this.comparator = comparator;
    }

    /**
     * Matches {@code s2} onto {@code s1}.
     *
     * @param fu          the supercell size
     * @param s1Supercell whether the supercell is built of {@code s1} (else of {@code s2})
     * @param useRms      score by the RMS distance (else by the largest)
     * @param breakOnMatch stop at the first match below stol
     * @return the best match below stol, or null
     */
    Match strictMatch(MatchCell s1, MatchCell s2, int fu, boolean s1Supercell, boolean useRms, boolean breakOnMatch) {
        int[][] kinds = kinds(s1, s2);
        int[] cols = expand(kinds[0], s1Supercell ? fu : 1);
        int[] rows = expand(kinds[1], s1Supercell ? 1 : fu);
        if (rows.length != cols.length || !sameCounts(rows, cols)) return null;
        int anchor = rarestRow(rows, cols);
        List<Integer> origins = new ArrayList<>();
        for (int j = 0, seen = 0; j < cols.length; j++) {
            if (cols[j] == rows[anchor] && (seen++ % (s1Supercell ? fu : 1)) == 0) origins.add(j);
        }
        MatchCell big = s1Supercell ? s1 : s2, target = s1Supercell ? s2 : s1;
        Match[] best = {null};
        LatticeMapper.forEachMapping(big.lattice, target.lattice, ltol, angleTol, fu, m -> {
            double[][] expanded = supercellCoords(big.frac, m.scale());
            double[][] s1fc = s1Supercell ? expanded : s1.frac;
            double[][] s2fc = s1Supercell ? s2.frac : expanded;
            double[][] avg = averageLattice(m.basis(), target.lattice);
            double norm = Math.cbrt(s1fc.length / Math.abs(Mat3.det(avg)));
            double[] fracTol = fractionalTolerance(avg, norm);
            for (int origin : origins) {
                double[] t = new double[3];
                for (int k = 0; k < 3; k++) t[k] = s1fc[origin][k] - s2fc[anchor][k];
                double[][] moved = new double[s2fc.length][3];
                for (int i = 0; i < moved.length; i++) for (int k = 0; k < 3; k++) moved[i][k] = s2fc[i][k] + t[k];
                if (!isSubset(moved, s1fc, fracTol, rows, cols)) continue;
                double[] dist = cartesianDistances(s1fc, moved, avg, rows, cols, norm);
                double val = useRms ? rms(dist) : max(dist);
                if (best[0] == null || val < best[0].value()) {
                    best[0] = new Match(val, dist);
                    if ((breakOnMatch || val < 1e-5) && val < stol) return true;
                }
            }
            return false;
        });
        return best[0] != null && best[0].value() < stol ? best[0] : null;
    }

    // species kinds under the comparator: [0] for s1's sites, [1] for s2's
    private int[][] kinds(MatchCell s1, MatchCell s2) {
        List<Map<Species, Double>> reps = new ArrayList<>();
        return new int[][] {kindsOf(s1, reps), kindsOf(s2, reps)};
    }

    private int[] kindsOf(MatchCell c, List<Map<Species, Double>> reps) {
        int[] k = new int[c.size()];
        for (int i = 0; i < k.length; i++) {
            Map<Species, Double> sp = c.species.get(i);
            int found = -1;
            for (int r = 0; r < reps.size() && found < 0; r++) if (comparator.areEqual(reps.get(r), sp)) found = r;
            if (found < 0) {
                reps.add(sp);
                found = reps.size() - 1;
            }
            k[i] = found;
        }
        return k;
    }

    // each site repeated fu times in a row (pymatgen orders supercell sites aabbcc)
    private static int[] expand(int[] kinds, int fu) {
        int[] out = new int[kinds.length * fu];
        for (int i = 0; i < out.length; i++) out[i] = kinds[i / fu];
        return out;
    }

    private static boolean sameCounts(int[] rows, int[] cols) {
        int max = 0;
        for (int k : rows) max = Math.max(max, k);
        for (int k : cols) max = Math.max(max, k);
        int[] count = new int[max + 1];
        for (int k : rows) count[k]++;
        for (int k : cols) count[k]--;
        for (int c : count) if (c != 0) return false;
        return true;
    }

    // the first row with the fewest allowed partners (pymatgen: argmax of the masked count)
    private static int rarestRow(int[] rows, int[] cols) {
        int best = -1, bestCount = Integer.MAX_VALUE;
        for (int i = 0; i < rows.length; i++) {
            int c = 0;
            for (int col : cols) if (col == rows[i]) c++;
            if (c < bestCount) {
                bestCount = c;
                best = i;
            }
        }
        return best;
    }

    // fractional coordinates of the sites in the supercell S (rows S · lattice), wrapped, aabbcc order
    private static double[][] supercellCoords(double[][] frac, int[][] s) {
        double[][] inv = Mat3.inverse(Mat3.toDouble(s));
        double[][] points = LatticeMapper.latticePointsInSupercell(s);
        double[][] out = new double[frac.length * points.length][];
        for (int i = 0; i < frac.length; i++) {
            double[] f = MatchGeometry.times(frac[i], inv);
            for (int p = 0; p < points.length; p++) {
                out[i * points.length + p] =
                        MatchCell.wrap(new double[] {f[0] + points[p][0], f[1] + points[p][1], f[2] + points[p][2]});
            }
        }
        return out;
    }

    private static double[][] averageLattice(double[][] a, double[][] b) {
        double[] pa = MatchGeometry.parameters(a), pb = MatchGeometry.parameters(b);
        double[] p = new double[6];
        for (int i = 0; i < 6; i++) p[i] = (pa[i] + pb[i]) / 2;
        return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]).matrix();
    }

    // pymatgen: reciprocal_lattice.abc · stol / (π · normalization) = 2 stol / (d_hkl · normalization)
    private double[] fractionalTolerance(double[][] lattice, double norm) {
        double[] d = MatchGeometry.planeSpacings(lattice);
        return new double[] {2 * stol / (d[0] * norm), 2 * stol / (d[1] * norm), 2 * stol / (d[2] * norm)};
    }

    // every site of sub has a partner of its kind in sup within tol along each axis (pymatgen's is_coord_subset_pbc)
    private static boolean isSubset(double[][] sub, double[][] sup, double[] tol, int[] rows, int[] cols) {
        for (int i = 0; i < sub.length; i++) {
            boolean ok = false;
            for (int j = 0; j < sup.length && !ok; j++) {
                if (rows[i] != cols[j]) continue;
                ok = true;
                for (int k = 0; k < 3 && ok; k++) {
                    double d = sub[i][k] - sup[j][k];
                    if (Math.abs(d - Math.rint(d)) > tol[k]) ok = false;
                }
            }
            if (!ok) return false;
        }
        return true;
    }

    /**
     * pymatgen's {@code _cart_dists}: shortest periodic vectors from each site of s2 to each site
     * of s1 of its kind (on the LLL basis of the averaged lattice, pairs further apart than the
     * fractional tolerance left out), the minimum-cost pairing of squared distances, and each paired
     * distance after removing the mean displacement, times normalization (N / V)^(1/3).
     */
    private double[] cartesianDistances(
            double[][] s1fc, double[][] s2fc, double[][] lattice, int[] rows, int[] cols, double norm) {
        LllReduction lll = LllReduction.of(lattice);
        double[][] basis = lll.basis();
        double[][] toLll = Mat3.inverse(Mat3.toDouble(lll.mapping()));
        double[] lllTol = fractionalTolerance(basis, norm);
        double[][] f1 = transform(s2fc, toLll), f2 = transform(s1fc, toLll);
        double[][] c1 = wrappedCartesian(f1, basis), c2 = wrappedCartesian(f2, basis);
        double[][] images = images(basis);
        int n = f1.length, m = f2.length;
        double[][] d2 = new double[n][m];
        int[][] image = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (rows[i] != cols[j] || !within(f1[i], f2[j], lllTol)) {
                    d2[i][j] = FAR;
                    image[i][j] = -1;
                    continue;
                }
                double x0 = c2[j][0] - c1[i][0], y0 = c2[j][1] - c1[i][1], z0 = c2[j][2] - c1[i][2];
                double best = Double.MAX_VALUE;
                for (int k = 0; k < images.length; k++) {
                    double x = x0 + images[k][0], y = y0 + images[k][1], z = z0 + images[k][2];
                    double d = x * x + y * y + z * z;
                    if (d < best) {
                        best = d;
                        image[i][j] = k;
                    }
                }
                d2[i][j] = best;
            }
        }
        int[] s = LinearAssignment.solve(d2);
        double[][] vec = new double[n][];
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            int j = s[i], k = image[i][j];
            vec[i] = k < 0
                    ? new double[] {FAR, FAR, FAR}
                    : new double[] {
                        c2[j][0] - c1[i][0] + images[k][0],
                        c2[j][1] - c1[i][1] + images[k][1],
                        c2[j][2] - c1[i][2] + images[k][2]
                    };
            for (int c = 0; c < 3; c++) mean[c] += vec[i][c] / n;
        }
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            double x = vec[i][0] - mean[0], y = vec[i][1] - mean[1], z = vec[i][2] - mean[2];
            dist[i] = Math.sqrt(x * x + y * y + z * z) * norm;
        }
        return dist;
    }

    private static boolean within(double[] a, double[] b, double[] tol) {
        for (int k = 0; k < 3; k++) {
            double d = b[k] - a[k];
            if (Math.abs(d - Math.rint(d)) > tol[k]) return false;
        }
        return true;
    }

    private static double[][] transform(double[][] f, double[][] m) {
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) out[i] = MatchGeometry.times(f[i], m);
        return out;
    }

    private static double[][] wrappedCartesian(double[][] f, double[][] basis) {
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            double[] w = {f[i][0] - Math.floor(f[i][0]), f[i][1] - Math.floor(f[i][1]), f[i][2] - Math.floor(f[i][2])};
            out[i] = MatchGeometry.times(w, basis);
        }
        return out;
    }

    private static double[][] images(double[][] basis) {
        double[][] out = new double[27][];
        int k = 0;
        for (int a = -1; a <= 1; a++)
            for (int b = -1; b <= 1; b++)
                for (int c = -1; c <= 1; c++) out[k++] = MatchGeometry.times(new double[] {a, b, c}, basis);
        return out;
    }

    private static double max(double[] d) {
        double m = 0;
        for (double x : d) m = Math.max(m, x);
        return m;
    }

    private static double rms(double[] d) {
        double s = 0;
        for (double x : d) s += x * x;
        return Math.sqrt(s / d.length);
    }
}

package spinel.descriptors;

import java.util.Arrays;

/**
 * Steinhardt bond-order parameters (Steinhardt, Nelson &amp; Ronchetti, Phys. Rev. B 28, 784 (1983)):
 * for each atom i with neighbours j (bond weights w_ij, 1 by default),
 * <pre>
 *   q_lm(i) = Σ_j w_ij Y_l^m(r̂_ij) / Σ_j w_ij
 *   q_l(i)  = sqrt( 4π/(2l+1) Σ_m |q_lm(i)|² )
 *   w_l(i)  = Σ_{m1+m2+m3=0} (l l l; m1 m2 m3) q_lm1 q_lm2 q_lm3
 *   ŵ_l(i)  = w_l(i) / (Σ_m |q_lm(i)|²)^{3/2}
 * </pre>
 * and, optionally, the averaged parameters of Lechner &amp; Dellago, J. Chem. Phys. 129, 114707
 * (2008), eq. 6: q̄_lm(i) = (q_lm(i) + Σ_{k ∈ N(i)} q_lm(k)) / (N(i) + 1), from which q̄_l, w̄_l and
 * ŵ̄_l follow as above. With weights equal to the Voronoi facet solid angles over 4π this is the
 * Mickel et al. (J. Chem. Phys. 138, 044501 (2013)) variant.
 *
 * <p>The spherical harmonics come from {@link SphericalHarmonics} (stable recurrences), the 3j
 * symbols from {@link Wigner3j} (exact, cached). Atoms with no neighbours give NaN, and ŵ_l is NaN
 * where q_l vanishes (below about 1e-10, e.g. l = 2 on a cubic shell) since it is then 0/0. Build with
 * {@link #builder()}; instances are immutable and thread-safe.
 */
public final class Steinhardt {

    /** Σ_m |q_lm|² below which q_l is zero up to rounding (q_l below about 1e-10). */
    private static final double DEGENERATE = 1e-20;

    private final int[] degrees;
    private final int lmax;
    private final boolean thirdOrder;
    private final boolean averaged;

    private Steinhardt(Builder b) {
        degrees = b.degrees.clone();
        lmax = Arrays.stream(degrees).max().orElseThrow();
        thirdOrder = b.thirdOrder;
        averaged = b.averaged;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The degrees l computed. */
    public int[] degrees() {
        return degrees.clone();
    }

    /** Computes the bond-order parameters of every atom of {@code nb}. */
    public BondOrder compute(Neighborhoods nb) {
        int n = nb.size();
        int nl = degrees.length;
        double[][] q = new double[nl][n];
        double[][] w = thirdOrder ? new double[nl][n] : null;
        double[][] wHat = thirdOrder ? new double[nl][n] : null;
        // q_lm of every atom, kept only when averaging needs them: [atom][l-slot][m]
        int[] off = new int[nl + 1];
        for (int a = 0; a < nl; a++) off[a + 1] = off[a] + degrees[a] + 1;
        double[][] keepRe = averaged ? new double[n][] : null;
        double[][] keepIm = averaged ? new double[n][] : null;

        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        int size = SphericalHarmonics.size(lmax);
        double[] accRe = new double[size], accIm = new double[size];
        double[] qre = new double[off[nl]], qim = new double[off[nl]];
        for (int i = 0; i < n; i++) {
            Arrays.fill(accRe, 0);
            Arrays.fill(accIm, 0);
            double[] v = nb.flat(i);
            double[] wt = nb.weightsOf(i);
            int k = nb.count(i);
            double wsum = 0;
            for (int j = 0; j < k; j++) {
                double wj = wt == null ? 1.0 : wt[j];
                wsum += wj;
                sh.accumulate(v[3 * j], v[3 * j + 1], v[3 * j + 2], wj, accRe, accIm);
            }
            double inv = 1.0 / wsum; // k == 0 gives NaN downstream, as documented
            for (int a = 0; a < nl; a++) {
                int l = degrees[a];
                int base = SphericalHarmonics.index(l, 0);
                for (int m = 0; m <= l; m++) {
                    qre[off[a] + m] = accRe[base + m] * inv;
                    qim[off[a] + m] = accIm[base + m] * inv;
                }
            }
            if (k == 0) {
                Arrays.fill(qre, Double.NaN);
                Arrays.fill(qim, Double.NaN);
            }
            invariants(qre, qim, off, i, q, w, wHat);
            if (averaged) {
                keepRe[i] = qre.clone();
                keepIm[i] = qim.clone();
            }
        }
        if (!averaged) return new BondOrder(degrees, q, w, wHat, null, null, null);

        double[][] qBar = new double[nl][n];
        double[][] wBar = thirdOrder ? new double[nl][n] : null;
        double[][] wHatBar = thirdOrder ? new double[nl][n] : null;
        for (int i = 0; i < n; i++) {
            System.arraycopy(keepRe[i], 0, qre, 0, qre.length);
            System.arraycopy(keepIm[i], 0, qim, 0, qim.length);
            int k = nb.count(i);
            for (int j = 0; j < k; j++) {
                int nbr = nb.index(i, j);
                double[] r = keepRe[nbr], s = keepIm[nbr];
                for (int t = 0; t < qre.length; t++) {
                    qre[t] += r[t];
                    qim[t] += s[t];
                }
            }
            double inv = 1.0 / (k + 1);
            for (int t = 0; t < qre.length; t++) {
                qre[t] *= inv;
                qim[t] *= inv;
            }
            invariants(qre, qim, off, i, qBar, wBar, wHatBar);
        }
        return new BondOrder(degrees, q, w, wHat, qBar, wBar, wHatBar);
    }

    /** q_l, w_l and ŵ_l of one atom from its q_lm (m ≥ 0). */
    private void invariants(double[] qre, double[] qim, int[] off, int i, double[][] q, double[][] w, double[][] wHat) {
        for (int a = 0; a < degrees.length; a++) {
            int l = degrees[a];
            int o = off[a];
            double s = qre[o] * qre[o] + qim[o] * qim[o];
            for (int m = 1; m <= l; m++) s += 2 * (qre[o + m] * qre[o + m] + qim[o + m] * qim[o + m]);
            q[a][i] = Math.sqrt(4 * Math.PI / (2 * l + 1) * s);
            if (w != null) {
                double wl = thirdOrder(l, qre, qim, o);
                w[a][i] = wl;
                // ŵ_l is 0/0 where q_l vanishes by symmetry (q2 of any cubic shell): undefined, NaN
                wHat[a][i] = s < DEGENERATE ? Double.NaN : wl / Math.pow(s, 1.5);
            }
        }
    }

    /** Σ (l l l; m1 m2 m3) q_m1 q_m2 q_m3 over m1 + m2 + m3 = 0, using q_{-m} = (-1)^m conj(q_m). */
    private static double thirdOrder(int l, double[] qre, double[] qim, int o) {
        double[][] t = Wigner3j.table(l);
        double sum = 0;
        for (int m1 = -l; m1 <= l; m1++) {
            double ar = re(qre, o, m1), ai = im(qim, o, m1);
            int lo = Math.max(-l, -l - m1), hi = Math.min(l, l - m1);
            double[] row = t[m1 + l];
            for (int m2 = lo; m2 <= hi; m2++) {
                int m3 = -m1 - m2;
                double br = re(qre, o, m2), bi = im(qim, o, m2);
                double cr = re(qre, o, m3), ci = im(qim, o, m3);
                double abr = ar * br - ai * bi, abi = ar * bi + ai * br;
                sum += row[m2 + l] * (abr * cr - abi * ci);
            }
        }
        return sum;
    }

    private static double re(double[] qre, int o, int m) {
        double v = qre[o + Math.abs(m)];
        return m < 0 && (m & 1) != 0 ? -v : v;
    }

    private static double im(double[] qim, int o, int m) {
        double v = qim[o + Math.abs(m)];
        return m < 0 ? ((m & 1) != 0 ? v : -v) : v;
    }

    /** Options of {@link Steinhardt}. */
    public static final class Builder {
        private int[] degrees = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        private boolean thirdOrder = true;
        private boolean averaged = false;

        /** The degrees l to compute (default 2..12); each in 0..100. */
        public Builder setDegrees(int... l) {
            if (l.length == 0) throw new IllegalArgumentException("at least one degree l is needed");
            for (int x : l)
                if (x < 0 || x > 100) throw new IllegalArgumentException("degree l must be in 0..100, got " + x);
            degrees = l.clone();
            return this;
        }

        /** Whether to compute the third-order invariants w_l and ŵ_l (default true). */
        public Builder optThirdOrder(boolean on) {
            thirdOrder = on;
            return this;
        }

        /** Whether to compute the Lechner–Dellago averaged parameters too (default false). */
        public Builder optAveraged(boolean on) {
            averaged = on;
            return this;
        }

        public Steinhardt build() {
            return new Steinhardt(this);
        }
    }
}

package spinel.descriptors;

/**
 * Complex spherical harmonics Y_l^m(θ, φ) for m = 0..l and every l up to a maximum degree, with the
 * Condon–Shortley phase and the orthonormal normalisation ∫|Y_l^m|² dΩ = 1 (the convention of
 * Steinhardt, Nelson & Ronchetti, Phys. Rev. B 28, 784 (1983), and of scipy's {@code sph_harm}).
 * Negative orders follow from Y_l^{-m} = (-1)^m conj(Y_l^m).
 *
 * <p>No factorials and no trigonometric functions: with z = cos θ and x + iy = sin θ e^{iφ},
 * Y_l^m = Q_l^m(z) (x + iy)^m where Q_l^m = P̄_l^m / sin^m θ is a polynomial in z, obtained from the
 * stable three-term recurrences of the fully normalised associated Legendre functions
 * (Holmes &amp; Featherstone, J. Geodesy 76, 279 (2002), eqs. 11–13 with the sin^m θ factor taken
 * out). Relative accuracy is about 1e-15 for l ≤ 12 and stays well below 1e-12 up to l ≈ 100;
 * the direction need not be normalised (it is scaled here) and the poles need no special case.
 *
 * <p>An instance holds its recurrence coefficients and output buffers, so it is not thread-safe;
 * use one per thread. Results are stored at index {@link #index(int, int) index(l, m)} =
 * l(l+1)/2 + m of {@link #re()} and {@link #im()}.
 */
public final class SphericalHarmonics {

    private final int lmax;
    private final double[] a; // a_lm of the l-recurrence
    private final double[] b; // b_lm of the l-recurrence
    private final double[] diag; // -sqrt((2m+1)/(2m)), Q_m^m from Q_{m-1}^{m-1}
    private final double[] sub; // sqrt(2m+3), Q_{m+1}^m from Q_m^m
    private final double[] re;
    private final double[] im;
    private final double[] cm;
    private final double[] sm;

    /** Harmonics for every degree 0..lmax. */
    public SphericalHarmonics(int lmax) {
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0, got " + lmax);
        this.lmax = lmax;
        int n = size(lmax);
        a = new double[n];
        b = new double[n];
        for (int l = 2; l <= lmax; l++) {
            for (int m = 0; m <= l - 2; m++) {
                double l2 = (double) l * l, m2 = (double) m * m, lm1 = l - 1;
                a[index(l, m)] = Math.sqrt((4 * l2 - 1) / (l2 - m2));
                b[index(l, m)] = Math.sqrt((lm1 * lm1 - m2) / (4 * lm1 * lm1 - 1));
            }
        }
        diag = new double[lmax + 1];
        sub = new double[lmax + 1];
        for (int m = 1; m <= lmax; m++) diag[m] = -Math.sqrt((2.0 * m + 1) / (2.0 * m));
        for (int m = 0; m <= lmax; m++) sub[m] = Math.sqrt(2.0 * m + 3);
        re = new double[n];
        im = new double[n];
        cm = new double[lmax + 1];
        sm = new double[lmax + 1];
    }

    /** Number of (l, m ≥ 0) pairs for degrees 0..lmax. */
    public static int size(int lmax) {
        return (lmax + 1) * (lmax + 2) / 2;
    }

    /** Storage index of (l, m), 0 ≤ m ≤ l. */
    public static int index(int l, int m) {
        return l * (l + 1) / 2 + m;
    }

    public int lmax() {
        return lmax;
    }

    /**
     * Evaluates Y_l^m for the direction (x, y, z) (any non-zero length) into {@link #re()} and
     * {@link #im()}; returns this.
     */
    public SphericalHarmonics compute(double x, double y, double z) {
        double r = norm(x, y, z);
        legendre(z / r);
        azimuth(x / r, y / r, 1);
        for (int l = 0; l <= lmax; l++) {
            int base = index(l, 0);
            for (int m = 0; m <= l; m++) {
                double q = re[base + m];
                re[base + m] = q * cm[m];
                im[base + m] = q * sm[m];
            }
        }
        return this;
    }

    /**
     * Adds {@code weight} · Y_l^m(x, y, z) for every (l, m ≥ 0) to {@code accRe}/{@code accIm}
     * (indexed by {@link #index(int, int)}), without storing the harmonics: the inner loop of the
     * bond-order sums. Overwrites the {@link #re()} buffer with the Legendre factors.
     */
    public void accumulate(double x, double y, double z, double weight, double[] accRe, double[] accIm) {
        double r = norm(x, y, z);
        legendre(z / r);
        azimuth(x / r, y / r, weight);
        double[] q = re;
        for (int l = 0; l <= lmax; l++) {
            int base = index(l, 0);
            for (int m = 0; m <= l; m++) {
                double f = q[base + m];
                accRe[base + m] += f * cm[m];
                accIm[base + m] += f * sm[m];
            }
        }
    }

    private static double norm(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException(
                    "direction must be finite and non-zero, got (" + x + ", " + y + ", " + z + ")");
        }
        return r;
    }

    // normalised associated Legendre factors Q_l^m(z), m >= 0, into re[], by the stable recurrences
    private void legendre(double z) {
        double[] q = re, a = this.a, b = this.b;
        q[0] = 0.28209479177387814; // 1 / sqrt(4π)
        for (int m = 1; m <= lmax; m++) q[index(m, m)] = diag[m] * q[index(m - 1, m - 1)];
        for (int m = 0; m < lmax; m++) q[index(m + 1, m)] = sub[m] * z * q[index(m, m)];
        for (int l = 2; l <= lmax; l++) {
            int base = index(l, 0), base1 = index(l - 1, 0), base2 = index(l - 2, 0);
            for (int m = 0; m <= l - 2; m++) {
                q[base + m] = a[base + m] * (z * q[base1 + m] - b[base + m] * q[base2 + m]);
            }
        }
    }

    // scale · (x + iy)^m into cm[] + i sm[], for the unit direction's x, y
    private void azimuth(double x, double y, double scale) {
        cm[0] = scale;
        sm[0] = 0;
        for (int m = 1; m <= lmax; m++) {
            cm[m] = cm[m - 1] * x - sm[m - 1] * y;
            sm[m] = cm[m - 1] * y + sm[m - 1] * x;
        }
    }

    /** Real parts from the last {@link #compute}, indexed by {@link #index(int, int)} (live buffer). */
    public double[] re() {
        return re;
    }

    /** Imaginary parts from the last {@link #compute} (live buffer). */
    public double[] im() {
        return im;
    }

    /** Real part of Y_l^m, any -l ≤ m ≤ l, from the last {@link #compute}. */
    public double re(int l, int m) {
        double v = re[index(l, Math.abs(m))];
        return m < 0 && (m & 1) != 0 ? -v : v;
    }

    /** Imaginary part of Y_l^m, any -l ≤ m ≤ l, from the last {@link #compute}. */
    public double im(int l, int m) {
        double v = im[index(l, Math.abs(m))];
        // Y_l^{-m} = (-1)^m conj(Y_l^m)
        return m < 0 ? ((m & 1) != 0 ? v : -v) : v;
    }
}

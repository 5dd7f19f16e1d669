package spinel.graph;

/**
 * CGCNN's bond featurizer: a distance d (Å) expanded on Gaussians centred at μ_k = dmin + k·step,
 * f_k = exp(−(d − μ_k)² / var²), as {@code cgcnn/data.py}'s {@code GaussianDistance} (Xie &amp;
 * Grossman, PRL 120, 145301 (2018), eq. S1 — note the reference divides by var², not 2σ²).
 *
 * <p>The centres are NumPy's {@code np.arange(dmin, dmax + step, step)}: their number is
 * ceil((dmax + step − dmin) / step) and each is computed as dmin + k·step in double precision, so
 * that the features equal the reference's to float32 rounding. The defaults (0, 8, 0.2, var 0.2)
 * give 41 features. Immutable.
 */
public final class GaussianDistance implements BondFeaturizer {

    private final double dmin;
    private final double dmax;
    private final double step;
    private final double var;
    private final double[] centers;

    /** CGCNN's defaults: centres 0..8 Å step 0.2 Å, width 0.2 Å (41 features). */
    public GaussianDistance() {
        this(0.0, 8.0, 0.2, 0.2);
    }

    /** Centres dmin..dmax (Å) every {@code step} Å, width {@code var} = step. */
    public GaussianDistance(double dmin, double dmax, double step) {
        this(dmin, dmax, step, step);
    }

    /**
     * @param dmin first centre, Å
     * @param dmax last centre, Å (included, as the reference's arange up to dmax + step)
     * @param step spacing of the centres, Å
     * @param var  width, Å (the reference's {@code var})
     */
    public GaussianDistance(double dmin, double dmax, double step, double var) {
        if (!(dmin < dmax)) throw new IllegalArgumentException("dmin must be below dmax, got " + dmin + " and " + dmax);
        if (!(step > 0) || !(dmax - dmin > step)) {
            throw new IllegalArgumentException("step must be positive and smaller than dmax - dmin, got " + step);
        }
        if (!(var > 0)) throw new IllegalArgumentException("var must be positive, got " + var);
        this.dmin = dmin;
        this.dmax = dmax;
        this.step = step;
        this.var = var;
        int n = (int) Math.ceil((dmax + step - dmin) / step);
        centers = new double[n];
        for (int k = 0; k < n; k++) centers[k] = dmin + k * step;
    }

    @Override
    public int length() {
        return centers.length;
    }

    /** The Gaussian centres μ_k, Å (a copy). */
    public double[] centers() {
        return centers.clone();
    }

    public double dmin() {
        return dmin;
    }

    public double dmax() {
        return dmax;
    }

    public double step() {
        return step;
    }
    /** The width parameter, Å. */
    public double var() {
        return var;
    }

    /**
     * Two exponentials per distance instead of one per centre: from the centre k* nearest to d,
     * f_{k±1} = f_k · exp((∓2 u_k Δ − Δ²) / var²) with u_k = d − μ_k, and that ratio itself
     * changes by the constant exp(−2Δ² / var²) per step. Relative error below 1e-13, far under
     * float32 rounding; walking outwards from the peak keeps every factor ≤ 1, so nothing
     * overflows and small values underflow to 0 exactly as the direct formula does in float32.
     */
    @Override
    public void featurize(double distance, float[] out, int offset) {
        int n = centers.length;
        double v2 = var * var;
        if (!Double.isFinite(distance)) {
            throw new IllegalArgumentException("distance must be finite, got " + distance);
        }
        int peak = (int) Math.rint((distance - dmin) / step);
        peak = Math.max(0, Math.min(n - 1, peak));
        double u = distance - centers[peak];
        double fPeak = Math.exp(-(u * u) / v2);
        out[offset + peak] = (float) fPeak;
        double c = Math.exp(-2 * step * step / v2);
        double f = fPeak;
        double r = Math.exp((2 * u * step - step * step) / v2);
        for (int k = peak + 1; k < n; k++) {
            f *= r;
            r *= c;
            out[offset + k] = (float) f;
        }
        f = fPeak;
        r = Math.exp((-2 * u * step - step * step) / v2);
        for (int k = peak - 1; k >= 0; k--) {
            f *= r;
            r *= c;
            out[offset + k] = (float) f;
        }
    }

    /** f_k by the direct formula, one exponential per centre (the reference's arithmetic). */
    public void featurizeDirect(double distance, float[] out, int offset) {
        double v2 = var * var;
        for (int k = 0; k < centers.length; k++) {
            double x = distance - centers[k];
            out[offset + k] = (float) Math.exp(-(x * x) / v2);
        }
    }

    @Override
    public String toString() {
        return "GaussianDistance(" + dmin + ".." + dmax + " Å step " + step + ", var " + var + ", " + centers.length
                + " features)";
    }
}

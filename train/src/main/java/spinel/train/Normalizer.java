package spinel.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Standardises a regression target, (y − mean) / std, with the mean and standard deviation of the
 * training rows only. The reference CGCNN fits its normaliser on a random sample of the whole
 * dataset, test rows included; fitting on training rows keeps the test set unseen.
 *
 * <p>With {@code log} true ({@code spinel train --log-target}) the target is standardised on the
 * natural-log scale, (ln y − mean) / std, and predictions are mapped back with exp — for positive,
 * right-skewed targets (exfoliation energies, volumes, phonon frequencies); metrics stay in target units.
 *
 * @param mean mean of the (log-)target on the training rows
 * @param std  population standard deviation of the same
 * @param log  whether the target is standardised on the log scale (null or false: linear)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Normalizer(double mean, double std, Boolean log) {

    /** The identity (mean 0, std 1), for classification targets. */
    public static final Normalizer IDENTITY = new Normalizer(0, 1);

    public Normalizer {
        if (!(std > 0) || !Double.isFinite(mean))
            throw new IllegalArgumentException("normaliser mean " + mean + ", std " + std);
        if (Boolean.FALSE.equals(log)) log = null;
    }

    /** A linear-scale normaliser. */
    public Normalizer(double mean, double std) {
        this(mean, std, null);
    }

    /**
     * Fits on {@code values[rows]} (population std; a constant target gets std 1 so the transform
     * stays defined).
     */
    public static Normalizer fit(double[] values, int[] rows) {
        return fit(values, rows, false);
    }

    /**
     * Fits on {@code values[rows]}, on the log scale when {@code log}.
     *
     * @throws IllegalArgumentException when {@code log} and a training value is not positive
     */
    public static Normalizer fit(double[] values, int[] rows, boolean log) {
        if (rows.length == 0) throw new IllegalArgumentException("cannot fit a normaliser on zero rows");
        double mean = 0;
        for (int r : rows) {
            if (log && !(values[r] > 0))
                throw new IllegalArgumentException(
                        "--log-target needs positive targets; row " + r + " has " + values[r]);
            mean += log ? Math.log(values[r]) : values[r];
        }
        mean /= rows.length;
        double var = 0;
        for (int r : rows) {
            double v = log ? Math.log(values[r]) : values[r];
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / rows.length);
        return new Normalizer(mean, std > 1e-12 ? std : 1, log ? Boolean.TRUE : null);
    }

    /** Whether the target is standardised on the log scale. */
    boolean logScale() {
        return Boolean.TRUE.equals(log);
    }

    /** The network's target for {@code y} (non-positive y on the log scale gives −∞ / NaN). */
    public double normalize(double y) {
        return ((logScale() ? Math.log(y) : y) - mean) / std;
    }

    public double denormalize(double z) {
        double v = z * std + mean;
        return logScale() ? Math.exp(v) : v;
    }
}

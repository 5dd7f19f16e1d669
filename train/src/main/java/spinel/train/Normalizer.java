package spinel.train;

/**
 * Standardises a regression target, (y − mean) / std, with the mean and standard deviation of the
 * training rows only. The reference CGCNN fits its normaliser on a random sample of the whole
 * dataset, test rows included; fitting on training rows keeps the test set unseen.
 */
public record Normalizer(double mean, double std) {

    /** The identity (mean 0, std 1), for classification targets. */
    public static final Normalizer IDENTITY = new Normalizer(0, 1);

    public Normalizer {
        if (!(std > 0) || !Double.isFinite(mean))
            throw new IllegalArgumentException("normaliser mean " + mean + ", std " + std);
    }

    /**
     * Fits on {@code values[rows]} (population std; a constant target gets std 1 so the transform
     * stays defined).
     */
    public static Normalizer fit(double[] values, int[] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("cannot fit a normaliser on zero rows");
        double mean = 0;
        for (int r : rows) mean += values[r];
        mean /= rows.length;
        double var = 0;
        for (int r : rows) var += (values[r] - mean) * (values[r] - mean);
        double std = Math.sqrt(var / rows.length);
        return new Normalizer(mean, std > 1e-12 ? std : 1);
    }

    public double normalize(double y) {
        return (y - mean) / std;
    }

    public double denormalize(double z) {
        return z * std + mean;
    }
}

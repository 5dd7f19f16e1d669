package spinel.train;

/**
 * Per-column standardisation of a feature matrix, (x − mean) / std, fitted on the training rows only.
 * Columns that are constant on the training rows are left centred (std 1). Non-finite inputs become 0
 * after scaling (the column mean), so a missing descriptor does not poison a batch.
 */
public record FeatureScaler(double[] mean, double[] std) {

    public static FeatureScaler fit(double[][] x, int[] rows) {
        int f = x[rows[0]].length;
        double[] mean = new double[f], std = new double[f];
        int[] count = new int[f];
        for (int r : rows)
            for (int j = 0; j < f; j++)
                if (Double.isFinite(x[r][j])) {
                    mean[j] += x[r][j];
                    count[j]++;
                }
        for (int j = 0; j < f; j++) mean[j] = count[j] == 0 ? 0 : mean[j] / count[j];
        for (int r : rows)
            for (int j = 0; j < f; j++)
                if (Double.isFinite(x[r][j])) std[j] += (x[r][j] - mean[j]) * (x[r][j] - mean[j]);
        for (int j = 0; j < f; j++) {
            double s = count[j] == 0 ? 0 : Math.sqrt(std[j] / count[j]);
            std[j] = s > 1e-12 ? s : 1;
        }
        return new FeatureScaler(mean, std);
    }

    /** All rows scaled, as float (the network's precision). */
    public float[][] transform(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                double v = (x[i][j] - mean[j]) / std[j];
                out[i][j] = Double.isFinite(v) ? (float) v : 0f;
            }
        }
        return out;
    }
}

package spinel.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression scores in the target's own units: mean absolute error, root-mean-square error, the
 * coefficient of determination R² = 1 − SS_res / SS_tot (about the mean of the true values), and n.
 */
public record RegressionMetrics(double mae, double rmse, double r2, int n) {

    /** The scores as a JSON-ready map ({@code mae, rmse, r2, n}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mae", mae);
        m.put("rmse", rmse);
        m.put("r2", r2);
        m.put("n", n);
        return m;
    }
}

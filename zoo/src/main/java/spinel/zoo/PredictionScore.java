package spinel.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of a model's predictions against the known targets its inputs carry, accumulated one
 * {@link PredictionResult} at a time (so a stream of any length is scored in constant memory), as
 * the reference CGCNN's {@code predict.py} reports them: the mean absolute error for regression, the
 * accuracy for classification (the target is the class index, as in {@code id_prop.csv}). Rejected
 * classifications are left out of the accuracy and counted.
 */
public final class PredictionScore {

    private final String model;
    private final boolean classification;
    private final List<String> classes;
    private long n;
    private long rejected;
    private long correct;
    private double sumAbs;
    private double sumSq;

    /** The score of {@code model} (its class names decide what a target index means). */
    public PredictionScore(StructureModel<?> model) {
        this.model = model.name();
        this.classification = model.isClassification();
        this.classes = model.classes();
    }

    /** Adds {@code r} when it is this model's successful prediction of an input with a target. */
    public void add(PredictionResult r) {
        if (!r.ok() || r.target() == null || !model.equals(r.model())) return;
        double t = r.target();
        if (!classification) {
            double d = r.prediction().value() - t;
            sumAbs += Math.abs(d);
            sumSq += d * d;
            n++;
            return;
        }
        if (r.rejected()) {
            rejected++;
            return;
        }
        n++;
        if (r.prediction().label().equals(className(t))) correct++;
    }

    private String className(double target) {
        int k = (int) Math.round(target);
        return classes != null && k >= 0 && k < classes.size() ? classes.get(k) : Integer.toString(k);
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** Number of scored predictions (rejected ones not included). */
    public long n() {
        return n;
    }

    /** Number of rejected classifications of inputs with a target. */
    public long rejected() {
        return rejected;
    }

    public boolean isClassification() {
        return classification;
    }

    /** Mean absolute error in the target's units (regression; NaN when nothing was scored). */
    public double mae() {
        return n == 0 || classification ? Double.NaN : sumAbs / n;
    }

    /** Root-mean-square error (regression). */
    public double rmse() {
        return n == 0 || classification ? Double.NaN : Math.sqrt(sumSq / n);
    }

    /** Fraction of accepted classifications that name the target class. */
    public double accuracy() {
        return n == 0 || !classification ? Double.NaN : (double) correct / n;
    }

    /** The scores as a map ({@code n}, then {@code mae}/{@code rmse} or {@code accuracy}/{@code rejected}). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("n", n);
        if (classification) {
            m.put("accuracy", accuracy());
            m.put("rejected", rejected);
        } else {
            m.put("mae", mae());
            m.put("rmse", rmse());
        }
        return m;
    }
}

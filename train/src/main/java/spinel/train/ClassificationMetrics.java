package spinel.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification scores of one prediction set.
 *
 * <p>Per-class precision, recall and F1 follow the usual definitions (a class never predicted has
 * precision 0, a class never present has recall 0, as scikit-learn's {@code zero_division=0});
 * "macro" averages over the classes present in the true labels or the predictions, "weighted" weights
 * each class by its support. {@code rocAuc} is only defined for two classes (NaN otherwise).
 *
 * @param accuracy          top-1 accuracy
 * @param top5              top-5 accuracy (1 when there are at most 5 classes)
 * @param precisionMacro    macro-averaged precision
 * @param recallMacro       macro-averaged recall
 * @param f1Macro           macro-averaged F1
 * @param precisionWeighted support-weighted precision
 * @param recallWeighted    support-weighted recall
 * @param f1Weighted        support-weighted F1
 * @param rocAuc            area under the ROC curve for binary problems, else NaN
 * @param confusion         confusion matrix, {@code confusion[true][predicted]}
 * @param coverage          the accuracy–coverage curve of the reject option
 * @param n                 number of samples
 */
public record ClassificationMetrics(
        double accuracy,
        double top5,
        double precisionMacro,
        double recallMacro,
        double f1Macro,
        double precisionWeighted,
        double recallWeighted,
        double f1Weighted,
        double rocAuc,
        int[][] confusion,
        List<Metrics.CoveragePoint> coverage,
        int n) {

    /** The scores as a JSON-ready map (confusion matrix and coverage curve included). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("top5", top5);
        m.put("precision_macro", precisionMacro);
        m.put("recall_macro", recallMacro);
        m.put("f1_macro", f1Macro);
        m.put("precision_weighted", precisionWeighted);
        m.put("recall_weighted", recallWeighted);
        m.put("f1_weighted", f1Weighted);
        if (!Double.isNaN(rocAuc)) m.put("roc_auc", rocAuc);
        m.put("n", n);
        List<Map<String, Object>> curve = new ArrayList<>();
        for (Metrics.CoveragePoint p : coverage) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("threshold", p.threshold());
            q.put("coverage", p.coverage());
            q.put("accuracy", p.accuracy());
            curve.add(q);
        }
        m.put("accuracy_coverage", curve);
        m.put("confusion", confusion);
        return m;
    }
}

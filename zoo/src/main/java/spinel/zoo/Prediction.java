package spinel.zoo;

import java.util.Map;

/**
 * A model's answer for one structure.
 *
 * @param id            the structure's id (file name, data block)
 * @param model         the model id or checkpoint file
 * @param value         regression: the prediction in {@code units} (normaliser applied);
 *                      classification: the probability of the predicted class
 * @param units         units of a regression value (null if unknown)
 * @param label         classification: the most probable class; null for regression
 * @param probabilities classification: class → probability, most probable first (at most the top 5);
 *                      null for regression
 * @param embedding     the crystal embedding (the pooled atom features, CGCNN's crystal vector) when
 *                      asked for, else null
 * @param spread        regression by an ensemble: the standard deviation of the members' predictions
 *                      (in {@code units}), the uncertainty; else null
 * @param others        the other quantities a multi-task model predicts, by name (a number or a class
 *                      name), or null
 */
public record Prediction(
        String id,
        String model,
        double value,
        String units,
        String label,
        Map<String, Double> probabilities,
        float[] embedding,
        Double spread,
        Map<String, Object> others) {

    /** A single model's regression value in {@code units} (no spread, no other quantities). */
    public static Prediction regression(String id, String model, double value, String units, float[] embedding) {
        return new Prediction(id, model, value, units, null, null, embedding, null, null);
    }

    /** A single model's class {@code label} with its {@code probability} and the top {@code probabilities}. */
    public static Prediction classification(
            String id,
            String model,
            String label,
            double probability,
            Map<String, Double> probabilities,
            float[] embedding) {
        return new Prediction(id, model, probability, null, label, probabilities, embedding, null, null);
    }

    /**
     * The prediction for people: {@code "Cu: 0.0123 eV/atom"} (the value at float32 precision, ± the
     * ensemble spread when there is one), or {@code "NaCl: cubic (p = 0.93)"} for a class.
     */
    @Override
    public String toString() {
        String who = id != null ? id + ": " : "";
        if (isClassification()) return who + label + " (p = " + (float) value + ")";
        String spreadText = spread != null ? " ± " + spread.floatValue() : "";
        return who + (float) value + spreadText + (units != null ? " " + units : "");
    }

    public boolean isClassification() {
        return label != null;
    }

    /** The probability of class {@code name} (0 when it is not among the reported ones). */
    public double probability(String name) {
        if (probabilities == null) throw new IllegalStateException("a regression prediction has no probabilities");
        return probabilities.getOrDefault(name, 0.0);
    }
}

package spinel.train;

import java.util.List;

/**
 * What a trained run ({@link TrainedRun}) predicts for one structure: one {@link Output} per quantity
 * the run learned — one for single-task runs; space group, volume per atom and the property for
 * multi-task runs.
 *
 * @param outputs the quantities, in the order of the run's outputs
 */
public record RunPrediction(List<Output> outputs) {

    /** The first (for single-task runs, the only) quantity. */
    public Output first() {
        return outputs.get(0);
    }

    /**
     * One predicted quantity.
     *
     * @param name          the target's name ({@code volume_per_atom}, {@code space_group}, or the target column)
     * @param unit          its unit when known (e.g. {@code Å³/atom}), else null
     * @param value         regression: the ensemble mean, in target units; NaN for a class
     * @param spread        regression: population standard deviation of the members' values (0 for one
     *                      model), target units; NaN for a class
     * @param memberValues  regression: each member's value, in member order; null for a class
     * @param classes       classification: the class names, in output order; null for a value
     * @param probabilities classification: the members' mean probability of each class; null for a value
     */
    public record Output(
            String name,
            String unit,
            double value,
            double spread,
            double[] memberValues,
            List<String> classes,
            double[] probabilities) {

        /** Whether this quantity is a class. */
        public boolean classification() {
            return probabilities != null;
        }

        /** The most probable class's index. */
        public int classIndex() {
            return Metrics.argmax(probabilities);
        }

        /** The most probable class. */
        public String label() {
            return classes.get(classIndex());
        }

        /** The most probable class's probability. */
        public double probability() {
            return probabilities[classIndex()];
        }
    }
}

package spinel.zoo;

import spinel.graph.Structure;

/**
 * One line of a {@link PredictionPipeline}'s output: a structure of an input and one model's answer
 * for it, or why there is none.
 *
 * @param input      the input the structure came from
 * @param index      the structure's position in its input (0 for a one-structure file)
 * @param inputSize  the number of structures in the input (0 when it could not be read)
 * @param structure  the structure, or null when the input could not be read
 * @param model      the model's name, or null when the input could not be read (then there is one
 *                   result for the input, not one per model)
 * @param prediction the model's prediction, or null on failure
 * @param rejected   classification only: the most probable class is less likely than the pipeline's
 *                   reject threshold, so the prediction is withheld (Chow's reject option)
 * @param error      why there is no prediction, or null
 */
public record PredictionResult(
        StructureInput input,
        int index,
        int inputSize,
        Structure structure,
        String model,
        Prediction prediction,
        boolean rejected,
        Exception error) {

    /** Whether the model predicted (a rejected classification counts as predicted). */
    public boolean ok() {
        return error == null;
    }

    /** The structure's id: its own id, else the input's row id, else the input's source. */
    public String id() {
        if (structure != null && structure.id() != null) return structure.id();
        return input.id() != null ? input.id() : input.source();
    }

    /** The known target value of the input, or null. */
    public Double target() {
        return input.target();
    }

    /** The error's message for people: never empty. */
    public String errorMessage() {
        if (error == null) return null;
        String m = error.getMessage();
        return m != null && !m.isBlank() ? m : error.toString();
    }
}

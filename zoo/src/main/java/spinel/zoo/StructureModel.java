package spinel.zoo;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Structure;

/**
 * A trained model that predicts a property of crystal structures in two steps: {@link #featurize}
 * turns one structure into the model's input (a crystal graph, a descriptor vector, or both; the
 * costly part, thread-safe, run in parallel by {@link PredictionPipeline}), and {@link #predict}
 * maps a batch of those inputs through the network in one forward pass.
 *
 * <p>Regression predictions are in the target's units (the normaliser undone); classification
 * predictions carry the class probabilities. Close the model to free its native tensors.
 *
 * @param <F> the model's input for one structure
 */
public interface StructureModel<F> extends AutoCloseable {

    /** Largest number of crystals in one forward pass of {@link #predict(List)}. */
    int DEFAULT_BATCH = 256;

    /** The model id, or the file or folder it was loaded from. */
    String name();

    /** Whether the model names a class (else it predicts a number). */
    boolean isClassification();

    /** Class names in output order (classification), or null. */
    default List<String> classes() {
        return null;
    }

    /**
     * The model's input for {@code structure}, featurised as in training. Thread-safe.
     *
     * @throws RuntimeException when the structure cannot be featurised (the message says why)
     */
    F featurize(Structure structure);

    /**
     * Predicts a batch of inputs in one forward pass, in order.
     *
     * @param withEmbeddings also return each crystal's embedding where the model has one
     */
    List<Prediction> predict(List<F> inputs, boolean withEmbeddings);

    /** Predicts one structure. */
    default Prediction predict(Structure structure) {
        return predict(List.of(featurize(structure)), false).get(0);
    }

    /**
     * Predicts many structures in order, {@value #DEFAULT_BATCH} per forward pass, featurised on the
     * calling thread ({@link PredictionPipeline} featurises in parallel).
     */
    default List<Prediction> predict(List<Structure> structures) {
        List<Prediction> out = new ArrayList<>(structures.size());
        for (int i = 0; i < structures.size(); i += DEFAULT_BATCH) {
            List<F> batch = new ArrayList<>();
            for (Structure s : structures.subList(i, Math.min(structures.size(), i + DEFAULT_BATCH)))
                batch.add(featurize(s));
            out.addAll(predict(batch, false));
        }
        return out;
    }

    @Override
    void close();
}

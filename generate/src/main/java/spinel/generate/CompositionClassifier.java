package spinel.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import spinel.conv.Dense;

/**
 * The GAN's composition classifier (after Kim et al., ACS Cent. Sci. 6, 1412 (2020), whose classifier
 * recovers the composition from the point cloud): from an atom's {@link PeriodicEnvironment} alone —
 * not its own element — it predicts which of the formula's elements the atom is (its rank in formula
 * order, by electronegativity, capped at {@link GanConfig#CLASSES} − 1). Trained on real crystals;
 * the generator is trained to make its atoms recognisable, so that cations sit among anions and the
 * other way round. Input (B, N, E), output logits (B, N, CLASSES).
 */
public final class CompositionClassifier extends AbstractBlock {

    private final int hidden;
    private final Dense fc1, fc2, out;

    public CompositionClassifier(GanConfig c) {
        hidden = c.hidden();
        fc1 = addChildBlock("fc1", new Dense(PeriodicEnvironment.length(), hidden));
        fc2 = addChildBlock("fc2", new Dense(hidden, hidden));
        out = addChildBlock("out", new Dense(hidden, GanConfig.CLASSES));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Activation.relu(fc1.forward(ps, inputs, training).head());
        x = Activation.relu(fc2.forward(ps, new NDList(x), training).head());
        return out.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), GanConfig.CLASSES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (var child : getChildren().values()) child.initialize(manager, dataType, new Shape(1, hidden));
    }
}

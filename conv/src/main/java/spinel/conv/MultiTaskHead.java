package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * Space group, unit-cell volume and P properties predicted from one shared crystal embedding.
 *
 * <p>Outputs: space-group log-probabilities C×230 (index = number − 1), volume C×1, properties C×P
 * (volume and properties in whatever normalised units the labels use). Labels: space-group index
 * (C, 0..229), volume (C×1), properties (C×P). Loss: w_sg·NLL + w_v·MSE(volume) + w_p·MSE(properties).
 */
public final class MultiTaskHead extends Head {

    /** Number of space groups. */
    public static final int SPACE_GROUPS = 230;

    private final int numProperties;
    private final float spaceGroupWeight;
    private final float volumeWeight;
    private final float propertyWeight;
    private final Dense spaceGroup;
    private final Dense volume;
    private final Dense property;

    /** Equal loss weights. */
    public MultiTaskHead(int inputLength, int numProperties) {
        this(inputLength, numProperties, 1f, 1f, 1f);
    }

    public MultiTaskHead(
            int inputLength, int numProperties, float spaceGroupWeight, float volumeWeight, float propertyWeight) {
        super(inputLength);
        this.numProperties = CGConv.positive(numProperties, "number of properties");
        this.spaceGroupWeight = spaceGroupWeight;
        this.volumeWeight = volumeWeight;
        this.propertyWeight = propertyWeight;
        spaceGroup = addChildBlock("fc_spacegroup", new Dense(inputLength, SPACE_GROUPS));
        volume = addChildBlock("fc_volume", new Dense(inputLength, 1));
        property = addChildBlock("fc_property", new Dense(inputLength, numProperties));
    }

    public int numProperties() {
        return numProperties;
    }

    @Override
    public List<String> outputNames() {
        return List.of("spacegroup_log_probabilities", "volume", "properties");
    }

    @Override
    public boolean isClassification() {
        return false;
    }

    @Override
    public NDArray loss(NDList predictions, NDList labels) {
        if (labels.size() != 3)
            throw new IllegalArgumentException(
                    "multi-task labels are [space group index, volume, properties], got " + labels.size() + " arrays");
        NDArray l = Scalars.mul(nll(predictions.get(0), labels.get(0)), spaceGroupWeight);
        l = l.add(Scalars.mul(mse(predictions.get(1), labels.get(1)), volumeWeight));
        return l.add(Scalars.mul(mse(predictions.get(2), labels.get(2)), propertyWeight));
    }

    @Override
    void collectTorchParameters(Map<String, Parameter> map) {
        put("fc_spacegroup", spaceGroup, map);
        put("fc_volume", volume, map);
        put("fc_property", property, map);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                spaceGroup.forward(ps, inputs, training).head().logSoftmax(1),
                volume.forward(ps, inputs, training).head(),
                property.forward(ps, inputs, training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long c = inputShapes[0].get(0);
        return new Shape[] {new Shape(c, SPACE_GROUPS), new Shape(c, 1), new Shape(c, numProperties)};
    }
}

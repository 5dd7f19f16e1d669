package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Reduces the atom vectors of each crystal to one crystal vector.
 *
 * <ul>
 *   <li>{@link Mode#MEAN} — the reference CGCNN's pooling (mean over the crystal's atoms, Xie &amp;
 *       Grossman, PRL 120, 145301 (2018), eq. 6, the default);</li>
 *   <li>{@link Mode#SUM}, {@link Mode#MAX} — extensive and max pooling;</li>
 *   <li>{@link Mode#ATTENTION} — gated attention pooling (Li et al., "Gated graph sequence neural
 *       networks", ICLR 2016; Ilse et al., ICML 2018): a_i = softmax over the crystal's atoms of
 *       (w·v_i + b), pooled = Σ a_i v_i, with a learned gate {@code gate.weight} (1×F), {@code gate.bias}.</li>
 * </ul>
 *
 * <p>Inputs: atom vectors, the pooling index C×A, the pooling weights C×A×1, the pooling sum C×R
 * and atom counts C×1 of a {@link GraphBatch}. The vectors are a batch's representatives, each
 * standing for as many atoms as its weight ({@link EquivalentAtoms}): sums and softmax
 * normalisations are weighted by it (the maximum needs no weight). Sum and mean pooling are one
 * product with the sparse pooling sum; max and attention pooling gather the vectors into a padded
 * C×A×F block (padding rows point at an appended zero row), so every mode is one gather and one
 * reduction, whatever the crystal sizes.
 */
public final class Pooling extends AbstractBlock {

    /** The pooling function. */
    public enum Mode {
        MEAN,
        SUM,
        MAX,
        ATTENTION
    }

    private final Mode mode;
    private final int featureLength;
    private final Dense gate;

    /**
     * @param mode          the pooling function
     * @param featureLength F, the atom vector length
     */
    public Pooling(Mode mode, int featureLength) {
        this.mode = mode;
        this.featureLength = featureLength;
        this.gate = mode == Mode.ATTENTION ? addChildBlock("gate", new Dense(featureLength, 1)) : null;
    }

    public Mode mode() {
        return mode;
    }

    void collectTorchParameters(String prefix, Map<String, ai.djl.nn.Parameter> out) {
        if (gate != null) {
            out.put(prefix + "gate.weight", gate.weight());
            out.put(prefix + "gate.bias", gate.bias());
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                pool(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), inputs.get(4), training));
    }

    /**
     * @param atoms   R×F atom vectors
     * @param index   C×A pooling index (padding = R)
     * @param weights C×A×1 atoms per vector (0 for padding), or null: one each
     * @param sum     C×R sparse sum of the vectors weighted by their atoms, or null: sum the padded block
     * @param counts  C×1 atom counts
     * @return C×F crystal vectors
     */
    NDArray pool(
            ParameterStore ps,
            NDArray atoms,
            NDArray index,
            NDArray weights,
            NDArray sum,
            NDArray counts,
            boolean training) {
        if (sum != null && (mode == Mode.SUM || mode == Mode.MEAN)) {
            NDArray summed = sum.matMul(atoms); // C × F
            return mode == Mode.SUM ? summed : summed.div(counts);
        }
        NDArray padded = withZeroRow(atoms);
        NDArray block = CGConv.gather(padded, index); // C × A × F
        NDArray weighted = weights == null || mode == Mode.MAX || mode == Mode.ATTENTION ? block : block.mul(weights);
        switch (mode) {
            case SUM:
                return weighted.sum(new int[] {1});
            case MEAN:
                return weighted.sum(new int[] {1}).div(counts);
            case MAX: {
                NDArray bias = paddingBias(index, atoms.getShape().get(0), atoms.getDataType());
                return block.add(bias).max(new int[] {1});
            }
            case ATTENTION: {
                NDArray score = gate.forward(ps, new NDList(atoms), training).head(); // N × 1
                NDArray scores = CGConv.gather(withZeroRow(score), index); // C × A × 1
                NDArray bias = paddingBias(index, atoms.getShape().get(0), atoms.getDataType());
                // a vector standing for w atoms takes w times its softmax weight: add log w to its score
                if (weights != null) bias = bias.add(weights.maximum(1e-30f).log());
                NDArray attention = scores.add(bias).softmax(1);
                return block.mul(attention).sum(new int[] {1});
            }
            default:
                throw new IllegalStateException("unknown pooling " + mode);
        }
    }

    private static NDArray withZeroRow(NDArray x) {
        NDArray zero = x.getManager().zeros(new Shape(1, x.getShape().get(1)), x.getDataType());
        return NDArrays.concat(new NDList(x, zero), 0);
    }

    /** 0 for real atoms, a large negative number for padding entries, C×A×1. */
    private static NDArray paddingBias(NDArray index, long numAtoms, DataType type) {
        return index.eq(numAtoms).toType(type, false).mul(-1e30f).expandDims(2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), featureLength)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (gate != null) gate.initialize(manager, dataType, new Shape(1, featureLength));
    }
}

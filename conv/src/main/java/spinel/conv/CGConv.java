package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One crystal graph convolution, exactly the reference CGCNN's {@code ConvLayer} (Xie &amp;
 * Grossman, PRL 120, 145301 (2018), eq. 5):
 *
 * <pre>
 *   z_ij = v_i ‖ v_j ‖ u_ij                       (2F + B)
 *   g_ij = BN1(W z_ij + b)                        (2F, BatchNorm over all N·M bond rows)
 *   s_i  = BN2( Σ_j σ(g_ij[:F]) ⊙ softplus(g_ij[F:]) )
 *   v_i' = softplus(v_i + s_i)
 * </pre>
 *
 * <p>The parameters keep the reference's layout (one {@code fc_full} weight of shape 2F × (2F+B)),
 * but W z is evaluated as W_self v_i + (W_nbr v)_j + W_bond u_ij: the two atom terms are computed
 * once per atom rather than once per bond and the neighbour term is gathered, which is the same sum
 * at about a quarter of the arithmetic and without the N·M·(2F+B) concatenation. The bond term is
 * computed once per distinct bond-feature row (a {@link GraphBatch} stores each distinct row once,
 * with each slot's row) and gathered too. And the layer runs on a batch's representatives only
 * (atoms it cannot tell apart, {@link EquivalentAtoms}) and their distinct slots, with sums and
 * BatchNorm statistics weighted by multiplicity ({@link WeightedBatchNorm}): on Materials Project
 * crystals, 29 % of the reference's N·M slots.
 *
 * <p>Options (off by default, so the reference's numbers are the default): {@link #optMaskPadding}
 * zeroes the messages of padding slots (atoms with fewer than M neighbours inside the radius);
 * {@link Aggregation#MEAN} averages the messages instead of summing them (over the real
 * neighbours when masking, else over M). BatchNorm uses PyTorch's defaults: ε = 1e-5, running
 * statistics updated with PyTorch momentum 0.1 (DJL momentum 0.9, DJL counts the other way).
 *
 * <p>Inputs of the block: the representatives' features R×F followed by {@link GraphBatch} tensors
 * 1–8 (the slot structure, {@link Slots}). Output: the representatives' features R×F.
 */
public final class CGConv extends AbstractBlock {

    /** How the M messages of an atom are combined. */
    public enum Aggregation {
        SUM,
        MEAN
    }

    private final int atomFeatureLength;
    private final int bondFeatureLength;
    private final boolean maskPadding;
    private final Aggregation aggregation;
    private final Parameter weight;
    private final Parameter bias;
    private final BatchNorm bn1;
    private final BatchNorm bn2;

    private CGConv(Builder builder) {
        this.atomFeatureLength = builder.atomFeatureLength;
        this.bondFeatureLength = builder.bondFeatureLength;
        this.maskPadding = builder.maskPadding;
        this.aggregation = builder.aggregation;
        int f = atomFeatureLength;
        int in = 2 * f + bondFeatureLength;
        float bound = (float) (1.0 / Math.sqrt(in));
        weight = addParameter(Parameter.builder()
                .setName("fc_full.weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(2L * f, in))
                .optInitializer(new UniformInitializer(bound))
                .build());
        bias = addParameter(Parameter.builder()
                .setName("fc_full.bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(2L * f))
                .optInitializer(new UniformInitializer(bound))
                .build());
        bn1 = addChildBlock("bn1", newBatchNorm());
        bn2 = addChildBlock("bn2", newBatchNorm());
    }

    /** BatchNorm with PyTorch's defaults; DJL's momentum is PyTorch's 1 − momentum. */
    static BatchNorm newBatchNorm() {
        return BatchNorm.builder()
                .optAxis(1)
                .optEpsilon(1e-5f)
                .optMomentum(0.9f)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int atomFeatureLength() {
        return atomFeatureLength;
    }

    public int bondFeatureLength() {
        return bondFeatureLength;
    }

    public boolean isMaskPadding() {
        return maskPadding;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** Parameters under their PyTorch names relative to the layer ({@code fc_full.weight}, {@code bn1.running_mean}, ...). */
    void collectTorchParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "fc_full.weight", weight);
        out.put(prefix + "fc_full.bias", bias);
        putBatchNorm(prefix + "bn1.", bn1, out);
        putBatchNorm(prefix + "bn2.", bn2, out);
    }

    static void putBatchNorm(String prefix, BatchNorm bn, Map<String, Parameter> out) {
        var p = bn.getParameters();
        out.put(prefix + "weight", p.get("gamma"));
        out.put(prefix + "bias", p.get("beta"));
        out.put(prefix + "running_mean", p.get("runningMean"));
        out.put(prefix + "running_var", p.get("runningVar"));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), Slots.of(inputs), training));
    }

    /**
     * W z + b at every distinct slot, z = v_i ‖ v_j ‖ u_ij: each product once per representative or
     * distinct bond row, then gathered to the slots (S × rows of w).
     */
    private static NDArray slotTerms(
            NDArray atoms, Slots slots, NDArray wSelf, NDArray wNbr, NDArray wBond, NDArray b) {
        NDArray self = Linear.linear(atoms, wSelf, b).head(); // R × out
        NDArray nbrTerm = Linear.linear(atoms, wNbr).head(); // R × out
        NDArray bondTerm = Linear.linear(slots.bonds(), wBond).head(); // U × out
        NDArray terms = gather(bondTerm, slots.bond()); // S × out
        terms.addi(gather(nbrTerm, slots.neighbor()));
        terms.addi(gather(self, slots.atom()));
        return terms;
    }

    /**
     * The layer on a batch's representatives: W z + b as W_self·v_i + W_nbr·v_j + W_bond·u_ij, each
     * product once per representative or distinct bond row and gathered to the distinct slots;
     * BatchNorm 1 weighted by the slots' multiplicities (in evaluation folded into the weights, an
     * affine map); the messages summed by the sparse R×S message-sum matrix; BatchNorm 2 weighted by
     * the atoms per representative. Equal, up to float32 round-off in the order of the sums, to the
     * reference's layer over all N atoms and N·M slots ({@link #trace}).
     *
     * @param atoms R×F features of the representatives
     * @param slots the batch's slot structure
     */
    NDArray forward(ParameterStore ps, NDArray atoms, Slots slots, boolean training) {
        NDManager mgr = atoms.getManager();
        var device = atoms.getDevice();
        int f = atomFeatureLength;
        NDArray w = ps.getValue(weight, device, training);
        NDArray b = ps.getValue(bias, device, training);
        // slices of the parameter are created on the batch's manager so that they are freed with it
        NDArray wSelf = w.get(mgr, new NDIndex(":, 0:{}", f));
        NDArray wNbr = w.get(mgr, new NDIndex(":, {}:{}", f, 2 * f));
        NDArray wBond = w.get(mgr, new NDIndex(":, {}:", 2 * f));
        if (!training) { // BatchNorm 1 with running statistics is y = x·scale + shift: fold it in
            NDArray[] affine = WeightedBatchNorm.affine(ps, bn1, atoms);
            NDArray col = affine[0].reshape(2L * f, 1);
            wSelf = wSelf.mul(col);
            wNbr = wNbr.mul(col);
            wBond = wBond.mul(col);
            b = affine[0].mul(b).add(affine[1]);
        }
        NDArray message; // S × F
        if (training) {
            NDArray gated = slotTerms(atoms, slots, wSelf, wNbr, wBond, b); // S × 2F
            gated = WeightedBatchNorm.forward(ps, bn1, gated, slots.weight(), true);
            // split (not two slices): its backward is one concatenation instead of two zero-filled copies
            NDList halves = gated.split(2, 1);
            message = Activation.sigmoid(halves.get(0)).mul(Activation.softPlus(halves.get(1)));
        } else {
            // each half of W z + b computed on its own: σ and softplus then run on contiguous S × F arrays
            // (on the strided halves of one S × 2F array they were the two slowest kernels of inference),
            // and nothing keeps σ for a backward pass, so the product is taken in place
            NDIndex filterRows = new NDIndex("0:{}", f), coreRows = new NDIndex("{}:", f);
            NDArray filter = Activation.sigmoid(slotTerms(
                    atoms,
                    slots,
                    wSelf.get(filterRows),
                    wNbr.get(filterRows),
                    wBond.get(filterRows),
                    b.get(filterRows)));
            NDArray core = Activation.softPlus(slotTerms(
                    atoms, slots, wSelf.get(coreRows), wNbr.get(coreRows), wBond.get(coreRows), b.get(coreRows)));
            message = filter.muli(core);
        }
        if (maskPadding) message = message.mul(slots.mask());
        NDArray summed = slots.messageSum().matMul(message); // R × F
        if (aggregation == Aggregation.MEAN) {
            NDArray per = maskPadding ? slots.mask() : mgr.ones(slots.mask().getShape());
            summed = summed.div(slots.messageSum().matMul(per).maximum(1f));
        }
        NDArray normed2 = WeightedBatchNorm.forward(ps, bn2, summed, slots.atomWeight(), training);
        return Activation.softPlus(atoms.add(normed2));
    }

    /**
     * The reference's layer as written, in evaluation mode, on every atom and slot, recording its
     * intermediate tensors: the N·M×(2F+B) concatenation {@code <prefix>fc_full_in}, {@code
     * fc_full_out}, {@code bn1_out}, {@code nbr_sumed}, {@code bn2_out}, {@code output}. For
     * checking {@link #forward} and against the reference; slow.
     *
     * @param atoms     N×F
     * @param neighbors N×M int64
     * @param bonds     N×M×B
     * @param mask      N×M
     */
    NDArray trace(
            ParameterStore ps,
            NDArray atoms,
            NDArray neighbors,
            NDArray bonds,
            NDArray mask,
            Map<String, NDArray> trace,
            String prefix) {
        var device = atoms.getDevice();
        int f = atomFeatureLength;
        long n = atoms.getShape().get(0);
        long m = neighbors.getShape().get(1);
        NDArray selfRep = atoms.expandDims(1).broadcast(new Shape(n, m, f));
        NDArray nbrAtoms = gather(atoms, neighbors.reshape(n * m)).reshape(n, m, f);
        NDArray in = NDArrays.concat(new NDList(selfRep, nbrAtoms, bonds), 2);
        trace.put(prefix + "fc_full_in", in);
        NDArray w = ps.getValue(weight, device, false);
        NDArray b = ps.getValue(bias, device, false);
        NDArray gated = Linear.linear(in.reshape(n * m, 2L * f + bondFeatureLength), w, b)
                .head();
        trace.put(prefix + "fc_full_out", gated.reshape(n, m, 2L * f));
        NDArray normed = bn1.forward(ps, new NDList(gated), false).head();
        trace.put(prefix + "bn1_out", normed.reshape(n, m, 2L * f));
        NDList halves = normed.split(2, 1);
        NDArray message = Activation.sigmoid(halves.get(0)).mul(Activation.softPlus(halves.get(1)));
        if (maskPadding) message = message.mul(mask.reshape(n * m, 1));
        NDArray summed = message.reshape(n, m, f).sum(new int[] {1});
        if (aggregation == Aggregation.MEAN) {
            summed = maskPadding ? summed.div(mask.sum(new int[] {1}, true).maximum(1f)) : Scalars.div(summed, m);
        }
        trace.put(prefix + "nbr_sumed", summed);
        NDArray normed2 = bn2.forward(ps, new NDList(summed), false).head();
        trace.put(prefix + "bn2_out", normed2);
        NDArray out = Activation.softPlus(atoms.add(normed2));
        trace.put(prefix + "output", out);
        return out;
    }

    /** Rows {@code index} of {@code table}: torch's embedding lookup, whose backward is a fast scatter-add. */
    static NDArray gather(NDArray table, NDArray index) {
        return table.getNDArrayInternal()
                .embedding(index, table, SparseFormat.DENSE)
                .head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        bn1.initialize(manager, dataType, new Shape(1, 2L * atomFeatureLength));
        bn2.initialize(manager, dataType, new Shape(1, atomFeatureLength));
    }

    /** Builder with the reference's defaults (F = 64, B = 41, no masking, sum). */
    public static final class Builder {
        private int atomFeatureLength = 64;
        private int bondFeatureLength = 41;
        private boolean maskPadding;
        private Aggregation aggregation = Aggregation.SUM;

        /** F, the atom feature length (reference: {@code atom_fea_len}, default 64). */
        public Builder setAtomFeatureLength(int f) {
            this.atomFeatureLength = positive(f, "atom feature length");
            return this;
        }
        /** B, the bond feature length (reference: {@code nbr_fea_len}, 41 Gaussians). */
        public Builder setBondFeatureLength(int b) {
            this.bondFeatureLength = positive(b, "bond feature length");
            return this;
        }
        /** Zero the messages of padding neighbour slots (default false, as the reference). */
        public Builder optMaskPadding(boolean mask) {
            this.maskPadding = mask;
            return this;
        }
        /** Sum (reference) or mean of the messages. */
        public Builder optAggregation(Aggregation a) {
            this.aggregation = a;
            return this;
        }

        public CGConv build() {
            return new CGConv(this);
        }
    }

    static int positive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be positive, got " + v);
        return v;
    }
}

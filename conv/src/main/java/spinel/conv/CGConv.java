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
import ai.djl.pytorch.jni.JniUtils;
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
 * with each slot's row) and gathered too.
 *
 * <p>Options (off by default, so the reference's numbers are the default): {@link #optMaskPadding}
 * zeroes the messages of padding slots (atoms with fewer than M neighbours inside the radius);
 * {@link Aggregation#MEAN} averages the messages instead of summing them (over the real
 * neighbours when masking, else over M). BatchNorm uses PyTorch's defaults: ε = 1e-5, running
 * statistics updated with PyTorch momentum 0.1 (DJL momentum 0.9, DJL counts the other way).
 *
 * <p>Inputs of the block: atom features N×F, neighbour indices N×M (int64), bond features N×M×B,
 * neighbour mask N×M (only read when masking). Output: atom features N×F.
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
        NDArray bonds = inputs.get(2);
        long slots = bonds.getShape().get(0) * bonds.getShape().get(1);
        NDArray rows = bonds.reshape(slots, bondFeatureLength);
        NDArray index = inputs.get(0).getManager().arange((int) slots).toType(DataType.INT64, false);
        return new NDList(forward(
                ps,
                inputs.get(0),
                inputs.get(1),
                rows,
                index,
                inputs.size() > 3 ? inputs.get(3) : null,
                training,
                null,
                null));
    }

    /**
     * The layer, optionally recording the reference's intermediate tensors.
     *
     * @param atoms     N×F
     * @param neighbors N×M int64
     * @param bonds     U×B distinct bond-feature rows
     * @param bondIndex N×M int64, each slot's row of {@code bonds}
     * @param mask      N×M (may be null unless masking)
     * @param trace     null, or a map receiving {@code <prefix>fc_full_in}, {@code fc_full_out},
     *                  {@code bn1_out}, {@code nbr_sumed}, {@code bn2_out}, {@code output}
     */
    NDArray forward(
            ParameterStore ps,
            NDArray atoms,
            NDArray neighbors,
            NDArray bonds,
            NDArray bondIndex,
            NDArray mask,
            boolean training,
            Map<String, NDArray> trace,
            String prefix) {
        NDManager mgr = atoms.getManager();
        var device = atoms.getDevice();
        int f = atomFeatureLength;
        long n = atoms.getShape().get(0);
        long m = neighbors.getShape().get(1);
        NDArray w = ps.getValue(weight, device, training);
        NDArray b = ps.getValue(bias, device, training);
        // slices of the parameter are created on the batch's manager so that they are freed with it
        NDArray wSelf = w.get(mgr, new NDIndex(":, 0:{}", f));
        NDArray wNbr = w.get(mgr, new NDIndex(":, {}:{}", f, 2 * f));
        NDArray wBond = w.get(mgr, new NDIndex(":, {}:", 2 * f));

        if (!training && trace == null) {
            return finish(
                    ps,
                    atoms,
                    inferenceMessages(ps, atoms, neighbors, bonds, bondIndex, mask, wSelf, wNbr, wBond, b),
                    mask,
                    m,
                    false,
                    null,
                    prefix);
        }
        NDArray flatIdx = neighbors.reshape(n * m);
        NDArray flatBondIdx = bondIndex.reshape(n * m);
        NDArray self = Linear.linear(atoms, wSelf, b).head(); // N × 2F
        NDArray nbrTerm = Linear.linear(atoms, wNbr).head(); // N × 2F
        NDArray bondTerm = Linear.linear(bonds, wBond).head(); // U × 2F
        // additions keep nothing for the backward pass; the first is in place, the broadcast one is not:
        // an in-place op on a reshaped view costs autograd a copy of the whole tensor (CopySlices)
        NDArray gated = gather(bondTerm, flatBondIdx); // N·M × 2F
        gated.addi(gather(nbrTerm, flatIdx));
        gated = gated.reshape(n, m, 2L * f).add(self.expandDims(1)).reshape(n * m, 2L * f);
        if (trace != null) {
            NDArray selfRep = atoms.expandDims(1).broadcast(new Shape(n, m, f));
            NDArray nbrAtoms = gather(atoms, flatIdx).reshape(n, m, f);
            NDArray slotBonds = gather(bonds, flatBondIdx).reshape(n, m, bondFeatureLength);
            trace.put(prefix + "fc_full_in", NDArrays.concat(new NDList(selfRep, nbrAtoms, slotBonds), 2));
            trace.put(prefix + "fc_full_out", gated.reshape(n, m, 2L * f));
        }
        NDArray normed = bn1.forward(ps, new NDList(gated), training).head();
        if (trace != null) trace.put(prefix + "bn1_out", normed.reshape(n, m, 2L * f));
        // split (not two slices): its backward is one concatenation instead of two zero-filled copies
        NDList halves = normed.split(2, 1);
        NDArray message = Activation.sigmoid(halves.get(0)).mul(Activation.softPlus(halves.get(1))); // N·M × F
        if (maskPadding) message = message.mul(mask.reshape(n * m, 1));
        return finish(ps, atoms, message.reshape(n, m, f).sum(new int[] {1}), mask, m, training, trace, prefix);
    }

    /**
     * Atoms per chunk of the evaluation pass. With one intra-op thread, chunks of 512 atoms (N·M×2F
     * blocks of about 3 MB) stay in cache and their memory is reused by malloc: 3× faster than whole
     * tensors. With several threads every op is a parallel region whose barrier costs more than a
     * small chunk's work (8× slower on a busy 2-core machine), so tensors are processed whole. The
     * system property {@code spinel.conv.chunkAtoms} overrides the choice.
     */
    private static int inferenceChunkAtoms() {
        Integer forced = Integer.getInteger("spinel.conv.chunkAtoms");
        if (forced != null && forced > 0) return forced;
        return JniUtils.getNumThreads() <= 1 ? 512 : Integer.MAX_VALUE;
    }

    /**
     * The summed messages in evaluation mode: BatchNorm 1 (running statistics, an affine map) is
     * folded into fc_full, and the neighbour slots are processed in chunks, so no N·M-sized tensor
     * exists.
     */
    private NDArray inferenceMessages(
            ParameterStore ps,
            NDArray atoms,
            NDArray neighbors,
            NDArray bonds,
            NDArray bondIndex,
            NDArray mask,
            NDArray wSelf,
            NDArray wNbr,
            NDArray wBond,
            NDArray b) {
        NDManager mgr = atoms.getManager();
        var device = atoms.getDevice();
        int f = atomFeatureLength;
        long n = atoms.getShape().get(0);
        long m = neighbors.getShape().get(1);
        var p = bn1.getParameters();
        NDArray gamma = ps.getValue(p.get("gamma"), device, false);
        NDArray beta = ps.getValue(p.get("beta"), device, false);
        NDArray mean = ps.getValue(p.get("runningMean"), device, false);
        NDArray var = ps.getValue(p.get("runningVar"), device, false);
        // every expression starts from an array of the batch's manager, so results are freed with the batch
        NDArray scale =
                mgr.ones(var.getShape()).div(mgr.create(1e-5f).add(var).sqrt()).mul(gamma); // γ / √(σ² + ε)
        NDArray col = scale.reshape(2L * f, 1);
        NDArray foldedBias = scale.mul(b).sub(scale.mul(mean)).add(beta);
        NDArray self = Linear.linear(atoms, wSelf.mul(col), foldedBias).head(); // N × 2F
        NDArray nbrTerm = Linear.linear(atoms, wNbr.mul(col)).head(); // N × 2F
        NDArray bondTerm = Linear.linear(bonds, wBond.mul(col)).head(); // U × 2F
        NDList sums = new NDList();
        long chunk = inferenceChunkAtoms();
        for (long a0 = 0; a0 < n; a0 += chunk) {
            long a1 = Math.min(n, a0 + chunk);
            long rows = (a1 - a0) * m;
            NDIndex range = new NDIndex("{}:{}", a0, a1);
            NDArray idxRows = neighbors.get(range);
            NDArray idx = idxRows.reshape(rows);
            NDArray bondRows = bondIndex.get(range);
            NDArray bondFlat = bondRows.reshape(rows);
            NDArray gated = gather(bondTerm, bondFlat);
            NDArray nbrRows = gather(nbrTerm, idx);
            gated.addi(nbrRows);
            NDArray g3 = gated.reshape(a1 - a0, m, 2L * f);
            NDArray selfRows = self.get(range);
            NDArray selfCol = selfRows.expandDims(1);
            g3.addi(selfCol);
            NDList halves = g3.split(2, 2);
            NDArray message = Activation.sigmoid(halves.get(0));
            NDArray core = Activation.softPlus(halves.get(1));
            message.muli(core);
            NDArray maskRows = null;
            NDArray maskCol = null;
            if (maskPadding) {
                maskRows = mask.get(range);
                maskCol = maskRows.expandDims(2);
                message.muli(maskCol);
            }
            sums.add(message.sum(new int[] {1}));
            // chunk temporaries are freed at once so that the next chunk reuses their memory
            for (NDArray t : new NDArray[] {
                idxRows,
                idx,
                bondRows,
                bondFlat,
                gated,
                nbrRows,
                g3,
                selfRows,
                selfCol,
                halves.get(0),
                halves.get(1),
                message,
                core,
                maskRows,
                maskCol
            }) {
                if (t != null) t.close();
            }
        }
        return sums.size() == 1 ? sums.head() : NDArrays.concat(sums, 0);
    }

    /** Aggregation (mean option), BatchNorm 2, residual and softplus. */
    private NDArray finish(
            ParameterStore ps,
            NDArray atoms,
            NDArray summed,
            NDArray mask,
            long m,
            boolean training,
            Map<String, NDArray> trace,
            String prefix) {
        if (aggregation == Aggregation.MEAN) {
            summed = maskPadding ? summed.div(mask.sum(new int[] {1}, true).maximum(1f)) : summed.div((float) m);
        }
        if (trace != null) trace.put(prefix + "nbr_sumed", summed);
        NDArray normed2 = bn2.forward(ps, new NDList(summed), training).head();
        if (trace != null) trace.put(prefix + "bn2_out", normed2);
        NDArray out = Activation.softPlus(atoms.add(normed2));
        if (trace != null) trace.put(prefix + "output", out);
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

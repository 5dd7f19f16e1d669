package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The crystal graph convolutional neural network of Xie &amp; Grossman (PRL 120, 145301 (2018)),
 * layer for layer the reference {@code CrystalGraphConvNet}:
 *
 * <pre>
 *   v⁰ = embedding(x)                     Linear(92 → F)
 *   vᵗ⁺¹ = CGConv_t(vᵗ)                    t = 0 .. n_conv−1
 *   p  = pool(v)                          mean over each crystal's atoms (default)
 *   h  = softplus(conv_to_fc(softplus(p) [‖ g]))   Linear(F [+ D] → H)
 *   h  = dropout(h)                       classification heads only, p = 0.5, training only
 *   h  = softplus(fcs_k(h))               k = 0 .. n_h−2
 *   out = head(h)
 * </pre>
 *
 * <p><b>Residual option</b> ({@link Builder#optResidual}, off by default): each convolution becomes
 * a pre-normalised residual block, vᵗ⁺¹ = vᵗ + CGConv_t(BN_t(vᵗ)) (the "res+" ordering of Li et al.,
 * DeeperGCN, arXiv:2006.07739), so that 6–8 convolutions train; BN_t is a BatchNorm over the atoms
 * ({@code norms.t.*}). The reference architecture and its checkpoints are unchanged without it.
 *
 * <p><b>Angle option</b> ({@link Builder#optAngleLayers}, 0 by default): N bond-angle layers in the
 * manner of ALIGNN ({@link AngleLayers}: edge-gated convolutions on the line graph of the bonds, then
 * on the crystal graph) run between the embedding and the convolutions, which then read the bonds'
 * learned F-long vectors instead of the Gaussian expansion. Such a network needs batches whose graphs
 * carry {@link spinel.graph.BondAngles} ({@link GraphBatch#hasBondAngles()}).
 *
 * <p>Parameters carry the reference's PyTorch names ({@link #torchParameters()}), so a published
 * checkpoint's state dict loads with {@link #loadStateDict(Map)} and gives the reference's numbers.
 * The optional global descriptor vector g (length D, e.g. from {@code spinel.descriptors}) is
 * concatenated with the pooled embedding before {@code conv_to_fc}.
 *
 * <p>Input: {@link GraphBatch#toNDList()}. Output: the head's arrays ({@link Head#outputNames()}).
 */
public final class CrystalGraphConvNet extends AbstractBlock {

    private final int atomInputLength;
    private final int bondFeatureLength;
    private final int atomFeatureLength;
    private final int hiddenLength;
    private final int globalFeatureLength;
    private final float dropout;
    private final Dense embedding;
    private final AngleLayers angles;
    private final List<CGConv> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Pooling pooling;
    private final Dense convToFc;
    private final List<Dense> fcs = new ArrayList<>();
    private final Head head;

    private CrystalGraphConvNet(Builder b) {
        atomInputLength = b.atomInputLength;
        bondFeatureLength = b.bondFeatureLength;
        atomFeatureLength = b.atomFeatureLength;
        hiddenLength = b.hiddenLength;
        globalFeatureLength = b.globalFeatureLength;
        embedding = addChildBlock("embedding", new Dense(atomInputLength, atomFeatureLength));
        angles = b.angleLayers > 0
                ? addChildBlock("angle_layers", new AngleLayers(b.angleLayers, atomFeatureLength, bondFeatureLength))
                : null;
        for (int t = 0; t < b.numConv; t++) {
            convs.add(addChildBlock(
                    "convs_" + t,
                    CGConv.builder()
                            .setAtomFeatureLength(atomFeatureLength)
                            .setBondFeatureLength(angles != null ? atomFeatureLength : bondFeatureLength)
                            .optMaskPadding(b.maskPadding)
                            .optAggregation(b.aggregation)
                            .build()));
            if (b.residual) norms.add(addChildBlock("norms_" + t, CGConv.newBatchNorm()));
        }
        pooling = addChildBlock("pooling", new Pooling(b.pooling, atomFeatureLength));
        convToFc = addChildBlock("conv_to_fc", new Dense(atomFeatureLength + globalFeatureLength, hiddenLength));
        for (int k = 0; k < b.numHidden - 1; k++)
            fcs.add(addChildBlock("fcs_" + k, new Dense(hiddenLength, hiddenLength)));
        head = addChildBlock("head", b.head.apply(hiddenLength));
        if (head.inputLength() != hiddenLength) {
            throw new IllegalArgumentException(
                    "head reads " + head.inputLength() + " features but the hidden layer has " + hiddenLength);
        }
        dropout = b.dropout != null ? b.dropout : head.isClassification() ? 0.5f : 0f;
    }

    /** A builder with the CGCNN defaults (F = 64, n_conv = 3, H = 128, n_h = 1, mean pooling, one regression target). */
    public static Builder builder() {
        return new Builder();
    }

    public int atomInputLength() {
        return atomInputLength;
    }

    public int bondFeatureLength() {
        return bondFeatureLength;
    }

    public int atomFeatureLength() {
        return atomFeatureLength;
    }

    public int hiddenLength() {
        return hiddenLength;
    }

    public int numConv() {
        return convs.size();
    }

    public int numHidden() {
        return fcs.size() + 1;
    }

    public int globalFeatureLength() {
        return globalFeatureLength;
    }

    /** N, the ALIGNN bond-angle layers before the convolutions (0: none, the reference). */
    public int angleLayers() {
        return angles == null ? 0 : angles.size();
    }

    /** Whether the convolutions are pre-normalised residual blocks. */
    public boolean isResidual() {
        return !norms.isEmpty();
    }

    public float dropout() {
        return dropout;
    }

    public Head head() {
        return head;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Initialises every parameter (PyTorch's default initialisation) on {@code manager}. */
    public void initializeParameters(NDManager manager) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < GraphBatch.GLOBAL_FEATURES; i++) shapes.add(new Shape(1, 1));
        shapes.set(GraphBatch.ATOM_FEATURES, new Shape(1, atomInputLength));
        shapes.set(GraphBatch.BOND_FEATURES, new Shape(1, bondFeatureLength));
        if (globalFeatureLength > 0) shapes.add(new Shape(1, globalFeatureLength));
        initialize(manager, DataType.FLOAT32, shapes.toArray(new Shape[0]));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(ps, inputs, training, false);
    }

    /** Forward pass on a batch. */
    public NDList forward(ParameterStore ps, GraphBatch batch, boolean training) {
        return forward(ps, batch.toNDList(), training);
    }

    /**
     * The learned representations: [atom embeddings N×F after the last convolution, crystal
     * embeddings C×F (the pooled vectors), hidden vectors C×H (the input of the head)].
     */
    public NDList embed(ParameterStore ps, GraphBatch batch) {
        NDList out = run(ps, batch.toNDList(), false, true);
        NDArray atoms = CGConv.gather(out.get(0), batch.representativeOf()); // every atom: its representative's row
        return new NDList(atoms, out.get(1), out.get(2));
    }

    /**
     * Every intermediate tensor of an evaluation pass computed as the reference writes it (every atom,
     * every slot, the N×M×(2F+B) concatenation), under the names of the reference anchors ({@code
     * atom_fea_embedded}, {@code conv0.fc_full_in}, ..., {@code pooled}, {@code conv_to_fc.out},
     * {@code crys_fea_hidden}, {@code out.0}, ...). Slow; for checking, not for production.
     */
    public Map<String, NDArray> trace(ParameterStore ps, GraphBatch batch) {
        if (angles != null)
            throw new UnsupportedOperationException("trace follows the reference, without angle layers");
        Map<String, NDArray> trace = new LinkedHashMap<>();
        NDArray x =
                embedding.forward(ps, new NDList(batch.atomFeatures()), false).head();
        trace.put("atom_fea_embedded", x);
        NDArray neighbors = batch.neighborIndices();
        NDArray bonds = batch.bondFeatures();
        NDArray mask = batch.neighborMask();
        for (int t = 0; t < convs.size(); t++) {
            trace.put("conv" + t + ".input", x);
            if (norms.isEmpty()) {
                x = convs.get(t).trace(ps, x, neighbors, bonds, mask, trace, "conv" + t + ".");
            } else {
                NDArray normed = norms.get(t).forward(ps, new NDList(x), false).head();
                x = x.add(convs.get(t).trace(ps, normed, neighbors, bonds, mask, trace, "conv" + t + "."));
            }
        }
        NDArray pooled = pooling.pool(ps, x, batch.poolIndex(), null, null, batch.atomCounts(), false);
        trace.put("pooled", pooled);
        NDArray h = hidden(ps, pooled, batch.toNDList(), false, trace);
        NDList out = head.forward(ps, new NDList(h), false);
        for (int i = 0; i < out.size(); i++) trace.put("out." + i, out.get(i));
        return trace;
    }

    private NDList run(ParameterStore ps, NDList in, boolean training, boolean embeddingsOnly) {
        long f = in.get(GraphBatch.ATOM_FEATURES).getShape().get(1);
        long b = in.get(GraphBatch.BOND_FEATURES).getShape().get(1);
        if (f != atomInputLength || b != bondFeatureLength) {
            throw new IllegalArgumentException("the batch has " + f + " atom and " + b
                    + " bond features per row, the network expects " + atomInputLength + " and " + bondFeatureLength);
        }
        Slots slots = Slots.of(in);
        NDArray x = embedding
                .forward(ps, new NDList(in.get(GraphBatch.ATOM_FEATURES)), training)
                .head();
        if (angles != null) {
            if (in.size() < GraphBatch.GLOBAL_FEATURES + LineGraph.TENSORS) {
                throw new IllegalArgumentException("this network has " + angles.size() + " bond-angle layers but the"
                        + " batch has no bond angles: build its graphs with bond angles (CrystalGraph.withBondAngles)");
            }
            NDList lineGraph = in.subNDList(in.size() - LineGraph.TENSORS);
            NDArray[] atomsBonds = angles.forward(ps, x, slots, lineGraph, training);
            x = atomsBonds[0];
            slots = slots.withSlotBonds(atomsBonds[1]);
        }
        for (int t = 0; t < convs.size(); t++) {
            if (norms.isEmpty()) {
                x = convs.get(t).forward(ps, x, slots, training);
            } else { // pre-normalised residual block; BatchNorm over atoms, weighted by atoms per representative
                NDArray normed = WeightedBatchNorm.forward(ps, norms.get(t), x, slots.atomWeight(), training);
                x = x.add(convs.get(t).forward(ps, normed, slots, training));
            }
        }
        NDArray pooled = pooling.pool(
                ps,
                x,
                in.get(GraphBatch.POOL_INDEX),
                in.get(GraphBatch.POOL_WEIGHT),
                in.get(GraphBatch.POOL_SUM),
                in.get(GraphBatch.ATOM_COUNTS),
                training);
        NDArray h = hidden(ps, pooled, in, training, null);
        return embeddingsOnly ? new NDList(x, pooled, h) : head.forward(ps, new NDList(h), training);
    }

    /** From the pooled vectors to the hidden vectors, the head's input. */
    private NDArray hidden(ParameterStore ps, NDArray pooled, NDList in, boolean training, Map<String, NDArray> trace) {
        NDArray h = Activation.softPlus(pooled);
        if (trace != null) trace.put("conv_to_fc.in_softplus_pooled", h);
        if (globalFeatureLength > 0) {
            if (in.size() - (angles != null ? LineGraph.TENSORS : 0) <= GraphBatch.GLOBAL_FEATURES) {
                throw new IllegalArgumentException(
                        "this network fuses " + globalFeatureLength + " global descriptors but the batch has none");
            }
            h = NDArrays.concat(new NDList(h, in.get(GraphBatch.GLOBAL_FEATURES)), 1);
        }
        h = convToFc.forward(ps, new NDList(h), training).head();
        if (trace != null) trace.put("conv_to_fc.out", h);
        h = Activation.softPlus(h);
        if (dropout > 0 && training) h = Dropout.dropout(h, dropout, true).head();
        for (Dense fc : fcs)
            h = Activation.softPlus(fc.forward(ps, new NDList(h), training).head());
        if (trace != null) trace.put("crys_fea_hidden", h);
        return h;
    }

    /**
     * Every parameter and BatchNorm running statistic under its PyTorch state-dict name
     * ({@code embedding.weight}, {@code convs.0.fc_full.weight}, {@code convs.0.bn1.running_mean},
     * ..., {@code conv_to_fc.bias}, {@code fcs.0.weight}, {@code fc_out.bias}).
     */
    public Map<String, Parameter> torchParameters() {
        Map<String, Parameter> map = new LinkedHashMap<>();
        Head.put("embedding", embedding, map);
        if (angles != null) angles.collectTorchParameters("angle_layers.", map);
        for (int t = 0; t < convs.size(); t++) convs.get(t).collectTorchParameters("convs." + t + ".", map);
        for (int t = 0; t < norms.size(); t++) CGConv.putBatchNorm("norms." + t + ".", norms.get(t), map);
        pooling.collectTorchParameters("pooling.", map);
        Head.put("conv_to_fc", convToFc, map);
        for (int k = 0; k < fcs.size(); k++) Head.put("fcs." + k, fcs.get(k), map);
        head.collectTorchParameters(map);
        return Collections.unmodifiableMap(map);
    }

    /**
     * Loads a PyTorch state dict (values {@code float[]} in row-major order, or {@link NDArray}).
     * Strict like PyTorch's {@code load_state_dict}: every parameter must be present with its exact
     * shape, and unknown keys are an error ({@code num_batches_tracked} entries are ignored).
     * The network must have been initialised.
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Map<String, Parameter> params = torchParameters();
        TreeSet<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(stateDict.keySet());
        TreeSet<String> unexpected = new TreeSet<>();
        for (String k : stateDict.keySet()) {
            if (!params.containsKey(k) && !k.endsWith("num_batches_tracked")) unexpected.add(k);
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(
                    "state dict does not match the network: missing " + missing + ", unexpected " + unexpected);
        }
        for (var e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.isInitialized())
                throw new IllegalStateException("initialise the network before loading a state dict");
            NDArray target = p.getArray();
            Object v = stateDict.get(e.getKey());
            float[] values;
            if (v instanceof float[]) {
                values = (float[]) v;
                if (values.length != target.size()) {
                    throw new IllegalArgumentException(
                            e.getKey() + ": " + values.length + " values for shape " + target.getShape());
                }
            } else if (v instanceof NDArray) {
                NDArray a = (NDArray) v;
                if (!a.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException(
                            e.getKey() + ": shape " + a.getShape() + ", the network expects " + target.getShape());
                }
                values = a.toType(DataType.FLOAT32, false).toFloatArray();
            } else {
                throw new IllegalArgumentException(e.getKey() + ": expected float[] or NDArray, got "
                        + (v == null ? "null" : v.getClass().getName()));
            }
            ParameterArrays.overwrite(target, values);
        }
    }

    /** The parameters as a PyTorch-named state dict of row-major float arrays. */
    public Map<String, float[]> stateDict() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var e : torchParameters().entrySet())
            out.put(e.getKey(), e.getValue().getArray().toFloatArray());
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long c = inputShapes[GraphBatch.POOL_INDEX].get(0);
        return head.getOutputShapes(new Shape[] {new Shape(c, hiddenLength)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, new Shape(1, atomInputLength));
        if (angles != null) angles.initialize(manager, dataType, new Shape(1, atomFeatureLength));
        for (CGConv conv : convs) conv.initialize(manager, dataType, new Shape(1, atomFeatureLength));
        for (BatchNorm norm : norms) norm.initialize(manager, dataType, new Shape(1, atomFeatureLength));
        pooling.initialize(manager, dataType, new Shape(1, atomFeatureLength), new Shape(1, 1), new Shape(1, 1));
        convToFc.initialize(manager, dataType, new Shape(1, atomFeatureLength + globalFeatureLength));
        for (Dense fc : fcs) fc.initialize(manager, dataType, new Shape(1, hiddenLength));
        head.initialize(manager, dataType, new Shape(1, hiddenLength));
    }

    /** Builder; defaults are the reference CGCNN's ({@code main.py}) defaults. */
    public static final class Builder {
        private int atomInputLength = 92;
        private int bondFeatureLength = 41;
        private int atomFeatureLength = 64;
        private int numConv = 3;
        private int hiddenLength = 128;
        private int numHidden = 1;
        private Pooling.Mode pooling = Pooling.Mode.MEAN;
        private boolean maskPadding;
        private CGConv.Aggregation aggregation = CGConv.Aggregation.SUM;
        private int globalFeatureLength;
        private Float dropout;
        private boolean residual;
        private int angleLayers;
        private IntFunction<Head> head = h -> new RegressionHead(h, 1);

        /** Length of the raw atom features (reference: 92 from {@code atom_init.json}). */
        public Builder optAtomInputLength(int v) {
            atomInputLength = CGConv.positive(v, "atom input length");
            return this;
        }
        /** B, bond feature length (41 Gaussians for radius 8 Å, step 0.2 Å). */
        public Builder optBondFeatureLength(int v) {
            bondFeatureLength = CGConv.positive(v, "bond feature length");
            return this;
        }
        /** F, {@code atom_fea_len} (default 64). */
        public Builder optAtomFeatureLength(int v) {
            atomFeatureLength = CGConv.positive(v, "atom feature length");
            return this;
        }
        /** {@code n_conv} (default 3). */
        public Builder optNumConv(int v) {
            if (v < 0) throw new IllegalArgumentException("number of convolutions must be ≥ 0, got " + v);
            numConv = v;
            return this;
        }
        /** H, {@code h_fea_len} (default 128). */
        public Builder optHiddenLength(int v) {
            hiddenLength = CGConv.positive(v, "hidden length");
            return this;
        }
        /** {@code n_h}, hidden layers after pooling counting {@code conv_to_fc} (default 1). */
        public Builder optNumHidden(int v) {
            numHidden = CGConv.positive(v, "number of hidden layers");
            return this;
        }

        public Builder optPooling(Pooling.Mode mode) {
            pooling = mode;
            return this;
        }

        public Builder optMaskPadding(boolean mask) {
            maskPadding = mask;
            return this;
        }

        public Builder optAggregation(CGConv.Aggregation a) {
            aggregation = a;
            return this;
        }
        /** D, length of a global descriptor vector fused with the pooled embedding (default 0: none). */
        public Builder optGlobalFeatureLength(int d) {
            if (d < 0) throw new IllegalArgumentException("global feature length must be ≥ 0, got " + d);
            globalFeatureLength = d;
            return this;
        }
        /** Dropout before the hidden layers (default: 0.5 for classification heads, else 0, as the reference). */
        public Builder optDropout(float p) {
            if (p < 0 || p >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
            dropout = p;
            return this;
        }
        /** Pre-normalised residual convolutions, vᵗ⁺¹ = vᵗ + CGConv_t(BN_t(vᵗ)) (default false: the reference). */
        public Builder optResidual(boolean on) {
            residual = on;
            return this;
        }

        /**
         * N ALIGNN bond-angle layers before the convolutions ({@link AngleLayers}; default 0: the
         * reference). The batches' graphs must carry bond angles.
         */
        public Builder optAngleLayers(int n) {
            if (n < 0) throw new IllegalArgumentException("number of angle layers must be ≥ 0, got " + n);
            angleLayers = n;
            return this;
        }

        /** Regression of {@code numTargets} targets (default: 1). */
        public Builder optRegression(int numTargets) {
            head = h -> new RegressionHead(h, numTargets);
            return this;
        }
        /** Classification into {@code numClasses} classes. */
        public Builder optClassification(int numClasses) {
            head = h -> new ClassificationHead(h, numClasses);
            return this;
        }
        /** Space group + volume + {@code numProperties} properties. */
        public Builder optMultiTask(int numProperties) {
            head = h -> new MultiTaskHead(h, numProperties);
            return this;
        }
        /** Bravais lattice, then space group conditioned on it. */
        public Builder optBravaisSpaceGroup() {
            head = BravaisSpaceGroupHead::new;
            return this;
        }
        /** Any head, given the hidden length H. */
        public Builder optHead(IntFunction<Head> factory) {
            head = factory;
            return this;
        }

        public CrystalGraphConvNet build() {
            return new CrystalGraphConvNet(this);
        }
    }
}

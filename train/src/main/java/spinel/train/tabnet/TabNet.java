package spinel.train.tabnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import spinel.conv.Scalars;

/**
 * TabNet (Arik &amp; Pfister, "TabNet: Attentive Interpretable Tabular Learning", AAAI 2021, section 3
 * and figure 4) on a standardised feature vector x of D columns, in DJL.
 *
 * <p>x is batch-normalised, then a feature transformer splits it into (d, a). Each of the
 * {@code steps} decision steps b: the attentive transformer gives the mask M_b = sparsemax(P_{b−1} ·
 * h_b(a)), h_b = FC(n_a → D) → ghost BN, with the prior P_0 = 1 and P_b = P_{b−1} · (γ − M_b); the
 * step's feature transformer reads M_b · x and gives (d_b, a); d_b passes a ReLU into the sum that
 * the final Linear (n_d → outputs) reads. A feature transformer is two GLU blocks shared by all steps
 * (their fully connected layers shared, as in the reference implementation; each step has its own
 * ghost BN) and two of its own; a GLU block is FC(→ 2(n_d + n_a)) → ghost BN → GLU, every block but
 * the first added to its input and scaled by √0.5.
 *
 * <p>Outputs: the prediction (rows × outputs); the sparsity regulariser, the mean over rows and steps
 * of the masks' entropy Σ_j −M_{b,j} ln(M_{b,j} + 10⁻¹⁵) (a scalar, to be added to the loss times
 * λ_sparse); and the rows' aggregate masks Σ_b η_b M_b with η_b = Σ_c ReLU(d_{b,c}) (rows × D, the
 * paper's feature importance before normalisation).
 */
public final class TabNet extends AbstractBlock {

    /** ε inside the entropy's logarithm (pytorch-tabnet's). */
    static final float EPSILON = 1e-15f;

    private static final int GLU_BLOCKS = 2;

    /** The residual scale of the GLU blocks, √0.5 (keeps the variance through the sum). */
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);

    private final Settings settings;
    private final int inputLength;
    private final int outputs;
    private final BatchNorm inputNorm;
    private final List<Linear> shared = new ArrayList<>();
    /** Per feature transformer (0: the initial split, then one per step): its ghost BNs and own FCs. */
    private final List<List<GhostBatchNorm>> sharedNorms = new ArrayList<>();

    private final List<List<Linear>> ownLinears = new ArrayList<>();
    private final List<List<GhostBatchNorm>> ownNorms = new ArrayList<>();
    private final List<Linear> attention = new ArrayList<>();
    private final List<GhostBatchNorm> attentionNorms = new ArrayList<>();
    private final Linear head;

    /**
     * The architecture's hyper-parameters.
     *
     * @param width        n_d = n_a, the decision and attention widths (paper's default 64 here)
     * @param steps        decision steps N_steps
     * @param gamma        the prior's relaxation γ (1: a feature used once only)
     * @param sparsity     λ_sparse, the weight of the masks' entropy in the loss
     * @param virtualBatch rows per ghost batch
     * @param momentum     the batch norms' momentum, DJL's convention (running = m · running + (1 − m) · batch)
     */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(int width, int steps, double gamma, double sparsity, int virtualBatch, double momentum) {
        /** The seed's defaults: n_d = n_a = 64, 5 steps, γ = 1.5, λ_sparse = 10⁻⁴, virtual batch 128, momentum 0.98. */
        public static final Settings DEFAULTS = new Settings(64, 5, 1.5, 1e-4, 128, 0.98);

        public Settings {
            if (width < 1
                    || steps < 1
                    || virtualBatch < 2
                    || gamma < 1
                    || sparsity < 0
                    || momentum < 0
                    || momentum >= 1)
                throw new IllegalArgumentException("TabNet needs width ≥ 1, steps ≥ 1, virtual batch ≥ 2, γ ≥ 1, "
                        + "λ_sparse ≥ 0 and 0 ≤ momentum < 1; got " + this);
        }
    }

    /** The network for feature vectors of {@code inputLength} columns and {@code outputs} outputs. */
    public TabNet(int inputLength, int outputs, Settings settings) {
        this.settings = settings;
        this.inputLength = inputLength;
        this.outputs = outputs;
        int hidden = 2 * settings.width();
        inputNorm = addChildBlock(
                "input_bn",
                BatchNorm.builder().optMomentum((float) settings.momentum()).build());
        for (int k = 0; k < GLU_BLOCKS; k++) shared.add(addChildBlock("shared_fc" + k, linear(2 * hidden)));
        for (int t = 0; t <= settings.steps(); t++) {
            List<GhostBatchNorm> sn = new ArrayList<>(), on = new ArrayList<>();
            List<Linear> ol = new ArrayList<>();
            for (int k = 0; k < GLU_BLOCKS; k++) sn.add(addChildBlock("t" + t + "_shared_bn" + k, ghost()));
            for (int k = 0; k < GLU_BLOCKS; k++) {
                ol.add(addChildBlock("t" + t + "_fc" + k, linear(2 * hidden)));
                on.add(addChildBlock("t" + t + "_bn" + k, ghost()));
            }
            sharedNorms.add(sn);
            ownLinears.add(ol);
            ownNorms.add(on);
            if (t > 0) {
                attention.add(addChildBlock("att" + t + "_fc", linear(inputLength)));
                attentionNorms.add(addChildBlock("att" + t + "_bn", ghost()));
            }
        }
        head = addChildBlock("head", linear(outputs));
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    /** The hyper-parameters. */
    public Settings settings() {
        return settings;
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private GhostBatchNorm ghost() {
        return new GhostBatchNorm(settings.virtualBatch(), (float) settings.momentum());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        boolean batchStatistics = training && x.getShape().get(0) > 1;
        x = inputNorm.forward(ps, new NDList(x), batchStatistics, params).head();
        int nd = settings.width();
        NDArray a = transform(0, x, ps, training, params).get(new NDIndex(":, {}:", nd));
        NDArray prior = x.onesLike();
        NDArray decision = null, entropy = null, explain = null;
        for (int b = 1; b <= settings.steps(); b++) {
            NDArray logits = forward(attention.get(b - 1), a, ps, training, params);
            NDArray mask = Sparsemax.of(forward(attentionNorms.get(b - 1), logits, ps, training, params)
                    .mul(prior));
            NDArray h =
                    mask.neg().mul(mask.add(EPSILON).log()).sum(new int[] {1}).mean();
            entropy = entropy == null ? h : entropy.add(h);
            prior = prior.mul(mask.neg().add(settings.gamma()));
            NDArray out = transform(b, mask.mul(x), ps, training, params);
            NDArray d = Activation.relu(out.get(new NDIndex(":, :{}", nd)));
            a = out.get(new NDIndex(":, {}:", nd));
            decision = decision == null ? d : decision.add(d);
            NDArray weighted = mask.mul(d.sum(new int[] {1}, true)).stopGradient();
            explain = explain == null ? weighted : explain.add(weighted);
        }
        NDArray y = forward(head, decision, ps, training, params);
        return new NDList(y, Scalars.div(entropy, settings.steps()), explain);
    }

    /** Feature transformer {@code t}: two shared GLU blocks, then two of its own (width 2 n_d out). */
    private NDArray transform(int t, NDArray x, ParameterStore ps, boolean training, PairList<String, Object> params) {
        NDArray h = x;
        for (int k = 0; k < GLU_BLOCKS; k++)
            h = glu(shared.get(k), sharedNorms.get(t).get(k), h, k > 0, ps, training, params);
        for (int k = 0; k < GLU_BLOCKS; k++)
            h = glu(ownLinears.get(t).get(k), ownNorms.get(t).get(k), h, true, ps, training, params);
        return h;
    }

    /** FC → ghost BN → GLU, with (x + GLU) · √0.5 when {@code residual}. */
    private static NDArray glu(
            Linear fc,
            GhostBatchNorm norm,
            NDArray x,
            boolean residual,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        NDArray z = forward(norm, forward(fc, x, ps, training, params), ps, training, params);
        long half = z.getShape().get(1) / 2;
        NDArray g = z.get(new NDIndex(":, :{}", half)).mul(Activation.sigmoid(z.get(new NDIndex(":, {}:", half))));
        return residual ? Scalars.mul(x.add(g), SQRT_HALF) : g;
    }

    private static NDArray forward(
            Block block, NDArray x, ParameterStore ps, boolean training, PairList<String, Object> params) {
        return block.forward(ps, new NDList(x), training, params).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].get(0);
        return new Shape[] {new Shape(rows, outputs), new Shape(), new Shape(rows, inputLength)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long rows = inputShapes[0].get(0);
        int hidden = 2 * settings.width();
        Shape in = new Shape(rows, inputLength), wide = new Shape(rows, 2 * hidden), half = new Shape(rows, hidden);
        inputNorm.initialize(manager, dataType, in);
        shared.get(0).initialize(manager, dataType, in);
        shared.get(1).initialize(manager, dataType, half);
        for (int t = 0; t <= settings.steps(); t++) {
            for (GhostBatchNorm n : sharedNorms.get(t)) n.initialize(manager, dataType, wide);
            for (Linear l : ownLinears.get(t)) l.initialize(manager, dataType, half);
            for (GhostBatchNorm n : ownNorms.get(t)) n.initialize(manager, dataType, wide);
        }
        for (Linear l : attention) l.initialize(manager, dataType, new Shape(rows, settings.width()));
        for (GhostBatchNorm n : attentionNorms) n.initialize(manager, dataType, in);
        head.initialize(manager, dataType, new Shape(rows, settings.width()));
    }
}

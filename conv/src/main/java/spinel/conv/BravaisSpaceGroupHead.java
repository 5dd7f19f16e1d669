package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import spinel.graph.symmetry.BravaisLattice;

/**
 * Two-stage symmetry head in the spirit of CRYSPNet (Liang et al., Comput. Mater. Sci. 2020): the
 * Bravais lattice first, then the space group conditioned on it.
 *
 * <p>Stage 1: p(b) = softmax(fc_bravais(h)) over the 14 {@link BravaisLattice}s. Stage 2: space-group
 * scores z = fc_spacegroup(h ‖ p(b)) are normalised <em>within</em> each lattice's groups, so
 * p(sg) = p(b(sg)) · p(sg | b(sg)) is a proper distribution over the 230 groups that never puts a
 * group under the wrong lattice's probability. Outputs: Bravais log-probabilities C×14, space-group
 * log-probabilities C×230 (index = number − 1). Labels: space-group index (C, 0..229); the lattice
 * label is derived from it. Loss: NLL(lattice) + NLL(space group).
 */
public final class BravaisSpaceGroupHead extends Head {

    private static final int LATTICES = BravaisLattice.values().length;
    private static final int GROUPS = MultiTaskHead.SPACE_GROUPS;
    private static final long[] LATTICE_OF_GROUP = new long[GROUPS];
    private static final float[] OUTSIDE_LATTICE = new float[LATTICES * GROUPS];

    static {
        for (int sg = 1; sg <= GROUPS; sg++) {
            int b = BravaisLattice.ofSpaceGroup(sg).ordinal();
            LATTICE_OF_GROUP[sg - 1] = b;
            for (int l = 0; l < LATTICES; l++) OUTSIDE_LATTICE[l * GROUPS + sg - 1] = l == b ? 0f : -1e30f;
        }
    }

    private final Dense bravais;
    private final Dense spaceGroup;

    public BravaisSpaceGroupHead(int inputLength) {
        super(inputLength);
        bravais = addChildBlock("fc_bravais", new Dense(inputLength, LATTICES));
        spaceGroup = addChildBlock("fc_spacegroup", new Dense(inputLength + LATTICES, GROUPS));
    }

    @Override
    public List<String> outputNames() {
        return List.of("bravais_log_probabilities", "spacegroup_log_probabilities");
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    @Override
    public NDArray loss(NDList predictions, NDList labels) {
        NDArray sg = labels.head().toType(DataType.INT64, false);
        NDArray lattice = sg.getManager().create(LATTICE_OF_GROUP).get(sg);
        return nll(predictions.get(0), lattice).add(nll(predictions.get(1), sg));
    }

    @Override
    void collectTorchParameters(Map<String, Parameter> map) {
        put("fc_bravais", bravais, map);
        put("fc_spacegroup", spaceGroup, map);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDManager mgr = h.getManager();
        long c = h.getShape().get(0);
        NDArray logLattice = bravais.forward(ps, inputs, training).head().logSoftmax(1); // C × 14
        NDArray z = spaceGroup
                .forward(ps, new NDList(NDArrays.concat(new NDList(h, logLattice.exp()), 1)), training)
                .head();
        NDArray outside = mgr.create(OUTSIDE_LATTICE, new Shape(1, LATTICES, GROUPS));
        NDArray within = z.expandDims(1).add(outside).logSoftmax(2); // C × 14 × 230
        NDArray latticeIdx =
                mgr.create(LATTICE_OF_GROUP, new Shape(1, 1, GROUPS)).broadcast(new Shape(c, 1, GROUPS));
        NDArray logGivenLattice = within.gather(latticeIdx, 1).reshape(c, GROUPS);
        NDArray logLatticeOfGroup = logLattice.gather(latticeIdx.reshape(c, GROUPS), 1);
        return new NDList(logLattice, logLatticeOfGroup.add(logGivenLattice));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long c = inputShapes[0].get(0);
        return new Shape[] {new Shape(c, LATTICES), new Shape(c, GROUPS)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        bravais.initialize(manager, dataType, new Shape(1, inputLength));
        spaceGroup.initialize(manager, dataType, new Shape(1, inputLength + LATTICES));
    }
}

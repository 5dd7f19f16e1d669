package spinel.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.conv.CrystalGraphConvNet;
import spinel.conv.GraphBatch;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;

/**
 * A pretrained CGCNN ready to predict: the network with its weights, the graph builder with the
 * featurisation it was trained with, and the target normaliser. Structures are turned into graphs
 * ({@link #graph}, thread-safe, the costly part) and predicted in batches ({@link #predictGraphs};
 * forward passes are serialised). Close it to free the native tensors.
 *
 * <p>Regression outputs are denormalised (output × std + mean, the reference's {@code Normalizer});
 * classification outputs are the softmax probabilities of the classes named in the model card.
 */
public final class CgcnnModel implements StructureModel<CrystalGraph> {

    private static final int TOP = 5;

    private final String name;
    private final ModelCard card;
    private final CgcnnWeights weights;
    private final CrystalGraphBuilder graphs;
    private final NDManager manager;
    private final CrystalGraphConvNet net;
    private final ParameterStore store;
    private final List<String> classes;
    private final String units;
    private final Double rescaleVolumePerAtom;

    CgcnnModel(
            String name,
            ModelCard card,
            CgcnnWeights weights,
            CrystalGraphBuilder graphs,
            Double rescaleVolumePerAtom) {
        this.name = name;
        this.rescaleVolumePerAtom = rescaleVolumePerAtom;
        this.card = card;
        this.weights = weights;
        this.graphs = graphs;
        ModelCard.Network n = weights.network();
        if (graphs.atomFeaturizer().length() != n.origAtomFeaLen()) {
            throw new IllegalArgumentException(
                    name + ": the atom features have " + graphs.atomFeaturizer().length()
                            + " entries but the network expects " + n.origAtomFeaLen() + " (wrong atom_init.json?)");
        }
        if (graphs.bondFeaturizer().length() != n.nbrFeaLen()) {
            throw new IllegalArgumentException(name + ": the bond features have "
                    + graphs.bondFeaturizer().length() + " entries but the network expects " + n.nbrFeaLen()
                    + " (radius / Gaussian settings differ from training)");
        }
        this.net = network(weights);
        this.manager = NDManager.newBaseManager();
        try {
            net.initializeParameters(manager);
            Map<String, float[]> sd = new LinkedHashMap<>();
            weights.tensors().forEach((k, t) -> sd.put(k, t.data()));
            net.loadStateDict(sd);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        this.store = new ParameterStore(manager, false);
        List<String> cls = card != null && card.target() != null ? card.target().classes() : null;
        if (weights.isClassification()) {
            if (cls == null || cls.size() != n.nOut()) {
                cls = new ArrayList<>();
                for (int k = 0; k < n.nOut(); k++) cls.add(Integer.toString(k));
            }
        }
        this.classes = cls;
        this.units = card != null && card.target() != null ? card.target().units() : null;
    }

    /** A network of the architecture of {@code w}, parameters not yet initialised or loaded. */
    static CrystalGraphConvNet network(CgcnnWeights w) {
        ModelCard.Network n = w.network();
        CrystalGraphConvNet.Builder b = CrystalGraphConvNet.builder()
                .optAtomInputLength(n.origAtomFeaLen())
                .optBondFeatureLength(n.nbrFeaLen())
                .optAtomFeatureLength(n.atomFeaLen())
                .optNumConv(n.nConv())
                .optHiddenLength(n.hFeaLen())
                .optNumHidden(n.nH());
        if (w.isClassification()) b.optClassification(n.nOut());
        else b.optRegression(n.nOut());
        return b.build();
    }

    /** The model id, or the checkpoint file name for a model loaded from a path. */
    @Override
    public String name() {
        return name;
    }

    /** The model card (null for a checkpoint loaded from a path without one). */
    public ModelCard card() {
        return card;
    }

    public CgcnnWeights weights() {
        return weights;
    }

    /** The network (for DJL use: it is a {@code Block}). */
    public CrystalGraphConvNet network() {
        return net;
    }

    /** The graph builder with this model's featurisation. */
    public CrystalGraphBuilder graphBuilder() {
        return graphs;
    }

    @Override
    public boolean isClassification() {
        return weights.isClassification();
    }

    /** Class names in output order (null for regression). */
    @Override
    public List<String> classes() {
        return classes;
    }

    /** The graph of {@code s} with this model's featurisation. Thread-safe. */
    public CrystalGraph graph(Structure s) {
        if (rescaleVolumePerAtom != null) {
            // the model saw every structure at one volume per atom (it predicts from shape and composition)
            CrystalGraph g = graphs.build(s.withLattice(s.lattice()
                    .scaledToVolume(rescaleVolumePerAtom * s.composition().numAtoms())));
            return g;
        }
        return graphs.build(s);
    }

    /** The graph of {@code s} (see {@link #graph}). */
    @Override
    public CrystalGraph featurize(Structure s) {
        return graph(s);
    }

    /** Predicts a batch of graphs in one forward pass (see {@link #predictGraphs}). */
    @Override
    public List<Prediction> predict(List<CrystalGraph> inputs, boolean withEmbeddings) {
        return predictGraphs(inputs, withEmbeddings);
    }

    /**
     * Predicts a batch of graphs in one forward pass (evaluation mode).
     *
     * @param withEmbeddings also return each crystal's embedding (the pooled atom vector)
     */
    public synchronized List<Prediction> predictGraphs(List<CrystalGraph> batchGraphs, boolean withEmbeddings) {
        if (batchGraphs.isEmpty()) return List.of();
        try (NDManager scope = manager.newSubManager();
                GraphBatch batch = GraphBatch.of(scope, batchGraphs)) {
            float[] values;
            float[][] embeddings = null;
            if (withEmbeddings) {
                // one pass: the representations, then the head on the hidden vectors
                NDList rep = net.embed(store, batch);
                values = net.head()
                        .forward(store, new NDList(rep.get(2)), false)
                        .head()
                        .toFloatArray();
                NDArray pooled = rep.get(1);
                int dim = (int) pooled.getShape().get(1);
                float[] flat = pooled.toFloatArray();
                embeddings = new float[batchGraphs.size()][];
                for (int c = 0; c < embeddings.length; c++) {
                    embeddings[c] = java.util.Arrays.copyOfRange(flat, c * dim, (c + 1) * dim);
                }
            } else {
                values = net.forward(store, batch, false).head().toFloatArray();
            }
            int width = values.length / batchGraphs.size();
            List<Prediction> result = new ArrayList<>(batchGraphs.size());
            for (int c = 0; c < batchGraphs.size(); c++) {
                float[] emb = embeddings == null ? null : embeddings[c];
                result.add(decode(batchGraphs.get(c).id(), values, c * width, width, emb));
            }
            return result;
        }
    }

    Prediction decode(String id, float[] values, int offset, int width, float[] embedding) {
        if (!weights.isClassification()) {
            double v = values[offset] * weights.meta().std() + weights.meta().mean();
            return Prediction.regression(id, name, v, units, embedding);
        }
        // the head gives log-probabilities
        List<Map.Entry<String, Double>> p = new ArrayList<>();
        for (int k = 0; k < width; k++) p.add(Map.entry(classes.get(k), Math.exp(values[offset + k])));
        p.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        Map<String, Double> top = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : p.subList(0, Math.min(TOP, p.size()))) top.put(e.getKey(), e.getValue());
        return Prediction.classification(id, name, p.get(0).getKey(), p.get(0).getValue(), top, embedding);
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "CgcnnModel[" + name + ", " + weights.network() + "]";
    }
}

package spinel.zoo;

import java.io.IOException;
import java.nio.file.Path;
import spinel.graph.AtomInitFeaturizer;
import spinel.graph.CgcnnAtomFeaturizer;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.GaussianDistance;

/** Turns a model card's featurizer settings into the graph builder the model was trained with. */
final class Featurization {

    private Featurization() {}

    /**
     * @param atomInit the atom_init.json file, or null for the built-in CGCNN atom features
     */
    static CrystalGraphBuilder graphBuilder(ModelCard.Featurizer f, Path atomInit) throws IOException {
        ModelCard.Gaussian g = f.gaussian() != null
                ? f.gaussian()
                : ModelCard.Featurizer.cgcnnDefault().gaussian();
        CrystalGraphBuilder.Builder b = CrystalGraphBuilder.builder()
                .optRadius(f.radius())
                .optMaxNeighbors(f.maxNeighbors())
                .optBondFeaturizer(new GaussianDistance(g.dmin(), g.dmax(), g.step(), g.var()))
                .optWarnOnPadding(false);
        b.optAtomFeaturizer(atomInit != null ? AtomInitFeaturizer.load(atomInit) : CgcnnAtomFeaturizer.instance());
        return b.build();
    }
}

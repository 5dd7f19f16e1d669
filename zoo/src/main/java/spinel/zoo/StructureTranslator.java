package spinel.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import spinel.conv.GraphBatch;
import spinel.graph.CrystalGraph;
import spinel.graph.Structure;

/**
 * A DJL {@link ai.djl.translate.Translator} from a {@link Structure} to a {@link Prediction}, so that
 * DJL's {@code Criteria}/{@code ZooModel}/{@code Predictor} machinery runs Spinel models:
 * the input becomes the model's crystal graph as a one-crystal {@link GraphBatch}; the output is
 * denormalised (regression) or turned into class probabilities (classification) exactly as
 * {@link CgcnnModel#predict(Structure)} does. See {@link ModelRegistry#criteria(String)}.
 */
public final class StructureTranslator implements NoBatchifyTranslator<Structure, Prediction> {

    private static final String ID = "spinel.structure.id";

    private final CgcnnModel model;

    /** A translator with {@code model}'s featurisation, normaliser and class names. */
    public StructureTranslator(CgcnnModel model) {
        this.model = model;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Structure input) {
        CrystalGraph g = model.graph(input);
        ctx.setAttachment(ID, input.id());
        // the batch's arrays live in the context's manager, freed when the prediction ends
        GraphBatch batch = GraphBatch.of(ctx.getNDManager(), List.of(g));
        return batch.toNDList();
    }

    @Override
    public Prediction processOutput(TranslatorContext ctx, NDList list) {
        float[] values = list.head().toFloatArray();
        return model.decode((String) ctx.getAttachment(ID), values, 0, values.length, null);
    }
}

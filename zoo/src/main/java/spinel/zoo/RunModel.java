package spinel.zoo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.Structure;
import spinel.train.ExperimentSpec;
import spinel.train.RunConfig;
import spinel.train.RunPrediction;
import spinel.train.TrainedRun;

/**
 * A run of {@code spinel train} — any kind: CGCNN, CGCNN + descriptor fusion, the tabular MLPs,
 * multi-task, two-stage, classification or regression, an ensemble — as a {@link StructureModel},
 * opened through the train module's one run loader ({@link TrainedRun}) so that structures are
 * featurised exactly as in training (no atom_init.json, no settings by hand).
 *
 * <p>The prediction is the run's target: for a multi-task run the property, with the space group and
 * volume per atom in {@link Prediction#others()}; for an ensemble the members' mean, with their
 * spread ({@link Prediction#spread()}). The run featurises inside its forward pass (graphs built in
 * parallel), so {@link #featurize} only hands the structure on.
 */
public final class RunModel implements StructureModel<Structure> {

    private static final int TOP = 5;

    private final String name;
    private final TrainedRun run;
    private final String units;

    private RunModel(String name, TrainedRun run, String units) {
        this.name = name;
        this.run = run;
        this.units = units;
    }

    /** The run in {@code runDir}, named by its folder. */
    public static RunModel open(Path runDir) throws IOException {
        return open(runDir, runDir.toString(), null);
    }

    /**
     * The run in {@code runDir} under another name (a packaged model's id), with the units of its
     * target when known (null otherwise).
     */
    public static RunModel open(Path runDir, String name, String units) throws IOException {
        return new RunModel(name, TrainedRun.open(runDir), units);
    }

    /** The run folder (for a packaged model: where its archive was unpacked). */
    public Path directory() {
        return run.dir();
    }

    /** The run's typed description. */
    public RunConfig config() {
        return run.config();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isClassification() {
        return run.config().task().classification() && run.config().task().kind() != ExperimentSpec.Task.MULTI_TASK;
    }

    @Override
    public List<String> classes() {
        return isClassification() ? run.config().task().classes() : null;
    }

    @Override
    public Structure featurize(Structure structure) {
        return structure;
    }

    @Override
    public synchronized List<Prediction> predict(List<Structure> inputs, boolean withEmbeddings) {
        List<RunPrediction> raw = run.predict(inputs);
        int k = primary(run.config());
        boolean ensemble = run.config().members().size() > 1;
        List<Prediction> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            List<RunPrediction.Output> outputs = raw.get(i).outputs();
            Map<String, Object> others = null;
            if (outputs.size() > 1) {
                others = new LinkedHashMap<>();
                for (int j = 0; j < outputs.size(); j++)
                    if (j != k) others.put(outputs.get(j).name(), answer(outputs.get(j)));
            }
            out.add(prediction(inputs.get(i).id(), outputs.get(k), ensemble, others));
        }
        return out;
    }

    /** Whether a formula is enough: the run reads the composition alone. */
    public boolean compositionOnly() {
        return run.compositionOnly();
    }

    /**
     * The run's outputs for {@code compositions}, in order (composition-only runs; see
     * {@link TrainedRun#predictCompositions}).
     */
    public synchronized List<RunPrediction.Output> predictCompositions(List<spinel.graph.Composition> compositions) {
        int k = primary(run.config());
        return run.predictCompositions(compositions).stream()
                .map(p -> p.outputs().get(k))
                .toList();
    }

    /** Which output is the run's target: the property of a multi-task run, else the only one. */
    static int primary(RunConfig config) {
        return config.task().kind() == ExperimentSpec.Task.MULTI_TASK ? 2 : 0;
    }

    private Prediction prediction(String id, RunPrediction.Output o, boolean ensemble, Map<String, Object> others) {
        if (!o.classification()) {
            String unit = o.unit() != null ? o.unit() : units;
            return new Prediction(id, name, o.value(), unit, null, null, null, ensemble ? o.spread() : null, others);
        }
        return new Prediction(id, name, o.probability(), null, o.label(), top(o), null, null, others);
    }

    /** A secondary output as a value (a number, or a class name). */
    private static Object answer(RunPrediction.Output o) {
        return o.classification() ? o.label() : o.value();
    }

    /** The most probable classes, most probable first. */
    static Map<String, Double> top(RunPrediction.Output o) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < o.probabilities().length; c++) order.add(c);
        order.sort(
                Comparator.comparingDouble((Integer c) -> o.probabilities()[c]).reversed());
        Map<String, Double> top = new LinkedHashMap<>();
        for (int c : order.subList(0, Math.min(TOP, order.size())))
            top.put(o.classes().get(c), o.probabilities()[c]);
        return top;
    }

    @Override
    public void close() {
        run.close();
    }

    @Override
    public String toString() {
        return "RunModel[" + name + ", " + run.config().model().kind().id() + "]";
    }
}

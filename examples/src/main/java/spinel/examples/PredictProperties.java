package spinel.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spinel.zoo.ModelRegistry;
import spinel.zoo.PredictionPipeline;
import spinel.zoo.PredictionResult;
import spinel.zoo.StructureInput;
import spinel.zoo.StructureModel;

/**
 * Predicts the formation energy (eV/atom) of structure files with a model bundled in the jar,
 * through the streaming prediction pipeline: files are read and turned into graphs in parallel and
 * predicted in batches; a file that cannot be read gives a failed result and the others go on.
 *
 * <p>Run it with the repository root as working directory (it reads {@code examples/*.cif}).
 */
public final class PredictProperties {

    /** The model used. */
    public static final String MODEL = "spinel/formation-energy-per-atom";

    private PredictProperties() {}

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) files.add(Path.of(a));
        if (files.isEmpty()) files = List.of(Samples.file("NaCl.cif"), Samples.file("Si.cif"));
        run(files, System.out);
    }

    /** Prints one line per file and returns the results. */
    public static List<PredictionResult> run(List<Path> files, PrintStream out) throws Exception {
        List<PredictionResult> results = new ArrayList<>();
        try (StructureModel<?> model = ModelRegistry.load(MODEL);
                PredictionPipeline pipeline =
                        PredictionPipeline.builder().addModel(model).build()) {
            pipeline.predict(files.stream().map(StructureInput::of).iterator(), r -> {
                results.add(r);
                if (r.ok()) {
                    out.printf(
                            "%s: %.3f %s%n",
                            r.id(), r.prediction().value(), r.prediction().units());
                } else {
                    out.printf("%s: failed: %s%n", r.input().source(), r.errorMessage());
                }
            });
        }
        return results;
    }
}

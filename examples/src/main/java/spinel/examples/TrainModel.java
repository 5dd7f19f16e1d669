package spinel.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import spinel.graph.Structure;
import spinel.graph.io.Structures;
import spinel.train.Experiment;
import spinel.train.ExperimentSpec;
import spinel.train.TrainConfig;
import spinel.zoo.Prediction;
import spinel.zoo.RunModel;

/**
 * Trains a small CGCNN and predicts with it: the example structures become a CGCNN data folder
 * ({@code id_prop.csv} with each crystal's density in g/cm³, and the CIFs), a network is trained on
 * it for a few epochs ({@link Experiment#run}, the library behind {@code spinel train}), and the run
 * folder is opened again ({@link RunModel}) to predict a structure — featurised exactly as in
 * training, from the run's own settings. A toy: eleven crystals teach a network nothing; the point
 * is the round trip. Real data: {@code ../shared/data} (Materials Project, Matbench).
 *
 * <p>Run it with the repository root as working directory (it reads {@code examples/*.cif}).
 */
public final class TrainModel {

    private TrainModel() {}

    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("spinel-train-example"), System.out);
    }

    /** Trains in {@code workDir}, prints the test MAE and one prediction, and returns that prediction. */
    public static Prediction run(Path workDir, PrintStream out) throws Exception {
        Path data = dataFolder(workDir.resolve("data"));
        ExperimentSpec spec = ExperimentSpec.builder()
                .setData(data)
                .optArchitecture(16, 2, 32)
                .optTestFraction(0.2)
                .optValFraction(0.2)
                .optTrain(TrainConfig.builder().optEpochs(5).optBatchSize(4).build())
                .optCacheDir(workDir.resolve("graphs"))
                .setOut(workDir.resolve("run"))
                .build();
        Map<String, Object> metrics = Experiment.run(spec, new PrintStream(OutputStream.nullOutputStream()));
        out.println("test scores: " + metrics.get("test"));
        Structure nacl = Structures.readOne(Samples.file("NaCl.cif"));
        try (RunModel model = RunModel.open(workDir.resolve("run"))) {
            Prediction p = model.predict(nacl);
            out.printf(Locale.ROOT, "NaCl: density %.3f g/cm³ predicted, %.3f g/cm³ true%n", p.value(), nacl.density());
            return p;
        }
    }

    /** A CGCNN data folder of the example CIFs with their densities as the target. */
    static Path dataFolder(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder idProp = new StringBuilder();
        Path examples = Samples.file("NaCl.cif").getParent();
        try (var files = Files.list(examples == null ? Path.of(".") : examples)) {
            for (Path cif :
                    files.filter(f -> f.toString().endsWith(".cif")).sorted().toList()) {
                String id = cif.getFileName().toString().replace(".cif", "");
                Files.copy(cif, dir.resolve(id + ".cif"));
                idProp.append(id)
                        .append(',')
                        .append(Structures.readOne(cif).density())
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("id_prop.csv"), idProp);
        return dir;
    }
}

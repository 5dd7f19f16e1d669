package spinel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import spinel.graph.io.AtomicFiles;
import spinel.zoo.Prediction;
import spinel.zoo.PredictionResult;
import spinel.zoo.StructureModel;

/**
 * {@code --results FILE}: the reference CGCNN's {@code test_results.csv} — rows {@code id,target,prediction},
 * no header, as its {@code predict.py} writes them. The prediction is the value for regression; for
 * classification the probability of the second class when there are two (the reference's
 * {@code softmax[:, 1]}), else the predicted class name. An unknown target is an empty cell; failed
 * structures are left out. Written atomically when the run ends.
 */
final class ResultsFile {

    private final String model;
    private final List<String> classes;
    private final StringBuilder rows = new StringBuilder();

    ResultsFile(StructureModel<?> model) {
        this.model = model.name();
        this.classes = model.classes();
    }

    /** Adds {@code r} if it is this model's successful prediction. */
    void add(PredictionResult r) {
        if (!r.ok() || !model.equals(r.model())) return;
        Prediction p = r.prediction();
        String target = r.target() == null ? "" : Double.toString(r.target());
        String value;
        if (!p.isClassification()) {
            value = Double.toString(Rounding.float32(p.value()));
        } else if (classes != null && classes.size() == 2) {
            value = Double.toString(Rounding.float32(p.probability(classes.get(1))));
        } else {
            value = p.label();
        }
        rows.append(Csv.row(r.id(), target, value)).append('\n');
    }

    void writeTo(Path file) throws IOException {
        AtomicFiles.writeString(file, rows.toString());
    }
}

package spinel.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.zoo.Prediction;
import spinel.zoo.PredictionResult;

/**
 * Writes {@code spinel predict}'s results: one JSON object per line (the contract in DESIGN.md), or
 * CSV rows. Values are rounded to the precision the network computes them in (float32), so no
 * digits of rounding noise reach the output.
 */
abstract class PredictionWriter {

    /** Writes one result. */
    abstract void write(PredictionResult r);

    /** A writer of JSON Lines to {@code out}. */
    static PredictionWriter json(PrintStream out) {
        return json(out, Map.of());
    }

    /**
     * A writer of JSON Lines to {@code out} whose every line carries the structure's exact symmetry
     * ({@link ExactSymmetry}); the lines of the models in {@code symmetryModels} (model id → the
     * quantity they predict: crystal system or space group) also say whether the model agrees.
     */
    static PredictionWriter json(PrintStream out, Map<String, ExactSymmetry.Kind> symmetryModels) {
        return json(new JsonLines(out), symmetryModels);
    }

    /** As {@link #json(PrintStream, Map)}, to {@code lines}. */
    static PredictionWriter json(JsonLines lines, Map<String, ExactSymmetry.Kind> symmetryModels) {
        ExactSymmetry exact = new ExactSymmetry();
        return new PredictionWriter() {
            @Override
            void write(PredictionResult r) {
                Map<String, Object> m = record(r);
                if (r.ok() && r.structure() != null) exact.annotate(m, r, symmetryModels.get(r.model()));
                lines.write(m);
            }
        };
    }

    /** A writer of CSV to {@code out}: file,id,model,ok,prediction,probability,units,error[,embedding]. */
    static PredictionWriter csv(PrintStream out, boolean embeddings) {
        out.println("file,id,model,ok,prediction,probability,units,error" + (embeddings ? ",embedding" : ""));
        return new PredictionWriter() {
            @Override
            void write(PredictionResult r) {
                out.println(csvRow(r, embeddings));
            }
        };
    }

    /** The JSON record of {@code r}. */
    static Map<String, Object> record(PredictionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.input().source());
        if (r.input().id() != null || r.structure() != null && (r.index() > 0 || r.target() != null || many(r)))
            m.put("id", r.id());
        m.put("ok", r.ok());
        if (r.model() != null) m.put("model", r.model());
        if (!r.ok()) {
            m.put("error", r.errorMessage());
            return m;
        }
        Prediction p = r.prediction();
        if (p.isClassification()) {
            m.put("prediction", r.rejected() ? null : label(p.label()));
            if (r.rejected()) m.put("rejected", true);
            Map<String, Double> probs = new LinkedHashMap<>();
            p.probabilities().forEach((k, v) -> probs.put(k, Rounding.float32(v)));
            m.put("probabilities", probs);
        } else {
            m.put("prediction", Rounding.float32(p.value()));
            if (p.spread() != null) m.put("spread", Rounding.float32(p.spread()));
            if (p.units() != null) m.put("units", p.units());
        }
        if (p.others() != null) {
            Map<String, Object> others = new LinkedHashMap<>();
            p.others()
                    .forEach((k, v) -> others.put(k, v instanceof Double d ? Rounding.float32(d) : label((String) v)));
            m.put("outputs", others);
        }
        if (r.target() != null) m.put("target", r.target());
        if (p.embedding() != null) m.put("embedding", p.embedding());
        m.put("warnings", r.structure() != null ? r.structure().warnings() : List.of());
        return m;
    }

    /** A class name that is a number (a space group, a class index) as a number, else the name. */
    static Object label(String name) {
        if (name.matches("-?\\d{1,9}")) return Integer.parseInt(name);
        return name;
    }

    /** Whether the input of {@code r} holds several structures (a dataset file). */
    static boolean many(PredictionResult r) {
        return r.inputSize() > 1;
    }

    static String csvRow(PredictionResult r, boolean embeddings) {
        String id = r.input().id() != null || r.structure() != null && (many(r) || r.target() != null) ? r.id() : "";
        if (!r.ok()) {
            return Csv.row(
                    r.input().source(), id, r.model(), "false", "", "", "", r.errorMessage(), embeddings ? "" : null);
        }
        Prediction p = r.prediction();
        String pred = p.isClassification()
                ? (r.rejected() ? "rejected" : p.label())
                : Double.toString(Rounding.float32(p.value()));
        String prob = p.isClassification() ? Double.toString(Rounding.float32(p.value())) : "";
        String emb = null;
        if (embeddings) {
            StringBuilder b = new StringBuilder();
            if (p.embedding() != null) {
                for (int i = 0; i < p.embedding().length; i++)
                    b.append(i > 0 ? " " : "").append(p.embedding()[i]);
            }
            emb = b.toString();
        }
        return Csv.row(r.input().source(), id, r.model(), "true", pred, prob, p.units(), "", emb);
    }
}

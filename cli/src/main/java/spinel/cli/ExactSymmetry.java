package spinel.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import spinel.graph.Structure;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;
import spinel.zoo.PredictionResult;

/**
 * The exact symmetry that {@code spinel predict} puts on every line ({@code "symmetry": {"number",
 * "international", "crystal_system"}}, {@link SymmetryAnalyzer} at symprec 0.01 Å), computed once
 * per structure. A symmetry classifier's line also gets {@code "agrees_with_symmetry"}: a model's
 * guess is never shown as if it were the answer when the answer is known: when it disagrees, its
 * {@code "prediction"} is null and the guess moves to {@code "model_guess"} (its probabilities stay).
 */
final class ExactSymmetry {

    /** What a symmetry classifier predicts. */
    enum Kind {
        CRYSTAL_SYSTEM,
        SPACE_GROUP
    }

    private final SymmetryAnalyzer analyzer = SymmetryAnalyzer.create();
    private Structure last;
    private Map<String, Object> lastSymmetry;

    /** The kind of symmetry a model with this target name predicts, or null for a property model. */
    static Kind kindOfTarget(String target) {
        if (target == null) return null;
        return switch (target.toLowerCase(Locale.ROOT)) {
            case "crys_sys", "crystal_system" -> Kind.CRYSTAL_SYSTEM;
            case "spg_num", "space_group", "spacegroup" -> Kind.SPACE_GROUP;
            default -> null;
        };
    }

    void annotate(Map<String, Object> line, PredictionResult r, Kind kind) {
        if (r.structure() != last) {
            last = r.structure();
            lastSymmetry = of(r.structure());
        }
        line.put("symmetry", lastSymmetry);
        if (kind == null || lastSymmetry == null || !line.containsKey("prediction")) return;
        Object guess = line.get("prediction");
        Object truth = kind == Kind.CRYSTAL_SYSTEM ? lastSymmetry.get("crystal_system") : lastSymmetry.get("number");
        boolean agrees = guess != null && String.valueOf(guess).equalsIgnoreCase(String.valueOf(truth));
        line.put("agrees_with_symmetry", agrees);
        if (!agrees && guess != null) {
            // the answer is known: the model's different guess is kept, but never shown as the prediction
            line.put("prediction", null);
            line.put("model_guess", guess);
        }
    }

    private Map<String, Object> of(Structure s) {
        try {
            SymmetryDataset d = analyzer.analyze(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", d.number());
            m.put("international", d.international());
            m.put("crystal_system", d.crystalSystem().label());
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

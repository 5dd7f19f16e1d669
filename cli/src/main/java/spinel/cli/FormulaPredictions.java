package spinel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import spinel.generate.Formula;
import spinel.graph.Composition;
import spinel.graph.symmetry.BravaisLattice;
import spinel.graph.symmetry.CrystalSystem;
import spinel.graph.symmetry.HallSettings;
import spinel.train.RunPrediction;
import spinel.zoo.RunModel;
import spinel.zoo.StructureModel;

/**
 * {@code spinel predict --formula F} / {@code --formulas FILE}: the predictions of composition-only
 * models for chemical formulas, one JSON line per formula and model:
 * {@code {"formula": "NbO2", "ok": true, "model": ..., "prediction": 14, "probability": 0.31,
 * "probabilities": {top k}}}. A space-group model's line also names the predicted group
 * ({@code "international"}) and gives the top k Bravais lattices and crystal systems, its
 * probabilities summed within each ({@code "bravais"}, {@code "crystal_system"}). A formula that
 * cannot be parsed gives an {@code "ok": false} line. Probabilities are rounded to float32 precision
 * as on every {@code predict} line.
 */
final class FormulaPredictions {

    private FormulaPredictions() {}

    /** The formulas of {@code --formula} and of {@code --formulas} files (one a line; blank lines and # comments skipped). */
    static List<String> formulas(List<String> given, List<Path> files) throws IOException {
        List<String> all = new ArrayList<>(given == null ? List.of() : given);
        if (files != null) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) throw new IllegalArgumentException(f + ": no such file of formulas");
                for (String line : Files.readAllLines(f)) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) all.add(t);
                }
            }
        }
        return all;
    }

    /** Writes every model's lines for every formula; returns the number of formulas that failed. */
    static int run(List<StructureModel<?>> models, List<String> formulas, int top, JsonLines out) {
        List<RunModel> runs = new ArrayList<>();
        for (StructureModel<?> m : models) {
            if (!(m instanceof RunModel r) || !r.compositionOnly()) {
                throw new IllegalArgumentException(m.name() + " needs a crystal structure, not a formula; with"
                        + " --formula give a composition model (e.g. " + PredictCommand.FORMULA_MODEL + ")");
            }
            runs.add(r);
        }
        List<Composition> parsed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String f : formulas) {
            try {
                parsed.add(Formula.parse(f));
                errors.add(null);
            } catch (IllegalArgumentException e) {
                parsed.add(null);
                errors.add(e.getMessage());
            }
        }
        List<Composition> ok = parsed.stream().filter(c -> c != null).toList();
        List<List<RunPrediction.Output>> byModel = new ArrayList<>();
        for (RunModel r : runs) byModel.add(ok.isEmpty() ? List.of() : r.predictCompositions(ok));
        int failed = 0;
        for (int i = 0, j = 0; i < formulas.size(); i++) {
            if (parsed.get(i) == null) {
                failed++;
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("formula", formulas.get(i));
                line.put("ok", false);
                line.put("error", errors.get(i));
                out.write(line);
                continue;
            }
            for (int m = 0; m < runs.size(); m++)
                out.write(
                        line(formulas.get(i), runs.get(m).name(), byModel.get(m).get(j), top));
            j++;
        }
        return failed;
    }

    /** One formula's line for one model. */
    static Map<String, Object> line(String formula, String model, RunPrediction.Output o, int top) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("formula", formula);
        line.put("ok", true);
        line.put("model", model);
        line.put("prediction", PredictionWriter.label(o.label())); // a space group is a number, as on structure lines
        line.put("probability", Rounding.float32(o.probability()));
        boolean spaceGroups = o.classes().size() == 230;
        if (spaceGroups)
            line.put("international", HallSettings.standard(o.classIndex() + 1).international());
        line.put("probabilities", top(o.probabilities(), o.classes()::get, top));
        if (spaceGroups) {
            double[] lattice = new double[BravaisLattice.values().length];
            double[] system = new double[CrystalSystem.values().length];
            for (int g = 0; g < 230; g++) {
                lattice[BravaisLattice.ofSpaceGroup(g + 1).ordinal()] += o.probabilities()[g];
                system[CrystalSystem.ofSpaceGroup(g + 1).ordinal()] += o.probabilities()[g];
            }
            line.put("bravais", top(lattice, k -> BravaisLattice.values()[k].pearsonSymbol(), top));
            line.put("crystal_system", top(system, k -> CrystalSystem.values()[k].label(), top));
        }
        return line;
    }

    /** The {@code k} most probable classes, most probable first. */
    static Map<String, Double> top(double[] p, IntFunction<String> name, int k) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < p.length; c++) order.add(c);
        order.sort(Comparator.comparingDouble((Integer c) -> p[c]).reversed());
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c : order.subList(0, Math.min(k, p.length))) m.put(name.apply(c), Rounding.float32(p[c]));
        return m;
    }
}

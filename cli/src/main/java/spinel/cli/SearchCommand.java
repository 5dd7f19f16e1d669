package spinel.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import spinel.conv.TorchThreads;
import spinel.train.ExperimentSpec;
import spinel.train.RunFiles;

/**
 * {@code spinel search}: grid or random search over any {@code spinel train} option, each candidate
 * scored by K-fold cross-validation inside the training rows ({@link ExperimentSpec.SearchFold}), so
 * the split's test rows — an official Matbench fold's among them — never choose a hyperparameter.
 * Every candidate and fold is an ordinary run folder; the search resumes where it stopped.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Grid or random search over 'spinel train' options, each candidate scored by K-fold cross-validation inside "
                    + "the training rows: the test rows of --folds/--fold (or of the random split) are never used.",
            "--space OPTION=V1,V2,... (repeatable) names a train option without its dashes (lr, epochs, n-conv, model, "
                    + "atom-descriptors, ...; param.NAME for a classical model's --param NAME=V; true/false for a flag).",
            "Each candidate c and fold j is a run in OUT/c<c>/cv-<j>: finished runs are skipped, interrupted ones resumed, "
                    + "so the command can simply be rerun. Writes OUT/search.md (candidates ranked by mean cross-validated "
                    + "error: MAE, or 1 - accuracy for classes), OUT/search.json and OUT/best.json (the best options and "
                    + "the 'spinel train' arguments that train them on the whole split); prints one JSON line per candidate."
        })
public final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Option(
            names = "--space",
            required = true,
            paramLabel = "OPTION=V1,V2,...",
            description = "A train option and the values to try (repeatable); the grid is every combination.")
    List<String> space;

    @Option(
            names = "--random",
            defaultValue = "0",
            paramLabel = "N",
            description = "Try N candidates drawn at random (without repeats) from the grid instead of all of it.")
    int random;

    @Option(
            names = "--search-seed",
            defaultValue = "0",
            description = "Seed of the random draw (default: ${DEFAULT-VALUE}).")
    long searchSeed;

    @Option(
            names = "--cv-folds",
            defaultValue = "3",
            paramLabel = "K",
            description = "Cross-validation folds inside the training rows (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--sizes",
            split = ",",
            paramLabel = "N1,N2,...",
            description =
                    "Learning curves: train every candidate on a seeded N of each fold's training rows too (OUT/c<c>/n<N>/"
                            + "cv-<j>); OUT/learning_curve.png and .csv plot the cross-validated error against N. The ranking uses"
                            + " the largest N.")
    List<Integer> sizes;

    @Option(names = "--out", required = true, description = "Search folder.")
    Path out;

    /** {@code spinel train}'s options, looked up by name for every candidate. */
    private static final CommandLine.Model.CommandSpec TRAIN = new CommandLine(new TrainCommand()).getCommandSpec();

    /** This command's own options: not passed on to the runs. */
    private static final Set<String> OWN = Set.of(
            "--space", "--random", "--search-seed", "--cv-folds", "--sizes", "--out", "--search-fold", "--train-size");

    @Override
    public Integer call() throws Exception {
        TorchThreads.configure();
        if (options.searchFold != null)
            throw new ParameterException(spec.commandLine(), "--search-fold is set by the search for each of its runs");
        if (folds < 2) throw new ParameterException(spec.commandLine(), "--cv-folds " + folds + ": expected ≥ 2");
        SearchSpace grid;
        try {
            grid = SearchSpace.parse(space, SearchCommand::trainOption);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<Map<String, String>> candidates = grid.candidates();
        if (random > 0 && random < candidates.size()) {
            List<Map<String, String>> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, new Random(searchSeed));
            candidates = shuffled.subList(0, random);
        }
        List<String> base = baseArgs();
        List<Integer> steps = sizes == null || sizes.isEmpty()
                ? List.of(0)
                : sizes.stream().sorted().toList();
        if (sizes != null && !sizes.isEmpty() && steps.get(0) < 1)
            throw new ParameterException(spec.commandLine(), "--sizes " + sizes + ": expected numbers of rows ≥ 1");
        JsonLines json = new JsonLines(System.out);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++)
            for (int n : steps) trials.add(trial(c, candidates.get(c), n, base, json));
        int largest = steps.get(steps.size() - 1);
        List<Map<String, Object>> ranked = new ArrayList<>(trials.stream()
                .filter(t -> largest == 0 || Integer.valueOf(largest).equals(t.get("train_size")))
                .toList());
        ranked.sort((a, b) -> Double.compare((double) a.get("mean_error"), (double) b.get("mean_error")));
        write(ranked, grid.names());
        if (largest > 0) LearningCurves.write(trials, out);
        return 0;
    }

    /** Candidate {@code c} (on {@code n} training rows, 0: all) in every fold: its cross-validated error. */
    private Map<String, Object> trial(int c, Map<String, String> values, int n, List<String> base, JsonLines json)
            throws java.io.IOException {
        List<String> args = new ArrayList<>(SearchSpace.apply(base, values, SearchCommand::trainOption));
        if (n > 0) args.addAll(List.of("--train-size", Integer.toString(n)));
        Path cand = n > 0 ? out.resolve("c" + c).resolve("n" + n) : out.resolve("c" + c);
        List<Double> errors = new ArrayList<>();
        String metric = null;
        double seconds = 0;
        for (int j = 0; j < folds; j++) {
            Path dir = cand.resolve("cv-" + j);
            TrainCommand run = parse(args, dir, j + "/" + folds);
            ExperimentSpec s = run.options.toSpec().setOut(dir).optResume(true).build();
            Map<String, Object> m = run.options.runResumable(s, System.err);
            @SuppressWarnings("unchecked")
            Map<String, Object> test = (Map<String, Object>) m.get("test");
            boolean classes = test.containsKey("accuracy");
            metric = classes ? "1 - accuracy" : "mae";
            errors.add(
                    classes
                            ? 1 - ((Number) test.get("accuracy")).doubleValue()
                            : ((Number) test.get("mae")).doubleValue());
            if (m.get("seconds") instanceof Number x) seconds += x.doubleValue();
        }
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("candidate", c);
        trial.put("options", values);
        if (n > 0) trial.put("train_size", n);
        trial.put("metric", metric);
        trial.put("mean_error", mean(errors));
        trial.put("std_error", std(errors));
        trial.put("fold_errors", errors);
        trial.put("seconds", seconds);
        trial.put("train_args", args);
        json.write(trial);
        return trial;
    }

    /** The train options this search was given, as arguments (its own options left out). */
    private List<String> baseArgs() {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (OWN.contains(o.longestName())) continue;
            if (o.arity().max() == 0) args.add(o.longestName());
            else
                for (String v : o.originalStringValues()) {
                    args.add(o.longestName());
                    args.add(v);
                }
        }
        return args;
    }

    /** A {@code spinel train} command line parsed; later values of an option replace earlier ones. */
    private static TrainCommand parse(List<String> args, Path dir, String searchFold) {
        TrainCommand t = new TrainCommand();
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", dir.toString(), "--search-fold", searchFold));
        new CommandLine(t).setOverwrittenOptionsAllowed(true).parseArgs(all.toArray(new String[0]));
        return t;
    }

    /** The option {@code --name} of {@code spinel train}, or null. */
    private static OptionSpec trainOption(String name) {
        OptionSpec o = TRAIN.findOption("--" + name);
        return o == null || OWN.contains(o.longestName()) ? null : o;
    }

    private void write(List<Map<String, Object>> ranked, List<String> names) throws java.io.IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder("### spinel search: " + options.data.getFileName() + ", " + folds
                + "-fold cross-validation inside the training rows\n\n| rank |");
        for (String n : names) md.append(' ').append(n).append(" |");
        md.append(" mean ")
                .append(ranked.isEmpty() ? "error" : ranked.get(0).get("metric"))
                .append(" ± std | per fold | s (all folds) |\n|---|");
        md.append("---|".repeat(names.size())).append("---|---|---|\n");
        for (int r = 0; r < ranked.size(); r++) {
            Map<String, Object> t = ranked.get(r);
            @SuppressWarnings("unchecked")
            Map<String, String> values = (Map<String, String>) t.get("options");
            md.append("| ").append(r + 1).append(" |");
            for (String n : names) md.append(' ').append(values.get(n)).append(" |");
            @SuppressWarnings("unchecked")
            List<Double> errs = (List<Double>) t.get("fold_errors");
            md.append(String.format(
                    Locale.ROOT, " %.4g ± %.2g | ", (double) t.get("mean_error"), (double) t.get("std_error")));
            md.append(String.join(
                    " / ",
                    errs.stream()
                            .map(e -> String.format(Locale.ROOT, "%.4g", e))
                            .toList()));
            md.append(String.format(Locale.ROOT, " | %.0f |%n", (double) t.get("seconds")));
        }
        byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
        RunFiles.writeAtomically(out.resolve("search.md"), (OutputStream o) -> o.write(bytes));
        RunFiles.writeJson(out.resolve("search.json"), ranked);
        if (!ranked.isEmpty()) {
            Map<String, Object> best = new LinkedHashMap<>(ranked.get(0));
            best.put("command", "spinel train " + String.join(" ", quoted(best.get("train_args"))) + " --out RUN");
            RunFiles.writeJson(out.resolve("best.json"), best);
        }
    }

    private static List<String> quoted(Object args) {
        List<String> out = new ArrayList<>();
        for (Object a : (List<?>) args) {
            String s = a.toString();
            out.add(s.matches("[A-Za-z0-9_./=:,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return out;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double std(List<Double> v) {
        if (v.size() < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.size() - 1));
    }
}

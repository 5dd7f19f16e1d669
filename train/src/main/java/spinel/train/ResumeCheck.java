package spinel.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code spinel train --resume} refuses to mix runs: the run's {@link RunConfig} as saved and as the
 * new options and data would make it must agree on everything that shapes the data (content hash,
 * labels, limit, split), the task, the model, the featurizer and the optimisation. Paths may differ
 * (a moved dataset with the same content is the same data) and fitted values follow from the data.
 * Only {@link #SAFE} options may change, and only when named with {@code --allow}.
 */
public final class ResumeCheck {

    /** Options that may change on resume with {@code --allow NAME}, and their keys in config.json. */
    public static final Map<String, String> SAFE =
            Map.of("epochs", "optimisation.epochs", "patience", "optimisation.patience");

    /** Keys that never refuse a resume: paths (the content hash decides) and values fitted on the data. */
    private static final Set<String> IGNORED = Set.of(
            "data.path",
            "data.labels",
            "data.folds",
            "normalizer",
            "volume_normalizer",
            "featurizer.scaler",
            "task.units");

    private ResumeCheck() {}

    /**
     * The configuration to continue with: {@code requested} when it differs from {@code saved} only in
     * allowed options (logged), else an {@link IllegalArgumentException} naming every difference.
     *
     * @param allowed option names given to {@code --allow}
     */
    public static RunConfig verify(RunConfig saved, RunConfig requested, Set<String> allowed, PrintStream log) {
        for (String a : allowed) {
            if (!SAFE.containsKey(a))
                throw new IllegalArgumentException("--allow " + a + ": only "
                        + String.join(", ", new TreeMap<>(SAFE).keySet()) + " may change when a run is resumed");
        }
        if (saved.format() != requested.format())
            throw new IllegalArgumentException("--resume refused: the run folder was written by an earlier Spinel "
                    + "(layout " + saved.format() + "); finish it with that version, or start a new --out");
        Map<String, String> before = flatten(RunFiles.JSON.valueToTree(saved));
        Map<String, String> after = flatten(RunFiles.JSON.valueToTree(requested));
        List<String> refused = new ArrayList<>(), accepted = new ArrayList<>();
        TreeMap<String, String> keys = new TreeMap<>(before);
        after.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            String a = before.get(key), b = after.get(key);
            if (a == null ? b == null : a.equals(b)) continue;
            String line = key + ": " + shorten(a) + " → " + shorten(b);
            boolean safe =
                    SAFE.entrySet().stream().anyMatch(e -> e.getValue().equals(key) && allowed.contains(e.getKey()));
            (safe ? accepted : refused).add(line);
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("--resume refused: the run was made with other data or settings, and "
                    + "continuing would mix two runs:\n  " + String.join("\n  ", refused)
                    + "\nrerun with the run's own options (see its config.json), or start a new --out"
                    + " (only " + String.join(", ", new TreeMap<>(SAFE).keySet()) + " may change, with --allow)");
        }
        for (String line : accepted) log.printf(Locale.ROOT, "resume: %s (allowed)%n", line);
        return accepted.isEmpty() ? saved : saved.withOptimisation(requested.optimisation());
    }

    private static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> out = new TreeMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (IGNORED.contains(prefix)) return;
        if (!node.isObject()) {
            out.put(prefix, node.toString());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
    }

    private static String shorten(String v) {
        if (v == null) return "(none)";
        return v.length() > 60 ? v.substring(0, 57) + "..." : v;
    }
}

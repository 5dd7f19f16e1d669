package spinel.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The grid of {@code spinel search --space OPTION=V1,V2,...}: option names (a {@code spinel train}
 * option without its dashes, or {@code param.NAME} for a classical model's {@code --param NAME=V}) and
 * the values to try (separated by {@code |} instead when a value holds commas: {@code
 * features=lattice,composition|lattice,composition,acsf}), and how one candidate's values become {@code
 * spinel train} arguments.
 */
record SearchSpace(List<String> names, List<List<String>> values) {

    private static final String PARAM = "param.";

    /** Parses the {@code --space} entries; an unknown option or a flag with a value other than true/false is an error. */
    static SearchSpace parse(List<String> entries, Function<String, OptionSpec> trainOption) {
        List<String> names = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            String name = eq < 0 ? "" : e.substring(0, eq).trim().replaceFirst("^--", "");
            String list = eq < 0 ? "" : e.substring(eq + 1);
            // values that hold commas themselves (--features lattice,composition) are separated by '|'
            List<String> vs = list.isEmpty()
                    ? List.of()
                    : List.of(list.split(list.contains("|") ? "\\|" : ",")).stream()
                            .map(String::trim)
                            .filter(v -> !v.isEmpty())
                            .toList();
            if (name.isEmpty() || vs.isEmpty())
                throw new IllegalArgumentException(
                        "--space " + e + ": expected OPTION=V1,V2,... (e.g. lr=0.001,0.002)");
            if (names.contains(name)) throw new IllegalArgumentException("--space " + name + " is given twice");
            if (!name.startsWith(PARAM)) {
                OptionSpec o = trainOption.apply(name);
                if (o == null)
                    throw new IllegalArgumentException(
                            "--space " + name + ": not an option of spinel train (see spinel train --help)");
                if (o.arity().max() == 0 && !vs.stream().allMatch(v -> v.equals("true") || v.equals("false")))
                    throw new IllegalArgumentException("--space " + name + ": a flag takes true or false, not " + vs);
            }
            names.add(name);
            values.add(vs);
        }
        return new SearchSpace(List.copyOf(names), List.copyOf(values));
    }

    /** Every combination of the values, the first option varying slowest. */
    List<Map<String, String>> candidates() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (int i = 0; i < names.size(); i++) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out)
                for (String v : values.get(i)) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(names.get(i), v);
                    next.add(m);
                }
            out = next;
        }
        return out;
    }

    /**
     * {@code base} with the candidate's {@code values} applied: an option's value appended (the parser
     * lets a later value replace an earlier one), a flag added (true) or removed (false), a classical
     * hyperparameter as {@code --param NAME=V}.
     */
    static List<String> apply(List<String> base, Map<String, String> values, Function<String, OptionSpec> trainOption) {
        List<String> args = new ArrayList<>(base);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey(), v = e.getValue();
            if (name.startsWith(PARAM)) {
                args.addAll(List.of("--param", name.substring(PARAM.length()) + "=" + v));
                continue;
            }
            OptionSpec o = trainOption.apply(name);
            if (o.arity().max() == 0) {
                args.removeIf(a -> List.of(o.names()).contains(a));
                if (v.equals("true")) args.add(o.longestName());
            } else args.addAll(List.of(o.longestName(), v));
        }
        return args;
    }
}

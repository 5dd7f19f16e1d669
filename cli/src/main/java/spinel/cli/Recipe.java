package spinel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A measured set of {@code spinel train} options behind one flag ({@code --recipe NAME}), so that a
 * user gets a benchmark's score without tuning. Options given on the command line win over the
 * recipe's. The scores each recipe reaches, and the commands that measured them, are in
 * docs/benchmarks/train.md.
 */
enum Recipe {
    /**
     * Matbench-style property regression on small datasets (hundreds to a few thousand crystals): the
     * fusion CGCNN with the angular atom descriptors, started from the bundled formation-energy CGCNN,
     * 60 epochs of L1 with a cosine schedule, an ensemble of five seeds.
     */
    MATBENCH(Recipe.MATBENCH_ARGS);

    /** The matbench recipe's options (a constant, so that the --recipe help can quote it). */
    static final String MATBENCH_ARGS = "--model fusion --atom-descriptors steinhardt,acsf"
            + " --init spinel/formation-energy-per-atom --epochs 60 --loss l1 --schedule cosine --lr 0.002"
            + " --patience 25 --ensemble 5";

    private final List<String> args;

    Recipe(String args) {
        this.args = List.of(args.split(" "));
    }

    /** The recipe called {@code name} (case-insensitive); a usage error naming the known ones otherwise. */
    static Recipe of(String name) {
        for (Recipe r : values()) if (r.cliName().equalsIgnoreCase(name.strip())) return r;
        List<String> known = new ArrayList<>();
        for (Recipe r : values()) known.add(r.cliName());
        throw new IllegalArgumentException("--recipe " + name + ": expected one of " + String.join(", ", known));
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Sets the recipe's options in {@code target} (a parsed command holding the train options), except
     * those in {@code given}, the options the user wrote. The values are converted by picocli itself,
     * by parsing the recipe's arguments into a scratch {@code spinel train}.
     */
    void applyTo(CommandSpec target, Set<String> given) {
        List<String> probeArgs = new ArrayList<>(args);
        probeArgs.addAll(List.of("--data", "-", "--out", "-"));
        CommandLine probe = new CommandLine(new TrainCommand());
        probe.parseArgs(probeArgs.toArray(new String[0]));
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (given.contains(name)) continue;
            OptionSpec own = target.findOption(name);
            if (own == null) throw new IllegalStateException("recipe option " + name + " is not a train option");
            own.setValue(probe.getCommandSpec().findOption(name).getValue());
        }
    }
}

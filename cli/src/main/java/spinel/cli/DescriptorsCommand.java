package spinel.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spinel.descriptors.BondOrder;
import spinel.descriptors.CompositionFeatures;
import spinel.descriptors.FeatureTable;
import spinel.descriptors.Features;
import spinel.descriptors.LatticeFeatures;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.descriptors.SymmetryFunctions;
import spinel.graph.Element;
import spinel.graph.Structure;
import spinel.graph.io.InputEntry;

/**
 * {@code spinel descriptors steinhardt|acsf|lattice|composition FILE...}: hand-made descriptors of
 * each structure, one JSON line per structure (a file holding several structures gives several
 * lines, with {@code "index"}); a file that cannot be read gives {@code "ok": false} and the others
 * go on. NaN values (e.g. ŵ_l where q_l vanishes) are written as null.
 */
@Command(
        name = "descriptors",
        mixinStandardHelpOptions = true,
        description =
                "Hand-made descriptors: Steinhardt bond order, symmetry functions, lattice and composition features.",
        subcommands = {
            DescriptorsCommand.SteinhardtCmd.class,
            DescriptorsCommand.AcsfCmd.class,
            DescriptorsCommand.LatticeCmd.class,
            DescriptorsCommand.CompositionCmd.class
        })
public final class DescriptorsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Shared file loop: one record per structure, a failure record per unreadable file. */
    abstract static class PerStructure implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StructureFiles input;

        abstract void describe(Structure s, Map<String, Object> record);

        @Override
        public Integer call() throws Exception {
            return input.describeEach(this::records);
        }

        /** One record per structure of {@code file}, or its failure. */
        List<Map<String, Object>> records(InputEntry file) {
            List<Map<String, Object>> out = new ArrayList<>();
            List<Structure> all;
            try {
                all = file.read();
            } catch (Exception e) {
                out.add(InputFiles.failure(file, e));
                return out;
            }
            for (int k = 0; k < all.size(); k++) {
                Structure s = all.get(k);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("file", file.source());
                if (file.id() != null) r.put("id", file.id());
                if (all.size() > 1) r.put("index", k);
                try {
                    r.put("ok", true);
                    r.put("formula", s.composition().reducedFormula());
                    r.put("nsites", s.size());
                    describe(s, r);
                    out.add(r);
                } catch (RuntimeException e) {
                    Map<String, Object> f = InputFiles.failure(file, e);
                    if (all.size() > 1) f.put("index", k);
                    out.add(f);
                }
            }
            return out;
        }
    }

    @Command(
            name = "steinhardt",
            mixinStandardHelpOptions = true,
            description = "Steinhardt bond-order parameters q_l and normalised ŵ_l of every site.")
    static final class SteinhardtCmd extends PerStructure {
        @Option(
                names = "--l",
                split = ",",
                defaultValue = "4,6",
                description = "Degrees l (default: ${DEFAULT-VALUE}).")
        int[] degrees;

        static final class Selection {
            @Option(names = "--neighbors", description = "The N nearest neighbours of each site (default 12).")
            Integer neighbors;

            @Option(names = "--cutoff", description = "Every neighbour closer than R Å.")
            Double cutoff;

            @Option(names = "--sann", description = "Parameter-free SANN neighbours (van Meel et al. 2012).")
            boolean sann;
        }

        @ArgGroup(exclusive = true)
        Selection selection;

        @Option(names = "--averaged", description = "Report the Lechner–Dellago averages q̄_l and ŵ̄_l instead.")
        boolean averaged;

        @Override
        void describe(Structure s, Map<String, Object> r) {
            Neighborhoods nb;
            if (selection != null && selection.cutoff != null) nb = Neighborhoods.within(s, selection.cutoff);
            else if (selection != null && selection.sann) nb = Neighborhoods.sann(s);
            else
                nb = Neighborhoods.nearest(
                        s, selection != null && selection.neighbors != null ? selection.neighbors : 12);
            BondOrder b = Steinhardt.builder()
                    .setDegrees(degrees)
                    .optAveraged(averaged)
                    .build()
                    .compute(nb);
            Map<String, Object> q = new LinkedHashMap<>(), w = new LinkedHashMap<>();
            for (int l : degrees) {
                q.put(Integer.toString(l), json(averaged ? b.qAvg(l) : b.q(l)));
                w.put(Integer.toString(l), json(averaged ? b.wHatAvg(l) : b.wHat(l)));
            }
            r.put("averaged", averaged);
            int[] counts = new int[nb.size()];
            for (int i = 0; i < counts.length; i++) counts[i] = nb.count(i);
            r.put("coordination", counts);
            r.put("q", q);
            r.put("w", w);
        }
    }

    @Command(
            name = "acsf",
            mixinStandardHelpOptions = true,
            description = "Behler–Parrinello symmetry functions G1–G5 of every site (DScribe's pair convention).")
    static final class AcsfCmd extends PerStructure {
        @Option(
                names = "--cutoff",
                defaultValue = "6.0",
                description = "Cutoff radius R_c, Å (default: ${DEFAULT-VALUE}).")
        double cutoff;

        @Option(
                names = "--species",
                split = ",",
                description = "Species resolved, in feature order (default: the structure's elements by Z).")
        List<String> species;

        @Option(
                names = "--g2",
                split = ",",
                defaultValue = "0.01:0,0.1:0,0.5:0,1:0,2:0",
                description = "G2 parameters eta:Rs (Å⁻², Å) (default: ${DEFAULT-VALUE}).")
        List<String> g2;

        @Option(names = "--g3", split = ",", description = "G3 parameters kappa (Å⁻¹).")
        List<Double> g3;

        @Option(
                names = "--g4",
                split = ",",
                defaultValue = "0.005:1:1,0.005:1:-1,0.005:4:1,0.005:4:-1",
                description = "G4 parameters eta:zeta:lambda (default: ${DEFAULT-VALUE}).")
        List<String> g4;

        @Option(names = "--g5", split = ",", description = "G5 parameters eta:zeta:lambda.")
        List<String> g5;

        @Override
        void describe(Structure s, Map<String, Object> r) {
            List<Element> sp = new ArrayList<>();
            if (species != null) for (String x : species) sp.add(Element.of(x));
            else sp.addAll(new TreeSet<>(s.composition().elements()));
            SymmetryFunctions.Builder b =
                    SymmetryFunctions.builder().setCutoff(cutoff).setSpecies(sp);
            for (String p : g2) {
                double[] v = params(p, 2, "--g2");
                b.addG2(v[0], v[1]);
            }
            if (g3 != null) for (double k : g3) b.addG3(k);
            for (String p : g4) {
                double[] v = params(p, 3, "--g4");
                b.addG4(v[0], v[1], v[2]);
            }
            if (g5 != null) {
                for (String p : g5) {
                    double[] v = params(p, 3, "--g5");
                    b.addG5(v[0], v[1], v[2]);
                }
            }
            FeatureTable t = b.build().compute(s);
            r.put("species", sp.stream().map(Element::symbol).toList());
            r.put("names", t.names());
            List<Object> rows = new ArrayList<>();
            for (double[] row : t.values()) rows.add(json(row));
            r.put("values", rows);
        }

        private static double[] params(String p, int n, String option) {
            String[] parts = p.split(":");
            if (parts.length != n) {
                throw new IllegalArgumentException(
                        option + " expects " + n + " numbers separated by ':', got '" + p + "'");
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                try {
                    v[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": '" + parts[i] + "' is not a number in '" + p + "'");
                }
            }
            return v;
        }
    }

    @Command(
            name = "lattice",
            mixinStandardHelpOptions = true,
            description = "Lattice and shape features of each structure.")
    static final class LatticeCmd extends PerStructure {
        @Override
        void describe(Structure s, Map<String, Object> r) {
            r.put("features", json(LatticeFeatures.of(s)));
            r.put("units", UNITS);
        }

        /** Units of the dimensioned features (the others are ratios or counts). */
        static final Map<String, String> UNITS = unitsOfLattice();

        private static Map<String, String> unitsOfLattice() {
            Map<String, String> u = new LinkedHashMap<>();
            for (String k : List.of("a", "b", "c")) u.put(k, "angstrom");
            for (String k : List.of("alpha", "beta", "gamma")) u.put(k, "degrees");
            u.put("volume", "angstrom^3");
            u.put("volume_per_atom", "angstrom^3/atom");
            u.put("density", "g/cm^3");
            return u;
        }
    }

    @Command(
            name = "composition",
            mixinStandardHelpOptions = true,
            description = "Magpie-style composition statistics of each structure.")
    static final class CompositionCmd extends PerStructure {
        @Override
        void describe(Structure s, Map<String, Object> r) {
            r.put("features", json(CompositionFeatures.of(s.composition())));
        }
    }

    /** Doubles with NaN and infinities as null (JSON has no NaN). */
    static List<Double> json(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) out.add(Double.isFinite(x) ? x : null);
        return out;
    }

    static Map<String, Double> json(Features f) {
        Map<String, Double> out = new LinkedHashMap<>();
        f.asMap().forEach((k, x) -> out.put(k, Double.isFinite(x) ? x : null));
        return out;
    }
}

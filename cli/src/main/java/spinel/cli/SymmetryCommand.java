package spinel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spinel.graph.Structure;
import spinel.graph.io.InputEntries;
import spinel.graph.io.InputEntry;
import spinel.graph.io.Structures;
import spinel.graph.symmetry.DeclaredSpaceGroup;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;

/**
 * {@code spinel symmetry}: the exact space group of each structure (spglib's algorithm, in Java),
 * one JSON line per structure, optionally writing the standardized cells.
 */
@Command(
        name = "symmetry",
        mixinStandardHelpOptions = true,
        description = {
            "Find the space group of each structure (spglib's algorithm) and print it as JSON Lines:",
            "{\"file\", \"ok\": true, \"symprec\", \"number\", \"international\", \"hall_number\", \"hall\",",
            " \"point_group\", \"crystal_system\", \"bravais\", \"wyckoffs\", \"site_symmetry_symbols\",",
            " \"equivalent_atoms\", \"n_primitive\", \"conventional\": {\"a\", \"b\", \"c\", \"alpha\", \"beta\",",
            " \"gamma\", \"nsites\"} (spglib's standardized cell), \"declared\"};",
            "a file that cannot be read or analysed gives {\"file\", \"ok\": false, \"error\"} and the others go on.",
            "Sites with partial occupancy are told apart by species and occupancy."
        })
public final class SymmetryCommand implements Callable<Integer> {

    @Option(
            names = "--symprec",
            defaultValue = "0.01",
            description = "Distance tolerance, Å (default: ${DEFAULT-VALUE}, as pymatgen).")
    double symprec;

    @Option(
            names = "--angle-tolerance",
            defaultValue = "-1",
            description = "Angle tolerance, degrees; negative (default) compares angles through --symprec as spglib.")
    double angleTolerance;

    @Option(
            names = "--lattice-symprec",
            paramLabel = "Å",
            description = "A tighter tolerance for the cell's own symmetry (default: --symprec). For approximate"
                    + " structures with a known cell: e.g. --symprec 0.6 --lattice-symprec 0.01 on atoms"
                    + " displaced by ~0.05 Å.")
    Double latticeSymprec;

    @Option(
            names = "--standardize",
            paramLabel = "KIND",
            description = "Also write the standardized cell: conventional or primitive (needs --out).")
    String standardize;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for --standardize files.")
    Path out;

    @Mixin
    StructureLines input;

    @Override
    public Integer call() throws Exception {
        if (!(symprec > 0)) throw new IllegalArgumentException("--symprec must be a positive number of Å");
        if (standardize != null) {
            standardize = standardize.toLowerCase(Locale.ROOT);
            if (!standardize.equals("conventional") && !standardize.equals("primitive")) {
                throw new IllegalArgumentException(
                        "--standardize expects conventional or primitive, found '" + standardize + "'");
            }
            if (out == null) throw new IllegalArgumentException("--standardize needs --out DIR");
            Files.createDirectories(out);
        }
        SymmetryAnalyzer.Builder builder =
                SymmetryAnalyzer.builder().optSymprec(symprec).optAngleTolerance(angleTolerance);
        if (latticeSymprec != null) builder.optLatticeSymprec(latticeSymprec);
        SymmetryAnalyzer analyzer = builder.build();
        return input.describeEach((file, s, index, withId) -> describe(analyzer, file, s, index, withId));
    }

    private Map<String, Object> describe(
            SymmetryAnalyzer analyzer, InputEntry file, Structure s, int index, boolean withId) throws Exception {
        SymmetryDataset d = analyzer.analyze(s);
        Map<String, Object> r = record(file, s, d, withId);
        if (latticeSymprec != null) r.put("lattice_symprec", latticeSymprec);
        if (standardize != null) r.put("standardized", write(file, s, d, index).toString());
        return r;
    }

    /** The JSON record of one analysed structure (the contract of DESIGN.md). */
    static Map<String, Object> record(InputEntry file, Structure s, SymmetryDataset d, boolean withId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.source());
        if (withId) r.put("id", s.id());
        r.put("ok", true);
        r.put("symprec", d.symprec());
        if (d.tolerance() < d.symprec()) r.put("tolerance_used", d.tolerance());
        r.put("number", d.number());
        r.put("international", d.international());
        r.put("hall_number", d.hallNumber());
        r.put("hall", d.hallSymbol());
        r.put("point_group", d.pointGroup().symbol());
        r.put("crystal_system", d.crystalSystem().label());
        r.put("bravais", d.bravaisLattice().pearsonSymbol());
        r.put("wyckoffs", d.wyckoffs());
        r.put("site_symmetry_symbols", d.siteSymmetrySymbols());
        r.put("equivalent_atoms", d.equivalentAtoms());
        r.put("n_primitive", d.primitiveSize());
        double[] abc = d.stdLattice().lengths();
        double[] ang = d.stdLattice().angles();
        Map<String, Object> conv = new LinkedHashMap<>();
        conv.put("a", round(abc[0], 6));
        conv.put("b", round(abc[1], 6));
        conv.put("c", round(abc[2], 6));
        conv.put("alpha", round(ang[0], 4));
        conv.put("beta", round(ang[1], 4));
        conv.put("gamma", round(ang[2], 4));
        conv.put("nsites", d.conventionalSize());
        r.put("conventional", conv);
        s.declaredSpaceGroup().ifPresent(dec -> putDeclared(r, dec, d));
        r.put("warnings", s.warnings());
        return r;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.rint(v * f) / f;
    }

    private static void putDeclared(Map<String, Object> r, DeclaredSpaceGroup dec, SymmetryDataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (dec.number() > 0) m.put("number", dec.number());
        if (dec.symbol() != null) m.put("symbol", dec.symbol());
        if (dec.hall() != null) m.put("hall", dec.hall());
        r.put("declared", m);
        OptionalInt n = dec.resolvedNumber();
        if (n.isPresent()) r.put("declared_agrees", n.getAsInt() == d.number());
    }

    private Path write(InputEntry file, Structure s, SymmetryDataset d, int index) throws Exception {
        Structure std = standardize.equals("conventional") ? d.standardized() : d.standardizedPrimitive();
        Path source = Path.of(file.source().equals(InputEntries.STDIN) ? "stdin.cif" : file.source());
        String name = file.id() != null
                ? file.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".cif"
                : source.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        boolean poscar =
                name.startsWith("POSCAR") || name.startsWith("CONTCAR") || ext.equals(".vasp") || ext.equals(".poscar");
        String suffix = (index >= 0 ? "_" + index : "") + "_" + standardize;
        // CIF, or POSCAR when the input was one
        Path target = out.resolve(stem + suffix + (poscar ? ".vasp" : ".cif"));
        Structures.write(std.withId(s.id()), target);
        return target;
    }
}

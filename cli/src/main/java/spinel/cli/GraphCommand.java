package spinel.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spinel.graph.Element;
import spinel.graph.NeighborList;
import spinel.graph.Structure;
import spinel.graph.io.InputEntry;

/**
 * {@code spinel graph}: reads structure files and prints, per structure, its composition, size,
 * volume and every site's M nearest neighbour distances (all periodic images within the radius).
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = {
            "Read crystal files and print each structure's neighbour shells as JSON Lines.",
            "One line per structure: {\"file\", \"ok\": true, \"composition\", \"nsites\", \"volume\", \"neighbors\"};",
            "a file that cannot be read gives {\"file\", \"ok\": false, \"error\"} and the others go on."
        })
public final class GraphCommand implements Callable<Integer> {

    @Option(
            names = "--radius",
            defaultValue = "8.0",
            description = "Neighbour search radius, Å (default: ${DEFAULT-VALUE}).")
    double radius;

    @Option(
            names = "--max-neighbors",
            defaultValue = "12",
            description = "Neighbours listed per site (default: ${DEFAULT-VALUE}).")
    int maxNeighbors;

    @Mixin
    StructureLines input;

    @Override
    public Integer call() throws Exception {
        if (!(radius > 0) || maxNeighbors < 1) {
            throw new IllegalArgumentException("--radius must be > 0 and --max-neighbors >= 1");
        }
        return input.describeEach((file, s, index, withId) -> describe(file, s, withId));
    }

    /** Units of the dimensioned fields of a line. */
    static final Map<String, String> UNITS =
            Map.of("volume", "angstrom^3", "abc", "angstrom", "angles", "degrees", "neighbors", "angstrom");

    private Map<String, Object> describe(InputEntry file, Structure s, boolean withId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.source());
        if (withId) r.put("id", s.id());
        r.put("ok", true);
        Map<String, Double> comp = new LinkedHashMap<>();
        for (Map.Entry<Element, Double> e : s.composition().asMap().entrySet())
            comp.put(e.getKey().symbol(), e.getValue());
        r.put("composition", comp);
        r.put("formula", s.composition().formula());
        r.put("reduced_formula", s.composition().reducedFormula());
        r.put("nsites", s.size());
        r.put("volume", s.volume());
        r.put("ordered", s.isOrdered());
        r.put("abc", s.lattice().lengths());
        r.put("angles", s.lattice().angles());
        NeighborList nl = NeighborList.nearest(s, maxNeighbors, radius);
        double[][] shells = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            shells[i] = new double[nl.count(i)];
            for (int e = nl.start(i), k = 0; e < nl.end(i); e++, k++) shells[i][k] = nl.distance(e);
        }
        r.put("neighbors", shells);
        r.put("warnings", s.warnings());
        r.put("units", UNITS);
        return r;
    }
}

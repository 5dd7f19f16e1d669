package spinel.graph.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.NeighborList;
import spinel.graph.Structure;
import spinel.graph.io.Npz;

/**
 * Scaling with the number of atoms: supercells of one real crystal (the same multipliers as the
 * reference script) with about 10³, 10⁴ and 10⁵ atoms; the CGCNN graph (12 nearest within 8 Å) and
 * the full neighbour list within 8 Å.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphScalingBench {

    @Param({"1000", "10000", "100000"})
    public int atoms;

    private Structure supercell;
    private CrystalGraphBuilder builder;

    @Setup
    public void setup() throws IOException {
        Npz npz = BenchData.npz();
        String base = npz.get("scaling_base").asStrings()[0];
        supercell = BenchData.supercell(BenchData.structure(npz, base), npz.ints("scaling/" + atoms));
        builder = BenchData.builder();
        System.out.println("\nsupercell " + supercell.id() + ": " + supercell.size() + " atoms");
    }

    @Benchmark
    public CrystalGraph graph() {
        return builder.build(supercell);
    }

    @Benchmark
    public NeighborList neighborsWithin8() {
        return NeighborList.within(supercell, 8.0);
    }
}

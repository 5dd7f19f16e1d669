package spinel.graph.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;
import spinel.graph.io.Npz;
import spinel.graph.io.StructureReader;

/**
 * Per-structure cost of CGCNN featurisation (JMH, average time of one pass over a set of crystals;
 * divide by the set size for the time per structure, bench/graph_speed.sh does): neighbour search
 * + sort + 12 nearest + padding + Gaussian expansion + atom features ({@link #graph}), and the same
 * preceded by reading the CIF ({@link #readAndGraph}, once the CIF reader exists).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphSpeedBench {

    /** Group of the .npz: "sample" (the 10 CGCNN sample CIFs) or "mp52" (52-atom Materials Project CIFs). */
    @Param({"sample", "mp52"})
    public String set;

    private List<Structure> structures;
    private List<Path> files;
    private CrystalGraphBuilder builder;
    private StructureReader reader;

    @Setup
    public void setup() throws IOException {
        Npz npz = BenchData.npz();
        builder = BenchData.builder();
        structures = new ArrayList<>();
        files = new ArrayList<>();
        for (String key : BenchData.keys(npz, set)) {
            structures.add(BenchData.structure(npz, key));
            files.add(BenchData.path(npz, key));
        }
        reader = BenchData.cifReader();
    }

    @Benchmark
    public void graph(Blackhole bh) {
        for (Structure s : structures) bh.consume(builder.build(s));
    }

    @Benchmark
    public void readAndGraph(Blackhole bh) throws Exception {
        if (reader == null)
            throw new IllegalStateException("no CIF reader on the classpath yet (spinel.graph.io.CifReader)");
        for (Path p : files) {
            for (Structure s : reader.read(p)) bh.consume(builder.build(s));
        }
    }
}

package spinel.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import spinel.descriptors.CompositionFeatures;
import spinel.descriptors.LatticeFeatures;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.graph.Structure;
import spinel.graph.io.Structures;

/**
 * Computes hand-made descriptors of a structure: the Steinhardt bond-order parameter q6 of site 0
 * over its 12 nearest neighbours (0.57452 for fcc; Steinhardt, Nelson & Ronchetti, PRB 28, 784
 * (1983)), the lattice features and the composition statistics used by the tabular baselines.
 *
 * <p>Run it with the repository root as working directory (it reads {@code examples/*.cif}).
 */
public final class ComputeDescriptors {

    private ComputeDescriptors() {}

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Path.of(args[0]) : Samples.file("Cu.cif"), System.out);
    }

    /** Prints the descriptors of {@code file}'s first structure and returns q6 of site 0. */
    public static double run(Path file, PrintStream out) throws Exception {
        Structure s = Structures.read(file).get(0);
        double q6 = Steinhardt.builder()
                .setDegrees(6)
                .build()
                .compute(Neighborhoods.nearest(s, 12))
                .q(6)[0];
        out.printf("%s: q6 of site 0 = %.5f%n", file.getFileName(), q6);
        out.println("lattice: " + LatticeFeatures.of(s).asMap());
        out.println("composition: "
                + CompositionFeatures.of(s.composition()).asMap().size() + " statistics");
        return q6;
    }
}

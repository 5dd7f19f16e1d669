package spinel.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.NeighborList;
import spinel.graph.Structure;
import spinel.graph.io.Structures;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;

/**
 * Reads a crystal structure and prints what it is: formula, cell (Å, degrees), volume (Å³), its space
 * group (spglib's conventions, symprec 0.01 Å), the nearest-neighbour distance (Å), and the size of its
 * CGCNN crystal graph.
 *
 * <p>Run it with the repository root as working directory (it reads {@code examples/*.cif}).
 */
public final class ReadStructure {

    private ReadStructure() {}

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Path.of(args[0]) : Samples.file("NaCl.cif"), System.out);
    }

    /** Prints the summary of {@code file}'s first structure and returns the structure. */
    public static Structure run(Path file, PrintStream out) throws Exception {
        Structure s = Structures.read(file).get(0);
        double[] abc = s.lattice().lengths();
        double[] angles = s.lattice().angles();
        out.printf("%s: %s, %d sites%n", file.getFileName(), s.composition().reducedFormula(), s.size());
        out.printf(
                "cell a=%.4f b=%.4f c=%.4f Å, α=%.2f β=%.2f γ=%.2f°, volume %.3f Å³%n",
                abc[0], abc[1], abc[2], angles[0], angles[1], angles[2], s.volume());
        SymmetryDataset sym = SymmetryAnalyzer.create().analyze(s);
        out.printf(
                "space group %d (%s), %s, %d sites in the primitive cell%n",
                sym.number(), sym.international(), sym.crystalSystem(), sym.primitiveSize());
        NeighborList nl = NeighborList.nearest(s, 1, 8.0);
        out.printf("nearest neighbour of site 0: %.4f Å%n", nl.distance(nl.start(0)));
        CrystalGraph g = CrystalGraphBuilder.cgcnnDefaults().build(s);
        out.printf(
                "CGCNN graph: %d atoms, %d neighbours each, %d bond features%n",
                g.numAtoms(), g.maxNeighbors(), g.bondFeatureLength());
        return s;
    }
}

package spinel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.io.CifReader;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;

class StructureSearchTest {

    @Test
    void validUniqueCandidatesAreRankedByPredictedEnergy(@TempDir Path dir) throws Exception {
        Structure nacl = GeometryTest.rocksalt();
        Structure shifted = nacl.withLattice(Lattice.cubic(5.64)); // the same crystal again
        double[][] f = nacl.fracCoords();
        f[1] = new double[] {0.02, 0, 0};
        Structure clash = Structure.of(
                nacl.lattice(), nacl.sites().stream().map(x -> x.element()).toList(), f);
        List<Proposal> ps = new ArrayList<>();
        ps.add(new Proposal(nacl, "test", 0));
        ps.add(new Proposal(clash, "test", 0));
        ps.add(new Proposal(shifted, "test", 0));
        for (Proposal p : new RandomSearch(3).propose(Formula.parse("Na4Cl4"), 5)) ps.add(p);
        try (StructureModel<?> model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            List<StructureSearch.Candidate> all = new StructureSearch(null, model).rank(ps);
            assertEquals(8, all.size());
            assertFalse(all.get(1).validity().valid());
            assertEquals(0, all.get(1).rank());
            assertEquals(0, all.get(2).duplicateOf(), "the same rocksalt twice");
            assertEquals(225, all.get(0).symmetry().number());
            assertEquals("Fm-3m", all.get(0).symmetry().international());
            assertNull(all.get(2).symmetry());
            List<StructureSearch.Candidate> ranked = StructureSearch.ranked(all);
            for (int r = 0; r < ranked.size(); r++) {
                assertEquals(r + 1, ranked.get(r).rank());
                if (r > 0)
                    assertTrue(ranked.get(r).energy() >= ranked.get(r - 1).energy());
            }
            assertEquals(model.predict(nacl).value(), all.get(0).energy(), 1e-6); // float32: batched vs single forward
            Path file = StructureSearch.write(ranked.get(0), "best", dir);
            assertTrue(Files.isRegularFile(file));
            assertEquals(
                    ranked.get(0).structure().size(),
                    new CifReader().readOne(file).size());
        }
    }

    @Test
    void aSearchTriesEveryCellContent() throws IOException {
        try (StructureModel<?> model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            List<StructureSearch.Candidate> all = new StructureSearch(new RandomSearch(2), model)
                    .optMaxAtoms(9)
                    .run(Formula.parse("NbO2"), 7);
            assertEquals(7, all.size());
            assertEquals(
                    java.util.Set.of(3, 6, 9),
                    new java.util.HashSet<>(
                            all.stream().map(c -> c.structure().size()).toList()));
        }
    }
}

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
        ps.add(new Proposal(noisy(nacl, 0.01, 5), "test", 0));
        ps.add(new Proposal(clash, "test", 0));
        ps.add(new Proposal(shifted, "test", 0));
        ps.add(new Proposal(nacl.withLattice(Lattice.cubic(2.0)), "test", 0)); // 1 Å³/atom
        for (Proposal p : new RandomSearch(3).propose(Formula.parse("Na4Cl4"), 5)) ps.add(p);
        try (StructureModel<?> model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            List<StructureSearch.Candidate> all = new StructureSearch(null, model).rank(ps);
            assertEquals(9, all.size());
            StructureSearch.Candidate first = all.get(0);
            assertEquals(225, first.symmetry().number(), "symmetrized at 0.1 Å despite 0.01 Å of noise");
            assertEquals("Fm-3m", first.symmetry().international());
            assertEquals(2, first.structure().size(), "the idealized primitive cell");
            assertEquals(2.82, first.validity().minDistance(), 1e-9, "idealized: the noise is gone");
            assertFalse(all.get(1).asGenerated().valid(), "0.11 Å apart as proposed");
            assertTrue(all.get(1).validity().valid(), "pushed apart");
            assertEquals(0, all.get(2).duplicateOf(), "the same rocksalt twice");
            assertNull(all.get(2).symmetry());
            assertFalse(all.get(3).validity().valid());
            assertEquals(0, all.get(3).rank());
            List<StructureSearch.Candidate> ranked = StructureSearch.ranked(all);
            for (int r = 0; r < ranked.size(); r++) {
                assertEquals(r + 1, ranked.get(r).rank());
                if (r > 0)
                    assertTrue(ranked.get(r).energy() >= ranked.get(r - 1).energy());
            }
            // float32: batched vs single forward
            assertEquals(model.predict(first.structure()).value(), first.energy(), 1e-6);
            Path file = StructureSearch.write(ranked.get(0), "best", dir);
            assertTrue(Files.isRegularFile(file));
            assertEquals(
                    ranked.get(0).structure().size(),
                    new CifReader().readOne(file).size());
        }
    }

    @Test
    void withoutPushApartAndSymmetrizationProposalsAreJudgedAsGenerated() throws IOException {
        Structure nacl = GeometryTest.rocksalt();
        double[][] f = nacl.fracCoords();
        f[1] = new double[] {0.02, 0, 0};
        Structure clash = Structure.of(
                nacl.lattice(), nacl.sites().stream().map(x -> x.element()).toList(), f);
        Structure noisy = noisy(nacl, 0.01, 5);
        try (StructureModel<?> model = ModelRegistry.load("spinel/formation-energy-per-atom")) {
            List<StructureSearch.Candidate> all = new StructureSearch(null, model)
                    .optRelaxation(null)
                    .optSymmetrizeTolerance(0)
                    .rank(List.of(new Proposal(noisy, "test", 0), new Proposal(clash, "test", 0)));
            assertEquals(8, all.get(0).structure().size(), "not symmetrized");
            assertEquals(noisy.cartCoords()[1][0], all.get(0).structure().cartCoords()[1][0], 1e-12);
            assertEquals(225, all.get(0).symmetry().number(), "detected at 0.1 Å");
            assertFalse(all.get(1).validity().valid());
        }
    }

    /** {@code s} with every Cartesian coordinate moved by up to ±{@code amplitude} Å (seeded). */
    static Structure noisy(Structure s, double amplitude, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        double[][] x = s.cartCoords();
        double[][] f = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < 3; d++) x[i][d] += amplitude * (2 * rng.nextDouble() - 1);
            f[i] = s.lattice().toFractional(x[i]);
        }
        return Structure.of(
                s.lattice(), s.sites().stream().map(x2 -> x2.element()).toList(), f);
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

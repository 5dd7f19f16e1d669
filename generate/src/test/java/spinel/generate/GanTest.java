package spinel.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Composition;
import spinel.graph.Structure;

class GanTest {

    static GanConfig tiny() {
        return new GanConfig(8, 4, 2, 16, 1, 4, 1e-3, 1e-3, 0.5, 1.0, 0.6, Math.log(17.0), 1.0, 3);
    }

    static List<Structure> data() {
        List<Structure> out = new ArrayList<>();
        for (Proposal p : new RandomSearch(5).propose(Formula.parse("Na2Cl2"), 6)) out.add(p.structure());
        for (Proposal p : new RandomSearch(6).propose(Formula.parse("Ti2O4"), 6)) out.add(p.structure());
        return out;
    }

    @Test
    void spectralNormalisationDividesByTheLargestSingularValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralDense layer = new SpectralDense(5, 3);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 5));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.eye(5);
            NDArray y = null;
            for (int i = 0; i < 50; i++)
                y = layer.forward(ps, new NDList(x), true).head();
            NDArray bias = null;
            for (var e : layer.getParameters())
                if (e.getKey().endsWith("bias")) bias = e.getValue().getArray();
            float[] w = y.sub(bias).transpose().toFloatArray(); // rows of W/σ
            double[][] wm = new double[3][5];
            for (int i = 0; i < 15; i++) wm[i / 5][i % 5] = w[i];
            double sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(wm)).getNorm();
            assertEquals(1.0, sigma, 1e-3);
        }
    }

    @Test
    void environmentDistancesAgreeWithTheValidityCheck() {
        List<Structure> ss = data();
        PointClouds pc = PointClouds.of(ss, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList b = pc.batch(m, new int[] {0, 7});
            NDArray d = PeriodicEnvironment.distances(b.get(0), b.get(1));
            NDArray pm = PeriodicEnvironment.pairMask(b.get(3));
            NDArray masked = d.add(pm.neg().add(1f).mul(1e3f));
            float[] min = masked.reshape(2, -1).min(new int[] {1}).toFloatArray();
            assertEquals(Validity.shortestDistance(ss.get(0)), min[0], 1e-3);
            assertEquals(Validity.shortestDistance(ss.get(7)), min[1], 1e-3);
            NDArray env = PeriodicEnvironment.environments(d, pm, b.get(2));
            assertEquals(
                    new Shape(2, 6, PeriodicEnvironment.length()),
                    env.getShape(),
                    "padded to the larger crystal (6 atoms)");
            assertEquals(0f, env.get("0, 4:").abs().sum().getFloat(), 0f, "padding atoms have empty environments");
        }
    }

    @Test
    void generatedCrystalsHaveTheAskedCellContent() {
        try (CrystalGan gan = new CrystalGan(tiny())) {
            GanGenerator g = new GanGenerator(gan, 1);
            Composition cell = Formula.parse("Nb2O4");
            int arrays = managedArrays(gan);
            for (Proposal p : g.propose(cell, 5)) {
                assertEquals(cell, p.structure().composition());
                double vpa = p.structure().volume() / 6;
                assertTrue(vpa > 4 && vpa < 70, "volume per atom " + vpa);
            }
            assertEquals(arrays, managedArrays(gan), "generation leaves no arrays behind");
        }
    }

    @Test
    void resumedTrainingEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) throws IOException {
        PointClouds pc = PointClouds.of(data(), 8);
        float[] straight, resumed;
        try (CrystalGan gan = new CrystalGan(tiny())) {
            new GanTraining().setLog(nullStream()).optCheckpointSteps(100).fit(gan, pc, 2, dir.resolve("a"));
            straight = sample(gan);
        }
        try (CrystalGan gan = new CrystalGan(tiny())) {
            new GanTraining().setLog(nullStream()).optCheckpointSteps(2).fit(gan, pc, 1, dir.resolve("b"));
        }
        try (CrystalGan gan = new CrystalGan(tiny())) {
            List<GanTraining.LogRecord> h =
                    new GanTraining().setLog(nullStream()).optCheckpointSteps(2).fit(gan, pc, 2, dir.resolve("b"));
            assertEquals(6, h.get(h.size() - 1).step() + 3 * h.get(h.size() - 1).epoch(), "2 epochs of 3 steps");
            resumed = sample(gan);
        }
        assertArrayEquals(straight, resumed, 1e-5f);
        try (CrystalGan gan = CrystalGan.loadGenerator(dir.resolve("a").resolve(GanTraining.GENERATOR))) {
            assertArrayEquals(straight, sample(gan), 1e-6f);
        }
        GanConfig other = new GanConfig(8, 4, 2, 16, 1, 4, 1e-3, 1e-3, 0.5, 1.0, 0.6, Math.log(17.0), 1.0, 4);
        try (CrystalGan gan = new CrystalGan(other)) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> new GanTraining().setLog(nullStream()).fit(gan, pc, 2, dir.resolve("a")));
            assertTrue(e.getMessage().contains("another GAN config"), e.getMessage());
        }
        assertTrue(Files.isRegularFile(dir.resolve("a").resolve(GanTraining.CHECKPOINT)));
    }

    @Test
    void aRunStopsAtItsStepLimitAndStaysThere(@TempDir Path dir) throws IOException {
        PointClouds pc = PointClouds.of(data(), 8); // 3 steps per epoch
        try (CrystalGan gan = new CrystalGan(tiny())) {
            List<GanTraining.LogRecord> h =
                    new GanTraining().setLog(nullStream()).optMaxSteps(4).fit(gan, pc, 5, dir);
            GanTraining.LogRecord last = h.get(h.size() - 1);
            assertEquals(4, 3 * last.epoch() + last.step(), "stopped after 4 steps of 15");
        }
        Files.delete(dir.resolve(GanTraining.GENERATOR));
        try (CrystalGan gan = new CrystalGan(tiny())) {
            List<GanTraining.LogRecord> h =
                    new GanTraining().setLog(nullStream()).optMaxSteps(4).fit(gan, pc, 5, dir);
            GanTraining.LogRecord last = h.get(h.size() - 1);
            assertEquals(4, 3 * last.epoch() + last.step(), "resumed at the limit: no further step");
            assertTrue(Files.isRegularFile(dir.resolve(GanTraining.GENERATOR)), "the generator file is written again");
        }
    }

    @Test
    void aTrainingStepLeavesNoArraysBehind() {
        PointClouds pc = PointClouds.of(data(), 8);
        try (CrystalGan gan = new CrystalGan(tiny())) {
            spinel.train.ParameterOptimizer[] o = GanTraining.optimisers(gan);
            ai.djl.ndarray.BaseNDManager models = (ai.djl.ndarray.BaseNDManager) gan.manager();
            int[] rows = {0, 1, 6, 7};
            GanTraining.step(gan, pc, rows, new Random(1), o[0], o[1], o[2]);
            int before = models.getManagedArrays().size();
            for (int i = 0; i < 3; i++) GanTraining.step(gan, pc, rows, new Random(2 + i), o[0], o[1], o[2]);
            assertEquals(before, models.getManagedArrays().size(), "arrays left on the networks' manager");
        }
    }

    @Test
    void theGeneratorLossHoldsTheWeightedVolumeError() {
        PointClouds pc = PointClouds.of(data(), 8);
        double[][] r = new double[2][];
        for (int w = 0; w < 2; w++) {
            GanConfig c = new GanConfig(8, 4, 2, 16, 1, 4, 1e-3, 1e-3, 0.5, 1.0, 0.6, Math.log(60.0), 3 * w, 3);
            try (CrystalGan gan = new CrystalGan(c)) {
                spinel.train.ParameterOptimizer[] o = GanTraining.optimisers(gan);
                r[w] = GanTraining.step(gan, pc, new int[] {0, 1, 6, 7}, new Random(1), o[0], o[1], o[2]);
            }
        }
        // the same seeded networks and batch: the two losses differ by the volume term alone
        assertEquals(r[0][6], r[1][6], 1e-6, "the same volume error");
        assertTrue(r[1][6] > 0.5, "cells centred at 60 Å³/atom are far from the data's: " + r[1][6]);
        assertEquals(r[0][1] + 3 * r[1][6], r[1][1], 1e-4, "generator loss = ... + 3 × |ln V − ln V_real|");
    }

    @Test
    void aLongHistorySurvivesTheCheckpoint(@TempDir Path dir) throws IOException {
        try (CrystalGan gan = new CrystalGan(tiny())) {
            spinel.train.ParameterOptimizer[] o = GanTraining.optimisers(gan);
            GanTraining.State s = new GanTraining.State();
            // 1,000 log lines: far more than the 64 kB a writeUTF string may hold
            for (int i = 0; i < 1000; i++)
                s.history.add(new GanTraining.LogRecord(i / 100, i % 100, 0.1, 3.2, 2.9, -1.4, 0.6, 0.5, 0.3, i));
            s.epoch = 9;
            s.step = 99;
            Path file = dir.resolve(GanTraining.CHECKPOINT);
            GanTraining.save(file, gan, o[0], o[1], o[2], s);
            GanTraining.State back = new GanTraining.State();
            GanTraining.load(file, gan, o[0], o[1], o[2], back);
            assertEquals(s.history, back.history);
            assertEquals(99, back.step);
        }
    }

    @Test
    void aDivergedStepStopsTheRunBeforeAnythingIsSaved(@TempDir Path dir) {
        PointClouds pc = PointClouds.of(data(), 8);
        // a NaN weight on the short-contact penalty makes the first generator loss NaN
        GanConfig nan = new GanConfig(8, 4, 2, 16, 1, 4, 1e-3, 1e-3, 0.5, Double.NaN, 0.6, Math.log(17.0), 1.0, 3);
        try (CrystalGan gan = new CrystalGan(nan)) {
            spinel.train.TrainingLoop.DivergedException e =
                    assertThrows(spinel.train.TrainingLoop.DivergedException.class, () -> new GanTraining()
                            .setLog(nullStream())
                            .optCheckpointSteps(1)
                            .fit(gan, pc, 1, dir));
            assertTrue(e.getMessage().contains("GAN losses became NaN at epoch 0 step 1"), e.getMessage());
        }
        assertTrue(!Files.exists(dir.resolve(GanTraining.CHECKPOINT)), "no checkpoint of diverged weights");
        assertTrue(!Files.exists(dir.resolve(GanTraining.GENERATOR)));
    }

    @Test
    void criticGuidedSamplingRaisesTheCriticsScore(@TempDir Path dir) throws IOException {
        Composition cell = Formula.parse("Na2Cl2");
        PointClouds cells = PointClouds.ofCells(Collections.nCopies(16, cell), 8);
        List<List<spinel.graph.Element>> sites = Collections.nCopies(16, Formula.sites(cell));
        try (CrystalGan gan = new CrystalGan(tiny())) {
            // a critic that has learned something: its score then varies with the structure
            new GanTraining()
                    .setLog(nullStream())
                    .optCheckpointSteps(1000)
                    .fit(gan, PointClouds.of(data(), 8), 10, dir);
            int arrays = managedArrays(gan);
            double plain = mean(gan.score(gan.generate(cells, sites, new Random(4))));
            double guided = mean(gan.score(gan.generate(cells, sites, new Random(4), 20, 0.05)));
            assertTrue(guided > plain + 0.01, "Langevin steps climb the critic: " + plain + " → " + guided);
            assertEquals(arrays, managedArrays(gan), "sampling leaves no arrays behind");
        }
    }

    @Test
    void theGeneratorFileCarriesTheCritic(@TempDir Path dir) throws Exception {
        List<Structure> probe = data().subList(0, 4);
        Path file = dir.resolve("g.bin"), old = dir.resolve("old.bin");
        float[] scores;
        try (CrystalGan gan = new CrystalGan(tiny())) {
            scores = gan.score(probe);
            gan.saveGenerator(file);
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(old))) {
                out.writeUTF(CrystalGan.MAGIC); // the first format: the generator alone
                out.writeUTF(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(tiny()));
                gan.generator().saveParameters(out);
            }
        }
        try (CrystalGan back = CrystalGan.loadGenerator(file)) {
            assertTrue(back.hasCritic());
            assertArrayEquals(scores, back.score(probe), 1e-6f);
        }
        try (GanGenerator g = GanGenerator.load(old, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.optLangevin(5, 0.01));
            assertTrue(e.getMessage().contains("saved with its critic"), e.getMessage());
            assertEquals(3, g.propose(Formula.parse("NaCl"), 3).size(), "plain sampling still works");
        }
    }

    @Test
    void theBundledGeneratorCarriesItsCritic() throws IOException {
        try (GanGenerator g = GanGenerator.bundled(1).optLangevin(2, 0.01)) {
            List<Proposal> ps = g.propose(Formula.parse("NbO2"), 3);
            assertEquals(3, ps.size());
            for (Proposal p : ps)
                assertEquals(Formula.parse("NbO2"), Formula.reduce(p.structure().composition()));
        }
    }

    /** Arrays held by the networks' own manager (what a leak makes grow). */
    private static int managedArrays(CrystalGan gan) {
        return ((ai.djl.ndarray.BaseNDManager) gan.manager()).getManagedArrays().size();
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static float[] sample(CrystalGan gan) {
        Composition cell = Formula.parse("Na2Cl2");
        PointClouds cells = PointClouds.ofCells(Collections.nCopies(2, cell), 8);
        List<Structure> s = gan.generate(cells, Collections.nCopies(2, Formula.sites(cell)), new Random(9));
        float[] out = new float[2 * 4 * 3 + 2];
        int k = 0;
        for (Structure x : s) {
            for (double[] f : x.fracCoords()) for (double v : f) out[k++] = (float) v;
            out[k++] = (float) x.volume();
        }
        return out;
    }

    private static java.io.PrintStream nullStream() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }
}

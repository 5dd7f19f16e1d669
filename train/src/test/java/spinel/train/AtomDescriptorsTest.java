package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.CrystalGraph;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * The per-atom angular descriptors: Steinhardt values of fcc against the published numbers, a
 * symmetry function against a brute-force lattice sum, their place in the graph's atom features,
 * the graph cache keeping them exactly, and the training-atom standardisation.
 */
class AtomDescriptorsTest {

    private static final List<String> BOTH = List.of(AtomDescriptors.STEINHARDT, AtomDescriptors.ACSF);

    @TempDir
    Path dir;

    private static Structure fcc(double a) {
        Element cu = Element.of("Cu");
        double[][] f = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        return Structure.of(Lattice.cubic(a), List.of(cu, cu, cu, cu), f);
    }

    @Test
    void parseKeepsOrderDropsDuplicatesAndNamesTheKnownFamilies() {
        assertEquals(List.of("acsf", "steinhardt"), AtomDescriptors.parse("ACSF, steinhardt,acsf"));
        assertNull(AtomDescriptors.parse(" "));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AtomDescriptors.parse("steinhardt,soap"));
        assertTrue(e.getMessage().contains("soap") && e.getMessage().contains("acsf"), e.getMessage());
        assertEquals(AtomDescriptors.length(BOTH), AtomDescriptors.names(BOTH).size());
    }

    @Test
    void fccSteinhardtMatchesThePublishedValuesOnEverySite() {
        double[][] d = AtomDescriptors.of(fcc(3.61), List.of(AtomDescriptors.STEINHARDT));
        List<String> names = AtomDescriptors.names(List.of(AtomDescriptors.STEINHARDT));
        for (double[] site : d) {
            // Steinhardt, Nelson & Ronchetti (1983), table I: fcc q4, q6, ŵ4, ŵ6
            assertEquals(0.19094, site[names.indexOf("q4")], 1e-5);
            assertEquals(0.57452, site[names.indexOf("q6")], 1e-5);
            assertEquals(-0.159317, site[names.indexOf("w4_hat")], 1e-5);
            assertEquals(-0.013161, site[names.indexOf("w6_hat")], 1e-5);
        }
    }

    @Test
    void radialSymmetryFunctionEqualsABruteForceLatticeSum() {
        double a = 3.61, rc = 6, eta = 0.2;
        double[][] d = AtomDescriptors.of(fcc(a), List.of(AtomDescriptors.ACSF));
        double[][] basis = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        double g2 = 0;
        for (int i = -3; i <= 3; i++)
            for (int j = -3; j <= 3; j++)
                for (int k = -3; k <= 3; k++)
                    for (double[] b : basis) {
                        double r = a * Math.sqrt(sq(i + b[0]) + sq(j + b[1]) + sq(k + b[2]));
                        if (r > 1e-9 && r < rc) g2 += Math.exp(-eta * r * r) * 0.5 * (Math.cos(Math.PI * r / rc) + 1);
                    }
        int col = AtomDescriptors.names(List.of(AtomDescriptors.ACSF)).indexOf("ln1p_G2_eta=0.2_Rs=0");
        assertTrue(
                col >= 0, AtomDescriptors.names(List.of(AtomDescriptors.ACSF)).toString());
        for (double[] site : d) assertEquals(Math.log1p(g2), site[col], 1e-9);
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void descriptorsAreAppendedToTheAtomFeaturesAndSurviveTheGraphCacheExactly() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        CrystalDataset data = CrystalDataset.open(ExperimentTest.SAMPLE, null);
        RunConfig.GraphSettings settings =
                RunConfig.GraphSettings.cgcnnDefaults(null).withAtomDescriptors(BOTH);
        int base = settings.baseAtomFeatureLength(), k = AtomDescriptors.length(BOTH);
        assertEquals(92, base);
        List<Structure> structures = new ArrayList<>();
        data.forEachChunk(64, (first, chunk) -> structures.addAll(chunk));
        try (GraphCache cache = RunFeatures.graphCache(settings, data, dir, ExperimentTest.QUIET)) {
            assertEquals(base + k, cache.atomFeatureLength());
            for (int r = 0; r < structures.size(); r++) {
                Structure s = structures.get(r);
                CrystalGraph built = RunFeatures.graphFunction(settings).apply(s);
                assertArrayEquals(built.atomFeatures(), cache.graph(r).atomFeatures(), "row " + r);
                CrystalDatasetTest.assertSameReduction(spinel.conv.ReducedGraph.of(built), cache.reduced(r));
                double[][] d = AtomDescriptors.of(s, BOTH);
                for (int i = 0; i < s.size(); i++)
                    for (int j = 0; j < k; j++)
                        assertEquals((float) d[i][j], built.atomFeatures()[i * (base + k) + base + j]);
            }
            int[] train = IntStream.range(0, 6).toArray();
            FeatureScaler scaler = AtomDescriptors.fit(cache::graph, train, base);
            double[] sum = new double[k];
            int atoms = 0;
            for (int r : train) {
                CrystalGraph g = AtomDescriptors.scaled(cache.graph(r), base, scaler);
                double[][] rows = AtomDescriptors.rows(g, base);
                for (double[] row : rows) for (int j = 0; j < k; j++) sum[j] += row[j];
                atoms += rows.length;
                // the CGCNN one-hot part is untouched
                for (int i = 0; i < g.numAtoms(); i++)
                    for (int j = 0; j < base; j++)
                        assertEquals(
                                cache.graph(r).atomFeatures()[i * (base + k) + j],
                                g.atomFeatures()[i * (base + k) + j]);
            }
            for (int j = 0; j < k; j++) assertEquals(0, sum[j] / atoms, 1e-5, "training mean of column " + j);
        }
    }
}

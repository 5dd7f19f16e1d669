package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    static final Path ATOM_INIT =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn/sample/atom_init.json");

    @Test
    void gaussianDistanceIsCgcnns() {
        GaussianDistance g = new GaussianDistance();
        assertEquals(41, g.length());
        double[] c = g.centers();
        assertEquals(0.0, c[0]);
        assertEquals(8.0, c[40], 1e-12);
        float[] f = g.featurize(2.81);
        for (int k = 0; k < 41; k++) {
            double x = 2.81 - 0.2 * k;
            float direct = (float) Math.exp(-x * x / 0.04);
            assertEquals(direct, f[k], Math.ulp(direct));
        }
        // the centre nearest to d carries the largest feature
        assertEquals(14, argmax(f));
        // the recurrence against the direct formula over the whole range, padding distance included
        float[] direct = new float[41];
        for (double d = -0.5; d < 10; d += 0.0137) {
            f = g.featurize(d);
            g.featurizeDirect(d, direct, 0);
            for (int k = 0; k < 41; k++) {
                assertEquals(direct[k], f[k], Math.max(Math.ulp(direct[k]), 1e-44f), "d = " + d + " centre " + k);
            }
        }
        assertEquals(21, new GaussianDistance(0, 4, 0.2).length());
        assertThrows(IllegalArgumentException.class, () -> new GaussianDistance(1, 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new GaussianDistance(0, 1, 2));
    }

    private static int argmax(float[] f) {
        int b = 0;
        for (int k = 1; k < f.length; k++) if (f[k] > f[b]) b = k;
        return b;
    }

    @Test
    void computedCgcnnFeaturesAreOneHotPerSegment() {
        int[][] segments = {{0, 19}, {19, 7}, {26, 10}, {36, 10}, {46, 12}, {58, 10}, {68, 10}, {78, 4}, {82, 10}};
        for (Element e : Element.all()) {
            float[] f = CgcnnAtomFeaturizer.instance().featurize(e);
            assertEquals(92, f.length);
            for (int[] s : segments) {
                float sum = 0;
                for (int k = s[0]; k < s[0] + s[1]; k++) {
                    assertTrue(f[k] == 0f || f[k] == 1f);
                    sum += f[k];
                }
                assertTrue(sum <= 1f, e + " segment at " + s[0]);
            }
        }
        float[] fe = CgcnnAtomFeaturizer.instance().featurize(Element.of("Fe"));
        assertEquals(1f, fe[CgcnnAtomFeaturizer.GROUP + 8]);
        assertEquals(1f, fe[CgcnnAtomFeaturizer.PERIOD + 3]);
        assertEquals(1f, fe[CgcnnAtomFeaturizer.VALENCE + 7]);
        assertEquals(1f, fe[CgcnnAtomFeaturizer.BLOCK + 2]);
    }

    /**
     * How close the computed features come to the published atom_init.json. Our element data
     * (pymatgen 2022, Cordero radii) is not the reference's, so continuous properties near bin edges
     * differ; the categorical segments must agree except for the documented cases.
     */
    @Test
    void computedFeaturesAgainstThePublishedAtomInit() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ATOM_INIT), "anchors absent");
        AtomInitFeaturizer ref = AtomInitFeaturizer.load(ATOM_INIT);
        String[] names = {
            "group",
            "period",
            "electronegativity",
            "covalent radius",
            "valence",
            "ionisation energy",
            "electron affinity",
            "block",
            "atomic volume"
        };
        int[][] segments = {{0, 19}, {19, 7}, {26, 10}, {36, 10}, {46, 12}, {58, 10}, {68, 10}, {78, 4}, {82, 10}};
        int[] agree = new int[segments.length];
        int exact = 0, features = 0, elements = 0;
        for (Element e : Element.all()) {
            if (!ref.covers(e)) continue;
            elements++;
            float[] a = CgcnnAtomFeaturizer.instance().featurize(e), b = ref.featurize(e);
            if (java.util.Arrays.equals(a, b)) exact++;
            for (int k = 0; k < 92; k++) if (a[k] == b[k]) features++;
            for (int s = 0; s < segments.length; s++) {
                boolean same = true;
                for (int k = segments[s][0]; k < segments[s][0] + segments[s][1]; k++) same &= a[k] == b[k];
                if (same) agree[s]++;
            }
        }
        StringBuilder sb = new StringBuilder("CgcnnAtomFeaturizer vs atom_init.json: " + exact + "/" + elements
                + " vectors identical, " + features + "/" + (92 * elements) + " features equal; per segment:");
        for (int s = 0; s < names.length; s++)
            sb.append(' ').append(names[s]).append(' ').append(agree[s]);
        System.out.println(sb);
        assertEquals(100, elements);
        assertEquals(100, agree[0], "group");
        assertEquals(100, agree[1], "period");
        assertEquals(100, agree[7], "block");
        assertEquals(100, agree[5], "ionisation energy (ln eV, 1.3..3.3) reproduces the reference bins");
        assertTrue(agree[4] >= 95, "valence electrons");
        assertTrue(features >= 0.97 * 92 * 100, "features equal");
    }

    @Test
    void atomInitGivesThePublishedVectorsAndNamesWhatIsMissing() throws IOException {
        String json = "{\"1\": [1, 0, 0.5], \"8\": [0, 1, 0.25]}";
        AtomInitFeaturizer f =
                AtomInitFeaturizer.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "tiny.json");
        assertEquals(3, f.length());
        assertArrayEquals(new float[] {0, 1, 0.25f}, f.featurize(Element.of("O")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.featurize(Element.of("Fe")));
        assertTrue(e.getMessage().contains("Fe") && e.getMessage().contains("tiny.json"), e.getMessage());
        // a disordered site: occupancy-weighted sum
        Lattice lat = Lattice.cubic(3);
        Map<Species, Double> occ = new LinkedHashMap<>();
        occ.put(Species.of(Element.of("H")), 0.5);
        occ.put(Species.of(Element.of("O")), 0.25);
        Site site = new Site(occ, new double[3], lat, null);
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.3125f}, f.featurize(site), 1e-7f);
        IOException bad = assertThrows(
                IOException.class,
                () -> AtomInitFeaturizer.load(
                        new ByteArrayInputStream("{\"1\": [1, 2], \"2\": [1]}".getBytes(StandardCharsets.UTF_8)),
                        "bad.json"));
        assertTrue(bad.getMessage().contains("bad.json"));
        assertThrows(
                IOException.class,
                () -> AtomInitFeaturizer.load(
                        new ByteArrayInputStream("{\"1\": [1, 2".getBytes(StandardCharsets.UTF_8)), "cut.json"));
    }

    @Test
    void publishedAtomInitLoads() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(ATOM_INIT), "anchors absent");
        AtomInitFeaturizer f = AtomInitFeaturizer.load(ATOM_INIT);
        assertEquals(92, f.length());
        assertTrue(f.covers(Element.of("Fm")));
        assertThrows(IllegalArgumentException.class, () -> f.featurize(Element.of("Md")));
    }
}

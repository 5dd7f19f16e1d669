package spinel.descriptors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;

class SymmetryFunctionsTest {

    private static final Element H = Element.of("H"), O = Element.of("O");
    private static final double RC = 5.0;

    private static double fc(double r) {
        return r < RC ? 0.5 * (Math.cos(Math.PI * r / RC) + 1) : 0;
    }

    private static SymmetryFunctions full(List<Element> species) {
        return SymmetryFunctions.builder()
                .setCutoff(RC)
                .setSpecies(species)
                .addG2(0.5, 0.0)
                .addG2(1.0, 1.2)
                .addG3(1.5)
                .addG4(0.05, 1, 1)
                .addG4(0.05, 4, -1)
                .addG5(0.05, 2, 1)
                .build();
    }

    @Test
    void featureOrderAndNames() {
        SymmetryFunctions sf = full(List.of(H, O));
        assertEquals(
                List.of(
                        "G1_H",
                        "G2_H_eta=0.5_Rs=0",
                        "G2_H_eta=1_Rs=1.2",
                        "G3_H_kappa=1.5",
                        "G1_O",
                        "G2_O_eta=0.5_Rs=0",
                        "G2_O_eta=1_Rs=1.2",
                        "G3_O_kappa=1.5",
                        "G4_H-H_eta=0.05_zeta=1_lambda=1",
                        "G4_H-H_eta=0.05_zeta=4_lambda=-1",
                        "G5_H-H_eta=0.05_zeta=2_lambda=1",
                        "G4_H-O_eta=0.05_zeta=1_lambda=1",
                        "G4_H-O_eta=0.05_zeta=4_lambda=-1",
                        "G5_H-O_eta=0.05_zeta=2_lambda=1",
                        "G4_O-O_eta=0.05_zeta=1_lambda=1",
                        "G4_O-O_eta=0.05_zeta=4_lambda=-1",
                        "G5_O-O_eta=0.05_zeta=2_lambda=1"),
                sf.names());
    }

    @Test
    void dimer() {
        double r = 1.3;
        FeatureTable t = full(List.of(H))
                .compute(Neighborhoods.ofCluster(new double[][] {{0, 0, 0}, {0, 0, r}}, RC), List.of(H, H));
        double[] g = t.row(0).values();
        assertEquals(fc(r), g[0], 1e-15);
        assertEquals(Math.exp(-0.5 * r * r) * fc(r), g[1], 1e-15);
        assertEquals(Math.exp(-1.0 * (r - 1.2) * (r - 1.2)) * fc(r), g[2], 1e-15);
        assertEquals(Math.cos(1.5 * r) * fc(r), g[3], 1e-15);
        assertEquals(0, g[4]); // a dimer has no angles
        assertArrayEquals(g, t.row(1).values(), 1e-15);
    }

    @Test
    void equilateralTrimer() {
        double r = 1.1;
        double[][] x = {{0, 0, 0}, {r, 0, 0}, {r / 2, r * Math.sqrt(3) / 2, 0}};
        FeatureTable t = full(List.of(H)).compute(Neighborhoods.ofCluster(x, RC), List.of(H, H, H));
        double cos = 0.5, f = fc(r);
        double g4a = Math.pow(2, 0) * Math.pow(1 + cos, 1) * Math.exp(-0.05 * 3 * r * r) * f * f * f;
        double g4b = Math.pow(2, -3) * Math.pow(1 - cos, 4) * Math.exp(-0.05 * 3 * r * r) * f * f * f;
        double g5 = Math.pow(2, -1) * Math.pow(1 + cos, 2) * Math.exp(-0.05 * 2 * r * r) * f * f;
        for (int i = 0; i < 3; i++) {
            Features g = t.row(i);
            assertEquals(2 * f, g.get("G1_H"), 1e-15);
            assertEquals(g4a, g.get("G4_H-H_eta=0.05_zeta=1_lambda=1"), 1e-15);
            assertEquals(g4b, g.get("G4_H-H_eta=0.05_zeta=4_lambda=-1"), 1e-15);
            assertEquals(g5, g.get("G5_H-H_eta=0.05_zeta=2_lambda=1"), 1e-15);
        }
    }

    @Test
    void waterLikeAngle() {
        double r = 0.9572, theta = Math.toRadians(104.52);
        double[][] x = {{0, 0, 0}, {r, 0, 0}, {r * Math.cos(theta), r * Math.sin(theta), 0}};
        FeatureTable t = full(List.of(H, O)).compute(Neighborhoods.ofCluster(x, RC), List.of(O, H, H));
        Features oxygen = t.row(0);
        double f = fc(r), rhh = 2 * r * Math.sin(theta / 2), cos = Math.cos(theta);
        assertEquals(2 * f, oxygen.get("G1_H"), 1e-15);
        assertEquals(0, oxygen.get("G1_O"));
        // the O centre sees one H–H pair and no H–O or O–O pair
        assertEquals(
                (1 + cos) * Math.exp(-0.05 * (2 * r * r + rhh * rhh)) * f * f * fc(rhh),
                oxygen.get("G4_H-H_eta=0.05_zeta=1_lambda=1"),
                1e-15);
        assertEquals(
                0.5 * Math.pow(1 + cos, 2) * Math.exp(-0.05 * 2 * r * r) * f * f,
                oxygen.get("G5_H-H_eta=0.05_zeta=2_lambda=1"),
                1e-15);
        assertEquals(0, oxygen.get("G4_H-O_eta=0.05_zeta=1_lambda=1"));
        // an H centre sees the pair (O, other H): angle at H between O and H
        Features h = t.row(1);
        double angleH = (Math.PI - theta) / 2;
        assertEquals(
                (1 + Math.cos(angleH)) * Math.exp(-0.05 * (r * r + rhh * rhh + r * r)) * f * fc(rhh) * f,
                h.get("G4_H-O_eta=0.05_zeta=1_lambda=1"),
                1e-15);
        assertEquals(fc(r), h.get("G1_O"), 1e-15);
        assertEquals(fc(rhh), h.get("G1_H"), 1e-15);
        assertArrayEquals(t.row(1).values(), t.row(2).values(), 1e-14); // mirror-symmetric H atoms
    }

    @Test
    void g4SkipsFarPairsG5KeepsThem() {
        // two neighbours at 2.8 Å on opposite sides: r_jk = 5.6 > R_c
        double[][] x = {{0, 0, 0}, {2.8, 0, 0}, {-2.8, 0, 0}};
        SymmetryFunctions sf = SymmetryFunctions.builder()
                .setCutoff(RC)
                .setSpecies(List.of(H))
                .addG4(0.01, 1, -1)
                .addG5(0.01, 1, -1)
                .build();
        Features c =
                sf.compute(Neighborhoods.ofCluster(x, RC), List.of(H, H, H)).row(0);
        assertEquals(0, c.get("G4_H-H_eta=0.01_zeta=1_lambda=-1"));
        assertEquals(
                2 * Math.exp(-0.01 * 2 * 2.8 * 2.8) * fc(2.8) * fc(2.8),
                c.get("G5_H-H_eta=0.01_zeta=1_lambda=-1"),
                1e-15);
    }

    @Test
    void invariantUnderRotationTranslationAndPermutation() {
        Random rnd = new Random(11);
        int n = 14;
        double[][] x = new double[n][3];
        List<Element> el = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) x[i][c] = 4 * rnd.nextDouble();
            el.add(i % 3 == 0 ? O : H);
        }
        SymmetryFunctions sf = full(List.of(H, O));
        double[][] ref = sf.compute(Neighborhoods.ofCluster(x, RC), el).values();

        double[][] rot = Shells.rotation(0.7, -1.9, 2.2);
        double[][] moved = new double[n][];
        for (int i = 0; i < n; i++) {
            moved[i] = Shells.apply(rot, x[i]);
            moved[i][0] += 13.1;
            moved[i][2] -= 4.4;
        }
        double[][] m = sf.compute(Neighborhoods.ofCluster(moved, RC), el).values();
        for (int i = 0; i < n; i++) assertArrayEquals(ref[i], m[i], 1e-12);

        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < n; i++) perm.add(i);
        Collections.shuffle(perm, rnd);
        double[][] px = new double[n][];
        List<Element> pel = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            px[i] = x[perm.get(i)];
            pel.add(el.get(perm.get(i)));
        }
        double[][] p = sf.compute(Neighborhoods.ofCluster(px, RC), pel).values();
        for (int i = 0; i < n; i++) assertArrayEquals(ref[perm.get(i)], p[i], 1e-12);
    }

    @Test
    void unknownSpeciesIsAClearError() {
        SymmetryFunctions sf = full(List.of(H));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> sf.compute(Neighborhoods.ofCluster(new double[][] {{0, 0, 0}, {1, 0, 0}}, RC), List.of(H, O)));
        assertEquals("atom 1 is O, not one of the species [H]", e.getMessage());
    }
}

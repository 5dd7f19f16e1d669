package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighborListTest {

    /** Brute force over a box of images large enough by the interplanar-spacing bound. */
    static List<List<Neighbor>> bruteForce(Lattice lat, double[][] frac, double cutoff) {
        double[] d = lat.interplanarSpacings();
        int[] r = new int[3];
        for (int k = 0; k < 3; k++) r[k] = (int) Math.ceil(cutoff / d[k]) + 2;
        double[][] m = lat.matrix();
        List<List<Neighbor>> all = new ArrayList<>();
        for (int i = 0; i < frac.length; i++) {
            double[] ci = lat.toCartesian(frac[i]);
            List<Neighbor> list = new ArrayList<>();
            for (int j = 0; j < frac.length; j++) {
                double[] cj = lat.toCartesian(frac[j]);
                for (int a = -r[0] - 3; a <= r[0] + 3; a++) {
                    for (int b = -r[1] - 3; b <= r[1] + 3; b++) {
                        for (int c = -r[2] - 3; c <= r[2] + 3; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            double[] v = new double[3];
                            for (int k = 0; k < 3; k++) v[k] = cj[k] + a * m[0][k] + b * m[1][k] + c * m[2][k] - ci[k];
                            double dist = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                            if (dist <= cutoff + 1e-8) list.add(new Neighbor(j, dist, new int[] {a, b, c}, v));
                        }
                    }
                }
            }
            list.sort(Comparator.comparingDouble(Neighbor::distance)
                    .thenComparingInt(Neighbor::index)
                    .thenComparing(Neighbor::image, Arrays::compare));
            all.add(list);
        }
        return all;
    }

    static void assertSame(List<List<Neighbor>> expected, NeighborList nl, String what) {
        assertEquals(expected.size(), nl.numSites(), what);
        for (int i = 0; i < expected.size(); i++) {
            List<Neighbor> e = expected.get(i);
            List<Neighbor> got = nl.neighbors(i);
            assertEquals(e.size(), got.size(), what + ": site " + i + " neighbour count");
            assertEquals(e.size(), nl.count(i));
            for (int k = 0; k < e.size(); k++) {
                Neighbor x = e.get(k), y = got.get(k);
                assertEquals(x.distance(), y.distance(), 1e-9, what + ": site " + i + " entry " + k);
                // away from exact ties the order (hence index and image) must agree too
                boolean tie = (k > 0 && Math.abs(e.get(k - 1).distance() - x.distance()) < 1e-9)
                        || (k + 1 < e.size() && Math.abs(e.get(k + 1).distance() - x.distance()) < 1e-9);
                if (!tie) {
                    assertEquals(x.index(), y.index(), what + ": site " + i + " entry " + k + " index");
                    assertArrayEquals(x.image(), y.image(), what + ": site " + i + " entry " + k + " image");
                    assertArrayEquals(x.vector(), y.vector(), 1e-9, what);
                }
            }
        }
    }

    static double[] flat(double[][] f) {
        double[] out = new double[3 * f.length];
        for (int i = 0; i < f.length; i++) System.arraycopy(f[i], 0, out, 3 * i, 3);
        return out;
    }

    @Test
    void randomTriclinicCellsMatchBruteForce() {
        Random rnd = new Random(42);
        for (int t = 0; t < 60; t++) {
            double a = 2 + 6 * rnd.nextDouble(), b = 2 + 6 * rnd.nextDouble(), c = 2 + 6 * rnd.nextDouble();
            double al = 40 + 100 * rnd.nextDouble(), be = 40 + 100 * rnd.nextDouble(), ga = 40 + 100 * rnd.nextDouble();
            Lattice lat;
            try {
                lat = Lattice.fromParameters(a, b, c, al, be, ga);
                if (lat.volume() < 0.5) continue;
            } catch (IllegalArgumentException e) {
                continue;
            }
            int n = 1 + rnd.nextInt(6);
            double[][] frac = new double[n][3];
            // include coordinates outside [0, 1) to exercise the wrapping
            for (double[] f : frac) for (int k = 0; k < 3; k++) f[k] = -1.5 + 4 * rnd.nextDouble();
            double cutoff = 1 + 9 * rnd.nextDouble();
            NeighborList nl = NeighborList.within(lat, flat(frac), cutoff);
            assertSame(bruteForce(lat, frac, cutoff), nl, "cell " + t + " " + lat + " r=" + cutoff);
        }
    }

    @Test
    void stronglySkewedCellsMatchBruteForce() {
        Random rnd = new Random(7);
        // a, b, c nearly coplanar: interplanar spacings far below the vector lengths
        double[][][] cells = {
            {{5, 0, 0}, {4.9, 0.3, 0}, {0, 0, 4}},
            {{6, 0, 0}, {5.8, 0.5, 0}, {5.7, 0.45, 0.4}},
            {{3, 0, 0}, {-2.9, 0.4, 0}, {2.5, 1.0, 0.7}},
            {{10, 0, 0}, {9.5, 1, 0}, {0.2, 0.1, 1.5}},
        };
        for (int t = 0; t < cells.length; t++) {
            Lattice lat = new Lattice(cells[t]);
            for (int n : new int[] {1, 3}) {
                double[][] frac = new double[n][3];
                for (double[] f : frac) for (int k = 0; k < 3; k++) f[k] = rnd.nextDouble();
                for (double cutoff : new double[] {2.5, 6.0}) {
                    assertSame(
                            bruteForce(lat, frac, cutoff),
                            NeighborList.within(lat, flat(frac), cutoff),
                            "skewed cell " + t + " n=" + n + " r=" + cutoff);
                }
            }
        }
    }

    @Test
    void oneAtomCellSeesItsOwnImages() {
        // simple cubic, a = 2 Å: within 2.0 the 6 faces; within 2√2 also the 12 edges; √3·2: 8 corners
        Lattice lat = Lattice.cubic(2.0);
        NeighborList nl = NeighborList.within(lat, new double[] {0.3, 0.3, 0.3}, 2.0 * Math.sqrt(3) + 1e-9);
        assertEquals(26, nl.count(0));
        List<Neighbor> l = nl.neighbors(0);
        for (int k = 0; k < 6; k++) {
            assertEquals(2.0, l.get(k).distance(), 1e-12);
            assertEquals(0, l.get(k).index());
        }
        // canonical order at a tie: images lexicographic
        assertArrayEquals(new int[] {-1, 0, 0}, l.get(0).image());
        assertArrayEquals(new int[] {0, -1, 0}, l.get(1).image());
        assertArrayEquals(new int[] {1, 0, 0}, l.get(5).image());
        assertEquals(2.0 * Math.sqrt(2), l.get(6).distance(), 1e-12);
        // cutoff far larger than the cell: count = lattice points in a ball, minus the origin
        NeighborList big = NeighborList.within(lat, new double[] {0, 0, 0}, 9.0);
        int expected = 0;
        for (int a = -5; a <= 5; a++)
            for (int b = -5; b <= 5; b++)
                for (int c = -5; c <= 5; c++) {
                    if ((a != 0 || b != 0 || c != 0) && 4.0 * (a * a + b * b + c * c) <= 81.0) expected++;
                }
        assertEquals(expected, big.count(0));
    }

    @Test
    void rockSaltShells() {
        // NaCl conventional cell, a = 5.64 Å: shells 6 at a/2, 12 at a/√2, 8 at a√3/2, 6 at a
        double a = 5.64;
        double[][] frac = {
            {0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5},
            {0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}, {0.5, 0.5, 0.5},
        };
        List<Element> el = new ArrayList<>();
        for (int i = 0; i < 4; i++) el.add(Element.of("Na"));
        for (int i = 0; i < 4; i++) el.add(Element.of("Cl"));
        Structure s = Structure.of(Lattice.cubic(a), el, frac);
        NeighborList nl = NeighborList.within(s, a + 1e-6);
        for (int i = 0; i < 8; i++) {
            assertEquals(6 + 12 + 8 + 6, nl.count(i));
            List<Neighbor> l = nl.neighbors(i);
            for (int k = 0; k < 6; k++) {
                assertEquals(a / 2, l.get(k).distance(), 1e-12);
                assertTrue((l.get(k).index() < 4) != (i < 4), "nearest neighbours of Na are Cl and vice versa");
            }
            for (int k = 6; k < 18; k++) assertEquals(a / Math.sqrt(2), l.get(k).distance(), 1e-12);
            for (int k = 18; k < 26; k++)
                assertEquals(a * Math.sqrt(3) / 2, l.get(k).distance(), 1e-12);
            for (int k = 26; k < 32; k++) assertEquals(a, l.get(k).distance(), 1e-12);
        }
    }

    @Test
    void fccPrimitiveCellShells() {
        // fcc primitive cell (1 atom), a = 3.6 Å: 12 at a/√2, 6 at a, 24 at a√(3/2), 12 at a√2
        double a = 3.6;
        Lattice lat = new Lattice(new double[][] {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}});
        NeighborList nl = NeighborList.within(lat, new double[] {0, 0, 0}, a * Math.sqrt(2) + 1e-6);
        int[] shell = new int[4];
        double[] r = {a / Math.sqrt(2), a, a * Math.sqrt(1.5), a * Math.sqrt(2)};
        for (Neighbor nb : nl.neighbors(0)) {
            for (int k = 0; k < 4; k++) if (Math.abs(nb.distance() - r[k]) < 1e-9) shell[k]++;
        }
        assertArrayEquals(new int[] {12, 6, 24, 12}, shell);
        assertEquals(54, nl.count(0));
    }

    @Test
    void nearestEqualsPrefixOfWithin() {
        Random rnd = new Random(3);
        for (int t = 0; t < 30; t++) {
            Lattice lat = Lattice.fromParameters(
                    3 + 5 * rnd.nextDouble(),
                    3 + 5 * rnd.nextDouble(),
                    3 + 5 * rnd.nextDouble(),
                    60 + 60 * rnd.nextDouble(),
                    60 + 60 * rnd.nextDouble(),
                    60 + 60 * rnd.nextDouble());
            int n = 1 + rnd.nextInt(12);
            double[] frac = new double[3 * n];
            for (int k = 0; k < frac.length; k++) frac[k] = rnd.nextDouble();
            double cutoff = 3 + 6 * rnd.nextDouble();
            int m = 1 + rnd.nextInt(20);
            NeighborList all = NeighborList.within(lat, frac, cutoff);
            NeighborList near = NeighborList.nearest(lat, frac, m, cutoff);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.min(m, all.count(i)), near.count(i));
                for (int k = 0; k < near.count(i); k++) {
                    int e = all.start(i) + k, f = near.start(i) + k;
                    assertEquals(all.index(e), near.index(f));
                    assertEquals(all.distance(e), near.distance(f));
                    for (int ax = 0; ax < 3; ax++) assertEquals(all.image(e, ax), near.image(f, ax));
                }
            }
        }
    }

    @Test
    void nearestFallsBackToTheFullRadiusInASparseRegion() {
        // a dense cluster plus one isolated atom in a big cell: the trial radius (from the mean
        // density) holds 12 neighbours for the cluster but not for the loner
        Lattice lat = Lattice.fromParameters(30, 31, 32, 80, 95, 100);
        Random rnd = new Random(11);
        int n = 60;
        double[] frac = new double[3 * n];
        for (int i = 0; i < n - 1; i++) for (int k = 0; k < 3; k++) frac[3 * i + k] = 0.2 + 0.12 * rnd.nextDouble();
        frac[3 * (n - 1)] = 0.8;
        frac[3 * (n - 1) + 1] = 0.75;
        frac[3 * (n - 1) + 2] = 0.7;
        for (double cutoff : new double[] {8.0, 20.0}) {
            NeighborList all = NeighborList.within(lat, frac, cutoff);
            NeighborList near = NeighborList.nearest(lat, frac, 12, cutoff);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.min(12, all.count(i)), near.count(i), "site " + i + " r=" + cutoff);
                for (int k = 0; k < near.count(i); k++) {
                    assertEquals(all.distance(all.start(i) + k), near.distance(near.start(i) + k));
                    assertEquals(all.index(all.start(i) + k), near.index(near.start(i) + k));
                }
            }
        }
        assertEquals(0, NeighborList.nearest(lat, frac, 12, 8.0).count(n - 1), "the loner has nobody within 8 Å");
    }

    @Test
    void coincidentSitesAreNeighboursAtZeroDistance() {
        Lattice lat = Lattice.cubic(4);
        NeighborList nl = NeighborList.within(lat, new double[] {0.25, 0.25, 0.25, 1.25, 0.25, -0.75}, 3.0);
        // site 1 is site 0 translated by (1, 0, -1): the image (-1, 0, 1) of site 1 sits on site 0
        Neighbor first = nl.neighbors(0).get(0);
        assertEquals(1, first.index());
        assertEquals(0.0, first.distance(), 1e-12);
        assertArrayEquals(new int[] {-1, 0, 1}, first.image());
        assertEquals(1, nl.count(0), "within 3 Å only the coincident site");
        // within 4 Å: the coincident site, and the 6 face images (4 Å) of each of the two sites
        assertEquals(
                13,
                NeighborList.within(lat, new double[] {0.25, 0.25, 0.25, 1.25, 0.25, -0.75}, 4.0)
                        .count(0));
    }

    @Test
    void badCutoffIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> NeighborList.within(Lattice.cubic(3), new double[3], 0));
        assertThrows(
                IllegalArgumentException.class, () -> NeighborList.within(Lattice.cubic(3), new double[3], Double.NaN));
    }
}

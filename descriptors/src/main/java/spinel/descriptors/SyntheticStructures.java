package spinel.descriptors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Model structures for tests, demonstrations and benchmarks: cubic fcc and bcc and orthohexagonal
 * hcp supercells of one element, Gaussian ("thermal") displacements, and a disordered
 * (liquid-like) configuration by random sequential addition of hard spheres. All lengths are in
 * units of the nearest-neighbour distance {@code d} (Å), so the crystals share one first-shell
 * radius.
 */
public final class SyntheticStructures {

    private SyntheticStructures() {}

    /** Conventional fcc cell (a = d√2) repeated n×n×n: 4n³ atoms. */
    public static Structure fcc(Element el, double d, int n) {
        double[][] basis = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
        return cubic(el, d * Math.sqrt(2), basis, n, n, n);
    }

    /** Conventional bcc cell (a = 2d/√3) repeated n×n×n: 2n³ atoms. */
    public static Structure bcc(Element el, double d, int n) {
        double[][] basis = {{0, 0, 0}, {.5, .5, .5}};
        return cubic(el, d * 2 / Math.sqrt(3), basis, n, n, n);
    }

    /** Simple cubic (a = d) repeated n×n×n: n³ atoms. */
    public static Structure simpleCubic(Element el, double d, int n) {
        return cubic(el, d, new double[][] {{0, 0, 0}}, n, n, n);
    }

    /**
     * Ideal hcp (a = d, c/a = √(8/3)) in its orthohexagonal 4-atom cell a × a√3 × c, repeated
     * nx×ny×nz: 4·nx·ny·nz atoms.
     */
    public static Structure hcp(Element el, double d, int nx, int ny, int nz) {
        double a = d, b = d * Math.sqrt(3), c = d * Math.sqrt(8.0 / 3.0);
        double[][] basis = {{0, 0, 0}, {.5, .5, 0}, {0, 1.0 / 3, .5}, {.5, 5.0 / 6, .5}};
        Lattice cell = new Lattice(new double[][] {{a, 0, 0}, {0, b, 0}, {0, 0, c}});
        return supercell(el, cell, basis, nx, ny, nz);
    }

    private static Structure cubic(Element el, double a, double[][] basis, int nx, int ny, int nz) {
        return supercell(el, Lattice.cubic(a), basis, nx, ny, nz);
    }

    /** The cell {@code cell} with one element at fractional {@code basis}, repeated nx×ny×nz. */
    public static Structure supercell(Element el, Lattice cell, double[][] basis, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("repeats must be >= 1");
        double[][] m = cell.matrix();
        for (int j = 0; j < 3; j++) {
            m[0][j] *= nx;
            m[1][j] *= ny;
            m[2][j] *= nz;
        }
        List<double[]> f = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    for (double[] b : basis) f.add(new double[] {(i + b[0]) / nx, (j + b[1]) / ny, (k + b[2]) / nz});
                }
            }
        }
        return Structure.of(new Lattice(m), Collections.nCopies(f.size(), el), f.toArray(new double[0][]));
    }

    /**
     * {@code s} repeated nx×ny×nz times along its lattice vectors. Site {@code c·N + i} (N = sites
     * of {@code s}, c = the copy, counted with z fastest) is a copy of site i.
     */
    public static Structure supercell(Structure s, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("repeats must be >= 1");
        double[][] m = s.lattice().matrix();
        for (int j = 0; j < 3; j++) {
            m[0][j] *= nx;
            m[1][j] *= ny;
            m[2][j] *= nz;
        }
        List<spinel.graph.Site> sites = new ArrayList<>();
        Lattice big = new Lattice(m);
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    for (spinel.graph.Site site : s.sites()) {
                        double[] f = site.fracCoords();
                        double[] g = {(f[0] + i) / nx, (f[1] + j) / ny, (f[2] + k) / nz};
                        sites.add(new spinel.graph.Site(site.species(), g, big, site.label()));
                    }
                }
            }
        }
        return new Structure(big, sites, s.id());
    }

    /**
     * The structure with every atom displaced by an isotropic Gaussian of standard deviation
     * {@code sigma} Å per Cartesian component (a harmonic-crystal snapshot).
     */
    public static Structure perturbed(Structure s, double sigma, long seed) {
        Random rnd = new Random(seed);
        Lattice l = s.lattice();
        double[][] frac = new double[s.size()][];
        List<Element> el = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            double[] x = s.site(i).cartCoords();
            for (int c = 0; c < 3; c++) x[c] += sigma * rnd.nextGaussian();
            frac[i] = l.toFractional(x);
            el.add(s.site(i).element());
        }
        return Structure.of(l, el, frac);
    }

    /**
     * A disordered configuration: {@code n} atoms placed at random in a cube with the number
     * density of fcc at nearest-neighbour distance {@code d}, each new atom rejected when closer
     * than {@code minDistance} Å (periodic) to one already placed — random sequential addition of
     * hard spheres, a liquid-like structure with no crystalline order. {@code minDistance} up to
     * about 0.75·d keeps the packing fraction below the addition's jamming limit.
     */
    public static Structure disordered(Element el, double d, int n, double minDistance, long seed) {
        double density = Math.sqrt(2) / (d * d * d); // fcc: 4 atoms per (d√2)³
        double side = Math.cbrt(n / density);
        Random rnd = new Random(seed);
        // a coarse grid of buckets keeps the rejection test local
        int g = Math.max(1, (int) Math.floor(side / minDistance));
        List<List<double[]>> grid = new ArrayList<>();
        for (int i = 0; i < g * g * g; i++) grid.add(new ArrayList<>());
        double[][] frac = new double[n][];
        int placed = 0;
        long attempts = 0;
        while (placed < n) {
            if (++attempts > 2000L * n) {
                throw new IllegalArgumentException(
                        "could not place " + n + " atoms " + minDistance + " Å apart; lower minDistance");
            }
            double[] p = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            int bx = (int) (p[0] * g), by = (int) (p[1] * g), bz = (int) (p[2] * g);
            boolean ok = true;
            for (int dx = -1; dx <= 1 && ok; dx++) {
                for (int dy = -1; dy <= 1 && ok; dy++) {
                    for (int dz = -1; dz <= 1 && ok; dz++) {
                        int cell = (Math.floorMod(bx + dx, g) * g + Math.floorMod(by + dy, g)) * g
                                + Math.floorMod(bz + dz, g);
                        for (double[] q : grid.get(cell)) {
                            double s2 = 0;
                            for (int c = 0; c < 3; c++) {
                                double t = p[c] - q[c];
                                t -= Math.rint(t);
                                s2 += t * t * side * side;
                            }
                            if (s2 < minDistance * minDistance) {
                                ok = false;
                                break;
                            }
                        }
                    }
                }
            }
            if (!ok) continue;
            grid.get((bx * g + by) * g + bz).add(p);
            frac[placed++] = p;
        }
        return Structure.of(Lattice.cubic(side), Collections.nCopies(n, el), frac);
    }
}

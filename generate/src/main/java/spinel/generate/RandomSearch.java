package spinel.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spinel.graph.Composition;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.symmetry.SpaceGroup;
import spinel.graph.symmetry.SpaceGroups;
import spinel.graph.symmetry.SymOp;

/**
 * Random structure search, the baseline any generator must beat (Pickard &amp; Needs, J. Phys.: Condens.
 * Matter 23, 053201 (2011), AIRSS; with symmetry as PyXtal does, Fredericks et al., Comput. Phys.
 * Commun. 261, 107810 (2021)).
 *
 * <p>A cell volume is drawn log-uniformly so that the atoms' covalent spheres fill 35–90 % of it; the
 * lattice is random (lengths within a factor 2, angles 60–120°). Atoms are placed one at a time at
 * random points no closer than {@code distanceFactor} × the sum of the covalent radii to any atom
 * placed before (periodic images included). With symmetry (probability {@code symmetryProbability}
 * per candidate) a space-group setting is drawn from the 752 of {@link SpaceGroups}, the lattice's
 * metric tensor is averaged over the group's rotations (G ← Σ RᵀGR / |G|, which makes it fit the
 * setting: a = b and γ = 120° for hexagonal axes, ...) and atoms are placed as whole orbits: a random
 * point, with its coordinates sometimes snapped to special values (0, ¼, ⅓, ½, ...) or tied (y = x)
 * so that special Wyckoff positions are reached, and all its images under the operators. The cell is
 * the setting's conventional cell.
 */
public final class RandomSearch implements StructureGenerator {

    private static final double[] SPECIAL = {0, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75};
    private static final int TRIES_PER_CELL = 200;

    private final Random rng;
    private final double symmetryProbability;
    private final double distanceFactor;

    /** Random search with the given seed, symmetry drawn with probability {@code symmetryProbability}. */
    public RandomSearch(long seed, double symmetryProbability, double distanceFactor) {
        this.rng = new Random(seed);
        this.symmetryProbability = symmetryProbability;
        this.distanceFactor = distanceFactor;
    }

    /** Seeded, symmetry in half the candidates, distances ≥ 0.7 × the sum of covalent radii. */
    public RandomSearch(long seed) {
        this(seed, 0.5, 0.7);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public List<Proposal> propose(Composition cell, int n) {
        List<Element> sites = Formula.sites(cell);
        List<Proposal> out = new ArrayList<>(n);
        while (out.size() < n) {
            Proposal p = null;
            if (rng.nextDouble() < symmetryProbability) {
                for (int attempt = 0; attempt < 20 && p == null; attempt++) p = symmetric(sites);
            }
            for (int attempt = 0; attempt < 20 && p == null; attempt++) p = placed(sites, null);
            out.add(p != null ? p : new Proposal(unconstrained(sites), name(), 0));
        }
        return out;
    }

    private Proposal symmetric(List<Element> sites) {
        List<SpaceGroup> all = SpaceGroups.all();
        SpaceGroup g = all.get(rng.nextInt(all.size()));
        if (g.order() > 4 * sites.size() && rng.nextDouble() < 0.5) return null;
        return placed(sites, g);
    }

    /** One attempt: a random cell, then atoms (or orbits) element by element; null when they do not fit. */
    private Proposal placed(List<Element> sites, SpaceGroup group) {
        Lattice lattice = randomLattice(sites, group);
        List<double[]> frac = new ArrayList<>();
        List<Element> placedElements = new ArrayList<>();
        int i = 0;
        while (i < sites.size()) {
            Element e = sites.get(i);
            int remaining = 0;
            while (i + remaining < sites.size() && sites.get(i + remaining) == e) remaining++;
            while (remaining > 0) {
                List<double[]> orbit = findOrbit(lattice, group, e, remaining, frac, placedElements);
                if (orbit == null) return null;
                for (double[] f : orbit) {
                    frac.add(f);
                    placedElements.add(e);
                }
                remaining -= orbit.size();
                i += orbit.size();
            }
        }
        Structure s = Structure.of(lattice, placedElements, frac.toArray(new double[0][]));
        return new Proposal(s, name(), group == null ? 0 : group.number());
    }

    private List<double[]> findOrbit(
            Lattice lattice, SpaceGroup group, Element e, int remaining, List<double[]> frac, List<Element> els) {
        for (int t = 0; t < TRIES_PER_CELL; t++) {
            double[] p = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            if (group != null) snap(p);
            List<double[]> orbit = group == null ? List.of(p) : orbit(group, p);
            if (orbit == null || orbit.size() > remaining) continue;
            if (fits(lattice, orbit, e, frac, els)) return orbit;
        }
        return null;
    }

    private void snap(double[] p) {
        if (rng.nextDouble() < 0.5) {
            for (int d = 0; d < 3; d++) if (rng.nextDouble() < 0.5) p[d] = SPECIAL[rng.nextInt(SPECIAL.length)];
        }
        if (rng.nextDouble() < 0.25) p[1] = p[0];
        if (rng.nextDouble() < 0.1) p[2] = p[0];
    }

    /** The distinct images of {@code p} under the group's operators, wrapped into [0, 1). */
    static List<double[]> orbit(SpaceGroup group, double[] p) {
        List<double[]> out = new ArrayList<>();
        for (SymOp op : group.operators()) {
            double[] q = op.apply(p);
            for (int d = 0; d < 3; d++) q[d] -= Math.floor(q[d]);
            boolean seen = false;
            for (double[] o : out) {
                if (fracDistance(o, q) < 1e-4) {
                    seen = true;
                    break;
                }
            }
            if (!seen) out.add(q);
        }
        return out;
    }

    private static double fracDistance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < 3; d++) {
            double x = a[d] - b[d];
            x -= Math.rint(x);
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private boolean fits(Lattice lattice, List<double[]> orbit, Element e, List<double[]> frac, List<Element> els) {
        List<double[]> all = new ArrayList<>(frac);
        List<Element> allEls = new ArrayList<>(els);
        for (double[] q : orbit) {
            for (int j = 0; j < all.size(); j++) {
                double limit = Math.max(
                        0.5,
                        distanceFactor * (e.covalentRadius() + allEls.get(j).covalentRadius()));
                if (periodicDistance(lattice, q, all.get(j)) < limit) return false;
            }
            double self = Math.max(0.5, distanceFactor * 2 * e.covalentRadius());
            if (periodicDistance(lattice, q, q) < self) return false;
            all.add(q);
            allEls.add(e);
        }
        return true;
    }

    /** Shortest distance between the images of two points (excluding the point itself), Å. */
    static double periodicDistance(Lattice lattice, double[] a, double[] b) {
        double[][] m = lattice.matrix();
        double best = Double.POSITIVE_INFINITY;
        for (int i = -2; i <= 2; i++) {
            for (int j = -2; j <= 2; j++) {
                for (int k = -2; k <= 2; k++) {
                    double sq = 0;
                    for (int d = 0; d < 3; d++) {
                        double f0 = b[0] + i - a[0], f1 = b[1] + j - a[1], f2 = b[2] + k - a[2];
                        double x = f0 * m[0][d] + f1 * m[1][d] + f2 * m[2][d];
                        sq += x * x;
                    }
                    if (sq > 1e-12) best = Math.min(best, sq);
                }
            }
        }
        return Math.sqrt(best);
    }

    private Lattice randomLattice(List<Element> sites, SpaceGroup group) {
        double spheres = 0;
        for (Element e : sites) spheres += 4.0 / 3 * Math.PI * Math.pow(e.covalentRadius(), 3);
        double fill = Math.exp(Math.log(0.35) + rng.nextDouble() * Math.log(0.9 / 0.35));
        double volume = spheres / fill;
        double a = Math.exp(rng.nextDouble() * Math.log(2)), b = Math.exp(rng.nextDouble() * Math.log(2));
        double c = Math.exp(rng.nextDouble() * Math.log(2));
        double al = 60 + 60 * rng.nextDouble(), be = 60 + 60 * rng.nextDouble(), ga = 60 + 60 * rng.nextDouble();
        Lattice l = Lattice.fromParameters(a, b, c, al, be, ga);
        if (group != null) l = fitToGroup(l, group);
        if (!(l.volume() > 1e-6)) l = Lattice.fromParameters(a, b, c, 90, 90, 90);
        return l.scaledToVolume(volume);
    }

    /** The lattice whose metric tensor is the group average of {@code l}'s: G ← Σ RᵀGR / |G|. */
    static Lattice fitToGroup(Lattice l, SpaceGroup group) {
        double[][] m = l.matrix();
        double[][] g = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[i][j] = spinel.graph.Matrix3.dot(m[i], m[j]);
        double[][] avg = new double[3][3];
        for (SymOp op : group.operators()) {
            double[][] r = op.rotation();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) for (int q = 0; q < 3; q++) s += r[k][i] * g[k][q] * r[q][j];
                    avg[i][j] += s / group.operators().size();
                }
            }
        }
        double a = Math.sqrt(avg[0][0]), b = Math.sqrt(avg[1][1]), c = Math.sqrt(avg[2][2]);
        return Lattice.fromParameters(
                a,
                b,
                c,
                Math.toDegrees(Math.acos(avg[1][2] / (b * c))),
                Math.toDegrees(Math.acos(avg[0][2] / (a * c))),
                Math.toDegrees(Math.acos(avg[0][1] / (a * b))));
    }

    private Structure unconstrained(List<Element> sites) {
        Lattice l = randomLattice(sites, null);
        double[][] f = new double[sites.size()][3];
        for (double[] x : f) for (int d = 0; d < 3; d++) x[d] = rng.nextDouble();
        return Structure.of(l, sites, f);
    }
}

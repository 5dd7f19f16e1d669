package spinel.descriptors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.Element;
import spinel.graph.Structure;

/**
 * Behler–Parrinello atom-centred symmetry functions (Behler, J. Chem. Phys. 134, 074106 (2011),
 * eqs. 5–9), with the cosine cutoff f_c(r) = ½(cos(πr/R_c) + 1) for r &lt; R_c, 0 beyond:
 * <pre>
 *   G1 = Σ_j f_c(r_ij)
 *   G2 = Σ_j exp(−η (r_ij − R_s)²) f_c(r_ij)
 *   G3 = Σ_j cos(κ r_ij) f_c(r_ij)
 *   G4 = 2^{1−ζ} Σ_{j&lt;k} (1 + λ cos θ_ijk)^ζ exp(−η (r_ij² + r_ik² + r_jk²)) f_c(r_ij) f_c(r_ik) f_c(r_jk)
 *   G5 = 2^{1−ζ} Σ_{j&lt;k} (1 + λ cos θ_ijk)^ζ exp(−η (r_ij² + r_ik²)) f_c(r_ij) f_c(r_ik)
 * </pre>
 * Distances in Å, η in Å⁻², R_s in Å, κ in Å⁻¹, λ = ±1. The radial terms G1–G3 are resolved by the
 * species of j; the angular terms by the unordered species pair of (j, k).
 *
 * <p><b>Convention for angular sums</b> (as DScribe's {@code ACSF}): each unordered pair of
 * neighbours {j, k} is counted once. Behler's paper sums over ordered pairs, which gives exactly
 * twice these values. G4 skips triplets with r_jk ≥ R_c (its f_c(r_jk) vanishes); G5 has no
 * r_jk factor and keeps them. Periodic images are distinct neighbours.
 *
 * <p><b>Feature order</b> ({@link #names()}): for each species in the order given to the builder,
 * G1, then every G2 (in the order added), then every G3; then for each species pair (a, b) with
 * a ≤ b in that order, every G4 then every G5. Names look like {@code G2_O_eta=0.5_Rs=1},
 * {@code G4_H-O_eta=0.01_zeta=1_lambda=-1}. Immutable and thread-safe.
 */
public final class SymmetryFunctions {

    private final double cutoff;
    private final List<Element> species;
    private final double[][] g2; // {eta, rs}
    private final double[] g3; // kappa
    private final double[][] g4; // {eta, zeta, lambda}
    private final double[][] g5;
    private final double[] etas; // distinct η of G4 and G5
    private final int[] g4Eta, g5Eta; // index into etas
    private final boolean[] g4Uses; // whether a G4 uses etas[u]
    private final int radialPerSpecies;
    private final int angularPerPair;
    private final List<String> names;

    private SymmetryFunctions(Builder b) {
        if (!(b.cutoff > 0) || !Double.isFinite(b.cutoff))
            throw new IllegalArgumentException("cutoff must be positive (Å), got " + b.cutoff);
        if (b.species.isEmpty()) throw new IllegalArgumentException("at least one species is needed (setSpecies)");
        cutoff = b.cutoff;
        species = List.copyOf(b.species);
        g2 = b.g2.toArray(new double[0][]);
        g3 = b.g3.stream().mapToDouble(Double::doubleValue).toArray();
        g4 = b.g4.toArray(new double[0][]);
        g5 = b.g5.toArray(new double[0][]);
        List<Double> distinct = new ArrayList<>();
        for (double[] q : g4) if (!distinct.contains(q[0])) distinct.add(q[0]);
        for (double[] q : g5) if (!distinct.contains(q[0])) distinct.add(q[0]);
        etas = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        g4Eta = new int[g4.length];
        g5Eta = new int[g5.length];
        g4Uses = new boolean[etas.length];
        for (int p = 0; p < g4.length; p++) {
            g4Eta[p] = distinct.indexOf(g4[p][0]);
            g4Uses[g4Eta[p]] = true;
        }
        for (int p = 0; p < g5.length; p++) g5Eta[p] = distinct.indexOf(g5[p][0]);
        radialPerSpecies = 1 + g2.length + g3.length;
        angularPerPair = g4.length + g5.length;
        List<String> n = new ArrayList<>();
        for (Element e : species) {
            String s = e.symbol();
            n.add("G1_" + s);
            for (double[] p : g2) n.add("G2_" + s + "_eta=" + fmt(p[0]) + "_Rs=" + fmt(p[1]));
            for (double k : g3) n.add("G3_" + s + "_kappa=" + fmt(k));
        }
        for (int a = 0; a < species.size(); a++) {
            for (int c = a; c < species.size(); c++) {
                String s = species.get(a).symbol() + "-" + species.get(c).symbol();
                for (double[] p : g4)
                    n.add("G4_" + s + "_eta=" + fmt(p[0]) + "_zeta=" + fmt(p[1]) + "_lambda=" + fmt(p[2]));
                for (double[] p : g5)
                    n.add("G5_" + s + "_eta=" + fmt(p[0]) + "_zeta=" + fmt(p[1]) + "_lambda=" + fmt(p[2]));
            }
        }
        names = List.copyOf(n);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Feature names, in column order (see the class comment). */
    public List<String> names() {
        return names;
    }

    /** Number of features per atom. */
    public int size() {
        return names.size();
    }

    /** The cutoff radius R_c, Å. */
    public double cutoff() {
        return cutoff;
    }

    /** The species, in feature order. */
    public List<Element> species() {
        return species;
    }

    /** The symmetry functions of every site of a periodic structure (all images within R_c). */
    public FeatureTable compute(Structure s) {
        List<Element> el = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) el.add(s.site(i).element());
        return compute(Neighborhoods.within(s, cutoff), el);
    }

    /**
     * The symmetry functions of every atom of a structure.
     *
     * @param neighborhoods each atom's neighbours; those at r ≥ R_c are ignored, so any list that
     *                      contains every neighbour within R_c will do
     * @param elements      the element of each atom (of the structure, so of every neighbour index)
     * @throws IllegalArgumentException when an atom or neighbour has an element not in {@link #species()}
     */
    public FeatureTable compute(Neighborhoods neighborhoods, List<Element> elements) {
        int n = neighborhoods.size();
        if (elements.size() != n)
            throw new IllegalArgumentException(n + " neighbourhoods but " + elements.size() + " elements");
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = species.indexOf(elements.get(i));
            if (kind[i] < 0) {
                throw new IllegalArgumentException(
                        "atom " + i + " is " + elements.get(i) + ", not one of the species " + species);
            }
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = atom(neighborhoods, i, kind);
        return new FeatureTable(names, out);
    }

    private double[] atom(Neighborhoods nb, int i, int[] kind) {
        double[] f = new double[names.size()];
        int ns = species.size();
        double[] v = nb.flat(i);
        // neighbours inside the cutoff, with r and f_c
        int cnt = nb.count(i);
        int[] sel = new int[cnt];
        double[] r = new double[cnt], fc = new double[cnt];
        int m = 0;
        for (int k = 0; k < cnt; k++) {
            double x = v[3 * k], y = v[3 * k + 1], z = v[3 * k + 2];
            double d = Math.sqrt(x * x + y * y + z * z);
            if (d < cutoff) {
                sel[m] = k;
                r[m] = d;
                fc[m] = cutoffFunction(d);
                m++;
            }
        }
        for (int a = 0; a < m; a++) {
            int o = kind[nb.index(i, sel[a])] * radialPerSpecies;
            f[o] += fc[a];
            for (int p = 0; p < g2.length; p++) {
                double dr = r[a] - g2[p][1];
                f[o + 1 + p] += Math.exp(-g2[p][0] * dr * dr) * fc[a];
            }
            for (int p = 0; p < g3.length; p++) f[o + 1 + g2.length + p] += Math.cos(g3[p] * r[a]) * fc[a];
        }
        if (angularPerPair == 0) return f;
        // exp(−η r²) factorises over the three distances: one exponential per neighbour and per
        // distinct η, and one per pair for r_jk (G4 only)
        int ne = etas.length;
        double[][] eN = new double[ne][m];
        for (int u = 0; u < ne; u++) for (int a = 0; a < m; a++) eN[u][a] = Math.exp(-etas[u] * r[a] * r[a]);
        double[] eJk = new double[ne];
        int angularBase = ns * radialPerSpecies;
        for (int a = 0; a < m; a++) {
            int ka = sel[a];
            double xa = v[3 * ka], ya = v[3 * ka + 1], za = v[3 * ka + 2];
            int sa = kind[nb.index(i, ka)];
            for (int b = a + 1; b < m; b++) {
                int kb = sel[b];
                double xb = v[3 * kb], yb = v[3 * kb + 1], zb = v[3 * kb + 2];
                int sb = kind[nb.index(i, kb)];
                int lo = Math.min(sa, sb), hi = Math.max(sa, sb);
                // pairs (lo, hi) enumerated row by row: offset of row lo plus (hi - lo)
                int pair = lo * ns - lo * (lo - 1) / 2 + (hi - lo);
                int o = angularBase + pair * angularPerPair;
                double cos = (xa * xb + ya * yb + za * zb) / (r[a] * r[b]);
                double fcab = fc[a] * fc[b];
                if (g4.length > 0) {
                    double dx = xb - xa, dy = yb - ya, dz = zb - za;
                    double rjk2 = dx * dx + dy * dy + dz * dz;
                    if (rjk2 < cutoff * cutoff) {
                        double fcjk = cutoffFunction(Math.sqrt(rjk2));
                        for (int u = 0; u < ne; u++) eJk[u] = g4Uses[u] ? Math.exp(-etas[u] * rjk2) : 0;
                        for (int p = 0; p < g4.length; p++) {
                            int u = g4Eta[p];
                            f[o + p] += angular(cos, g4[p]) * eN[u][a] * eN[u][b] * eJk[u] * fcab * fcjk;
                        }
                    }
                }
                for (int p = 0; p < g5.length; p++) {
                    int u = g5Eta[p];
                    f[o + g4.length + p] += angular(cos, g5[p]) * eN[u][a] * eN[u][b] * fcab;
                }
            }
        }
        return f;
    }

    /** 2^{1−ζ} (1 + λ cos θ)^ζ for parameters {η, ζ, λ, 2^{1−ζ}, integer ζ or −1}. */
    private static double angular(double cos, double[] q) {
        double base = 1 + q[2] * cos;
        if (base <= 0) return 0; // rounding can push 1 − cos π slightly below zero
        int zi = (int) q[4];
        if (zi < 0) return q[3] * Math.pow(base, q[1]);
        double pw = 1;
        for (double x = base; zi > 0; zi >>= 1, x *= x) if ((zi & 1) != 0) pw *= x;
        return q[3] * pw;
    }

    /** f_c(r) = ½(cos(πr/R_c) + 1) for r &lt; R_c, else 0. */
    public double cutoffFunction(double r) {
        return r < cutoff ? 0.5 * (Math.cos(Math.PI * r / cutoff) + 1) : 0;
    }

    private static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return String.format(Locale.ROOT, "%s", x);
    }

    /** Options of {@link SymmetryFunctions}: cutoff, species, and the parameter sets of G2–G5. */
    public static final class Builder {
        private double cutoff = 6.0;
        private final List<Element> species = new ArrayList<>();
        private final List<double[]> g2 = new ArrayList<>();
        private final List<Double> g3 = new ArrayList<>();
        private final List<double[]> g4 = new ArrayList<>();
        private final List<double[]> g5 = new ArrayList<>();

        /** Cutoff radius R_c, Å (default 6). */
        public Builder setCutoff(double rc) {
            cutoff = rc;
            return this;
        }

        /** The species whose neighbours are resolved, in feature order (duplicates are dropped). */
        public Builder setSpecies(List<Element> elements) {
            species.clear();
            for (Element e : elements) if (!species.contains(e)) species.add(e);
            return this;
        }

        /** Adds a G2 with width η (Å⁻²) and centre R_s (Å). */
        public Builder addG2(double eta, double rs) {
            if (!(eta >= 0)) throw new IllegalArgumentException("G2 eta must be >= 0, got " + eta);
            g2.add(new double[] {eta, rs});
            return this;
        }

        /** Adds a G3 with frequency κ (Å⁻¹). */
        public Builder addG3(double kappa) {
            g3.add(kappa);
            return this;
        }

        /** Adds a G4 with η (Å⁻²), ζ ≥ 1 and λ = ±1. */
        public Builder addG4(double eta, double zeta, double lambda) {
            g4.add(angularParams("G4", eta, zeta, lambda));
            return this;
        }

        /** Adds a G5 with η (Å⁻²), ζ ≥ 1 and λ = ±1. */
        public Builder addG5(double eta, double zeta, double lambda) {
            g5.add(angularParams("G5", eta, zeta, lambda));
            return this;
        }

        private static double[] angularParams(String g, double eta, double zeta, double lambda) {
            if (!(eta >= 0)) throw new IllegalArgumentException(g + " eta must be >= 0, got " + eta);
            if (!(zeta >= 1)) throw new IllegalArgumentException(g + " zeta must be >= 1, got " + zeta);
            if (lambda != 1 && lambda != -1)
                throw new IllegalArgumentException(g + " lambda must be +1 or -1, got " + lambda);
            boolean integral = zeta == Math.rint(zeta) && zeta <= 1024;
            return new double[] {eta, zeta, lambda, Math.pow(2, 1 - zeta), integral ? zeta : -1};
        }

        public SymmetryFunctions build() {
            return new SymmetryFunctions(this);
        }
    }

    @Override
    public String toString() {
        return "SymmetryFunctions(Rc=" + cutoff + " Å, species=" + species + ", " + names.size() + " features: G2×"
                + g2.length + " G3×" + g3.length + " G4×" + g4.length + " G5×" + g5.length + ")";
    }
}

package spinel.generate;

import static spinel.graph.Matrix3.det;
import static spinel.graph.Matrix3.dot;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Lattice reduction to short, nearly orthogonal cell vectors: the LLL algorithm (Lenstra, Lenstra &amp;
 * Lovász, Math. Ann. 261, 515 (1982), δ = 0.75) on the rows of the lattice matrix, then a right-handed
 * basis. The same crystal, the same atoms, in a cell where the 27 neighbouring images hold every
 * short contact — what the periodic distances of {@link Validity} and the GAN's critic assume.
 */
public final class CellReduction {

    private CellReduction() {}

    /** The LLL-reduced lattice of the same lattice points (rows a, b, c in Å, right-handed). */
    public static Lattice reduce(Lattice lattice) {
        double[][] b = lattice.matrix();
        for (int iter = 0, k = 1; k < 3 && iter < 1000; iter++) {
            for (int j = k - 1; j >= 0; j--) {
                double mu = dot(b[k], gramSchmidt(b)[j]) / norm2(gramSchmidt(b)[j]);
                long q = Math.round(mu);
                if (q != 0) for (int d = 0; d < 3; d++) b[k][d] -= q * b[j][d];
            }
            double[][] g = gramSchmidt(b);
            double mu = dot(b[k], g[k - 1]) / norm2(g[k - 1]);
            if (norm2(g[k]) >= (0.75 - mu * mu) * norm2(g[k - 1])) {
                k++;
            } else {
                double[] t = b[k];
                b[k] = b[k - 1];
                b[k - 1] = t;
                k = Math.max(k - 1, 1);
            }
        }
        if (det(b) < 0) for (int d = 0; d < 3; d++) b[2][d] = -b[2][d];
        return new Lattice(b);
    }

    /** The structure in its reduced cell, fractional coordinates wrapped into [0, 1). */
    public static Structure reduce(Structure s) {
        Lattice r = reduce(s.lattice());
        List<Site> sites = new ArrayList<>(s.size());
        for (Site site : s.sites()) {
            double[] f = r.toFractional(site.cartCoords());
            for (int d = 0; d < 3; d++) f[d] -= Math.floor(f[d]);
            sites.add(new Site(site.species(), f, r, site.label()));
        }
        return new Structure(r, sites, s.id());
    }

    private static double[][] gramSchmidt(double[][] b) {
        double[][] g = new double[3][];
        for (int i = 0; i < 3; i++) {
            g[i] = b[i].clone();
            for (int j = 0; j < i; j++) {
                double mu = dot(b[i], g[j]) / norm2(g[j]);
                for (int d = 0; d < 3; d++) g[i][d] -= mu * g[j][d];
            }
        }
        return g;
    }

    private static double norm2(double[] x) {
        return dot(x, x);
    }
}

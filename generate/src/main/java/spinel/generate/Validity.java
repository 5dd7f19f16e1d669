package spinel.generate;

import spinel.graph.Lattice;
import spinel.graph.Structure;

/**
 * Geometric validity of a candidate, as the generative-model benchmarks count it (Xie et al., CDVAE,
 * ICLR 2022): no two atoms closer than {@code minDistance} (0.5 Å by default, periodic images
 * included) and a volume per atom within [{@code minVolumePerAtom}, {@code maxVolumePerAtom}] Å³.
 *
 * @param minDistance      the smallest allowed interatomic distance, Å
 * @param minVolumePerAtom the smallest allowed volume per atom, Å³
 * @param maxVolumePerAtom the largest allowed volume per atom, Å³
 */
public record Validity(double minDistance, double minVolumePerAtom, double maxVolumePerAtom) {

    /** 0.5 Å, 4–80 Å³/atom (Materials Project structures with ≤ 20 atoms span about 5–60 Å³/atom). */
    public static final Validity DEFAULT = new Validity(0.5, 4, 80);

    /** The verdict for one structure. */
    public record Check(boolean valid, double minDistance, double volumePerAtom, String reason) {}

    /** Checks {@code s}. */
    public Check check(Structure s) {
        double vpa = s.volume() / s.size();
        if (!Double.isFinite(vpa) || vpa <= 0) return new Check(false, Double.NaN, vpa, "degenerate cell");
        double d = shortestDistance(s);
        if (d < minDistance) {
            return new Check(false, d, vpa, String.format("atoms %.2f Å apart (< %.2f Å)", d, minDistance));
        }
        if (vpa < minVolumePerAtom || vpa > maxVolumePerAtom) {
            return new Check(
                    false,
                    d,
                    vpa,
                    String.format("%.1f Å³/atom outside [%.0f, %.0f]", vpa, minVolumePerAtom, maxVolumePerAtom));
        }
        return new Check(true, d, vpa, null);
    }

    /** The shortest distance between two atoms (Å), periodic images included (an atom and its own image too). */
    public static double shortestDistance(Structure s) {
        Structure r = CellReduction.reduce(s);
        Lattice l = r.lattice();
        double[][] m = l.matrix();
        double[][] cart = r.cartCoords();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cart.length; i++) {
            for (int j = i; j < cart.length; j++) {
                for (int a = -2; a <= 2; a++) {
                    for (int b = -2; b <= 2; b++) {
                        for (int c = -2; c <= 2; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            double sq = 0;
                            for (int d = 0; d < 3; d++) {
                                double x = cart[j][d] + a * m[0][d] + b * m[1][d] + c * m[2][d] - cart[i][d];
                                sq += x * x;
                            }
                            best = Math.min(best, sq);
                        }
                    }
                }
            }
        }
        return Math.sqrt(best);
    }
}

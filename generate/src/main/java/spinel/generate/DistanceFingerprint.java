package spinel.generate;

import spinel.graph.Structure;

/**
 * A cell-independent fingerprint for deduplicating candidates until the structure matcher is in:
 * the histogram of interatomic distances up to 6 Å (0.1 Å bins, periodic images, counted per atom),
 * with the volume per atom. Two crystals with the same formula are duplicates when their histograms
 * differ by less than {@code tolerance} (L1 distance over the sum of both) and their volumes per atom
 * by less than 3 %. Invariant to the choice of cell, origin and supercell, like the matcher; unlike
 * it, blind to enantiomorphs and to rare homometric structures.
 */
public final class DistanceFingerprint {

    private static final double CUTOFF = 6.0, BIN = 0.1;

    private final String formula;
    private final double volumePerAtom;
    private final double[] histogram;

    private DistanceFingerprint(String formula, double volumePerAtom, double[] histogram) {
        this.formula = formula;
        this.volumePerAtom = volumePerAtom;
        this.histogram = histogram;
    }

    /** The fingerprint of {@code s}. */
    public static DistanceFingerprint of(Structure s) {
        Structure r = CellReduction.reduce(s);
        double[][] m = r.lattice().matrix();
        double[][] cart = r.cartCoords();
        double[] h = new double[(int) Math.ceil(CUTOFF / BIN)];
        int reach = Math.min(8, 1 + (int) Math.ceil(CUTOFF / minHeight(r)));
        for (int i = 0; i < cart.length; i++) {
            for (int j = 0; j < cart.length; j++) {
                for (int a = -reach; a <= reach; a++) {
                    for (int b = -reach; b <= reach; b++) {
                        for (int c = -reach; c <= reach; c++) {
                            double sq = 0;
                            for (int d = 0; d < 3; d++) {
                                double x = cart[j][d] + a * m[0][d] + b * m[1][d] + c * m[2][d] - cart[i][d];
                                sq += x * x;
                            }
                            double dist = Math.sqrt(sq);
                            if (dist > 1e-6 && dist < CUTOFF) h[(int) (dist / BIN)] += 1.0 / cart.length;
                        }
                    }
                }
            }
        }
        return new DistanceFingerprint(s.composition().reducedFormula(), s.volume() / s.size(), h);
    }

    private static double minHeight(Structure s) {
        double[] spacings = s.lattice().interplanarSpacings();
        double min = Double.POSITIVE_INFINITY;
        for (double d : spacings) min = Math.min(min, d);
        return Math.max(min, 0.5);
    }

    /** Whether this and {@code other} look like the same crystal (see the class comment). */
    public boolean matches(DistanceFingerprint other, double tolerance) {
        if (!formula.equals(other.formula)) return false;
        if (Math.abs(volumePerAtom - other.volumePerAtom) > 0.03 * Math.max(volumePerAtom, other.volumePerAtom)) {
            return false;
        }
        double diff = 0, sum = 0;
        for (int k = 0; k < histogram.length; k++) {
            diff += Math.abs(smoothed(k) - other.smoothed(k));
            sum += smoothed(k) + other.smoothed(k);
        }
        return sum == 0 || diff / sum < tolerance;
    }

    private double smoothed(int k) {
        double v = 0.5 * histogram[k];
        if (k > 0) v += 0.25 * histogram[k - 1];
        if (k + 1 < histogram.length) v += 0.25 * histogram[k + 1];
        return v;
    }
}

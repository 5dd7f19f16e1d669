package spinel.descriptors;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-atom Steinhardt parameters computed by {@link Steinhardt}: q_l, w_l, ŵ_l and, when
 * requested, the Lechner–Dellago averages q̄_l, w̄_l, ŵ̄_l, for each degree l. All dimensionless.
 *
 * <p>{@link #table()} names the columns {@code q<l>}, {@code w<l>}, {@code w<l>_hat}, then
 * {@code q<l>_avg}, {@code w<l>_avg}, {@code w<l>_hat_avg}, degree by degree, in that order.
 */
public final class BondOrder {

    private final int[] degrees;
    private final double[][] q, w, wHat, qBar, wBar, wHatBar;

    BondOrder(
            int[] degrees,
            double[][] q,
            double[][] w,
            double[][] wHat,
            double[][] qBar,
            double[][] wBar,
            double[][] wHatBar) {
        this.degrees = degrees;
        this.q = q;
        this.w = w;
        this.wHat = wHat;
        this.qBar = qBar;
        this.wBar = wBar;
        this.wHatBar = wHatBar;
    }

    public int[] degrees() {
        return degrees.clone();
    }

    /** Number of atoms. */
    public int size() {
        return q[0].length;
    }

    public boolean hasThirdOrder() {
        return w != null;
    }

    public boolean hasAveraged() {
        return qBar != null;
    }

    /** q_l of every atom. */
    public double[] q(int l) {
        return q[slot(l)].clone();
    }

    /** w_l of every atom (unnormalised). */
    public double[] w(int l) {
        return need(w, "w_l")[slot(l)].clone();
    }

    /** ŵ_l = w_l / (Σ_m |q_lm|²)^{3/2} of every atom. */
    public double[] wHat(int l) {
        return need(wHat, "w_l")[slot(l)].clone();
    }

    /** Averaged q̄_l of every atom. */
    public double[] qAvg(int l) {
        return need(qBar, "averaged q_l")[slot(l)].clone();
    }

    /** Averaged w̄_l of every atom. */
    public double[] wAvg(int l) {
        return need(wBar, "averaged w_l")[slot(l)].clone();
    }

    /** Averaged, normalised ŵ̄_l of every atom. */
    public double[] wHatAvg(int l) {
        return need(wHatBar, "averaged w_l")[slot(l)].clone();
    }

    /** Every computed parameter as a per-atom table (column order in the class comment). */
    public FeatureTable table() {
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (int a = 0; a < degrees.length; a++) {
            int l = degrees[a];
            names.add("q" + l);
            cols.add(q[a]);
            if (w != null) {
                names.add("w" + l);
                cols.add(w[a]);
                names.add("w" + l + "_hat");
                cols.add(wHat[a]);
            }
        }
        if (qBar != null) {
            for (int a = 0; a < degrees.length; a++) {
                int l = degrees[a];
                names.add("q" + l + "_avg");
                cols.add(qBar[a]);
                if (wBar != null) {
                    names.add("w" + l + "_avg");
                    cols.add(wBar[a]);
                    names.add("w" + l + "_hat_avg");
                    cols.add(wHatBar[a]);
                }
            }
        }
        double[][] rows = new double[size()][cols.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < cols.size(); c++) rows[i][c] = cols.get(c)[i];
        }
        return new FeatureTable(names, rows);
    }

    /** Mean, standard deviation, min and max over atoms of every column of {@link #table()}. */
    public Features summary() {
        return table().summary();
    }

    private int slot(int l) {
        for (int a = 0; a < degrees.length; a++) if (degrees[a] == l) return a;
        throw new IllegalArgumentException(
                "degree l = " + l + " was not computed; have " + java.util.Arrays.toString(degrees));
    }

    private static double[][] need(double[][] a, String what) {
        if (a == null) throw new IllegalStateException(what + " not computed (see Steinhardt.Builder)");
        return a;
    }
}

package spinel.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import spinel.descriptors.BondOrder;
import spinel.descriptors.Neighborhoods;
import spinel.descriptors.Steinhardt;
import spinel.descriptors.SyntheticStructures;
import spinel.graph.Element;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;

/**
 * The demonstration of {@link LocalStructureClassifier} on structures generated here: thermally
 * perturbed fcc, bcc and hcp crystals and a disordered (liquid-like) configuration, each atom
 * described by its averaged bond-order parameters q̄_1..q̄_8 with SANN neighbours (the inputs of
 * Boattini et al. 2019). Reports the number of clusters chosen and their purity against each
 * atom's known phase, and can plot the latent space.
 *
 * <p>Run: {@code java -cp ... spinel.descriptors.LocalStructureDemo [sigma] [atomsPerPhase] [out.png]}
 * (see bench/descriptors.sh).
 */
public final class LocalStructureDemo {

    /** The phases, in label order. */
    public static final List<String> PHASES = List.of("fcc", "bcc", "hcp", "liquid");

    /**
     * The outcome: the classifier result, each atom's phase label (index into {@link #PHASES}) and
     * the purity of the clusters.
     */
    public record Outcome(LocalStructureClassifier.Result result, int[] phase, double purity, double seconds) {}

    private LocalStructureDemo() {}

    /**
     * Builds the four structures with about {@code atoms} atoms each, nearest-neighbour distance
     * 2.55 Å, Gaussian displacements of {@code sigma} × that distance per component, and classifies
     * every atom.
     */
    public static Outcome run(double sigma, int atoms, LocalStructureClassifier classifier, long seed) {
        long t0 = System.nanoTime();
        double d = 2.55;
        Element el = Element.of("Cu");
        int nf = Math.max(2, (int) Math.round(Math.cbrt(atoms / 4.0)));
        int nb = Math.max(2, (int) Math.round(Math.cbrt(atoms / 2.0)));
        int nh = Math.max(2, (int) Math.round(Math.cbrt(atoms / 4.0 / 1.5)));
        List<Structure> structures = List.of(
                SyntheticStructures.perturbed(SyntheticStructures.fcc(el, d, nf), sigma * d, seed),
                SyntheticStructures.perturbed(SyntheticStructures.bcc(el, d, nb), sigma * d, seed + 1),
                SyntheticStructures.perturbed(SyntheticStructures.hcp(el, d, nh + 1, nh, nh), sigma * d, seed + 2),
                SyntheticStructures.disordered(el, d, atoms, 0.75 * d, seed + 3));
        Steinhardt st = Steinhardt.builder()
                .setDegrees(1, 2, 3, 4, 5, 6, 7, 8)
                .optThirdOrder(false)
                .optAveraged(true)
                .build();
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int p = 0; p < structures.size(); p++) {
            BondOrder b = st.compute(Neighborhoods.sann(structures.get(p)));
            for (int i = 0; i < b.size(); i++) {
                double[] r = new double[8];
                for (int l = 1; l <= 8; l++) r[l - 1] = b.qAvg(l)[i];
                rows.add(r);
                labels.add(p);
            }
        }
        double[][] x = rows.toArray(new double[0][]);
        int[] phase = labels.stream().mapToInt(Integer::intValue).toArray();
        LocalStructureClassifier.Result r = classifier.fit(x);
        double purity = LocalStructureClassifier.purity(r.labels(), phase);
        return new Outcome(r, phase, purity, (System.nanoTime() - t0) / 1e9);
    }

    /** Scatter plot of the 2-D latent space, one colour per known phase, written atomically as PNG. */
    public static void plot(Outcome o, Path png, String title) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(700)
                .title(title)
                .xAxisTitle("latent 1")
                .yAxisTitle("latent 2")
                .build();
        chart.getStyler().setMarkerSize(4);
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x7f7f7f)};
        double[][] lat = o.result().latent();
        for (int p = 0; p < PHASES.size(); p++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < lat.length; i++) {
                if (o.phase()[i] != p) continue;
                xs.add(lat[i][0]);
                ys.add(lat[i].length > 1 ? lat[i][1] : 0.0);
            }
            XYSeries s = chart.addSeries(PHASES.get(p), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[p]);
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    public static void main(String[] args) throws IOException {
        double sigma = args.length > 0 ? Double.parseDouble(args[0]) : 0.04;
        int atoms = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path png = Path.of(args.length > 2 ? args[2] : "latent.png");
        Outcome o = run(sigma, atoms, LocalStructureClassifier.builder().build(), 1);
        plot(
                o,
                png,
                String.format(
                        Locale.ROOT,
                        "Autoencoder latent space, σ = %.3f d (purity %.3f, %d clusters)",
                        sigma,
                        o.purity(),
                        o.result().clusters()));
        System.out.printf(
                Locale.ROOT,
                "{\"sigma\": %.4f, \"atoms\": %d, \"clusters\": %d, \"purity\": %.4f, \"fve\": %.4f, \"seconds\": %.1f, \"bic\": %s, \"plot\": \"%s\"}%n",
                sigma,
                o.phase().length,
                o.result().clusters(),
                o.purity(),
                o.result().fractionOfVarianceExplained(),
                o.seconds(),
                Arrays.toString(o.result().bic()),
                png);
    }
}

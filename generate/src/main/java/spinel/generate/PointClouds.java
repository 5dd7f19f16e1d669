package spinel.generate;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spinel.graph.Composition;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;

/**
 * Crystals as padded point clouds, the GAN's representation (Kim et al., ACS Cent. Sci. 6, 1412
 * (2020)): per crystal the lattice rows (3 × 3, Å) and, for up to {@code maxSites} atoms in formula
 * order, fractional coordinates, element features ({@link ElementFeatures}), a mask and the element's
 * rank in the formula (the composition classifier's label). Crystals are put in their reduced cell
 * ({@link CellReduction}) first. Host arrays; {@link #batch} turns rows into NDArrays.
 */
public final class PointClouds {

    private final int maxSites;
    private final float[][] frac, lattice, features, mask;
    private final int[][] classes;

    private PointClouds(int n, int maxSites) {
        this.maxSites = maxSites;
        frac = new float[n][maxSites * 3];
        lattice = new float[n][9];
        features = new float[n][maxSites * ElementFeatures.SIZE];
        mask = new float[n][maxSites];
        classes = new int[n][maxSites];
    }

    /** Encodes crystals of at most {@code maxSites} atoms. */
    public static PointClouds of(List<Structure> structures, int maxSites) {
        PointClouds p = new PointClouds(structures.size(), maxSites);
        for (int i = 0; i < structures.size(); i++) p.encode(i, CellReduction.reduce(structures.get(i)));
        return p;
    }

    /** Only the composition (for generation): features, mask and classes of a cell's atoms. */
    public static PointClouds ofCells(List<Composition> cells, int maxSites) {
        PointClouds p = new PointClouds(cells.size(), maxSites);
        for (int i = 0; i < cells.size(); i++) p.encodeSites(i, Formula.sites(cells.get(i)), cells.get(i));
        return p;
    }

    private void encode(int row, Structure s) {
        Composition c = s.composition();
        List<Element> order = Formula.sites(c);
        encodeSites(row, order, c);
        double[][] m = s.lattice().matrix();
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) lattice[row][a * 3 + b] = (float) m[a][b];
        boolean[] used = new boolean[s.size()];
        for (int k = 0; k < order.size(); k++) {
            for (int j = 0; j < s.size(); j++) {
                Site site = s.site(j);
                if (!used[j] && site.element() == order.get(k)) {
                    used[j] = true;
                    for (int d = 0; d < 3; d++) frac[row][k * 3 + d] = (float) site.frac(d);
                    break;
                }
            }
        }
    }

    private void encodeSites(int row, List<Element> sites, Composition c) {
        if (sites.size() > maxSites) {
            throw new IllegalArgumentException(
                    c.formula() + ": " + sites.size() + " atoms, the generator holds at most " + maxSites);
        }
        List<Element> elements = c.elements();
        for (int k = 0; k < sites.size(); k++) {
            float[] f = ElementFeatures.of(sites.get(k));
            System.arraycopy(f, 0, features[row], k * ElementFeatures.SIZE, f.length);
            mask[row][k] = 1f;
            classes[row][k] = Math.min(elements.indexOf(sites.get(k)), GanConfig.CLASSES - 1);
        }
    }

    public int size() {
        return frac.length;
    }

    public int maxSites() {
        return maxSites;
    }

    /** Number of atoms of crystal {@code row}. */
    public int atoms(int row) {
        int n = 0;
        for (float v : mask[row]) n += v > 0 ? 1 : 0;
        return n;
    }

    /**
     * Rows as NDArrays: frac (B, n, 3), lattice (B, 3, 3), features (B, n, F), mask (B, n), classes
     * (B, n), where n is the largest number of atoms among the rows (the networks work atom by atom,
     * so padding beyond it only costs time).
     */
    public NDList batch(NDManager manager, int[] rows) {
        int n = 1;
        for (int r : rows) n = Math.max(n, atoms(r));
        int b = rows.length, f = ElementFeatures.SIZE;
        return new NDList(
                manager.create(gather(frac, rows, n * 3), new Shape(b, n, 3)),
                manager.create(gather(lattice, rows, 9), new Shape(b, 3, 3)),
                manager.create(gather(features, rows, n * f), new Shape(b, n, f)),
                manager.create(gather(mask, rows, n), new Shape(b, n)),
                manager.create(gatherInt(classes, rows, n), new Shape(b, n)));
    }

    /** Writes the encoded crystals (a cache of the training set). */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(size());
            out.writeInt(maxSites);
            for (int i = 0; i < size(); i++) {
                for (float[] a : new float[][] {frac[i], lattice[i], features[i], mask[i]})
                    for (float v : a) out.writeFloat(v);
                for (int v : classes[i]) out.writeInt(v);
            }
            out.flush();
        });
    }

    /** Reads what {@link #save} wrote. */
    public static PointClouds load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            PointClouds p = new PointClouds(in.readInt(), in.readInt());
            for (int i = 0; i < p.size(); i++) {
                for (float[] a : new float[][] {p.frac[i], p.lattice[i], p.features[i], p.mask[i]}) {
                    for (int k = 0; k < a.length; k++) a[k] = in.readFloat();
                }
                for (int k = 0; k < p.classes[i].length; k++) p.classes[i][k] = in.readInt();
            }
            return p;
        }
    }

    private static float[] gather(float[][] src, int[] rows, int len) {
        float[] out = new float[rows.length * len];
        for (int i = 0; i < rows.length; i++) System.arraycopy(src[rows[i]], 0, out, i * len, len);
        return out;
    }

    private static int[] gatherInt(int[][] src, int[] rows, int len) {
        int[] out = new int[rows.length * len];
        for (int i = 0; i < rows.length; i++) System.arraycopy(src[rows[i]], 0, out, i * len, len);
        return out;
    }
}

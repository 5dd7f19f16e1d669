package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import spinel.graph.CrystalGraph;
import spinel.graph.io.NpyArray;
import spinel.graph.io.Npz;

/** Access to ../shared/anchors/cgcnn for parity tests (skips when absent). */
final class Anchors {

    private Anchors() {}

    static Path cgcnn() {
        Path dir = Path.of(System.getProperty("spinel.shared", "../shared")).resolve("anchors/cgcnn");
        Assumptions.assumeTrue(Files.isDirectory(dir), "anchors absent: " + dir);
        return dir;
    }

    static Path reference(String file) {
        return cgcnn().resolve("reference").resolve(file);
    }

    /**
     * The numeric arrays of an .npz, read with {@link Npz}, as NDArrays of the same element type
     * (float32, float64, int32 or int64; smaller integer types widen to int64); string arrays (the
     * anchors' cif ids) are skipped.
     */
    static Map<String, NDArray> npz(NDManager manager, Path file) {
        Npz archive;
        try {
            archive = Npz.read(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : archive.names()) {
            NpyArray a = archive.get(name);
            Shape shape =
                    new Shape(java.util.Arrays.stream(a.shape()).asLongStream().toArray());
            NDArray nd =
                    switch (a.dtype()) {
                        case STRING -> null;
                        case FLOAT32 -> manager.create(a.asFloats(), shape);
                        case FLOAT64 -> manager.create(a.asDoubles(), shape);
                        case INT32 -> manager.create(a.asInts(), shape);
                        default -> manager.create(a.asLongs(), shape);
                    };
            if (nd != null) out.put(name, nd);
        }
        return out;
    }

    static final List<String> SAMPLE_IDS = List.of(
            "1000041", "1000050", "1101051", "1507756", "7206075", "9000046", "9009743", "9011050", "9011998",
            "9012304");

    static final List<String> MODELS = List.of(
            "band-gap",
            "bulk-moduli",
            "efermi",
            "final-energy-per-atom",
            "formation-energy-per-atom",
            "poisson-ratio",
            "semi-metal-classification",
            "shear-moduli");

    /** A crystal graph from the reference arrays {@code <prefix>atom_fea}, {@code nbr_fea_idx}, .... */
    static CrystalGraph graph(Map<String, NDArray> arrays, String prefix, String id) {
        int[] z = ints(arrays.get(prefix + "atomic_numbers"));
        int n = z.length;
        int[] idx = ints(arrays.get(prefix + "nbr_fea_idx"));
        int m = idx.length / n;
        NDArray within = arrays.get(prefix + "n_nbrs_within_radius");
        int[] counts = new int[n];
        if (within != null) {
            int[] w = ints(within);
            for (int i = 0; i < n; i++) counts[i] = Math.min(w[i], m);
        } else {
            java.util.Arrays.fill(counts, m);
        }
        NDArray atoms = arrays.containsKey(prefix + "atom_fea")
                ? arrays.get(prefix + "atom_fea")
                : arrays.get(prefix + "atom_fea_raw");
        return new CrystalGraph(
                id,
                z,
                atoms.toFloatArray(),
                idx,
                arrays.get(prefix + "nbr_dist").toType(DataType.FLOAT32, false).toFloatArray(),
                ints(arrays.get(prefix + "nbr_image")),
                counts,
                arrays.get(prefix + "nbr_fea").toFloatArray());
    }

    static List<CrystalGraph> sampleGraphs(NDManager manager) {
        Map<String, NDArray> arrays = npz(manager, reference("sample_graphs.npz"));
        List<CrystalGraph> graphs = new ArrayList<>();
        for (String id : SAMPLE_IDS) graphs.add(graph(arrays, id + "/", id));
        return graphs;
    }

    static int[] ints(NDArray a) {
        return a.toType(DataType.INT32, false).toIntArray();
    }

    /** The reference args of a checkpoint: atom_fea_len, n_conv, h_fea_len, n_h, n_out, classification. */
    static CrystalGraphConvNet referenceNet(String model, NDManager manager) throws IOException {
        String json = Files.readString(reference(model + ".json"));
        boolean classification = json.contains("\"classification\": true");
        CrystalGraphConvNet.Builder b = CrystalGraphConvNet.builder()
                .optAtomFeatureLength(64)
                .optNumConv(4)
                .optHiddenLength(32)
                .optNumHidden(1);
        if (classification) b.optClassification(2);
        CrystalGraphConvNet net = b.build();
        net.initializeParameters(manager);
        net.loadStateDict(npz(manager, reference(model + ".npz")));
        return net;
    }

    /** Normaliser (mean, std) of a checkpoint. */
    static double[] normalizer(String model) throws IOException {
        var node = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(reference(model + ".json").toFile());
        return new double[] {
            node.get("normalizer").get("mean").asDouble(),
            node.get("normalizer").get("std").asDouble()
        };
    }

    /**
     * Asserts max|a − e| ≤ rel · max|e|: error relative to the tensor's scale (elementwise relative
     * error is meaningless for entries that are zero up to float32 round-off, e.g. after BatchNorm).
     */
    static void assertClose(String what, float[] expected, float[] actual, double rel) {
        assertEquals(expected.length, actual.length, what + ": length");
        double maxAbs = 0;
        for (float v : expected) maxAbs = Math.max(maxAbs, Math.abs(v));
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (d > worst || worstAt < 0) {
                worst = d;
                worstAt = i;
            }
        }
        double err = worst / Math.max(maxAbs, Float.MIN_NORMAL);
        if (System.getenv("SPINEL_DEBUG_CLOSE") != null)
            System.err.printf("%-45s %.2e (max|e| %.2e)%n", what, err, maxAbs);
        if (err > rel) {
            fail(what + ": error " + worst + " relative to max|expected| " + maxAbs + " is " + err + " at " + worstAt
                    + " (expected " + expected[worstAt] + ", got " + actual[worstAt] + "), tolerance " + rel);
        }
    }

    static Map<String, String[]> csv(Path file) throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            rows.put(f[0], f);
        }
        return rows;
    }
}

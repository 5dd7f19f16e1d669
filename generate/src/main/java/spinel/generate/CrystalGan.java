package spinel.generate;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;

/**
 * The composition-conditioned crystal GAN (Kim et al., "Generative adversarial networks for crystal
 * structure prediction", ACS Cent. Sci. 6, 1412 (2020)): a {@link GeneratorNetwork}, a spectrally
 * normalised {@link CrystalCritic} and a {@link CompositionClassifier}, on one NDManager. Training is
 * {@link GanTraining}; generation is {@link #generate}. {@link #saveGenerator} writes what generation
 * needs (config + generator weights), the format of the bundled {@code spinel/generate/gan.bin}.
 */
public final class CrystalGan implements AutoCloseable {

    static final String MAGIC = "spinel-gan-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GanConfig config;
    private final NDManager manager;
    private final GeneratorNetwork generator;
    private final CrystalCritic critic;
    private final CompositionClassifier classifier;
    private final ParameterStore store;

    /** A freshly initialised GAN (seeded by {@code config.seed()}). */
    public CrystalGan(GanConfig config) {
        this.config = config;
        this.manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed((int) config.seed());
        generator = new GeneratorNetwork(config);
        critic = new CrystalCritic(config);
        classifier = new CompositionClassifier(config);
        generator.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        store = new ParameterStore(manager, false);
    }

    public GanConfig config() {
        return config;
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore store() {
        return store;
    }

    GeneratorNetwork generator() {
        return generator;
    }

    CrystalCritic critic() {
        return critic;
    }

    CompositionClassifier classifier() {
        return classifier;
    }

    /** Trainable parameters of a block (the power-iteration vectors excluded). */
    static List<Parameter> trainable(Block b) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : b.getParameters().values()) if (p.requiresGradient()) out.add(p);
        return out;
    }

    /**
     * Generator forward pass for the rows of {@code cells}: fractional coordinates (B, N, 3) and
     * lattice rows (B, 3, 3). Noise from {@code rng}.
     */
    NDList forward(NDManager m, NDList cells, Random rng, boolean training) {
        NDArray feats = cells.get(2), mask = cells.get(3);
        long b = mask.getShape().get(0), n = mask.getShape().get(1);
        NDArray z = m.create(gaussian(rng, (int) (b * config.noiseLength())), new Shape(b, config.noiseLength()));
        NDArray noise = m.create(
                gaussian(rng, (int) (b * n * config.siteNoiseLength())), new Shape(b, n, config.siteNoiseLength()));
        NDArray count = mask.sum(new int[] {1}, true).div((float) config.maxSites());
        return generator.forward(store, new NDList(z, feats, mask, count, noise), training);
    }

    private static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }

    /** One structure per row of {@code cells} (as {@link PointClouds#ofCells}), noise from {@code rng}. */
    public List<Structure> generate(PointClouds cells, List<List<Element>> sites, Random rng) {
        List<Structure> out = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            int[] rows = new int[cells.size()];
            for (int i = 0; i < rows.length; i++) rows[i] = i;
            NDList batch = cells.batch(m, rows);
            NDList g = forward(m, batch, rng, false);
            float[] frac = g.get(0).toFloatArray(), lat = g.get(1).toFloatArray();
            int n = cells.maxSites();
            for (int i = 0; i < rows.length; i++) {
                double[][] l = new double[3][3];
                for (int a = 0; a < 3; a++) for (int c = 0; c < 3; c++) l[a][c] = lat[i * 9 + a * 3 + c];
                List<Element> els = sites.get(i);
                double[][] f = new double[els.size()][3];
                for (int k = 0; k < els.size(); k++) for (int d = 0; d < 3; d++) f[k][d] = frac[(i * n + k) * 3 + d];
                out.add(Structure.of(new Lattice(l), els, f));
            }
        }
        return out;
    }

    /** Writes the config and the generator's weights (what generation needs), atomically. */
    public void saveGenerator(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF(MAGIC);
            out.writeUTF(JSON.writeValueAsString(config));
            generator.saveParameters(out);
            out.flush();
        });
    }

    /** Reads a generator written by {@link #saveGenerator} (critic and classifier stay untrained). */
    public static CrystalGan loadGenerator(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (!MAGIC.equals(in.readUTF())) throw new IOException(source + ": not a Spinel GAN generator file");
        GanConfig config = JSON.readValue(in.readUTF(), GanConfig.class);
        CrystalGan gan = new CrystalGan(config);
        try {
            gan.generator.loadParameters(gan.manager, in);
        } catch (MalformedModelException e) {
            gan.close();
            throw new IOException(source + ": generator weights do not fit its config: " + e.getMessage(), e);
        }
        return gan;
    }

    /** {@link #loadGenerator(InputStream, String)} from a file. */
    public static CrystalGan loadGenerator(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return loadGenerator(new java.io.BufferedInputStream(in), file.toString());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

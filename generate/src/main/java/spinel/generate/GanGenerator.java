package spinel.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import spinel.graph.Composition;
import spinel.graph.Element;

/**
 * The trained {@link CrystalGan} as a {@link StructureGenerator}: the bundled generator
 * ({@code spinel/generate/gan.bin}, trained on MP-20-like Materials Project crystals without any
 * Nb–O structure, see docs/benchmarks/generate.md) or one written by {@code spinel generate train}.
 */
public final class GanGenerator implements StructureGenerator, AutoCloseable {

    /** Classpath resource of the bundled generator. */
    public static final String BUNDLED = "spinel/generate/gan.bin";

    private final CrystalGan gan;
    private final Random rng;
    private int langevinSteps;
    private double langevinStepSize;

    public GanGenerator(CrystalGan gan, long seed) {
        this.gan = gan;
        this.rng = new Random(seed);
    }

    /** The generator bundled with Spinel. */
    public static GanGenerator bundled(long seed) throws IOException {
        try (InputStream in = GanGenerator.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IOException("the bundled GAN generator " + BUNDLED + " is missing from the jar");
            return new GanGenerator(CrystalGan.loadGenerator(new java.io.BufferedInputStream(in), BUNDLED), seed);
        }
    }

    /** A generator file written by {@link CrystalGan#saveGenerator}. */
    public static GanGenerator load(Path file, long seed) throws IOException {
        return new GanGenerator(CrystalGan.loadGenerator(file), seed);
    }

    /**
     * Critic-guided sampling: {@code steps} Langevin steps of size {@code stepSize} on the latent noise
     * ({@link CrystalGan#generate(PointClouds, List, Random, int, double)}); 0 steps: off (the default).
     */
    public GanGenerator optLangevin(int steps, double stepSize) {
        if (steps > 0) gan.requireCritic(); // at once, not at the first proposal
        this.langevinSteps = steps;
        this.langevinStepSize = stepSize;
        return this;
    }

    @Override
    public String name() {
        return "gan";
    }

    @Override
    public List<Proposal> propose(Composition cell, int n) {
        List<Proposal> out = new ArrayList<>(n);
        List<Element> sites = Formula.sites(cell);
        int batch = 256;
        for (int done = 0; done < n; done += batch) {
            int b = Math.min(batch, n - done);
            PointClouds cells = PointClouds.ofCells(
                    Collections.nCopies(b, cell), gan.config().maxSites());
            for (var s : gan.generate(cells, Collections.nCopies(b, sites), rng, langevinSteps, langevinStepSize))
                out.add(new Proposal(s, name(), 0));
        }
        return out;
    }

    @Override
    public void close() {
        gan.close();
    }
}

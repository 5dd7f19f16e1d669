package spinel.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spinel.graph.io.AtomicFiles;

/**
 * The registry of pretrained models: {@link ModelCard}s by id, and the {@link ModelCache} that
 * gets their files (cache → bundled in the jar → download, see {@link ZooSettings} for the cache
 * directory, offline switch and mirror).
 *
 * <p>Cards come from the class path: every {@value #INDEX} resource (one per jar that ships
 * models) lists JSON files beside it, each an array of cards. Models trained by Spinel are
 * bundled the same way as the published ones are referenced: a card whose weights file has a
 * {@code resource} instead of (or besides) a {@code url}.
 */
public final class ModelRegistry {

    /** The class-path index of card files. */
    public static final String INDEX = "spinel/zoo/registry/index.json";

    private final Map<String, ModelCard> cards;
    private final ModelCache cache;

    private ModelRegistry(Map<String, ModelCard> cards, ModelCache cache) {
        this.cards = Collections.unmodifiableMap(cards);
        this.cache = cache;
    }

    /** The bundled registry with settings from system properties and the environment. */
    public static ModelRegistry defaultZoo() {
        return create(ZooSettings.fromEnvironment());
    }

    /** The bundled registry with the given settings. */
    public static ModelRegistry create(ZooSettings settings) {
        return of(bundledCards(), new ModelCache(settings));
    }

    /** A registry of exactly {@code cards}, fetching through {@code cache}. */
    public static ModelRegistry of(List<ModelCard> cards, ModelCache cache) {
        Map<String, ModelCard> m = new LinkedHashMap<>();
        for (ModelCard c : cards) {
            if (m.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("two model cards with id " + c.id());
            }
        }
        return new ModelRegistry(m, cache);
    }

    /** Every card found through {@value #INDEX} resources on the class path. */
    public static List<ModelCard> bundledCards() {
        List<ModelCard> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            // this module's loader and the thread's context loader (an application may add models)
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<URL> indexes = new ArrayList<>();
            for (ClassLoader loader : new ClassLoader[] {
                ModelRegistry.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
            }) {
                if (loader == null) continue;
                for (Enumeration<URL> e = loader.getResources(INDEX); e.hasMoreElements(); ) {
                    URL u = e.nextElement();
                    if (seen.add(u.toString())) indexes.add(u);
                }
            }
            for (URL index : indexes) {
                String[] files;
                try (InputStream in = index.openStream()) {
                    files = json.readValue(in, String[].class);
                }
                for (String f : files) {
                    URL url = new URL(index, f);
                    try (InputStream in = url.openStream()) {
                        out.addAll(ModelCard.readList(in));
                    } catch (IOException | IllegalArgumentException ex) {
                        throw new IllegalStateException("bad model card file " + url + ": " + ex.getMessage(), ex);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model registry", e);
        }
        return out;
    }

    /** All cards, in registry order. */
    public List<ModelCard> list() {
        return List.copyOf(cards.values());
    }

    public Optional<ModelCard> find(String id) {
        return Optional.ofNullable(cards.get(id));
    }

    /** The card with {@code id}; an unknown id lists the known ones. */
    public ModelCard card(String id) {
        ModelCard c = cards.get(id);
        if (c == null) {
            throw new IllegalArgumentException(
                    "unknown model '" + id + "'; known models: " + String.join(", ", cards.keySet()));
        }
        return c;
    }

    /** The local path of model {@code id}'s file with {@code role}, fetched and verified if needed. */
    public Path fetch(String id, String role) throws IOException {
        return cache.fetch(card(id), role);
    }

    /** Every file of model {@code id}, by role. */
    public Map<String, Path> fetchAll(String id) throws IOException {
        ModelCard c = card(id);
        Map<String, Path> out = new LinkedHashMap<>();
        for (String role : c.files().keySet()) out.put(role, cache.fetch(c, role));
        return out;
    }

    public ModelCache cache() {
        return cache;
    }

    /**
     * Opens model {@code id} of the default zoo (settings from the environment), whatever its kind
     * ({@link #openModel(String)}): fetches and verifies its files, converts a PyTorch checkpoint once
     * (cached), builds the network. For the DJL {@link #criteria} of a CGCNN use {@link #loadModel(String)}.
     */
    public static StructureModel<?> load(String id) throws IOException {
        return defaultZoo().openModel(id);
    }

    /**
     * Loads a CGCNN checkpoint from a file — a PyTorch {@code .pth.tar} of the reference
     * implementation (legacy or zip format) or a converted {@code .npz} — with the atom features of
     * {@code atomInit} ({@code atom_init.json}) and the reference featurisation (8 Å, 12 neighbours,
     * Gaussians 0..8 Å step 0.2).
     */
    public static CgcnnModel load(Path checkpoint, Path atomInit) throws IOException {
        return defaultZoo().loadModel(checkpoint, atomInit);
    }

    /** Loads model {@code id}: files fetched and verified, weights converted once, network built. */
    public CgcnnModel loadModel(String id) throws IOException {
        ModelCard c = card(id);
        if (RunArchive.FORMAT.equals(c.file(ModelCard.WEIGHTS).format())) {
            throw new IllegalArgumentException(
                    id + " is a packaged spinel train run (" + c.architecture() + "): open it with openModel(id)");
        }
        if (!"cgcnn".equals(c.architecture())) {
            throw new IllegalArgumentException(
                    id + ": architecture '" + c.architecture() + "' is not supported (only cgcnn)");
        }
        Path weightsFile = cache.fetch(c, ModelCard.WEIGHTS);
        CgcnnWeights w = weights(
                weightsFile,
                c.file(ModelCard.WEIGHTS).format(),
                c.file(ModelCard.WEIGHTS).sha256());
        ModelCard.Featurizer f = c.featurizer() != null ? c.featurizer() : ModelCard.Featurizer.cgcnnDefault();
        Path atomInit = f.atomFeaturesFromFile() ? cache.fetch(c, f.atomFeatures()) : null;
        return new CgcnnModel(c.id(), c, w, Featurization.graphBuilder(f, atomInit), f.rescaleVolumePerAtom());
    }

    /**
     * DJL {@code Criteria} for a loaded model: {@code criteria(m).loadModel().newPredictor()} gives a
     * DJL {@code Predictor<Structure, Prediction>} with the same numbers as {@code m.predict}. The
     * weights are saved once in DJL's parameter format under {@code <cache>/djl/<sha256>/}.
     */
    public ai.djl.repository.zoo.Criteria<spinel.graph.Structure, Prediction> criteria(CgcnnModel model)
            throws IOException {
        Path dir = settings().cacheDir().resolve("djl").resolve(weightsKey(model));
        Path params = dir.resolve("cgcnn-0000.params");
        if (!java.nio.file.Files.isRegularFile(params)) saveDjlParameters(model, params);
        return ai.djl.repository.zoo.Criteria.builder()
                .setTypes(spinel.graph.Structure.class, Prediction.class)
                .optModelPath(dir)
                .optModelName("cgcnn")
                .optEngine("PyTorch")
                .optBlock(CgcnnModel.network(model.weights()))
                .optTranslator(new StructureTranslator(model))
                .build();
    }

    /**
     * Opens the model {@code spec} names: a registry id, or a checkpoint file (a reference CGCNN
     * {@code .pth.tar}, or a converted {@code .npz}) with the {@code atom_init.json} it was trained
     * with ({@code atomInit}; needed for a checkpoint file only).
     *
     * @throws IllegalArgumentException naming what is missing when {@code spec} is neither
     */
    public StructureModel<?> open(String spec, Path atomInit) throws IOException {
        if (find(spec).isPresent()) return openModel(spec);
        Path p = Path.of(spec);
        if (java.nio.file.Files.isDirectory(p)) return RunModel.open(p);
        if (spec.endsWith(".zip")) return openArchive(p);
        boolean looksLikePath = java.nio.file.Files.exists(p)
                || spec.endsWith(".pth.tar")
                || spec.endsWith(".pth")
                || spec.endsWith(".pt")
                || spec.endsWith(".npz")
                || spec.contains("/") && !spec.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
        if (!looksLikePath) return openModel(spec);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IllegalArgumentException("model file " + p + " does not exist");
        }
        if (atomInit == null) {
            throw new IllegalArgumentException("--atom-init FILE is needed with a checkpoint file (" + p
                    + "): the atom_init.json of the data it was trained on");
        }
        return loadModel(p, atomInit);
    }

    /**
     * Opens registered model {@code id} whatever its kind: a CGCNN ({@link #loadModel(String)}) or a
     * packaged {@code spinel train} run ({@value RunArchive#FORMAT}, any run kind).
     */
    public StructureModel<?> openModel(String id) throws IOException {
        ModelCard c = card(id);
        if (!RunArchive.FORMAT.equals(c.file(ModelCard.WEIGHTS).format())) return loadModel(id);
        Path zip = cache.fetch(c, ModelCard.WEIGHTS);
        Path dir;
        try {
            dir = RunArchive.unpack(
                    zip,
                    cache.directory(c)
                            .resolve("run-" + c.file(ModelCard.WEIGHTS).sha256()));
        } catch (java.nio.file.FileSystemException e) {
            dir = RunArchive.unpackTemporary(zip); // the cache cannot be written: unpacked for this process only
        }
        return RunModel.open(dir, id, c.target() != null ? c.target().units() : null);
    }

    /** A packaged run file ({@code zip}), unpacked once into {@code <cache>/runs/<sha256>/}. */
    private StructureModel<?> openArchive(Path zip) throws IOException {
        if (!java.nio.file.Files.isRegularFile(zip))
            throw new IllegalArgumentException("model file " + zip + " does not exist");
        Path dir = settings().cacheDir().resolve("runs").resolve(ModelCache.sha256(zip));
        return RunModel.open(RunArchive.unpack(zip, dir), zip.getFileName().toString(), null);
    }

    /**
     * The SHA-256 that names {@code model}'s weights: its card's (a bundled or downloaded model), the
     * checkpoint's it was converted from, or else one computed over the tensors (names, shapes, values).
     */
    static String weightsKey(CgcnnModel model) {
        if (model.card() != null && model.card().files().containsKey(ModelCard.WEIGHTS)) {
            return model.card().file(ModelCard.WEIGHTS).sha256();
        }
        if (model.weights().meta().sourceSha256() != null)
            return model.weights().meta().sourceSha256();
        java.security.MessageDigest md = ModelCache.digest();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
        model.weights().tensors().forEach((name, t) -> {
            md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int d : t.shape()) md.update(buf.clear().putInt(d).array(), 0, 4);
            for (float f : t.data()) md.update(buf.clear().putFloat(f).array(), 0, 4);
        });
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Saves the network's parameters in DJL's format as {@code params}, atomically. */
    private static void saveDjlParameters(CgcnnModel model, Path params) throws IOException {
        Path tmp = java.nio.file.Files.createTempDirectory("spinel-djl");
        try (ai.djl.Model m = ai.djl.Model.newInstance("cgcnn", "PyTorch")) {
            m.setBlock(model.network());
            m.save(tmp, "cgcnn");
            Path saved = tmp.resolve("cgcnn-0000.params");
            AtomicFiles.write(params, out -> java.nio.file.Files.copy(saved, out));
        } finally {
            try (var s = java.nio.file.Files.list(tmp)) {
                for (Path p : (Iterable<Path>) s::iterator) java.nio.file.Files.deleteIfExists(p);
            }
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Loads a checkpoint file with its {@code atom_init.json}; see {@link #load(Path, Path)}. */
    public CgcnnModel loadModel(Path checkpoint, Path atomInit) throws IOException {
        String name = checkpoint.getFileName().toString();
        String format = name.endsWith(".npz") ? "npz" : "torch";
        CgcnnWeights w = weights(checkpoint, format, null);
        return new CgcnnModel(
                name, null, w, Featurization.graphBuilder(ModelCard.Featurizer.cgcnnDefault(), atomInit), null);
    }

    /**
     * The weights in {@code file}: an {@code npz} is read directly; a {@code torch} checkpoint is
     * converted once and the result cached as {@code <cache>/converted/<sha256>.v<format>.npz}, with
     * the SHA-256 of the converted file beside it ({@code .npz.sha256}). A converted file that is
     * damaged (checksum mismatch, truncated, no checksum) is said so on stderr and converted again.
     */
    public CgcnnWeights weights(Path file, String format, String knownSha256) throws IOException {
        if ("npz".equals(format)) return CgcnnWeights.readNpz(file);
        if (!"torch".equals(format))
            throw new IllegalArgumentException(file + ": unknown weights format '" + format + "'");
        String sha = knownSha256 != null ? knownSha256 : ModelCache.sha256(file);
        Path converted =
                settings().cacheDir().resolve("converted").resolve(sha + ".v" + CgcnnWeights.FORMAT_VERSION + ".npz");
        Path checksum = converted.resolveSibling(converted.getFileName() + ".sha256");
        if (java.nio.file.Files.isRegularFile(converted)) {
            try {
                String damage = convertedDamage(converted, checksum);
                if (damage == null) return CgcnnWeights.readNpz(converted);
                System.err.println("spinel: converted weights " + converted + " are damaged (" + damage
                        + "); converting " + file + " again");
            } catch (IOException | RuntimeException e) {
                System.err.println(
                        "spinel: ignoring unreadable converted weights " + converted + " (" + e.getMessage() + ")");
            }
        }
        CgcnnWeights w = CgcnnWeights.fromCheckpoint(spinel.zoo.torch.TorchCheckpoint.read(file), sha);
        try {
            java.nio.file.Files.createDirectories(converted.getParent());
            spinel.graph.io.AtomicFiles.cleanStaleTemporaries(converted.getParent());
            w.writeNpz(converted);
            spinel.graph.io.AtomicFiles.writeString(checksum, ModelCache.sha256(converted) + "\n");
        } catch (IOException e) {
            System.err.println("spinel: cannot cache converted weights at " + converted + " (" + e.getMessage()
                    + "); converting on every load: set SPINEL_CACHE_DIR (or --cache-dir) to a writable folder");
        }
        return w;
    }

    /** Why a cached conversion cannot be trusted, or null when its SHA-256 is the one recorded. */
    private static String convertedDamage(Path converted, Path checksum) throws IOException {
        if (!java.nio.file.Files.isRegularFile(checksum)) return "no checksum file " + checksum.getFileName();
        String expected = java.nio.file.Files.readString(checksum).strip();
        String actual = ModelCache.sha256(converted);
        return actual.equals(expected) ? null : "sha256 " + actual + ", expected " + expected;
    }

    public ZooSettings settings() {
        return cache.settings();
    }
}

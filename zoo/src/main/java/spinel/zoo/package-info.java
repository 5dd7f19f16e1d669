/**
 * Trained models and the prediction pipeline: the registry ({@link spinel.zoo.ModelRegistry} of {@link spinel.zoo.ModelCard}s),
 * verified downloads and the local cache ({@link spinel.zoo.ModelCache}), the PyTorch checkpoint
 * importer ({@link spinel.zoo.torch.TorchCheckpoint}), models that predict from structures
 * ({@link spinel.zoo.StructureModel}: a CGCNN checkpoint, {@link spinel.zoo.CgcnnModel}; any run of
 * {@code spinel train}, {@link spinel.zoo.RunModel}, also when packaged as a {@link spinel.zoo.RunArchive}),
 * the streaming, parallel, batched {@link spinel.zoo.PredictionPipeline} with typed
 * {@link spinel.zoo.PredictionResult}s and their {@link spinel.zoo.PredictionScore}, and
 * {@link spinel.zoo.StructureTranslator} for DJL's {@code Predictor}.
 *
 * <h2>Using a model</h2>
 * <pre>{@code
 * try (StructureModel<?> m = ModelRegistry.load("cgcnn/formation-energy-per-atom")) {
 *     Prediction p = m.predict(Structures.readOne(Path.of("NaCl.cif")));
 *     System.out.println(p.value() + " " + p.units());          // eV/atom
 * }
 * // a published checkpoint file and its atom features:
 * CgcnnModel m = ModelRegistry.load(Path.of("band-gap.pth.tar"), Path.of("atom_init.json"));
 * // DJL: ZooModel<Structure, Prediction> z = zoo.criteria(m).loadModel();
 * // any spinel train run folder, or its packaged zip, or a registered id of either kind:
 * try (StructureModel<?> run = ModelRegistry.defaultZoo().open("runs/gap", null);
 *         PredictionPipeline p = PredictionPipeline.builder().addModel(run).optRejectBelow(0.8).build()) {
 *     p.predict(inputs, result -> ...);   // Iterator<StructureInput> in, PredictionResult out, in order
 * }
 * }</pre>
 *
 * <h2>Where files come from</h2>
 * A model's files are looked for in the cache, then bundled in a jar, then downloaded; each is
 * checked against the SHA-256 and size in its card before it is used, and written under its final
 * name only after that check (temporary file, atomic move; a lock file serialises concurrent
 * fetches by threads or processes). Settings ({@link spinel.zoo.ZooSettings}), system property
 * first, then environment variable:
 * <ul>
 *   <li>{@code spinel.cache.dir} / {@code SPINEL_CACHE_DIR} — cache root, default {@code ~/.spinel/cache};
 *       files in {@code models/<id>/<version>/}, converted checkpoints in {@code converted/<sha256>.v1.npz},
 *       DJL parameter files in {@code djl/<sha256 of the weights>/}, unpacked runs in {@code runs/<sha256>/};
 *       the graph cache of training ({@code graphs/}) and, for the {@code spinel} command, DJL's own
 *       files ({@code djl.ai/}, unless {@code DJL_CACHE_DIR} is set) live under the same root
 *       ({@link spinel.graph.io.CacheRoot});</li>
 *   <li>{@code spinel.offline} / {@code SPINEL_OFFLINE} (else DJL's {@code ai.djl.offline} /
 *       {@code DJL_OFFLINE}) — no network; a missing file fails at once with its exact expected path and URL;</li>
 *   <li>{@code spinel.model.mirror} / {@code SPINEL_MODEL_MIRROR} — a base URL that replaces the
 *       scheme and host of every model URL (an institutional mirror, or a test server);</li>
 *   <li>{@code spinel.progress} / {@code SPINEL_PROGRESS} — progress bars on stderr for downloads of 1 MiB or
 *       more (default: when stderr is a terminal, {@link spinel.graph.io.Terminal}).</li>
 * </ul>
 *
 * <h2>Shipping a model</h2>
 * A jar adds models with a {@code spinel/zoo/registry/index.json} resource listing card files beside
 * it (each a JSON array of cards); a card's file may name a class-path {@code resource} instead of,
 * or besides, a {@code url}. Weights are either a PyTorch checkpoint ({@code "format": "torch"}) or
 * Spinel's converted form ({@code "format": "npz"}, see {@link spinel.zoo.CgcnnWeights}).
 */
package spinel.zoo;

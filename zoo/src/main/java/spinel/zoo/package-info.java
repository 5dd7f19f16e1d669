/**
 * Pretrained models: the registry ({@link spinel.zoo.ModelRegistry} of {@link spinel.zoo.ModelCard}s),
 * verified downloads and the local cache ({@link spinel.zoo.ModelCache}), the PyTorch checkpoint
 * importer ({@link spinel.zoo.torch.TorchCheckpoint}) and prediction ({@link spinel.zoo.CgcnnModel},
 * {@link spinel.zoo.StructureTranslator} for DJL).
 *
 * <h2>Using a model</h2>
 * <pre>{@code
 * try (CgcnnModel m = ModelRegistry.load("cgcnn/formation-energy-per-atom")) {
 *     Prediction p = m.predict(Structures.readOne(Path.of("NaCl.cif")));
 *     System.out.println(p.value() + " " + p.units());          // eV/atom
 * }
 * // a published checkpoint file and its atom features:
 * CgcnnModel m = ModelRegistry.load(Path.of("band-gap.pth.tar"), Path.of("atom_init.json"));
 * // DJL: ZooModel<Structure, Prediction> z = zoo.criteria(m).loadModel();
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
 *       DJL parameter files in {@code djl/<sha256>/};</li>
 *   <li>{@code spinel.offline} / {@code SPINEL_OFFLINE} — no network; a missing file fails at once
 *       with its exact expected path and URL;</li>
 *   <li>{@code spinel.model.mirror} / {@code SPINEL_MODEL_MIRROR} — a base URL that replaces the
 *       scheme and host of every model URL (an institutional mirror, or a test server);</li>
 *   <li>{@code spinel.progress} / {@code SPINEL_PROGRESS} — progress bars on stderr for downloads of 1 MiB or more.</li>
 * </ul>
 *
 * <h2>Shipping a model</h2>
 * A jar adds models with a {@code spinel/zoo/registry/index.json} resource listing card files beside
 * it (each a JSON array of cards); a card's file may name a class-path {@code resource} instead of,
 * or besides, a {@code url}. Weights are either a PyTorch checkpoint ({@code "format": "torch"}) or
 * Spinel's converted form ({@code "format": "npz"}, see {@link spinel.zoo.CgcnnWeights}).
 */
package spinel.zoo;

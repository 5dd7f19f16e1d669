package spinel.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import spinel.zoo.ModelRegistry;
import spinel.zoo.StructureModel;
import spinel.zoo.ZooSettings;

/**
 * Which models an executor loads, and how: model ids of the registry or paths to run folders and
 * checkpoints (as {@code spinel predict --model}), an optional {@code atom_init.json}, the model cache
 * (set it to a folder shipped with the job for offline executors) and the batch size. Serialisable, so
 * it travels with the tasks; equal specs share the models loaded on an executor ({@link ExecutorModels}).
 *
 * @param models      model ids or paths, in output order
 * @param atomInit    {@code atom_init.json} for a checkpoint given by path, or null
 * @param cacheDir    the model cache root on the executors, or null for the default
 *                    ({@code $SPINEL_CACHE_DIR}, {@code ~/.spinel/cache})
 * @param offline     never use the network on the executors
 * @param batchSize   structures per forward pass
 * @param embeddings  also return each crystal's embedding
 */
public record ModelSpec(
        List<String> models, String atomInit, String cacheDir, boolean offline, int batchSize, boolean embeddings)
        implements Serializable {

    public ModelSpec {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        if (models.isEmpty()) throw new IllegalArgumentException("give at least one model");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }

    /** The given models with the defaults: default cache, online, batch 256, no embeddings. */
    public static ModelSpec of(String... models) {
        return new ModelSpec(List.of(models), null, null, false, 256, false);
    }

    /** This spec with another batch size. */
    public ModelSpec withBatchSize(int n) {
        return new ModelSpec(models, atomInit, cacheDir, offline, n, embeddings);
    }

    /** This spec reading models from {@code dir} (and never the network when {@code off}). */
    public ModelSpec withCache(String dir, boolean off) {
        return new ModelSpec(models, atomInit, dir, off, batchSize, embeddings);
    }

    /** This spec with embeddings on or off. */
    public ModelSpec withEmbeddings(boolean on) {
        return new ModelSpec(models, atomInit, cacheDir, offline, batchSize, on);
    }

    /** Loads the models (on an executor). */
    List<StructureModel<?>> load() throws java.io.IOException {
        ZooSettings s = ZooSettings.fromEnvironment();
        if (cacheDir != null) s = s.withCacheDir(Path.of(cacheDir).toAbsolutePath());
        if (offline) s = s.withOffline(true);
        ModelRegistry registry = ModelRegistry.create(s);
        List<StructureModel<?>> out = new ArrayList<>();
        try {
            for (String m : models) out.add(registry.open(m, atomInit == null ? null : Path.of(atomInit)));
        } catch (java.io.IOException | RuntimeException e) {
            for (StructureModel<?> m : out) m.close();
            throw e;
        }
        return out;
    }
}

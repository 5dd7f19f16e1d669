package spinel.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import spinel.zoo.StructureModel;

/**
 * The models of an executor JVM: loaded once per {@link ModelSpec} and task slot, then lent to every
 * partition that runs there. A model runs one forward pass at a time, so an executor with several cores
 * keeps one copy per concurrently running task (a CGCNN is a few hundred kB), loaded the first time that
 * many tasks run at once and reused for the rest of the job.
 */
final class ExecutorModels {

    private static final Map<ModelSpec, ConcurrentLinkedQueue<List<StructureModel<?>>>> IDLE =
            new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /** Models for one task: an idle copy, or a new one. Give them back with {@link #release}. */
    static List<StructureModel<?>> borrow(ModelSpec spec) {
        List<StructureModel<?>> m =
                IDLE.computeIfAbsent(spec, k -> new ConcurrentLinkedQueue<>()).poll();
        if (m != null) return m;
        try {
            return spec.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the models " + spec.models() + ": " + e.getMessage(), e);
        }
    }

    /** Returns models borrowed for a task that has ended. */
    static void release(ModelSpec spec, List<StructureModel<?>> models) {
        IDLE.computeIfAbsent(spec, k -> new ConcurrentLinkedQueue<>()).add(models);
    }
}

package spinel.zoo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import spinel.graph.Structure;

/**
 * The prediction pipeline: inputs are read and featurised in parallel, then predicted in batches,
 * one forward pass per model and batch; results come out in input order.
 *
 * <p>It streams: {@link #predict(Iterator)} is lazy and holds at most two chunks of
 * {@link Builder#optBatchSize batch} inputs at once (chunk k+1 is read and featurised on the worker
 * threads while chunk k goes through the networks), so a million structures — or a Spark partition —
 * go through in bounded memory. A structure that cannot be read or featurised gives a failed
 * {@link PredictionResult} and the others go on.
 *
 * <pre>{@code
 * try (StructureModel<?> m = ModelRegistry.load("spinel/band-gap");
 *         PredictionPipeline p = PredictionPipeline.builder().addModel(m).build()) {
 *     p.predict(files.stream().map(StructureInput::of).iterator(), r -> System.out.println(r));
 * }
 * }</pre>
 *
 * <p>With {@link Builder#optRejectBelow(double)} a classification whose most probable class has a
 * lower probability is reported as rejected (the reject option, C. K. Chow, IEEE Trans. Inf. Theory
 * 16, 41 (1970)). The pipeline does not close its models.
 */
public final class PredictionPipeline implements AutoCloseable {

    private final List<Slot<?>> slots;
    private final int batchSize;
    private final double rejectBelow;
    private final boolean embeddings;
    private final ExecutorService pool;

    private PredictionPipeline(Builder b) {
        this.slots = new ArrayList<>();
        for (StructureModel<?> m : b.models) slots.add(slot(m));
        this.batchSize = b.batchSize;
        this.rejectBelow = b.rejectBelow;
        this.embeddings = b.embeddings;
        this.pool = b.threads == 0
                ? null
                : Executors.newFixedThreadPool(b.threads, r -> {
                    Thread t = new Thread(r, "spinel-predict");
                    t.setDaemon(true);
                    return t;
                });
    }

    private <F> Slot<F> slot(StructureModel<F> m) {
        return new Slot<>(m);
    }

    /** A builder: at least one model; batch 256, one worker thread per core, no reject threshold. */
    public static Builder builder() {
        return new Builder();
    }

    /** The results for {@code inputs}, computed as they are consumed (see the class comment). */
    public Iterator<PredictionResult> predict(Iterator<StructureInput> inputs) {
        return new Results(Objects.requireNonNull(inputs, "inputs"));
    }

    /** Predicts every input, handing each result to {@code sink} in input order. */
    public void predict(Iterator<StructureInput> inputs, Consumer<PredictionResult> sink) {
        predict(inputs).forEachRemaining(sink);
    }

    /** The results for structures in memory, in order (one per structure and model). */
    public List<PredictionResult> predictAll(List<Structure> structures) {
        List<PredictionResult> out = new ArrayList<>();
        predict(structures.stream().map(StructureInput::of).iterator(), out::add);
        return out;
    }

    /** The model names, in output order. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (Slot<?> s : slots) names.add(s.model.name());
        return names;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    /** One input after reading and featurisation: its structures and, per model, their inputs. */
    private final class Item {
        final StructureInput input;
        final List<Structure> structures;
        final Exception error;
        final List<Featurized<?>> perModel = new ArrayList<>();

        Item(StructureInput input) {
            this.input = input;
            List<Structure> read = null;
            Exception failure = null;
            try {
                read = input.read();
                if (read == null || read.isEmpty())
                    throw new IllegalArgumentException(input.source() + ": no structure in this input");
            } catch (Exception e) {
                failure = e;
            } catch (StackOverflowError e) {
                failure = new IllegalArgumentException(input.source() + ": structure too deeply nested to read");
            }
            this.structures = failure == null ? read : List.of();
            this.error = failure;
            if (failure == null) for (Slot<?> s : slots) perModel.add(s.featurize(structures));
        }

        void emit(Deque<PredictionResult> out) {
            if (error != null) {
                out.add(new PredictionResult(input, 0, 0, null, null, null, false, error));
                return;
            }
            for (int i = 0; i < structures.size(); i++) {
                for (Featurized<?> f : perModel) out.add(f.result(input, i, structures));
            }
        }
    }

    /** One model's inputs for the structures of one {@link Item}, and later its predictions. */
    private final class Featurized<F> {
        final Slot<F> slot;
        final List<F> features = new ArrayList<>();
        final Exception[] errors;
        final Prediction[] predictions;

        Featurized(Slot<F> slot, List<Structure> structures) {
            this.slot = slot;
            this.errors = new Exception[structures.size()];
            this.predictions = new Prediction[structures.size()];
            for (int i = 0; i < structures.size(); i++) {
                try {
                    features.add(slot.model.featurize(structures.get(i)));
                } catch (RuntimeException e) {
                    features.add(null);
                    errors[i] = e;
                }
            }
        }

        void enqueue() {
            slot.pending.add(this);
        }

        PredictionResult result(StructureInput input, int i, List<Structure> all) {
            String name = slot.model.name();
            Structure s = all.get(i);
            if (errors[i] != null) return new PredictionResult(input, i, all.size(), s, name, null, false, errors[i]);
            Prediction p = predictions[i];
            boolean rejected = p.isClassification() && p.value() < rejectBelow;
            return new PredictionResult(input, i, all.size(), s, name, p, rejected, null);
        }
    }

    /** A model and the featurised inputs waiting for its next forward passes. */
    private final class Slot<F> {
        final StructureModel<F> model;
        final List<Featurized<F>> pending = new ArrayList<>();

        Slot(StructureModel<F> model) {
            this.model = model;
        }

        Featurized<F> featurize(List<Structure> structures) {
            return new Featurized<>(this, structures);
        }

        /** Predicts every pending input, at most {@code batchSize} crystals per forward pass. */
        void flush() {
            List<F> batch = new ArrayList<>();
            List<Featurized<F>> owners = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (Featurized<F> f : pending) {
                for (int i = 0; i < f.features.size(); i++) {
                    if (f.errors[i] != null) continue;
                    batch.add(f.features.get(i));
                    owners.add(f);
                    positions.add(i);
                    if (batch.size() == batchSize) forward(batch, owners, positions);
                }
            }
            if (!batch.isEmpty()) forward(batch, owners, positions);
            pending.clear();
        }

        private void forward(List<F> batch, List<Featurized<F>> owners, List<Integer> positions) {
            try {
                List<Prediction> p = model.predict(batch, embeddings);
                for (int k = 0; k < batch.size(); k++) owners.get(k).predictions[positions.get(k)] = p.get(k);
            } catch (RuntimeException e) {
                for (int k = 0; k < batch.size(); k++) owners.get(k).errors[positions.get(k)] = e;
            }
            batch.clear();
            owners.clear();
            positions.clear();
        }
    }

    /** The lazy result iterator: one chunk predicted while the next is being prepared. */
    private final class Results implements Iterator<PredictionResult> {
        private final Iterator<StructureInput> inputs;
        private final Deque<PredictionResult> ready = new ArrayDeque<>();
        private List<Future<Item>> next;

        Results(Iterator<StructureInput> inputs) {
            this.inputs = inputs;
        }

        @Override
        public boolean hasNext() {
            if (next == null) next = submit();
            while (ready.isEmpty() && !next.isEmpty()) {
                List<Future<Item>> current = next;
                next = submit();
                predictChunk(current);
            }
            return !ready.isEmpty();
        }

        @Override
        public PredictionResult next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.poll();
        }

        private List<Future<Item>> submit() {
            List<Future<Item>> futures = new ArrayList<>();
            while (futures.size() < batchSize && inputs.hasNext()) {
                StructureInput in = inputs.next();
                futures.add(
                        pool != null
                                ? pool.submit(() -> new Item(in))
                                : CompletableFuture.completedFuture(new Item(in)));
            }
            return futures;
        }

        private void predictChunk(List<Future<Item>> chunk) {
            List<Item> items = new ArrayList<>(chunk.size());
            for (Future<Item> f : chunk) items.add(await(f));
            for (int m = 0; m < slots.size(); m++) {
                for (Item it : items) if (it.error == null) it.perModel.get(m).enqueue();
                slots.get(m).flush();
            }
            for (Item it : items) it.emit(ready);
        }

        private Item await(Future<Item> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("prediction interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("prediction failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Settings of a {@link PredictionPipeline}. */
    public static final class Builder {
        private final List<StructureModel<?>> models = new ArrayList<>();
        private int batchSize = 256;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double rejectBelow = 0;
        private boolean embeddings;

        private Builder() {}

        /** Adds a model; results come per structure in the order the models were added. */
        public Builder addModel(StructureModel<?> model) {
            models.add(Objects.requireNonNull(model, "model"));
            return this;
        }

        /** Adds every model of {@code list}. */
        public Builder addModels(List<? extends StructureModel<?>> list) {
            list.forEach(this::addModel);
            return this;
        }

        /** Inputs per chunk and crystals per forward pass (default 256). */
        public Builder optBatchSize(int n) {
            if (n < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + n);
            batchSize = n;
            return this;
        }

        /**
         * Threads reading and featurising inputs (default: one per core); 0 reads on the calling thread, one
         * core in all (a Spark task).
         */
        public Builder optThreads(int n) {
            if (n < 0) throw new IllegalArgumentException("threads must be at least 0, got " + n);
            threads = n;
            return this;
        }

        /**
         * Classifications whose most probable class has a probability below {@code p} are reported
         * as rejected (default 0: none).
         */
        public Builder optRejectBelow(double p) {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("reject threshold must be in [0, 1], got " + p);
            rejectBelow = p;
            return this;
        }

        /** Also return each crystal's embedding (models that have one). */
        public Builder optEmbeddings(boolean on) {
            embeddings = on;
            return this;
        }

        public PredictionPipeline build() {
            if (models.isEmpty()) throw new IllegalArgumentException("a prediction pipeline needs at least one model");
            return new PredictionPipeline(this);
        }
    }
}

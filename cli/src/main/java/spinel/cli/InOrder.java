package spinel.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps a stream of inputs on worker threads and hands the results on in input order, holding at most
 * a few results per thread at once: bounded memory whatever the number of inputs.
 */
final class InOrder {

    private InOrder() {}

    /** Results of {@code f} for every input, in order, to {@code sink} (called on the calling thread). */
    static <T, R> void map(Iterator<T> inputs, Function<T, R> f, int threads, Consumer<R> sink) {
        int window = 4 * Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "spinel-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<R>> queue = new ArrayDeque<>();
            while (inputs.hasNext() || !queue.isEmpty()) {
                while (queue.size() < window && inputs.hasNext()) {
                    T in = inputs.next();
                    queue.add(pool.submit(() -> f.apply(in)));
                }
                sink.accept(await(queue.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}

package spinel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The rows of one split as network inputs: {@link #batch} turns a list of positions (0..size−1) into
 * the tensors of one mini-batch. Implementations stream from wherever the rows live (an in-memory
 * array, the on-disk graph cache), so only one batch needs to be in memory.
 */
public interface BatchSource {

    /**
     * One mini-batch: network inputs, labels (the first is float (B, K) targets or int (B) class
     * indices; multi-output heads take more), its size. {@code resource}, when not null, is closed
     * after the batch is used (e.g. a GraphBatch owning its tensors).
     */
    record Batch(NDList inputs, NDList labels, int size, AutoCloseable resource) {
        public Batch(NDList inputs, NDArray labels, int size) {
            this(inputs, new NDList(labels), size, null);
        }
    }

    /** Number of rows. */
    int size();

    /** The batch of rows {@code positions}, created on {@code manager}. */
    Batch batch(NDManager manager, int[] positions);
}

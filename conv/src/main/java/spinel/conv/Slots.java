package spinel.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The neighbour structure of a {@link GraphBatch} that every convolution reads (tensors 1–8 of
 * {@link GraphBatch#toNDList()}): for each of the S distinct slots its representative, its
 * neighbour's representative, its bond row, its BatchNorm weight and its mask; the R×S sparse
 * message sum; the atoms per representative.
 */
record Slots(
        NDArray atom,
        NDArray neighbor,
        NDArray bonds,
        NDArray bond,
        NDArray weight,
        NDArray mask,
        NDArray messageSum,
        NDArray atomWeight) {

    /** These slots with a bond-feature row of their own each ({@code perSlot}, S×B'): bond index 0..S−1. */
    Slots withSlotBonds(NDArray perSlot) {
        NDArray index =
                perSlot.getManager().arange(0, (int) perSlot.getShape().get(0), 1, ai.djl.ndarray.types.DataType.INT64);
        return new Slots(atom, neighbor, perSlot, index, weight, mask, messageSum, atomWeight);
    }

    static Slots of(NDList in) {
        return new Slots(
                in.get(GraphBatch.SLOT_ATOM),
                in.get(GraphBatch.SLOT_NEIGHBOR),
                in.get(GraphBatch.BOND_FEATURES),
                in.get(GraphBatch.SLOT_BOND),
                in.get(GraphBatch.SLOT_WEIGHT),
                in.get(GraphBatch.SLOT_MASK),
                in.get(GraphBatch.MESSAGE_SUM),
                in.get(GraphBatch.ATOM_WEIGHT));
    }
}

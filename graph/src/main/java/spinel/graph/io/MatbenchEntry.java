package spinel.graph.io;

import spinel.graph.Structure;

/**
 * One row of a Matbench dataset.
 *
 * @param id        the Matbench id ({@code mb-perovskites-00001}); also the structure's id
 * @param structure the structure
 * @param target    the target value in the dataset's unit (see the dataset's README); booleans are
 *                  1 and 0, a missing value is NaN
 */
public record MatbenchEntry(String id, Structure structure, double target) {}

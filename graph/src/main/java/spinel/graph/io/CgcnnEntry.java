package spinel.graph.io;

import java.nio.file.Path;

/**
 * One row of a CGCNN dataset folder's {@code id_prop.csv}: the id, the CIF file {@code <id>.cif} next
 * to it (not read yet), and the target values of that row.
 *
 * @param id      the structure id (first column)
 * @param cif     the structure file, {@code <folder>/<id>.cif}
 * @param targets the remaining columns as numbers (at least one)
 * @param line    the 1-based line of {@code id_prop.csv} this row came from
 */
public record CgcnnEntry(String id, Path cif, double[] targets, int line) {

    /** The first target (the CGCNN convention: {@code id,target}). */
    public double target() {
        return targets[0];
    }
}

/**
 * Reading and writing structures: CIF 1.1 (one result per data block, consistency checks against the
 * file's declared formula, Z and density), POSCAR/CONTCAR, extended XYZ, pymatgen JSON, Matbench datasets,
 * CGCNN data folders, CSV through jackson-dataformat-csv, NumPy {@code .npy}/{@code .npz}; {@link
 * spinel.graph.io.AtomicFiles}, the one way every file is written (temporary name, then an atomic move).
 * Errors are {@link spinel.graph.StructureFormatException}s naming the file, the line and what was expected.
 */
package spinel.graph.io;

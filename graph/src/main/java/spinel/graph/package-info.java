/**
 * The crystal: elements, {@link spinel.graph.Lattice} (Å, degrees, pymatgen orientation),
 * {@link spinel.graph.Site}, {@link spinel.graph.Composition}, {@link spinel.graph.Structure} (immutable, with
 * the warnings of the reader that built it and the space group its file declares); periodic neighbour search
 * ({@link spinel.graph.NeighborList}, exact cell lists); the crystal graph of the reference CGCNN (Xie &amp;
 * Grossman, PRL 120, 145301 (2018): radius 8 Å, 12 neighbours, Gaussian expansion 0..8 Å step 0.2) with its
 * atom and bond featurizers, and its JGraphT view ({@link spinel.graph.CrystalMultigraph}).
 */
package spinel.graph;

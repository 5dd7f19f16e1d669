/**
 * Symmetry, in pure Java: the space-group analysis of spglib (Togo &amp; Tanaka, "Spglib: a software library
 * for crystal symmetry search", 2018) — {@link spinel.graph.symmetry.DelaunayReduction}, {@link
 * spinel.graph.symmetry.PrimitiveCell}, {@link spinel.graph.symmetry.SymmetryAnalyzer} and its {@link
 * spinel.graph.symmetry.SymmetryDataset}, the 530 Hall settings; {@link spinel.graph.symmetry.NiggliReduction}
 * (Křivý &amp; Gruber 1976); pymatgen's {@link spinel.graph.symmetry.StructureMatcher}; the 752 CIF settings
 * of {@link spinel.graph.symmetry.SpaceGroups}; and the one crystallographic vocabulary ({@link
 * spinel.graph.symmetry.CrystalSystem}, {@link spinel.graph.symmetry.BravaisLattice}, {@link
 * spinel.graph.symmetry.PointGroup}). Tolerances: {@code symprec} in Å, angles in degrees.
 */
package spinel.graph.symmetry;

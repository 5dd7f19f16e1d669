package spinel.graph.symmetry;

import java.util.List;
import spinel.graph.Lattice;

/**
 * The symmetry of a structure, as spglib's {@code SpglibDataset}: the space-group type in its
 * standard Hall setting, the operations of the input cell, the orbits of its sites, and the change
 * of basis to the standardized conventional cell.
 *
 * @param number                International Tables space-group number, 1–230
 * @param hallNumber            spglib's Hall number of the standard setting, 1–530
 * @param hallSymbol            Hall symbol of that setting ("-F 4 2 3")
 * @param international         short Hermann–Mauguin symbol as spglib writes it ("Fm-3m")
 * @param pointGroup            the point group
 * @param bravaisLattice        the Bravais lattice ("cF")
 * @param symprec               the requested distance tolerance, Å
 * @param tolerance             the tolerance actually used, Å (smaller when symprec had to shrink)
 * @param operations            the operations of the input cell (fractional, input basis), pure
 *                              translations included
 * @param equivalentAtoms       for each input site, the lowest index of a site in its orbit
 * @param mappingToPrimitive    for each input site, its site in the primitive cell
 * @param primitiveSize         number of sites in the primitive cell
 * @param conventionalLattice   the conventional cell of the standard setting (lattice vectors in
 *                              the input's Cartesian frame, not idealized)
 * @param conventionalSize      number of sites in that cell
 * @param primitiveToConventional integer matrix P whose columns are the conventional axes in the
 *                              primitive basis
 * @param originShift           origin of the standard setting in primitive fractional coordinates
 * @param primitive             the primitive cell found (Delaunay-reduced, sites in order of
 *                              first appearance)
 */
public record SymmetryDataset(
        int number,
        int hallNumber,
        String hallSymbol,
        String international,
        PointGroup pointGroup,
        BravaisLattice bravaisLattice,
        double symprec,
        double tolerance,
        List<SymOp> operations,
        int[] equivalentAtoms,
        int[] mappingToPrimitive,
        int primitiveSize,
        Lattice conventionalLattice,
        int conventionalSize,
        int[][] primitiveToConventional,
        double[] originShift,
        spinel.graph.Structure primitive) {

    /** The crystal system. */
    public CrystalSystem crystalSystem() {
        return CrystalSystem.ofSpaceGroup(number);
    }

    /** The Hall setting (symbols, choice, arithmetic class). */
    public HallSetting hallSetting() {
        return HallSettings.get(hallNumber);
    }

    /**
     * The standardized conventional cell: the conventional axes of the standard Hall setting, its
     * origin, every site of the primitive cell with its centring copies, in [0, 1). Lattice vectors
     * stay in the input's Cartesian frame and are not idealized.
     */
    public spinel.graph.Structure conventionalStructure() {
        return StandardCells.conventional(this);
    }

    /** Number of distinct orbits (crystallographically distinct sites). */
    public int orbitCount() {
        int n = 0;
        for (int i = 0; i < equivalentAtoms.length; i++) if (equivalentAtoms[i] == i) n++;
        return n;
    }
}

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
 * @param wyckoffs              for each input site, its Wyckoff letter in the standard setting
 *                              (spglib's {@code wyckoffs})
 * @param siteSymmetrySymbols   for each input site, the oriented site-symmetry symbol of its Wyckoff
 *                              position (spglib's {@code site_symmetry_symbols}, e.g. "m-3m", ".m.")
 * @param transformationMatrix  spglib's {@code transformation_matrix} P: standardized fractional
 *                              coordinates x_s = P x + p of input ones x
 * @param stdOriginShift        spglib's {@code origin_shift} p, standardized fractional coordinates
 * @param standardized          spglib's standardized (refined, idealized) conventional cell:
 *                              {@code std_lattice}, {@code std_positions}, {@code std_types}
 * @param standardizedPrimitive spglib's standardized primitive cell ({@code find_primitive})
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
        spinel.graph.Structure primitive,
        String[] wyckoffs,
        String[] siteSymmetrySymbols,
        double[][] transformationMatrix,
        double[] stdOriginShift,
        spinel.graph.Structure standardized,
        spinel.graph.Structure standardizedPrimitive) {

    /** The crystal system. */
    public CrystalSystem crystalSystem() {
        return CrystalSystem.ofSpaceGroup(number);
    }

    /** The Hall setting (symbols, choice, arithmetic class). */
    public HallSetting hallSetting() {
        return HallSettings.get(hallNumber);
    }

    /** spglib's {@code std_lattice}: the idealized conventional lattice, a along x, b in the xy plane. */
    public Lattice stdLattice() {
        return standardized.lattice();
    }

    /** The Wyckoff position of each input site. */
    public java.util.List<WyckoffPosition> wyckoffPositions() {
        java.util.List<WyckoffPosition> table = WyckoffPositions.of(hallNumber);
        java.util.List<WyckoffPosition> out = new java.util.ArrayList<>(wyckoffs.length);
        for (String w : wyckoffs) {
            for (WyckoffPosition p : table) {
                if (p.letter().equals(w)) out.add(p);
            }
        }
        return out;
    }

    /** Number of distinct orbits (crystallographically distinct sites). */
    public int orbitCount() {
        int n = 0;
        for (int i = 0; i < equivalentAtoms.length; i++) if (equivalentAtoms[i] == i) n++;
        return n;
    }
}

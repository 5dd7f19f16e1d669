package spinel.graph.symmetry;

import java.util.List;

/**
 * One setting of a space group: its International Tables number, its symbol with the setting
 * ("F d -3 m :2", "R -3 m :H", "P 1 21/c 1") and the operators of its general position (centring
 * translations included), as in the COD table shipped with pymatgen ({@code symm_ops.json}).
 *
 * @param number    International Tables number, 1..230
 * @param symbol    Hermann–Mauguin symbol of this setting, with ":1"/":2" (origin choice) or
 *                  ":H"/":R" (hexagonal or rhombohedral axes) where the group has several
 * @param operators the general-position operators, identity first
 */
public record SpaceGroup(int number, String symbol, List<SymOp> operators) {

    public SpaceGroup {
        if (number < 1 || number > 230) {
            throw new IllegalArgumentException("space-group number must be 1..230, got " + number);
        }
        operators = List.copyOf(operators);
    }

    /** Number of operators (the order of the group modulo lattice translations of this cell). */
    public int order() {
        return operators.size();
    }

    /** Whether this setting uses rhombohedral axes (":R"). */
    public boolean isRhombohedralAxes() {
        return symbol.endsWith(":R");
    }

    /** Whether this setting is the hexagonal-axes setting of a rhombohedral group (":H"). */
    public boolean isHexagonalAxes() {
        return symbol.endsWith(":H");
    }

    /** Crystal system from the number. */
    public CrystalSystem crystalSystem() {
        return SpaceGroups.crystalSystem(number);
    }

    @Override
    public String toString() {
        return symbol + " (" + number + ")";
    }
}

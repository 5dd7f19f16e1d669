package spinel.graph.symmetry;

import java.util.List;

/**
 * One of the 530 Hall settings of the 230 space-group types, as spglib numbers them
 * ({@code spglib.get_spacegroup_type}): the setting's Hall symbol, its International Tables number
 * and symbols, the origin or cell choice, and its operations in the conventional cell (centring
 * translations included).
 *
 * @param hallNumber        1–530, spglib's serial number of the setting
 * @param number            International Tables space-group number, 1–230
 * @param international     short Hermann–Mauguin symbol as spglib writes it ("Fm-3m", "P2_1/c")
 * @param internationalFull full symbol ("F 4/m -3 2/m")
 * @param hallSymbol        Hall symbol ("-F 4 2 3")
 * @param choice            origin choice "1"/"2", axes "H"/"R", monoclinic "b1", ..., or ""
 * @param pointGroup        the point group
 * @param arithmeticNumber  arithmetic crystal class number, 1–73
 * @param arithmeticSymbol  arithmetic crystal class symbol ("m-3mF")
 * @param schoenflies       Schoenflies symbol ("Oh^5")
 * @param operations        the operations (rotation, translation) in this setting's conventional cell
 */
public record HallSetting(
        int hallNumber,
        int number,
        String international,
        String internationalFull,
        String hallSymbol,
        String choice,
        PointGroup pointGroup,
        int arithmeticNumber,
        String arithmeticSymbol,
        String schoenflies,
        List<SymOp> operations) {

    public HallSetting {
        operations = List.copyOf(operations);
    }

    /** The crystal system. */
    public CrystalSystem crystalSystem() {
        return CrystalSystem.ofSpaceGroup(number);
    }

    /** The Bravais lattice. */
    public BravaisLattice bravaisLattice() {
        return BravaisLattice.ofSpaceGroup(number);
    }

    /** Whether this is the setting spglib reports by default for its space-group type. */
    public boolean isStandard() {
        return HallSettings.standard(number).hallNumber() == hallNumber;
    }

    @Override
    public String toString() {
        return international + " (" + number + ", Hall " + hallNumber + " '" + hallSymbol + "')";
    }
}

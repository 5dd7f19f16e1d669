package spinel.conv;

import java.util.Arrays;

/**
 * The 14 Bravais lattices in Pearson-symbol order, and the lattice of each of the 230 space groups
 * (International Tables for Crystallography, Vol. A: crystal family from the group number, centring
 * from the first letter of the Hermann–Mauguin symbol; A-centred orthorhombic groups 38–41 count as
 * base-centred oC; trigonal groups with an R lattice are hR, the other trigonal groups hP).
 */
public enum BravaisLattice {
    TRICLINIC_P("aP"),
    MONOCLINIC_P("mP"),
    MONOCLINIC_C("mC"),
    ORTHORHOMBIC_P("oP"),
    ORTHORHOMBIC_C("oC"),
    ORTHORHOMBIC_I("oI"),
    ORTHORHOMBIC_F("oF"),
    TETRAGONAL_P("tP"),
    TETRAGONAL_I("tI"),
    RHOMBOHEDRAL("hR"),
    HEXAGONAL_P("hP"),
    CUBIC_P("cP"),
    CUBIC_I("cI"),
    CUBIC_F("cF");

    private static final int[] MONOCLINIC_C_GROUPS = {5, 8, 9, 12, 15};
    private static final int[] ORTHO_C_GROUPS = {20, 21, 35, 36, 37, 38, 39, 40, 41, 63, 64, 65, 66, 67, 68};
    private static final int[] ORTHO_F_GROUPS = {22, 42, 43, 69, 70};
    private static final int[] ORTHO_I_GROUPS = {23, 24, 44, 45, 46, 71, 72, 73, 74};
    private static final int[] TETRA_I_GROUPS = {
        79, 80, 82, 87, 88, 97, 98, 107, 108, 109, 110, 119, 120, 121, 122, 139, 140, 141, 142
    };
    private static final int[] RHOMBO_GROUPS = {146, 148, 155, 160, 161, 166, 167};
    private static final int[] CUBIC_F_GROUPS = {196, 202, 203, 209, 210, 216, 219, 225, 226, 227, 228};
    private static final int[] CUBIC_I_GROUPS = {197, 199, 204, 206, 211, 214, 217, 220, 229, 230};

    private static final BravaisLattice[] OF_SPACE_GROUP = new BravaisLattice[231];

    static {
        for (int sg = 1; sg <= 230; sg++) OF_SPACE_GROUP[sg] = compute(sg);
    }

    private final String pearson;

    BravaisLattice(String pearson) {
        this.pearson = pearson;
    }

    /** The Pearson symbol prefix, e.g. "cF". */
    public String pearsonSymbol() {
        return pearson;
    }

    /** The Bravais lattice of space group {@code number} (1–230). */
    public static BravaisLattice ofSpaceGroup(int number) {
        if (number < 1 || number > 230)
            throw new IllegalArgumentException("space group number must be 1..230, got " + number);
        return OF_SPACE_GROUP[number];
    }

    private static boolean in(int[] groups, int sg) {
        return Arrays.binarySearch(groups, sg) >= 0;
    }

    private static BravaisLattice compute(int sg) {
        if (sg <= 2) return TRICLINIC_P;
        if (sg <= 15) return in(MONOCLINIC_C_GROUPS, sg) ? MONOCLINIC_C : MONOCLINIC_P;
        if (sg <= 74) {
            if (in(ORTHO_C_GROUPS, sg)) return ORTHORHOMBIC_C;
            if (in(ORTHO_F_GROUPS, sg)) return ORTHORHOMBIC_F;
            if (in(ORTHO_I_GROUPS, sg)) return ORTHORHOMBIC_I;
            return ORTHORHOMBIC_P;
        }
        if (sg <= 142) return in(TETRA_I_GROUPS, sg) ? TETRAGONAL_I : TETRAGONAL_P;
        if (sg <= 194) return in(RHOMBO_GROUPS, sg) ? RHOMBOHEDRAL : HEXAGONAL_P;
        if (in(CUBIC_F_GROUPS, sg)) return CUBIC_F;
        if (in(CUBIC_I_GROUPS, sg)) return CUBIC_I;
        return CUBIC_P;
    }
}

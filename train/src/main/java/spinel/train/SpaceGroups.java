package spinel.train;

/**
 * Maps a space-group number (1–230, International Tables for Crystallography, Vol. A) to its crystal
 * system and Bravais lattice. The crystal system follows from the number ranges; the lattice from
 * the first letter (centring) of the Hermann–Mauguin symbol in the standard setting.
 */
public final class SpaceGroups {

    /**
     * First letter of the Hermann–Mauguin symbol of groups 1..230, in the standard settings pymatgen
     * uses ({@code SpaceGroup.from_int_number(n).symbol[0]}, pymatgen 2023; groups 38–41 are A-centred).
     */
    private static final String CENTRING =
        "PPPPCPPCCPPCPPCPPPPCCFIIPPPPPPPPPPCCCAAAAFFIIIPPPPPPPPPPPPPPPPCCCCCCFFIIIIPPPPIIPIPPPPIIPPPPPPPPII"
        + "PPPPPPPPIIIIPPPPPPPPIIIIPPPPPPPPPPPPPPPPIIIIPPPRPRPPPPPPRPPPPRRPPPPRRPPPPPPPPPPPPPPPPPPPPPPPPPPPP"
        + "FIPIPPFFIPIPPFFIPPIPFIPFIPPPPFFFFII";

    static {
        if (CENTRING.length() != 230) throw new AssertionError("centring table has " + CENTRING.length() + " entries");
    }

    private SpaceGroups() {}

    /** The crystal system of space group {@code number}. */
    public static CrystalSystem crystalSystem(int number) {
        check(number);
        if (number <= 2) return CrystalSystem.TRICLINIC;
        if (number <= 15) return CrystalSystem.MONOCLINIC;
        if (number <= 74) return CrystalSystem.ORTHORHOMBIC;
        if (number <= 142) return CrystalSystem.TETRAGONAL;
        if (number <= 167) return CrystalSystem.TRIGONAL;
        if (number <= 194) return CrystalSystem.HEXAGONAL;
        return CrystalSystem.CUBIC;
    }

    /** The centring letter (P, A, C, I, F or R) of space group {@code number}. */
    public static char centring(int number) {
        check(number);
        return CENTRING.charAt(number - 1);
    }

    /** The Bravais lattice of space group {@code number}. */
    public static BravaisLattice bravais(int number) {
        char c = centring(number);
        return switch (crystalSystem(number)) {
            case TRICLINIC -> BravaisLattice.aP;
            case MONOCLINIC -> c == 'P' ? BravaisLattice.mP : BravaisLattice.mC;
            case ORTHORHOMBIC -> switch (c) {
                case 'P' -> BravaisLattice.oP;
                case 'I' -> BravaisLattice.oI;
                case 'F' -> BravaisLattice.oF;
                default -> BravaisLattice.oC;
            };
            case TETRAGONAL -> c == 'I' ? BravaisLattice.tI : BravaisLattice.tP;
            case TRIGONAL -> c == 'R' ? BravaisLattice.hR : BravaisLattice.hP;
            case HEXAGONAL -> BravaisLattice.hP;
            case CUBIC -> switch (c) {
                case 'I' -> BravaisLattice.cI;
                case 'F' -> BravaisLattice.cF;
                default -> BravaisLattice.cP;
            };
        };
    }

    private static void check(int number) {
        if (number < 1 || number > 230) throw new IllegalArgumentException("space group number " + number + " outside 1..230");
    }
}

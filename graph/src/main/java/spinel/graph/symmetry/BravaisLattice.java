package spinel.graph.symmetry;

/**
 * The 14 Bravais lattices in Pearson-symbol order, and the lattice of each of the 230 space groups
 * (International Tables for Crystallography, Vol. A, §2.1.1: crystal family from the group number,
 * centring from the first letter of the Hermann–Mauguin symbol; the A-centred orthorhombic groups
 * 38–41 are base-centred oC (oS); trigonal groups with an R lattice are hR, the other trigonal and
 * the hexagonal groups hP).
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

    private final String pearson;

    BravaisLattice(String pearson) {
        this.pearson = pearson;
    }

    /** The Pearson symbol prefix, e.g. "cF". */
    public String pearsonSymbol() {
        return pearson;
    }

    /** The lattice system's crystal family letter and centring: a, m, o, t, h, c and P, C, I, F, R. */
    public char centring() {
        return pearson.charAt(1);
    }

    /** The Bravais lattice of space group {@code number} (1–230), from its standard symbol. */
    public static BravaisLattice ofSpaceGroup(int number) {
        CrystalSystem cs = CrystalSystem.ofSpaceGroup(number);
        char c = HallSettings.standard(number).international().charAt(0);
        String family =
                switch (cs) {
                    case TRICLINIC -> "a";
                    case MONOCLINIC -> "m";
                    case ORTHORHOMBIC -> "o";
                    case TETRAGONAL -> "t";
                    case TRIGONAL, HEXAGONAL -> "h";
                    case CUBIC -> "c";
                };
        char centring = (c == 'A' || c == 'B') ? 'C' : c;
        return ofPearson(family + centring);
    }

    /** The lattice with this Pearson prefix ("cF", "hR"; "oS"/"mS" are read as oC/mC). */
    public static BravaisLattice ofPearson(String symbol) {
        String s = symbol.trim();
        if (s.length() == 2 && s.charAt(1) == 'S') s = s.charAt(0) + "C";
        for (BravaisLattice b : values()) if (b.pearson.equals(s)) return b;
        throw new IllegalArgumentException("unknown Bravais lattice \"" + symbol + "\"");
    }

    /** The crystal family name in lower case, e.g. "cubic", "hexagonal" (hR and hP both). */
    public String family() {
        return switch (pearson.charAt(0)) {
            case 'a' -> "triclinic";
            case 'm' -> "monoclinic";
            case 'o' -> "orthorhombic";
            case 't' -> "tetragonal";
            case 'h' -> "hexagonal";
            default -> "cubic";
        };
    }

    @Override
    public String toString() {
        return pearson;
    }
}

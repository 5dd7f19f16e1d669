package spinel.graph.symmetry;

/**
 * The 32 crystallographic point groups (International Tables for Crystallography, Vol. A, Table
 * 10.1.2.2), in spglib's order, each with its Hermann–Mauguin and Schoenflies symbols, crystal system
 * and Laue class. A point group is recognised from the counts of its rotation types (spglib's
 * {@code pointgroup.c}): how many −6, −4, −3, −2 (mirrors), −1, 1, 2, 3, 4 and 6 operations it has.
 */
public enum PointGroup {
    C1("1", "C1", CrystalSystem.TRICLINIC, Laue.L1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
    CI("-1", "Ci", CrystalSystem.TRICLINIC, Laue.L1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0),
    C2("2", "C2", CrystalSystem.MONOCLINIC, Laue.L2M, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0),
    CS("m", "Cs", CrystalSystem.MONOCLINIC, Laue.L2M, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0),
    C2H("2/m", "C2h", CrystalSystem.MONOCLINIC, Laue.L2M, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0),
    D2("222", "D2", CrystalSystem.ORTHORHOMBIC, Laue.LMMM, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0),
    C2V("mm2", "C2v", CrystalSystem.ORTHORHOMBIC, Laue.LMMM, 0, 0, 0, 2, 0, 1, 1, 0, 0, 0),
    D2H("mmm", "D2h", CrystalSystem.ORTHORHOMBIC, Laue.LMMM, 0, 0, 0, 3, 1, 1, 3, 0, 0, 0),
    C4("4", "C4", CrystalSystem.TETRAGONAL, Laue.L4M, 0, 0, 0, 0, 0, 1, 1, 0, 2, 0),
    S4("-4", "S4", CrystalSystem.TETRAGONAL, Laue.L4M, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0),
    C4H("4/m", "C4h", CrystalSystem.TETRAGONAL, Laue.L4M, 0, 2, 0, 1, 1, 1, 1, 0, 2, 0),
    D4("422", "D4", CrystalSystem.TETRAGONAL, Laue.L4MMM, 0, 0, 0, 0, 0, 1, 5, 0, 2, 0),
    C4V("4mm", "C4v", CrystalSystem.TETRAGONAL, Laue.L4MMM, 0, 0, 0, 4, 0, 1, 1, 0, 2, 0),
    D2D("-42m", "D2d", CrystalSystem.TETRAGONAL, Laue.L4MMM, 0, 2, 0, 2, 0, 1, 3, 0, 0, 0),
    D4H("4/mmm", "D4h", CrystalSystem.TETRAGONAL, Laue.L4MMM, 0, 2, 0, 5, 1, 1, 5, 0, 2, 0),
    C3("3", "C3", CrystalSystem.TRIGONAL, Laue.L3, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0),
    C3I("-3", "C3i", CrystalSystem.TRIGONAL, Laue.L3, 0, 0, 2, 0, 1, 1, 0, 2, 0, 0),
    D3("32", "D3", CrystalSystem.TRIGONAL, Laue.L3M, 0, 0, 0, 0, 0, 1, 3, 2, 0, 0),
    C3V("3m", "C3v", CrystalSystem.TRIGONAL, Laue.L3M, 0, 0, 0, 3, 0, 1, 0, 2, 0, 0),
    D3D("-3m", "D3d", CrystalSystem.TRIGONAL, Laue.L3M, 0, 0, 2, 3, 1, 1, 3, 2, 0, 0),
    C6("6", "C6", CrystalSystem.HEXAGONAL, Laue.L6M, 0, 0, 0, 0, 0, 1, 1, 2, 0, 2),
    C3H("-6", "C3h", CrystalSystem.HEXAGONAL, Laue.L6M, 2, 0, 0, 1, 0, 1, 0, 2, 0, 0),
    C6H("6/m", "C6h", CrystalSystem.HEXAGONAL, Laue.L6M, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2),
    D6("622", "D6", CrystalSystem.HEXAGONAL, Laue.L6MMM, 0, 0, 0, 0, 0, 1, 7, 2, 0, 2),
    C6V("6mm", "C6v", CrystalSystem.HEXAGONAL, Laue.L6MMM, 0, 0, 0, 6, 0, 1, 1, 2, 0, 2),
    D3H("-6m2", "D3h", CrystalSystem.HEXAGONAL, Laue.L6MMM, 2, 0, 0, 4, 0, 1, 3, 2, 0, 0),
    D6H("6/mmm", "D6h", CrystalSystem.HEXAGONAL, Laue.L6MMM, 2, 0, 2, 7, 1, 1, 7, 2, 0, 2),
    T("23", "T", CrystalSystem.CUBIC, Laue.LM3, 0, 0, 0, 0, 0, 1, 3, 8, 0, 0),
    TH("m-3", "Th", CrystalSystem.CUBIC, Laue.LM3, 0, 0, 8, 3, 1, 1, 3, 8, 0, 0),
    O("432", "O", CrystalSystem.CUBIC, Laue.LM3M, 0, 0, 0, 0, 0, 1, 9, 8, 6, 0),
    TD("-43m", "Td", CrystalSystem.CUBIC, Laue.LM3M, 0, 6, 0, 6, 0, 1, 3, 8, 0, 0),
    OH("m-3m", "Oh", CrystalSystem.CUBIC, Laue.LM3M, 0, 6, 8, 9, 1, 1, 9, 8, 6, 0);

    /** The 11 Laue classes (centrosymmetric supergroups), which fix how the axes are found. */
    enum Laue {
        L1,
        L2M,
        LMMM,
        L4M,
        L4MMM,
        L3,
        L3M,
        L6M,
        L6MMM,
        LM3,
        LM3M
    }

    private final String symbol;
    private final String schoenflies;
    private final CrystalSystem system;
    private final Laue laue;
    private final int[] table;

    PointGroup(String symbol, String schoenflies, CrystalSystem system, Laue laue, int... table) {
        this.symbol = symbol;
        this.schoenflies = schoenflies;
        this.system = system;
        this.laue = laue;
        this.table = table;
    }

    /** Hermann–Mauguin symbol as spglib writes it: "m-3m", "6/mmm", "-42m". */
    public String symbol() {
        return symbol;
    }

    /** Schoenflies symbol: "Oh", "D6h". */
    public String schoenflies() {
        return schoenflies;
    }

    /** The crystal system. */
    public CrystalSystem crystalSystem() {
        return system;
    }

    /** Number of operations. */
    public int order() {
        int n = 0;
        for (int c : table) n += c;
        return n;
    }

    Laue laue() {
        return laue;
    }

    /** The point group with this Hermann–Mauguin symbol (as {@link #symbol()}). */
    public static PointGroup ofSymbol(String symbol) {
        for (PointGroup p : values()) if (p.symbol.equals(symbol.trim())) return p;
        throw new IllegalArgumentException("unknown point group \"" + symbol + "\"");
    }

    /**
     * Rotation type of an integer rotation matrix: index into {−6, −4, −3, −2, −1, 1, 2, 3, 4, 6},
     * or −1 when it is not a crystallographic rotation.
     */
    static int rotationType(int[][] w) {
        int tr = Mat3.trace(w);
        if (Mat3.det(w) == -1) {
            return switch (tr) {
                case -2 -> 0;
                case -1 -> 1;
                case 0 -> 2;
                case 1 -> 3;
                case -3 -> 4;
                default -> -1;
            };
        }
        return switch (tr) {
            case 3 -> 5;
            case -1 -> 6;
            case 0 -> 7;
            case 1 -> 8;
            case 2 -> 9;
            default -> -1;
        };
    }

    /** The point group of a set of distinct integer rotations, or null when none fits. */
    static PointGroup of(java.util.List<int[][]> rotations) {
        int[] counts = new int[10];
        for (int[][] w : rotations) {
            int t = rotationType(w);
            if (t < 0) return null;
            counts[t]++;
        }
        for (PointGroup p : values()) if (java.util.Arrays.equals(p.table, counts)) return p;
        return null;
    }
}

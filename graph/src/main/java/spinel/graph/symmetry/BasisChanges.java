package spinel.graph.symmetry;

/**
 * The changes of basis spglib 2.0.2 tries, in its order, when it fits a conventional cell to the
 * standard Hall setting ({@code spacegroup.c}): the 36 monoclinic ones with the centring and unique
 * axis each gives, the six axis orders of orthorhombic and cubic cells, the eight of tetragonal
 * and twelve of hexagonal cells, and the six rhombohedral-to-hexagonal ones. Columns of each matrix
 * are the new axes in the old basis. Package-private.
 */
final class BasisChanges {

    private BasisChanges() {}

    /** Monoclinic: 18 settings (unique axis b, a, c; cell choices), then each with two axes flipped. */
    static final int[][][] MONOCLINIC = monoclinic();

    /** The centring each monoclinic change of basis turns a C-centred cell into. */
    static final Centring[] MONOCLINIC_CENTRING = monoclinicCentring();

    /** The unique axis (0 = a, 1 = b, 2 = c) after each monoclinic change of basis. */
    static final int[] MONOCLINIC_UNIQUE_AXIS = {1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0};

    /** Orthorhombic (and cubic) axis orders: abc, cab, bca, ba-c, a-cb, -cba. */
    static final int[][][] ORTHORHOMBIC = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
        {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
        {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
        {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
        {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}},
        {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}}
    };

    /** The centring each orthorhombic axis order turns a C-centred cell into. */
    static final Centring[] ORTHORHOMBIC_CENTRING = {
        Centring.C, Centring.B, Centring.A, Centring.C, Centring.B, Centring.A
    };

    /** The axis along c before each orthorhombic axis order (the "unique" one of the 2-axis choices). */
    static final int[] ORTHORHOMBIC_UNIQUE_AXIS = {2, 1, 0, 2, 1, 0};

    /** Tetragonal: the four-fold rotations about c, with and without flipping c. */
    static final int[][][] TETRAGONAL = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
        {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
        {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}},
        {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}},
        {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
        {{-1, 0, 0}, {0, 1, 0}, {0, 0, -1}},
        {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}},
        {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}}
    };

    /** Hexagonal: the six-fold rotations about c, with and without flipping c. */
    static final int[][][] HEXAGONAL = {
        {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
        {{1, -1, 0}, {1, 0, 0}, {0, 0, 1}},
        {{0, -1, 0}, {1, -1, 0}, {0, 0, 1}},
        {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}},
        {{-1, 1, 0}, {-1, 0, 0}, {0, 0, 1}},
        {{0, 1, 0}, {-1, 1, 0}, {0, 0, 1}},
        {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}},
        {{-1, 1, 0}, {0, 1, 0}, {0, 0, -1}},
        {{-1, 0, 0}, {-1, 1, 0}, {0, 0, -1}},
        {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}},
        {{1, -1, 0}, {0, -1, 0}, {0, 0, -1}},
        {{1, 0, 0}, {1, -1, 0}, {0, 0, -1}}
    };

    /** Rhombohedral (a = b = c) basis to the hexagonal axes of the obverse setting, six ways. */
    static final int[][][] RHOMBOHEDRAL_TO_HEXAGONAL = {
        {{1, 0, 1}, {-1, 1, 1}, {0, -1, 1}},
        {{0, -1, 1}, {1, 0, 1}, {-1, 1, 1}},
        {{-1, 1, 1}, {0, -1, 1}, {1, 0, 1}},
        {{0, 1, -1}, {1, -1, -1}, {-1, 0, -1}},
        {{1, -1, -1}, {-1, 0, -1}, {0, 1, -1}},
        {{-1, 0, -1}, {0, 1, -1}, {1, -1, -1}}
    };

    /**
     * spglib's {@code num_axis_choices_ortho} for space groups 16–74: how many axis orders give
     * distinct settings (6: all, 3: a shortest, 2: the two axes other than the unique one ordered,
     * 1: none).
     */
    static int orthorhombicAxisChoices(int number) {
        return ORTHO_CHOICES[number - 16];
    }

    private static final int[] ORTHO_CHOICES = {
        6, 2, 2, 6, 2, 2, 6, 6, 6, 2, 1, 2, 1, 1, 1, 1, 2, 1, 2, 2, 1, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 6, 6, 2, 2, 1, 1,
        1, 1, 2, 2, 1, 2, 2, 1, 3, 1, 1, 1, 2, 2, 2, 2, 6, 6, 6, 2, 6, 2
    };

    private static int[][][] monoclinic() {
        int[][][] first = {
            {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
            {{0, 0, 1}, {0, -1, 0}, {1, 0, 0}},
            {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
            {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}},
            {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
            {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
            {{-1, 0, 1}, {0, 1, 0}, {-1, 0, 0}},
            {{1, 0, -1}, {0, -1, 0}, {0, 0, -1}},
            {{0, 1, -1}, {1, 0, 0}, {0, 0, -1}},
            {{-1, -1, 0}, {0, 0, 1}, {-1, 0, 0}},
            {{1, -1, 0}, {0, 0, 1}, {0, -1, 0}},
            {{0, 1, 1}, {1, 0, 0}, {0, 1, 0}},
            {{0, 0, -1}, {0, 1, 0}, {1, 0, -1}},
            {{-1, 0, 0}, {0, -1, 0}, {-1, 0, 1}},
            {{0, -1, 0}, {1, 0, 0}, {0, -1, 1}},
            {{0, 1, 0}, {0, 0, 1}, {1, 1, 0}},
            {{-1, 0, 0}, {0, 0, 1}, {-1, 1, 0}},
            {{0, 0, -1}, {1, 0, 0}, {0, -1, -1}}
        };
        int[][][] second = {
            {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}},
            {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}},
            {{0, 0, 1}, {-1, 0, 0}, {0, -1, 0}},
            {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}},
            {{0, 1, 0}, {0, 0, -1}, {-1, 0, 0}},
            {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}},
            {{-1, 0, -1}, {0, -1, 0}, {-1, 0, 0}},
            {{1, 0, 1}, {0, 1, 0}, {0, 0, 1}},
            {{0, -1, -1}, {-1, 0, 0}, {0, 0, -1}},
            {{1, -1, 0}, {0, 0, -1}, {1, 0, 0}},
            {{-1, -1, 0}, {0, 0, -1}, {0, -1, 0}},
            {{0, -1, 1}, {-1, 0, 0}, {0, -1, 0}},
            {{0, 0, 1}, {0, -1, 0}, {1, 0, 1}},
            {{-1, 0, 0}, {0, 1, 0}, {-1, 0, -1}},
            {{0, 1, 0}, {-1, 0, 0}, {0, 1, 1}},
            {{0, 1, 0}, {0, 0, -1}, {-1, 1, 0}},
            {{1, 0, 0}, {0, 0, -1}, {1, 1, 0}},
            {{0, 0, -1}, {-1, 0, 0}, {0, 1, -1}}
        };
        int[][][] all = new int[36][][];
        System.arraycopy(first, 0, all, 0, 18);
        System.arraycopy(second, 0, all, 18, 18);
        return all;
    }

    private static Centring[] monoclinicCentring() {
        Centring[] turn = {
            Centring.C, Centring.A, Centring.B, Centring.B, Centring.A, Centring.C, Centring.A, Centring.C, Centring.C,
            Centring.A, Centring.B, Centring.B, Centring.I, Centring.I, Centring.I, Centring.I, Centring.I, Centring.I
        };
        Centring[] all = new Centring[36];
        System.arraycopy(turn, 0, all, 0, 18);
        System.arraycopy(turn, 0, all, 18, 18);
        return all;
    }

    /** The unique axis after monoclinic change of basis i (0–35). */
    static int monoclinicUniqueAxis(int i) {
        return MONOCLINIC_UNIQUE_AXIS[i % 18];
    }
}

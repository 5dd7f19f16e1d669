package spinel.graph.symmetry;

import java.util.Locale;

/**
 * The seven crystal systems, in order of increasing symmetry (International Tables for
 * Crystallography, Vol. A, §2.1.1), with the group-number ranges of each.
 */
public enum CrystalSystem {
    TRICLINIC(1, 2),
    MONOCLINIC(3, 15),
    ORTHORHOMBIC(16, 74),
    TETRAGONAL(75, 142),
    TRIGONAL(143, 167),
    HEXAGONAL(168, 194),
    CUBIC(195, 230);

    private final int first;
    private final int last;

    CrystalSystem(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** The lowercase name pymatgen and spglib use ("triclinic", ..., "cubic"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The crystal system of space group {@code number} (1–230). */
    public static CrystalSystem ofSpaceGroup(int number) {
        for (CrystalSystem cs : values()) if (number >= cs.first && number <= cs.last) return cs;
        throw new IllegalArgumentException("space-group number must be 1..230, got " + number);
    }

    /** Parses a name in any case ("cubic", "CUBIC"). */
    public static CrystalSystem of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown crystal system \"" + name + "\"");
        }
    }

    /** Lowest space-group number of this system. */
    public int firstSpaceGroup() {
        return first;
    }

    /** Highest space-group number of this system. */
    public int lastSpaceGroup() {
        return last;
    }
}

package spinel.train;

import java.util.Locale;

/** The seven crystal systems, in order of increasing symmetry (International Tables, Vol. A). */
public enum CrystalSystem {
    TRICLINIC,
    MONOCLINIC,
    ORTHORHOMBIC,
    TETRAGONAL,
    TRIGONAL,
    HEXAGONAL,
    CUBIC;

    /** The lowercase name pymatgen and spglib use ("triclinic", ..., "cubic"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The crystal system of space group {@code number} (1–230), from the graph module's table. */
    public static CrystalSystem ofSpaceGroup(int number) {
        return of(spinel.graph.symmetry.SpaceGroups.crystalSystem(number));
    }

    /** Parses a lowercase or uppercase name. */
    public static CrystalSystem of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown crystal system \"" + name + "\"");
        }
    }
}

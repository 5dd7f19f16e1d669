package spinel.train;

import java.util.Locale;

/** The seven crystal systems, in order of increasing symmetry (International Tables, Vol. A). */
public enum CrystalSystem {
    TRICLINIC, MONOCLINIC, ORTHORHOMBIC, TETRAGONAL, TRIGONAL, HEXAGONAL, CUBIC;

    /** The lowercase name pymatgen and spglib use ("triclinic", ..., "cubic"). */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a lowercase or uppercase name. */
    public static CrystalSystem of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown crystal system \"" + name + "\"");
        }
    }
}

package spinel.graph.symmetry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The space group a file declares for its structure (CIF {@code _space_group_IT_number} /
 * {@code _symmetry_Int_Tables_number}, the Hermann–Mauguin symbol and the Hall symbol), kept as
 * metadata next to the structure: what the author says, not what {@link SymmetryAnalyzer} finds.
 *
 * @param number International Tables number as written, or 0 when the file gives none
 * @param symbol Hermann–Mauguin symbol as written ("F m -3 m"), or null
 * @param hall   Hall symbol as written ("-F 4 2 3"), or null
 */
public record DeclaredSpaceGroup(int number, String symbol, String hall) {

    public DeclaredSpaceGroup {
        if (number < 0 || number > 230) {
            throw new IllegalArgumentException("declared space-group number must be 1..230, got " + number);
        }
        symbol = blankToNull(symbol);
        hall = blankToNull(hall);
    }

    /** Null when nothing at all is declared. */
    public static DeclaredSpaceGroup ofNullable(int number, String symbol, String hall) {
        if (number == 0 && blankToNull(symbol) == null && blankToNull(hall) == null) return null;
        return new DeclaredSpaceGroup(number, symbol, hall);
    }

    /**
     * The International Tables number: as declared, else the one the Hermann–Mauguin or Hall symbol
     * names (empty when neither is known).
     */
    public OptionalInt resolvedNumber() {
        if (number > 0) return OptionalInt.of(number);
        if (symbol != null) {
            List<SpaceGroup> g = SpaceGroups.lookup(symbol);
            if (!g.isEmpty()) return OptionalInt.of(g.get(0).number());
        }
        if (hall != null) {
            Optional<SpaceGroup> g = SpaceGroups.lookupHall(hall);
            if (g.isPresent()) return OptionalInt.of(g.get().number());
        }
        return OptionalInt.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("?") || s.equals(".") ? null : s.trim();
    }
}

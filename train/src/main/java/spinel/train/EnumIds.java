package spinel.train;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one spelling of enum values outside Java: lower case with hyphens ({@code SPACE_GROUP} ↔
 * {@code "space-group"}), as on the command line and in {@code config.json}. Locale-independent
 * ({@link Locale#ROOT}), so a Turkish-locale machine reads and writes the same names.
 */
public final class EnumIds {

    private EnumIds() {}

    /** The external name of {@code value}. */
    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} named {@code value} (either spelling, any case).
     *
     * @param what the option or key being read, for the message
     * @throws IllegalArgumentException naming {@code what} and the known values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        String key = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        StringJoiner known = new StringJoiner(", ");
        for (E e : type.getEnumConstants()) known.add(id(e));
        throw new IllegalArgumentException(what + " \"" + value + "\": expected one of " + known);
    }
}

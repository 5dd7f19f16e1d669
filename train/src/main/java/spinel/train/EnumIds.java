package spinel.train;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one spelling of enum values outside Java: lower case with hyphens ({@code SPACE_GROUP} ↔
 * {@code "space-group"}), as on the command line and in {@code config.json}. Locale-independent
 * ({@link Locale#ROOT}), so a Turkish-locale machine reads and writes the same names. An enum that
 * {@linkplain Id implements Id} is written to and read from JSON in this spelling.
 */
public final class EnumIds {

    private EnumIds() {}

    /**
     * An enum spelled as {@link EnumIds} says in JSON: written as {@link #id()}, read in either spelling
     * (a wrong value names the enum, e.g. {@code loss} for {@code LossKind}, and the known values).
     */
    @JsonDeserialize(using = Reader.class)
    public interface Id {
        /** The external name of this constant ({@link EnumIds#id}). */
        @JsonValue
        default String id() {
            return EnumIds.id((Enum<?>) this);
        }
    }

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

    /** {@link #parse(Class, String, String)} naming the value after its type ({@code LossKind}: "loss"). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return parse(type, value, what(type));
    }

    /** The enum's simple name in lower case without a {@code Kind} suffix. */
    private static String what(Class<?> type) {
        return type.getSimpleName().replaceFirst("Kind$", "").toLowerCase(Locale.ROOT);
    }

    /** Reads an {@link Id} enum from a JSON string in either spelling. */
    static final class Reader extends JsonDeserializer<Enum<?>> implements ContextualDeserializer {
        private final Class<?> type;

        Reader() {
            this(null);
        }

        private Reader(Class<?> type) {
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Reader(ctxt.getContextualType().getRawClass());
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Enum<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = p.getValueAsString();
            try {
                return parse((Class) type, value);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), value, type);
            }
        }
    }
}

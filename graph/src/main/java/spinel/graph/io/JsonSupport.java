package spinel.graph.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import spinel.graph.StructureFormatException;

/** Jackson set-up and token helpers shared by the JSON readers; gzip is recognised by its magic bytes. */
final class JsonSupport {

    private JsonSupport() {}

    /** Python's json module writes NaN and Infinity; accept them so that they can be refused by meaning, not syntax. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** The file's bytes, decompressed when they start with the gzip magic number. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** A format error for bytes that are not gzip'd text or not text at all. */
    static StructureFormatException badBytes(IOException e, String src) {
        String what =
                e instanceof java.io.CharConversionException ? "not UTF-8 text" : "truncated or corrupt gzip data";
        return new StructureFormatException(src, 0, what + ": " + e.getMessage(), e);
    }

    /** The next token; the end of input where more was expected is a format error. */
    static JsonToken next(JsonParser p, String src, String expected) throws IOException, StructureFormatException {
        JsonToken t = p.nextToken();
        if (t == null) throw fail(p, src, "unexpected end of file: expected " + expected);
        return t;
    }

    /** A format error at the parser's current location (line, and column, since JSON datasets are often one line). */
    static StructureFormatException fail(JsonParser p, String src, String reason) {
        JsonLocation loc = p.currentLocation();
        int line = loc != null ? Math.max(0, loc.getLineNr()) : 0;
        String where = loc != null && loc.getColumnNr() > 0 ? " (column " + loc.getColumnNr() + ")" : "";
        return new StructureFormatException(src, line, reason + where);
    }

    /** A finite number at the current token. */
    static double number(JsonParser p, String src, String what) throws IOException, StructureFormatException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw fail(p, src, "expected " + what + " (a number), found " + describe(p));
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) throw fail(p, src, "expected " + what + " (a finite number), found " + v);
        return v;
    }

    /** The current token for messages: its text for scalars, its kind otherwise. */
    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) return "end of input";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT, END_ARRAY -> "the end of the " + (t == JsonToken.END_ARRAY ? "array" : "object");
            case FIELD_NAME -> "key '" + Text.shorten(p.currentName()) + "'";
            case VALUE_STRING -> "'" + Text.shorten(p.getText()) + "'";
            default -> Text.shorten(p.getText());
        };
    }

    /** Skips the value at the current token (scalar, object or array). */
    static void skip(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) p.skipChildren();
    }
}

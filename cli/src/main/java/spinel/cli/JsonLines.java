package spinel.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Writes one JSON object per line to a stream (JSON Lines, the machine output of every sub-command).
 * Thread-safe: each record is written and flushed whole.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final PrintStream out;

    public JsonLines(PrintStream out) {
        this.out = out;
    }

    /** Writes {@code record} (a Map, a record, any Jackson-serialisable value) as one line. */
    public synchronized void write(Object record) {
        try {
            out.println(MAPPER.writeValueAsString(record));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

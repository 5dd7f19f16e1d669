package spinel.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
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
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .registerModule(new SimpleModule("spinel-numbers")
                    .addSerializer(Double.class, new DoubleSerializer())
                    .addSerializer(Double.TYPE, new DoubleSerializer())
                    .addSerializer(double[].class, new DoubleArraySerializer()));

    /** Doubles to {@value Rounding#DOUBLE_DIGITS} significant digits; NaN and infinities as null (JSON has none). */
    private static final class DoubleSerializer extends StdSerializer<Double> {
        DoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(v, gen);
        }

        static void write(double v, JsonGenerator gen) throws IOException {
            if (Double.isFinite(v)) gen.writeNumber(Rounding.significant(v));
            else gen.writeNull();
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray();
            for (double x : v) DoubleSerializer.write(x, gen);
            gen.writeEndArray();
        }
    }

    private final PrintStream out;
    private final boolean checked;
    private long skip;

    public JsonLines(PrintStream out) {
        this(out, 0, false);
    }

    /**
     * Lines to {@code out} whose first {@code skip} lines are dropped (written already by an interrupted
     * run, see {@code --resume}); with {@code checked}, a failed write (a full disk) is an exception.
     */
    JsonLines(PrintStream out, long skip, boolean checked) {
        this.out = out;
        this.skip = skip;
        this.checked = checked;
    }

    /** Writes {@code record} (a Map, a record, any Jackson-serialisable value) as one line. */
    public synchronized void write(Object record) {
        if (skip > 0) {
            skip--;
            return;
        }
        try {
            // one line, one write: an interruption can tear at most the last line (see --resume)
            out.print(MAPPER.writeValueAsString(record) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (checked && out.checkError()) throw new UncheckedIOException(new IOException("cannot write the output"));
    }
}

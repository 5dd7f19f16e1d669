package spinel.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import spinel.graph.io.AtomicFiles;

/**
 * Writes the files of a run folder — {@code config.json}, {@code metrics.json}, {@code history.csv},
 * {@code predictions.csv}, checkpoints — each to a temporary name in the same folder and then moved
 * into place atomically, so a run killed at any moment leaves either the old or the new file, never a
 * torn one.
 */
public final class RunFiles {

    /** The JSON mapper used for every run file (indented, NaN written as the literal NaN). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private RunFiles() {}

    /** Writes {@code target} atomically: content goes to a temporary sibling, which is then renamed. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        AtomicFiles.write(target, writer::write);
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void writeJson(Path target, Object value) throws IOException {
        writeAtomically(target, out -> JSON.writeValue(new NonClosing(out), value));
    }

    /** Writes a CSV with a header row and one row per entry of {@code rows}, atomically. */
    public static void writeCsv(Path target, List<String> header, List<List<?>> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (List<?> row : rows) {
            for (int j = 0; j < row.size(); j++) {
                if (j > 0) sb.append(',');
                sb.append(cell(row.get(j)));
            }
            sb.append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        writeAtomically(target, out -> out.write(bytes));
    }

    private static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return formatDouble(d);
        if (v instanceof Float f) return formatDouble(f);
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    private static String formatDouble(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.8g", d) : Double.toString(d);
    }

    /** Peak resident set size of this process, MB (from /proc/self/status VmHWM; NaN where unavailable). */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Keeps Jackson from closing the stream the atomic writer owns. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}

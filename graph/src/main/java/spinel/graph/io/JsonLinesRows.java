package spinel.graph.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** The rows of a JSON Lines file ({@link StructureLines}), one entry per non-blank line, read as they are asked for. */
final class JsonLinesRows extends LookAhead<InputEntry> implements Closeable {

    private final String source;
    private final BufferedReader reader;
    private String pending;
    private long lineNo;
    private long row;
    private boolean done;

    /** Rows from {@code reader}; {@code first} is the line already read (number {@code firstLineNo}), or null. */
    JsonLinesRows(String source, BufferedReader reader, String first, long firstLineNo) {
        this.source = source;
        this.reader = reader;
        this.pending = first;
        this.lineNo = first != null ? firstLineNo - 1 : 0;
    }

    /** The rows of {@code file} (gzip'd or not); a file that cannot be opened gives one failing entry. */
    static Iterator<InputEntry> open(Path file) {
        try {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(JsonSupport.open(file), StandardCharsets.UTF_8), 1 << 16);
            return new JsonLinesRows(file.toString(), r, null, 0);
        } catch (IOException e) {
            return List.of(InputEntries.failed(file.toString(), null, e)).iterator();
        }
    }

    @Override
    protected InputEntry advance() {
        while (!done) {
            String line;
            try {
                line = pending != null ? pending : reader.readLine();
            } catch (IOException e) {
                // a corrupt or truncated gzip stream: one failing row, then the file ends
                done = true;
                return InputEntries.failed(source, source + "#" + row, JsonSupport.badBytes(e, source));
            }
            pending = null;
            if (line == null) break;
            lineNo++;
            if (!line.isBlank()) return StructureLines.entry(line, source, row++, lineNo);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

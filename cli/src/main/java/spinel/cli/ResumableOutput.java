package spinel.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import spinel.graph.io.InputEntry;

/**
 * Where a streaming command writes its JSON lines: stdout, or a file appended one whole line at a time
 * ({@code --output}) that an interrupted run continues with {@code --resume}.
 *
 * <p>Resuming relies on the output being a prefix of the uninterrupted run's lines, in input order: the
 * inputs are walked beside the file's lines, every input whose lines follow is skipped unread, and the
 * input of the last lines is done again with as many of its first lines dropped as the file holds (it
 * may have been cut short). A torn last line (no newline: the run was killed while writing it) is
 * removed first. Memory stays constant: nothing of the file is kept but the current line.
 */
final class ResumableOutput implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream stream;
    private final Path file;
    private final boolean resume;
    private long skipLines;
    private long skippedInputs;
    private JsonLines lines;

    private ResumableOutput(PrintStream stream, Path file, boolean resume) {
        this.stream = stream;
        this.file = file;
        this.resume = resume;
    }

    static ResumableOutput stdout() {
        return new ResumableOutput(System.out, null, false);
    }

    /** Appends to {@code file}; without {@code resume} the file must not exist or be empty. */
    static ResumableOutput file(Path file, boolean resume) throws IOException {
        boolean holdsLines = Files.isRegularFile(file) && Files.size(file) > 0;
        if (holdsLines && !resume)
            throw new IllegalArgumentException(
                    file + " exists: add --resume to continue the run that wrote it, or remove it");
        if (resume && holdsLines) dropTornLine(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        PrintStream ps = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(file.toFile(), true), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        return new ResumableOutput(ps, file, resume && holdsLines);
    }

    /** The raw stream (for CSV); not for JSON lines, which go through {@link #lines()}. */
    PrintStream stream() {
        return stream;
    }

    /** The JSON-lines writer, dropping the lines an interrupted run already wrote (after {@link #skipDone}). */
    JsonLines lines() {
        if (lines == null) lines = new JsonLines(stream, skipLines, file != null);
        return lines;
    }

    /** Whether an earlier run's lines are being continued. */
    boolean resuming() {
        return resume;
    }

    /** Inputs skipped because the file holds their lines. */
    long skippedInputs() {
        return skippedInputs;
    }

    /**
     * The inputs still to do: without {@code --resume}, all of them; with it, those after the inputs
     * whose lines the file holds, starting with the input of its last lines. Call before {@link #lines()}.
     */
    Iterator<InputEntry> skipDone(Iterator<InputEntry> entries) throws IOException {
        if (!resume) return entries;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Cursor c = new Cursor(r);
            while (c.key != null) {
                if (!entries.hasNext())
                    throw new IllegalArgumentException(file + " line " + c.lineNo + " (" + c.key
                            + ") is not the line of any input given: resume with the inputs of the interrupted run");
                InputEntry e = entries.next();
                long g = 0;
                while (c.key != null && c.matches(e)) {
                    g++;
                    c.advance();
                }
                if (g == 0)
                    throw new IllegalArgumentException(file + " line " + c.lineNo + " (" + c.key
                            + ") is not the line of input " + e
                            + ": resume with the inputs and options of the interrupted run");
                if (c.key == null) {
                    skipLines = g; // the last input may have been cut short: do it again, dropping its lines
                    return prepend(e, entries);
                }
                skippedInputs++;
            }
        }
        return entries;
    }

    private static <T> Iterator<T> prepend(T first, Iterator<T> rest) {
        return new Iterator<>() {
            private boolean firstDone;

            @Override
            public boolean hasNext() {
                return !firstDone || rest.hasNext();
            }

            @Override
            public T next() {
                if (firstDone) return rest.next();
                firstDone = true;
                return first;
            }
        };
    }

    /** Removes the bytes after the last newline of {@code file} (a line the interrupted run did not finish). */
    static long dropTornLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (end > 0) {
                int n = (int) Math.min(buf.capacity(), end);
                buf.clear().limit(n);
                ch.read(buf, end - n);
                int i = n - 1;
                while (i >= 0 && buf.get(i) != '\n') i--;
                if (i >= 0) {
                    end = end - n + i + 1;
                    break;
                }
                end -= n;
            }
            if (end < size) {
                ch.truncate(end);
                ch.force(true);
                System.err.println("spinel: " + file + ": dropped a torn last line (" + (size - end) + " bytes)");
            }
            return size - end;
        }
    }

    @Override
    public void close() {
        stream.flush();
        if (file != null) stream.close();
    }

    /** The file's lines one at a time: each line's {@code "file"} and {@code "id"}. */
    private final class Cursor {
        private final BufferedReader reader;
        String key;
        String id;
        long lineNo;

        Cursor(BufferedReader reader) throws IOException {
            this.reader = reader;
            advance();
        }

        boolean matches(InputEntry e) {
            return key.equals(e.source()) && (e.id() == null || e.id().equals(id));
        }

        void advance() throws IOException {
            String line;
            do {
                line = reader.readLine();
                lineNo++;
            } while (line != null && line.isBlank());
            key = null;
            id = null;
            if (line == null) return;
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    JsonToken t = p.nextToken();
                    if (k.equals("file") && t == JsonToken.VALUE_STRING) key = p.getText();
                    else if (k.equals("id") && t != null && t.isScalarValue()) id = p.getText();
                    else p.skipChildren();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a JSON line of spinel ("
                        + e.getMessage() + "); --resume continues only a file this command wrote");
            }
            if (key == null)
                throw new IllegalArgumentException(file + " line " + lineNo + ": no \"file\"; --resume continues"
                        + " only a file this command wrote");
        }
    }
}

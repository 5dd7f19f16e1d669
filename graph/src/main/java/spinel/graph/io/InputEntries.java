package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import spinel.graph.StructureFormatException;

/**
 * The inputs named on a command line, as one lazy stream of {@link InputEntry}: structure files; folders
 * (walked recursively in path order, only files that look like structures); CGCNN dataset folders
 * ({@code id_prop.csv}: one entry per row, with its target); Matbench datasets ({@code *.json[.gz]} with
 * {@code index}/{@code columns}/{@code data}: one entry per row, with its target); JSON Lines of
 * structures ({@code *.jsonl}, {@code *.ndjson}, see {@link StructureLines}: one entry per line); and
 * {@code -} for standard input (JSON Lines, streamed, when its first line is a whole JSON value; else
 * one structure file, format told by content). Gzip'd files and stdin are recognised by their magic
 * bytes.
 *
 * <p>Nothing is held per input: folders are listed one directory at a time and datasets read one row
 * at a time as the stream is consumed, so a million structures stream in bounded memory. An input that
 * cannot be opened becomes an entry whose reading fails (an {@code "ok": false} line), never an
 * exception of the stream. Close the stream to close the open dataset.
 */
public final class InputEntries extends LookAhead<InputEntry> implements Closeable {

    /** The name of standard input. */
    public static final String STDIN = "-";

    private final Iterator<String> args;
    private final InputStream stdin;
    private Iterator<Path> walk;
    private Iterator<InputEntry> current;

    private InputEntries(List<String> args, InputStream stdin) {
        this.args = List.copyOf(args).iterator();
        this.stdin = stdin;
    }

    /** The entries of {@code args} (file names, folders, {@code -}); {@code stdin} is read only for {@code -}. */
    public static InputEntries open(List<String> args, InputStream stdin) {
        return new InputEntries(args, stdin);
    }

    /** The entries of files and folders. */
    public static InputEntries of(List<Path> paths) {
        List<String> names = new ArrayList<>();
        for (Path p : paths) names.add(p.toString());
        return new InputEntries(names, InputStream.nullInputStream());
    }

    @Override
    protected InputEntry advance() {
        while (true) {
            if (current != null && current.hasNext()) return current.next();
            closeCurrent();
            if (walk != null && walk.hasNext()) {
                current = entriesOf(walk.next());
                continue;
            }
            walk = null;
            if (!args.hasNext()) return null;
            String a = args.next();
            if (a.equals(STDIN)) {
                current = stdin();
                continue;
            }
            Path p = Path.of(a);
            if (isCgcnnFolder(p)) current = cgcnnRows(p);
            else if (Files.isDirectory(p)) walk = new FolderWalk(p);
            else current = entriesOf(p);
        }
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        if (current instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        current = null;
    }

    /** Whether {@code dir} is a CGCNN dataset folder ({@code id_prop.csv} beside the CIFs). */
    public static boolean isCgcnnFolder(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(CgcnnFolderReader.ID_PROP));
    }

    /** Whether a file found in a folder is taken as a structure file, by its name. */
    public static boolean looksLikeStructure(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        // the atom features of a CGCNN dataset folder are not a structure
        if (n.equals("atom_init.json")) return false;
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        return n.endsWith(".cif")
                || n.endsWith(".vasp")
                || n.endsWith(".poscar")
                || n.startsWith("poscar")
                || n.startsWith("contcar")
                || n.endsWith(".xyz")
                || n.endsWith(".extxyz")
                || n.endsWith(".json")
                || isJsonLines(p);
    }

    /** Whether {@code p} is named as JSON Lines: {@code *.jsonl} or {@code *.ndjson}, optionally {@code .gz}. */
    public static boolean isJsonLines(Path p) {
        Path fn = p.getFileName();
        String n = fn == null ? "" : fn.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    /** The entries of one file: its rows for a dataset, else the file itself. */
    private static Iterator<InputEntry> entriesOf(Path file) {
        if (isJsonLines(file)) return JsonLinesRows.open(file);
        if (isMatbench(file)) return MatbenchRows.open(file);
        return List.of(InputEntry.file(file)).iterator();
    }

    private static boolean isMatbench(Path file) {
        String n =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".json") && !n.endsWith(".json.gz")) return false;
        try {
            return Files.isRegularFile(file) && Structures.formatOf(file) == Structures.Format.MATBENCH;
        } catch (IOException | StructureFormatException e) {
            return false; // read as a file: its error is reported then
        }
    }

    private static Iterator<InputEntry> cgcnnRows(Path dir) {
        CgcnnFolderReader folder = new CgcnnFolderReader(dir);
        List<CgcnnEntry> rows;
        try {
            rows = folder.entries();
        } catch (IOException | StructureFormatException e) {
            String src = dir.resolve(CgcnnFolderReader.ID_PROP).toString();
            return List.of(InputEntry.of(src, null, () -> {
                        throw e;
                    }))
                    .iterator();
        }
        return rows.stream()
                .map(r -> {
                    double t = r.targets().length > 0 ? r.targets()[0] : Double.NaN;
                    return InputEntry.of(r.cif().toString(), Double.isNaN(t) ? null : t, () -> List.of(folder.load(r)));
                })
                .iterator();
    }

    /** An entry whose reading fails with {@code e}. */
    static InputEntry failed(String source, String id, Exception e) {
        InputEntry.Parser fail = () -> {
            if (e instanceof IOException io) throw io;
            if (e instanceof StructureFormatException sf) throw sf;
            throw new StructureFormatException(source, 0, String.valueOf(e.getMessage()), e);
        };
        return id == null ? InputEntry.of(source, null, fail) : InputEntry.row(source, id, null, fail);
    }

    private Iterator<InputEntry> stdin() {
        try {
            BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            InputStream text = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
            BufferedReader r = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder head = new StringBuilder();
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                head.append(line).append('\n');
                if (!line.isBlank()) break;
            }
            if (line != null && isJsonLine(line)) return new JsonLinesRows(STDIN, r, line, lineNo);
            StringBuilder all = head;
            char[] buf = new char[1 << 16];
            for (int n; (n = r.read(buf)) > 0; ) all.append(buf, 0, n);
            String whole = all.toString();
            return List.of(InputEntry.of(STDIN, null, () -> {
                        if (whole.isBlank())
                            throw new StructureFormatException(
                                    STDIN, 0, "expected a structure on stdin, found nothing");
                        return Structures.parseText(whole, STDIN);
                    }))
                    .iterator();
        } catch (IOException e) {
            return List.of(failed(STDIN, null, e)).iterator();
        }
    }

    /** Whether {@code line} holds one whole JSON value that is a row (not a one-line Matbench dataset). */
    private static boolean isJsonLine(String line) {
        try (JsonParser p = JsonSupport.FACTORY.createParser(line)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING) return p.nextToken() == null;
            if (t != JsonToken.START_OBJECT) return false;
            JsonToken k = p.nextToken();
            if (k == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (key.equals("index") || key.equals("columns") || key.equals("data")) return false;
            }
            while (k == JsonToken.FIELD_NAME) {
                p.nextToken();
                p.skipChildren();
                k = p.nextToken();
            }
            if (k != JsonToken.END_OBJECT) return false;
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder's structure files, recursively, in path order; one directory listing held at a time per level. */
    private static final class FolderWalk extends LookAhead<Path> {
        private final Deque<Iterator<Path>> levels = new ArrayDeque<>();

        FolderWalk(Path root) {
            levels.push(list(root));
        }

        private static Iterator<Path> list(Path dir) {
            try (Stream<Path> s = Files.list(dir)) {
                // sorting names with a '/' after folders gives the order of the full paths
                return s.map(p -> new Object[] {p, p.getFileName() + (Files.isDirectory(p) ? "/" : "")})
                        .sorted((x, y) -> ((String) x[1]).compareTo((String) y[1]))
                        .map(x -> (Path) x[0])
                        .toList()
                        .iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list folder " + dir, e);
            }
        }

        @Override
        protected Path advance() {
            while (!levels.isEmpty()) {
                Iterator<Path> top = levels.peek();
                if (!top.hasNext()) {
                    levels.pop();
                    continue;
                }
                Path p = top.next();
                if (Files.isDirectory(p)) levels.push(list(p));
                else if (Files.isRegularFile(p) && looksLikeStructure(p)) return p;
            }
            return null;
        }
    }
}

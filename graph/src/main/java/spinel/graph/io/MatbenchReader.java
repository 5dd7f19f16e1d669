package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipException;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads Matbench dataset files ({@code matbench_*.json.gz}, plain or gzip'd): pandas' "split"
 * layout {@code {"index": [ids], "columns": ["structure", TARGET], "data": [[STRUCTURE, value],
 * ...]}} with each STRUCTURE a pymatgen {@code Structure.as_dict()} (Dunn et al., npj Comput. Mater.
 * 6, 138 (2020)).
 *
 * <p>The file is read as a stream of JSON tokens, one row at a time, so a dataset never has to be
 * held in memory: {@link #open(Path)} gives a {@link Dataset} to iterate. (When, unusually,
 * {@code data} comes before {@code index} or {@code columns}, the rows are first buffered.)
 */
public final class MatbenchReader implements StructureReader {

    /** Opens a dataset for row-by-row reading; close it when done. */
    public static Dataset open(Path file) throws IOException, StructureFormatException {
        String src = file.toString();
        InputStream in = JsonSupport.open(file);
        try {
            return new Dataset(JsonSupport.FACTORY.createParser(in), src);
        } catch (EOFException | ZipException | CharConversionException e) {
            in.close();
            throw JsonSupport.badBytes(e, src);
        } catch (IOException | StructureFormatException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens a dataset held in a string. */
    public static Dataset open(String text, String sourceName) throws StructureFormatException {
        try {
            return new Dataset(JsonSupport.FACTORY.createParser(text), sourceName);
        } catch (IOException e) {
            throw new StructureFormatException(sourceName, 0, e.getMessage(), e);
        }
    }

    /** Every row of {@code file}. */
    public static List<MatbenchEntry> readEntries(Path file) throws IOException, StructureFormatException {
        try (Dataset d = open(file)) {
            return d.toList();
        }
    }

    @Override
    public List<Structure> read(Path file) throws IOException, StructureFormatException {
        try (Dataset d = open(file)) {
            return structures(d);
        }
    }

    @Override
    public List<Structure> parse(String text, String sourceName) throws StructureFormatException {
        try (Dataset d = open(text, sourceName)) {
            return structures(d);
        } catch (IOException e) {
            throw new StructureFormatException(sourceName, 0, e.getMessage(), e);
        }
    }

    private static List<Structure> structures(Dataset d) throws IOException, StructureFormatException {
        List<Structure> out = new ArrayList<>(Math.max(0, d.size()));
        for (MatbenchEntry e; (e = d.nextEntry()) != null; ) out.add(e.structure());
        return out;
    }

    /**
     * An open Matbench file, positioned at its next row. Single pass; not thread-safe.
     * {@link #nextEntry()} throws checked exceptions; {@link #iterator()} and {@link #stream()}
     * wrap them in {@link UncheckedIOException} and {@link UncheckedStructureFormatException}.
     */
    public static final class Dataset implements Iterable<MatbenchEntry>, Closeable {

        private final String src;
        private final JsonParser file;
        private JsonParser p;
        private List<String> index;
        private List<String> columns;
        private int structureCol = -1;
        private int targetCol = -1;
        private int row;
        private boolean done;

        private Dataset(JsonParser parser, String src) throws IOException, StructureFormatException {
            this.src = src;
            this.file = parser;
            this.p = parser;
            try {
                readHeader();
            } catch (JsonProcessingException e) {
                throw JsonSupport.fail(p, src, "invalid JSON: " + e.getOriginalMessage());
            }
        }

        private void readHeader() throws IOException, StructureFormatException {
            if (JsonSupport.next(p, src, "a Matbench dataset object") != JsonToken.START_OBJECT) {
                throw JsonSupport.fail(
                        p,
                        src,
                        "expected a Matbench dataset {\"index\", \"columns\", \"data\"}, found "
                                + JsonSupport.describe(p));
            }
            JsonNode bufferedData = null;
            while (JsonSupport.next(p, src, "a key or '}'") != JsonToken.END_OBJECT) {
                String key = p.currentName();
                JsonSupport.next(p, src, "a value after the key");
                switch (key) {
                    case "index" -> index = strings(key);
                    case "columns" -> columns = strings(key);
                    case "data" -> {
                        if (p.currentToken() != JsonToken.START_ARRAY)
                            throw JsonSupport.fail(
                                    p, src, "expected 'data' to be an array of rows, found " + JsonSupport.describe(p));
                        if (index != null && columns != null) {
                            findColumns();
                            return; // stream the rows from here
                        }
                        bufferedData = p.readValueAsTree();
                    }
                    default -> JsonSupport.skip(p);
                }
            }
            if (index == null) throw JsonSupport.fail(p, src, "the dataset has no 'index' (the list of ids)");
            if (columns == null) throw JsonSupport.fail(p, src, "the dataset has no 'columns'");
            if (bufferedData == null) throw JsonSupport.fail(p, src, "the dataset has no 'data'");
            findColumns();
            p = bufferedData.traverse(JsonSupport.MAPPER);
            p.nextToken();
        }

        private List<String> strings(String key) throws IOException, StructureFormatException {
            if (p.currentToken() != JsonToken.START_ARRAY)
                throw JsonSupport.fail(
                        p, src, "expected '" + key + "' to be an array, found " + JsonSupport.describe(p));
            List<String> out = new ArrayList<>();
            JsonToken t;
            while ((t = JsonSupport.next(p, src, "an entry of the list or ']'")) != JsonToken.END_ARRAY) {
                if (!t.isScalarValue() || t == JsonToken.VALUE_NULL)
                    throw JsonSupport.fail(
                            p, src, "expected '" + key + "' entries to be names, found " + JsonSupport.describe(p));
                out.add(p.getText());
            }
            return out;
        }

        private void findColumns() throws StructureFormatException {
            structureCol = columns.indexOf("structure");
            if (structureCol < 0) {
                throw JsonSupport.fail(
                        p,
                        src,
                        "the dataset has no 'structure' column (columns " + columns
                                + "); composition-only tasks are not structure datasets");
            }
            for (int i = 0; i < columns.size() && targetCol < 0; i++) if (i != structureCol) targetCol = i;
        }

        /** The ids, in file order. */
        public List<String> ids() {
            return Collections.unmodifiableList(index);
        }

        /** The number of rows (the length of the index). */
        public int size() {
            return index.size();
        }

        /** The column names, e.g. {@code ["structure", "e_form"]}. */
        public List<String> columns() {
            return Collections.unmodifiableList(columns);
        }

        /** The target column's name, or null when the file holds structures only. */
        public String targetName() {
            return targetCol >= 0 ? columns.get(targetCol) : null;
        }

        /** The next row, or null after the last. */
        public MatbenchEntry nextEntry() throws IOException, StructureFormatException {
            if (done) return null;
            try {
                JsonToken t = JsonSupport.next(p, src, "a data row or ']'");
                if (t == JsonToken.END_ARRAY) {
                    done = true;
                    if (row != index.size())
                        throw JsonSupport.fail(
                                p, src, "'index' has " + index.size() + " ids but 'data' has " + row + " rows");
                    return null;
                }
                if (row >= index.size())
                    throw JsonSupport.fail(p, src, "'data' has more rows than the " + index.size() + " ids of 'index'");
                String id = index.get(row);
                if (t != JsonToken.START_ARRAY)
                    throw JsonSupport.fail(
                            p,
                            src,
                            "expected data row " + row + " (" + id + ") to be an array, found "
                                    + JsonSupport.describe(p));
                Structure s = null;
                double target = Double.NaN;
                int col = 0;
                while (JsonSupport.next(p, src, "a value of the data row or ']'") != JsonToken.END_ARRAY) {
                    if (col == structureCol) {
                        s = PymatgenJson.readStructure(p, src, id);
                    } else if (col == targetCol) {
                        target = target(id);
                    } else {
                        JsonSupport.skip(p);
                    }
                    col++;
                }
                if (col != columns.size())
                    throw JsonSupport.fail(
                            p,
                            src,
                            "row " + row + " (" + id + ") has " + col + " values, expected " + columns.size() + " "
                                    + columns);
                row++;
                return new MatbenchEntry(id, s, target);
            } catch (JsonProcessingException e) {
                done = true;
                throw JsonSupport.fail(p, src, "invalid JSON in row " + row + ": " + e.getOriginalMessage());
            } catch (EOFException | ZipException | CharConversionException e) {
                done = true;
                throw JsonSupport.badBytes(e, src);
            } catch (StructureFormatException | IOException | RuntimeException e) {
                done = true;
                throw e;
            }
        }

        private double target(String id) throws IOException, StructureFormatException {
            JsonToken t = p.currentToken();
            switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    return p.getDoubleValue();
                }
                case VALUE_TRUE -> {
                    return 1;
                }
                case VALUE_FALSE -> {
                    return 0;
                }
                case VALUE_NULL -> {
                    return Double.NaN;
                }
                default -> throw JsonSupport.fail(
                        p,
                        src,
                        "expected the target '" + targetName() + "' of " + id + " to be a number or boolean, found "
                                + JsonSupport.describe(p));
            }
        }

        /** Every remaining row, read into a list. */
        public List<MatbenchEntry> toList() throws IOException, StructureFormatException {
            List<MatbenchEntry> out = new ArrayList<>(Math.max(0, index.size() - row));
            for (MatbenchEntry e; (e = nextEntry()) != null; ) out.add(e);
            return out;
        }

        /** The remaining rows; a single pass. */
        @Override
        public Iterator<MatbenchEntry> iterator() {
            return new LookAhead<>() {
                @Override
                protected MatbenchEntry advance() {
                    try {
                        return nextEntry();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (StructureFormatException e) {
                        throw new UncheckedStructureFormatException(e);
                    }
                }
            };
        }

        /** The remaining rows as an ordered sequential stream; closing the stream closes the file. */
        public Stream<MatbenchEntry> stream() {
            return StreamSupport.stream(
                            Spliterators.spliterator(
                                    iterator(),
                                    Math.max(0, index.size() - row),
                                    Spliterator.ORDERED | Spliterator.NONNULL),
                            false)
                    .onClose(() -> {
                        try {
                            close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }

        @Override
        public void close() throws IOException {
            if (p != file) p.close();
            file.close();
        }
    }
}

package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The one CSV reader of Spinel (RFC 4180, by jackson-dataformat-csv): quoted fields may hold commas,
 * quotes ({@code ""}) and line breaks, so {@code 0,"Al2O3, corundum",1.5} is three cells. Blank lines
 * are skipped, a UTF-8 byte-order mark is dropped, and a {@code .gz} file is read through gzip. Each
 * row keeps the line it starts on, for error messages.
 */
public final class CsvRows {

    /** One row: its cells (not trimmed) and the 1-based line it starts on. */
    public record Row(String[] cells, int line) {}

    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvRows() {}

    /** Every row of {@code file}. */
    public static List<Row> read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) in = new GZIPInputStream(in);
        // an InputStreamReader replaces undecodable bytes, so a binary file fails as a format error
        try (Reader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(r, file.toString());
        }
    }

    /** Every row of the CSV text in {@code reader}; {@code source} names it in error messages. */
    public static List<Row> read(Reader reader, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (JsonParser p = CSV.createParser(reader)) {
            ((CsvParser) p).setSchema(CsvSchema.emptySchema());
            if (p.nextToken() != JsonToken.START_ARRAY) return rows; // empty input
            while (p.nextToken() == JsonToken.START_ARRAY) {
                List<String> cells = new ArrayList<>();
                int line = -1;
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    if (line < 0) line = p.currentTokenLocation().getLineNr();
                    cells.add(p.getText());
                }
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank()) continue;
                if (rows.isEmpty() && !cells.get(0).isEmpty() && cells.get(0).charAt(0) == '\uFEFF') {
                    cells.set(0, cells.get(0).substring(1));
                }
                rows.add(new Row(cells.toArray(new String[0]), line));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            throw new IOException(source + ":" + line + ": not valid CSV: " + e.getOriginalMessage(), e);
        }
        return rows;
    }
}

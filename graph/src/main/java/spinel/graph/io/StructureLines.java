package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * JSON Lines of structures ({@code *.jsonl}, {@code *.ndjson}, optionally gzip'd): one structure per
 * line, each line one of
 * <ul>
 *   <li>a pymatgen {@code Structure.as_dict()};</li>
 *   <li>{@code {"id": "mp-149", "structure": {...}, "target": 1.2}}: the structure as a pymatgen dict or
 *       as a string holding CIF, POSCAR or extended-XYZ text (format told by content); {@code id} and
 *       {@code target} (a number) are optional, other members are ignored;</li>
 *   <li>a JSON string holding CIF, POSCAR or extended-XYZ text.</li>
 * </ul>
 * Blank lines are skipped. A row without an id is called {@code <file>#<k>}, k counting rows from 0
 * (as the structures of a pymatgen JSON array). A bad line fails alone, naming the file and line.
 */
public final class StructureLines {

    private StructureLines() {}

    /** What a line says about itself before its structure is read: its id and target. */
    record Header(String id, Double target) {}

    /**
     * The entry of one line: id and target are read now (a shallow pass), the structure when the entry
     * is read.
     *
     * @param line   the line's text
     * @param source the file name
     * @param row    the row's index among the non-blank lines, from 0
     * @param lineNo the 1-based line number, for messages
     */
    public static InputEntry entry(String line, String source, long row, long lineNo) {
        Header h = header(line);
        String id = h.id() != null ? h.id() : source + "#" + row;
        return InputEntry.row(source, id, h.target(), () -> List.of(parse(line, source, id, lineNo)));
    }

    /** The top-level {@code id} and {@code target} of a line; nothing when the line is not an object. */
    static Header header(String line) {
        String id = null;
        Double target = null;
        try (JsonParser p = JsonSupport.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Header(null, null);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("id") && t != null && t.isScalarValue() && t != JsonToken.VALUE_NULL) id = p.getText();
                else if (key.equals("target") && t != null && t.isNumeric()) target = p.getDoubleValue();
                else p.skipChildren();
            }
        } catch (IOException e) {
            // a broken line: its error comes when it is read
        }
        return new Header(id, target);
    }

    /** The one structure of a line, called {@code id}. */
    public static Structure parse(String line, String source, String id, long lineNo) throws StructureFormatException {
        int ln = (int) Math.min(Integer.MAX_VALUE, lineNo);
        try (JsonParser p = JsonSupport.FACTORY.createParser(line)) {
            JsonToken t = p.nextToken();
            Structure s;
            if (t == JsonToken.VALUE_STRING) {
                s = text(p.getText(), source, id, ln);
            } else if (t == JsonToken.START_OBJECT) {
                s = object(p, source, id, ln);
            } else {
                throw new StructureFormatException(
                        source,
                        ln,
                        "expected a pymatgen Structure dict, {\"id\", \"structure\"} or a string of CIF"
                                + " or POSCAR text, found " + JsonSupport.describe(p));
            }
            if (p.nextToken() != null)
                throw new StructureFormatException(
                        source, ln, "expected one JSON value on the line, found more: " + JsonSupport.describe(p));
            return s;
        } catch (JsonProcessingException e) {
            throw new StructureFormatException(source, ln, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StructureFormatException(source, ln, e.getMessage(), e);
        }
    }

    private static Structure object(JsonParser p, String source, String id, int ln)
            throws IOException, StructureFormatException {
        // a wrapper {"id", "structure", ...} is told from a bare Structure dict by its "structure" member
        JsonNode node = JsonSupport.MAPPER.readTree(p);
        JsonNode inner = node.get("structure");
        if (inner == null) return dict(node, source, id, ln);
        if (inner.isTextual()) return text(inner.asText(), source, id, ln);
        if (inner.isObject()) return dict(inner, source, id, ln);
        throw new StructureFormatException(
                source,
                ln,
                "expected \"structure\" to be a pymatgen dict or CIF/POSCAR text, found " + inner.getNodeType());
    }

    private static Structure dict(JsonNode dict, String source, String id, int ln) throws StructureFormatException {
        try {
            return PymatgenJson.fromDict(dict, id);
        } catch (StructureFormatException e) {
            throw new StructureFormatException(source, ln, e.reason(), e);
        }
    }

    private static Structure text(String text, String source, String id, int ln) throws StructureFormatException {
        List<Structure> all;
        try {
            all = Structures.parseText(text, id);
        } catch (StructureFormatException e) {
            throw new StructureFormatException(
                    source, ln, (e.line() > 0 ? "line " + e.line() + " of the structure text: " : "") + e.reason(), e);
        }
        if (all.size() != 1)
            throw new StructureFormatException(source, ln, "expected one structure on the line, found " + all.size());
        return all.get(0).withId(id);
    }
}

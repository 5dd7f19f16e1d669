package spinel.spark;

import java.util.List;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;
import spinel.graph.io.StructureLines;
import spinel.graph.io.Structures;

/**
 * A structure in a table cell: CIF, POSCAR or extended-XYZ text, a pymatgen {@code Structure.as_dict()}
 * as JSON, or a JSON Lines row ({@code {"id", "structure"}}, see {@link StructureLines}); the format is
 * told by the content, as for standard input. One structure per cell.
 */
public final class StructureCells {

    private StructureCells() {}

    /**
     * The structure in {@code text}, called {@code id}.
     *
     * @param source names the cell in messages (a file, a table)
     * @throws StructureFormatException naming the source and the row when the cell holds no structure, or
     *                                  more than one
     */
    public static Structure parse(String text, String source, String id) throws StructureFormatException {
        if (text == null || text.isBlank())
            throw new StructureFormatException(source, 0, id + ": expected a structure, found an empty cell");
        String t = text.stripLeading();
        if (t.startsWith("{") || t.startsWith("\"")) return StructureLines.parse(t.strip(), source, id, 0);
        List<Structure> all;
        try {
            all = Structures.parseText(text, id);
        } catch (StructureFormatException e) {
            throw new StructureFormatException(source, 0, id + ": " + e.getMessage(), e);
        }
        if (all.size() != 1)
            throw new StructureFormatException(source, 0, id + ": expected one structure, found " + all.size());
        return all.get(0).withId(id);
    }
}

package spinel.cli;

import java.util.List;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;
import spinel.graph.io.Structures;

/**
 * Structures piped on standard input ({@code -} in place of a file name). The format is told from
 * the content, since there is no file name: JSON (a pymatgen structure or a Matbench dataset) starts
 * with a brace or bracket, a CIF has a {@code data_} block, extended XYZ starts with its atom count,
 * anything else is read as a VASP POSCAR.
 */
final class StdinStructures {

    /** The name stdin goes by in output and error messages. */
    static final String NAME = "-";

    private StdinStructures() {}

    /** The structures in {@code text}. */
    static List<Structure> parse(String text) throws StructureFormatException {
        if (text.isBlank()) throw new StructureFormatException(NAME, 0, "expected a structure on stdin, found nothing");
        return Structures.readerFor(formatOf(text)).parse(text, NAME);
    }

    /** The format of {@code text}, told by its content. */
    static Structures.Format formatOf(String text) {
        String t = text.stripLeading();
        if (t.startsWith("{") || t.startsWith("[")) {
            return t.contains("\"columns\"") && t.contains("\"data\"")
                    ? Structures.Format.MATBENCH
                    : Structures.Format.PYMATGEN_JSON;
        }
        for (String line : t.split("\\R", 200)) {
            String s = line.strip();
            if (s.startsWith("data_")) return Structures.Format.CIF;
        }
        String first = t.lines().findFirst().orElse("").strip();
        if (first.matches("\\d+")) return Structures.Format.EXTXYZ;
        return Structures.Format.POSCAR;
    }
}

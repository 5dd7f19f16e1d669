package spinel.graph.io;

import java.util.Map;
import java.util.OptionalDouble;
import spinel.graph.Structure;

/**
 * One frame of an extended-XYZ file: the structure and the frame's info line as key/value strings
 * (e.g. {@code energy}, {@code band_gap}, {@code Lattice}, {@code Properties}, {@code pbc}), in the
 * order written. Values are unquoted; a key written without a value maps to {@code "T"}, as in ASE.
 *
 * @param structure the periodic structure of this frame
 * @param info      the info-line properties, unmodifiable, insertion-ordered
 */
public record ExtxyzFrame(Structure structure, Map<String, String> info) {

    /** The info value {@code key} as a number, when present and numeric. */
    public OptionalDouble number(String key) {
        String v = info.get(key);
        if (v == null) return OptionalDouble.empty();
        double d = Text.parseOrNaN(v.trim());
        return Double.isNaN(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
    }
}

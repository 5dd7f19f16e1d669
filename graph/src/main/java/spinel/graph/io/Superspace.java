package spinel.graph.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spinel.graph.StructureFormatException;
import spinel.graph.symmetry.SymOp;

/**
 * Modulated (incommensurate or composite) structures described in (3+d)-dimensional superspace
 * (the msCIF dictionary; van Smaalen, "Incommensurate Crystallography", 2007). Spinel reads their
 * <em>average structure</em> and says so with a warning: the basic positions of the atoms, expanded
 * by the three-dimensional part of each superspace operator (its first three rows, in x1, x2, x3 =
 * x, y, z; the rows of a superspace operator for the basic space never involve x4..x6). The
 * modulation waves are ignored. A superspace operator whose first three rows involve x4.. is
 * refused.
 */
final class Superspace {

    private static final String[] OPERATOR_TAGS = {
        "_space_group_symop_ssg_operation_algebraic", "_space_group_ssg_symop_operation_algebraic",
    };

    /** Builds a {@link StructureFormatException} naming the block. */
    interface Errors {
        StructureFormatException at(int line, String message);
    }

    private Superspace() {}

    /** Whether the block describes a modulated structure. */
    static boolean isModulated(CifBlock b) {
        String dim = b.value("_cell_modulation_dimension");
        if (dim != null && CifNumbers.parse(dim) > 0) return true;
        if (b.has("_space_group_ssg_name") || b.has("_space_group_ssg_name_it")) return true;
        for (String t : OPERATOR_TAGS) if (b.has(t)) return true;
        for (String t : b.tags()) {
            if (t.startsWith("_cell_wave_vector") || t.startsWith("_atom_site_displace_fourier")) return true;
        }
        return false;
    }

    /** The warning that a modulated block was read as its average structure. */
    static String averageWarning(CifBlock b) {
        String name = b.value("_space_group_ssg_name");
        return "modulated structure" + (name != null ? " (superspace group " + name + ")" : "")
                + ": read as its average structure (basic positions, three-dimensional part of the superspace"
                + " operators); the modulation is ignored";
    }

    /** Whether an operator is written in superspace notation (x1, x2, x3, x4, ...). */
    static boolean isSuperspaceOperator(String op) {
        String t = op.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 1 < t.length(); i++) {
            if (t.charAt(i) == 'x' && t.charAt(i + 1) >= '1' && t.charAt(i + 1) <= '6') return true;
        }
        return false;
    }

    /**
     * The three-dimensional operators of the superspace operators listed in the block, with the
     * average-structure warning added to {@code warnings}; null when the block lists none.
     */
    static List<SymOp> averageOperators(CifBlock b, List<String> warnings, Errors errors)
            throws StructureFormatException {
        for (String tag : OPERATOR_TAGS) {
            CifBlock.Column c = b.column(tag);
            if (c == null || c.size() == 0) continue;
            List<SymOp> ops = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                if (c.isNull(i)) continue;
                SymOp op = average(c.value(i), c.line(i), errors);
                if (!ops.contains(op)) ops.add(op);
            }
            if (ops.isEmpty()) continue;
            warnings.add(averageWarning(b));
            return ops;
        }
        return null;
    }

    /** The three-dimensional part of one superspace operator ("x1,x2+1/2,-x3,x4" is "x,y+1/2,-z"). */
    static SymOp average(String op, int line, Errors errors) throws StructureFormatException {
        String[] rows = op.strip().split(",");
        if (rows.length < 4) {
            throw errors.at(line, "expected a superspace operation with at least 4 components, found '" + op + "'");
        }
        StringBuilder xyz = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            String row = rows[r].toLowerCase(Locale.ROOT);
            for (int d = 4; d <= 6; d++) {
                if (row.contains("x" + d)) {
                    throw errors.at(
                            line,
                            "cannot read the average structure: the superspace operation '" + op + "' mixes x" + d
                                    + " into the basic coordinates");
                }
            }
            if (r > 0) xyz.append(',');
            xyz.append(row.replace("x1", "x").replace("x2", "y").replace("x3", "z"));
        }
        try {
            SymOp s = SymOp.parse(xyz.toString());
            if (!s.isLatticeOperation()) throw new IllegalArgumentException("not a lattice operation");
            return s;
        } catch (IllegalArgumentException e) {
            throw errors.at(line, "expected a superspace operation like 'x1,x2,-x3+1/2,x4', found '" + op + "'");
        }
    }
}

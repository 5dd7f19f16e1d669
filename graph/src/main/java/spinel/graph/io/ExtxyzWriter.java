package spinel.graph.io;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Writes structures as extended XYZ frames (ASE layout): the atom count, an info line with
 * {@code Lattice="..."} (rows, Å), {@code Properties=species:S:1:pos:R:3}, {@code pbc="T T T"} and
 * any extra info, then the symbol and Cartesian position (Å) of each atom. Partial occupancies
 * cannot be written and are refused; oxidation states are dropped (the species column holds
 * element symbols, as ASE expects).
 */
public final class ExtxyzWriter implements StructureWriter {

    @Override
    public String format(Structure structure) {
        StringBuilder sb = new StringBuilder();
        append(sb, structure, Map.of());
        return sb.toString();
    }

    /** Several frames, each with its own extra info (may be empty), in one text. */
    public String format(List<ExtxyzFrame> frames) {
        StringBuilder sb = new StringBuilder();
        for (ExtxyzFrame f : frames) append(sb, f.structure(), f.info());
        return sb.toString();
    }

    private static void append(StringBuilder sb, Structure s, Map<String, String> info) {
        sb.append(s.size()).append('\n');
        double[][] m = s.lattice().matrix();
        sb.append("Lattice=\"");
        for (int i = 0; i < 9; i++) {
            if (i > 0) sb.append(' ');
            sb.append(num(m[i / 3][i % 3]));
        }
        sb.append("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"");
        for (Map.Entry<String, String> e : info.entrySet()) {
            String k = e.getKey();
            if (k.equalsIgnoreCase("Lattice") || k.equalsIgnoreCase("Properties") || k.equalsIgnoreCase("pbc"))
                continue;
            sb.append(' ').append(quote(k)).append('=').append(quote(e.getValue()));
        }
        sb.append('\n');
        for (Site site : s.sites()) {
            if (!site.isOrdered()) {
                throw new IllegalArgumentException("extended XYZ cannot hold the disordered site " + site
                        + (s.id() != null ? " of " + s.id() : ""));
            }
            double[] c = site.cartCoords();
            sb.append(String.format(
                    Locale.ROOT, "%-3s%24.16f%24.16f%24.16f\n", site.element().symbol(), c[0], c[1], c[2]));
        }
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != '[' && c != '{';
        }
        if (plain) return v;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            if (c == '\n') sb.append("\\n");
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}

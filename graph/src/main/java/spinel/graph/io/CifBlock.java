package spinel.graph.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@code data_} block of a CIF file: its name and its data items. A scalar item is a column of
 * one value; a looped item is a column of a {@code loop_}. Tags are looked up case-insensitively
 * with '.' and '_' equivalent ({@code _atom_site.fract_x} = {@code _atom_site_fract_x}), as CIF
 * 1.1 and the DDL2 dictionaries name the same items. Values keep their line numbers for error
 * messages. Immutable once parsed.
 */
public final class CifBlock {

    /** How a value was written: bare, in quotes, or as a semicolon text field. */
    public enum Kind {
        UNQUOTED,
        QUOTED,
        TEXT
    }

    /**
     * The values of one data item.
     *
     * @param tag    the tag as written
     * @param values the values (one for a scalar item)
     * @param lines  1-based line of each value
     * @param kinds  how each value was written
     * @param loop   index of the loop in the block, -1 for a scalar item
     */
    public record Column(String tag, String[] values, int[] lines, Kind[] kinds, int loop) {

        public int size() {
            return values.length;
        }

        public String value(int i) {
            return values[i];
        }

        public int line(int i) {
            return lines[i];
        }

        /** Whether value i is the unquoted '?' (unknown) or '.' (inapplicable). */
        public boolean isNull(int i) {
            if (kinds[i] != Kind.UNQUOTED) return false;
            String v = values[i];
            return v.length() == 1 && (v.charAt(0) == '?' || v.charAt(0) == '.');
        }
    }

    private final String name;
    private final int line;
    private final Map<String, Column> items;

    CifBlock(String name, int line, Map<String, Column> items) {
        this.name = name;
        this.line = line;
        this.items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** The block name (after {@code data_}). */
    public String name() {
        return name;
    }

    /** 1-based line of the {@code data_} header. */
    public int line() {
        return line;
    }

    /** The normalised tags of the block, in file order. */
    public Set<String> tags() {
        return items.keySet();
    }

    /** The column of a tag, or null when absent. */
    public Column column(String tag) {
        return items.get(normalizeTag(tag));
    }

    /** Whether the tag is present. */
    public boolean has(String tag) {
        return items.containsKey(normalizeTag(tag));
    }

    /** The first value of a tag, or null when absent or '?'/'.'. */
    public String value(String tag) {
        Column c = column(tag);
        return c == null || c.size() == 0 || c.isNull(0) ? null : c.value(0);
    }

    /** Lower case, '.' read as '_'. */
    public static String normalizeTag(String tag) {
        char[] c = new char[tag.length()];
        for (int i = 0; i < c.length; i++) {
            char ch = tag.charAt(i);
            c[i] = ch == '.' ? '_' : (ch >= 'A' && ch <= 'Z') ? (char) (ch + 32) : ch;
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return "data_" + name + " (" + items.size() + " items)";
    }
}

package spinel.graph.io;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.StructureFormatException;

/** Line splitting, whitespace tokenising and number parsing shared by the text readers. */
final class Text {

    private Text() {}

    /** The lines of {@code text}, without their "\n" or "\r\n" terminators. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(start, stop));
            start = end + 1;
        }
        return out;
    }

    /** Whitespace-separated tokens of a line (spaces, tabs and other control characters separate). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>(8);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') i++;
            int s = i;
            while (i < n && line.charAt(i) > ' ') i++;
            if (i > s) out.add(line.substring(s, i));
        }
        return out;
    }

    /**
     * A finite number, as written by Fortran, C or Python programs (also Fortran's "1.0D-3").
     *
     * @throws StructureFormatException naming the file, the line and {@code what} was expected
     */
    static double number(String token, String file, int line, String what) throws StructureFormatException {
        double v = parseOrNaN(token);
        if (!Double.isFinite(v)) {
            throw new StructureFormatException(file, line, "expected " + what + ", found '" + shorten(token) + "'");
        }
        return v;
    }

    /** The number in {@code token}, or NaN when it is not one (Java's suffixes 'f'/'d' and hex refused). */
    static double parseOrNaN(String token) {
        if (token == null || token.isEmpty() || token.length() > 64) return Double.NaN;
        char last = token.charAt(token.length() - 1);
        // Double.parseDouble accepts Java literal syntax ("1f", "0x1p3", "Infinity") that no structure file means
        if (!(last >= '0' && last <= '9') && last != '.') return Double.NaN;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == 'x' || c == 'X' || c == 'I' || c == 'N' || c == 'f' || c == 'F') return Double.NaN;
        }
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            if (token.indexOf('D') >= 0 || token.indexOf('d') >= 0) {
                try {
                    return Double.parseDouble(token.replace('D', 'E').replace('d', 'e'));
                } catch (NumberFormatException e2) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }
    }

    /** A non-negative integer, or -1 when {@code token} is not one (or exceeds {@code Integer.MAX_VALUE}). */
    static int nonNegativeInt(String token) {
        if (token.isEmpty() || token.length() > 10) return -1;
        long v = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** {@code s} cut to at most 40 characters, for error messages. */
    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}

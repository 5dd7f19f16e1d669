package spinel.cli;

/** CSV output cells, quoted where RFC 4180 needs it. */
final class Csv {

    private Csv() {}

    /** One row; a null last cell is left out (an optional column), other nulls are empty cells. */
    static String row(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null && i == cells.length - 1) break;
            if (i > 0) b.append(',');
            b.append(quote(cells[i] == null ? "" : cells[i]));
        }
        return b.toString();
    }

    /** {@code s} quoted when it holds a comma, a quote or a line break. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

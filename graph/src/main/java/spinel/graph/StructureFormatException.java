package spinel.graph;

/**
 * A structure file that cannot be read: names the file, the line (1-based, 0 when not known) and
 * what was expected.
 */
public class StructureFormatException extends Exception {

    private final String file;
    private final int line;
    private final String reason;

    public StructureFormatException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    public StructureFormatException(String file, int line, String reason, Throwable cause) {
        super((file != null ? file : "<input>") + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file (or other source name) that could not be read. */
    public String file() {
        return file;
    }

    /** 1-based line number, 0 when the problem has no single line. */
    public int line() {
        return line;
    }

    /** What was wrong, without the file and line prefix. */
    public String reason() {
        return reason;
    }
}

package spinel.graph.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.StructureFormatException;

/**
 * The syntax of CIF 1.1 (Hall, Allen &amp; Brown, Acta Cryst. A47, 655 (1991); the 1.1 syntax
 * specification of the IUCr): data blocks, {@code loop_}, bare, single- and double-quoted values
 * (a quote closes only when followed by white space), semicolon text fields, {@code #} comments,
 * {@code ?} and {@code .}. {@code global_} blocks and {@code save_} frames are read and ignored.
 *
 * <p>A hand-written one-pass tokenizer over the text: no regular expressions, one string per value.
 * Every syntax error is a {@link StructureFormatException} naming the source, the line and what
 * was expected.
 */
public final class CifFile {

    private CifFile() {}

    private enum Tok {
        EOF,
        DATA,
        LOOP,
        GLOBAL,
        SAVE,
        STOP,
        TAG,
        VALUE
    }

    /** Parses every data block of a CIF text. */
    public static List<CifBlock> parse(String text, String source) throws StructureFormatException {
        return new Parser(text, source).parse();
    }

    private static final class Parser {
        private final String s;
        private final String source;
        private final int n;
        private int pos;
        private int line = 1;
        private boolean atLineStart = true;

        // the current token
        private Tok tok;
        private String text;
        private CifBlock.Kind kind;
        private int tokLine;

        // a token pushed back
        private boolean pushed;

        // the last item read, for error messages
        private String lastTag;
        private int lastTagLine;

        Parser(String text, String source) {
            this.s = text;
            this.source = source;
            this.n = text.length();
            if (n > 0 && text.charAt(0) == '\uFEFF') pos = 1; // byte-order mark
        }

        private StructureFormatException error(int atLine, String msg) {
            return new StructureFormatException(source, atLine, msg);
        }

        List<CifBlock> parse() throws StructureFormatException {
            List<CifBlock> blocks = new ArrayList<>();
            String name = null;
            int blockLine = 0;
            Map<String, CifBlock.Column> items = null;
            boolean ignoring = false; // inside global_ or a save_ frame
            boolean inSave = false;
            int loops = 0;
            while (true) {
                next();
                switch (tok) {
                    case EOF -> {
                        if (inSave)
                            throw error(line, "expected 'save_' to close the save frame before the end of the file");
                        if (items != null) blocks.add(new CifBlock(name, blockLine, items));
                        if (blocks.isEmpty()) throw error(0, "expected a CIF data block (data_...), found none");
                        return blocks;
                    }
                    case DATA -> {
                        if (inSave) throw error(tokLine, "expected 'save_' to close the save frame before " + text);
                        if (items != null) blocks.add(new CifBlock(name, blockLine, items));
                        name = text.substring(5);
                        blockLine = tokLine;
                        items = new LinkedHashMap<>();
                        ignoring = false;
                        loops = 0;
                    }
                    case GLOBAL -> {
                        if (items != null) blocks.add(new CifBlock(name, blockLine, items));
                        items = null;
                        ignoring = true;
                    }
                    case SAVE -> {
                        if (text.length() > 5) {
                            if (inSave) throw error(tokLine, "expected 'save_' to close the save frame before " + text);
                            if (items == null && !ignoring)
                                throw error(tokLine, "expected data_ before save frame " + text);
                            inSave = true;
                        } else {
                            if (!inSave) throw error(tokLine, "'save_' closes no save frame");
                            inSave = false;
                        }
                    }
                    case STOP -> throw error(
                            tokLine, "expected a tag, loop_ or data_, found 'stop_' (nested loops are not CIF 1.1)");
                    case TAG -> {
                        String tag = text;
                        int tagLine = tokLine;
                        lastTag = tag;
                        lastTagLine = tagLine;
                        if (items == null && !ignoring)
                            throw error(tagLine, "expected data_ before the first tag " + tag);
                        next();
                        if (tok != Tok.VALUE) {
                            throw error(
                                    tokLine > 0 ? tokLine : tagLine,
                                    "expected a value for " + tag + ", found " + describe());
                        }
                        if (!ignoring && !inSave) {
                            items.put(
                                    CifBlock.normalizeTag(tag),
                                    new CifBlock.Column(
                                            tag,
                                            new String[] {text},
                                            new int[] {tokLine},
                                            new CifBlock.Kind[] {kind},
                                            -1));
                        }
                    }
                    case LOOP -> {
                        int loopLine = tokLine;
                        if (items == null && !ignoring) throw error(loopLine, "expected data_ before loop_");
                        List<String> tags = new ArrayList<>();
                        while (true) {
                            next();
                            if (tok != Tok.TAG) break;
                            tags.add(text);
                        }
                        if (!tags.isEmpty()) {
                            lastTag = "loop_ of " + tags.get(0);
                            lastTagLine = loopLine;
                        }
                        if (tags.isEmpty())
                            throw error(
                                    tokLine, "expected tags after loop_ at line " + loopLine + ", found " + describe());
                        List<String> vals = new ArrayList<>();
                        List<Integer> lines = new ArrayList<>();
                        List<CifBlock.Kind> kinds = new ArrayList<>();
                        while (tok == Tok.VALUE) {
                            vals.add(text);
                            lines.add(tokLine);
                            kinds.add(kind);
                            next();
                        }
                        pushed = true;
                        int nc = tags.size();
                        if (vals.size() % nc != 0) {
                            throw error(
                                    loopLine,
                                    "loop_ of " + nc + " tags (" + tags.get(0)
                                            + (nc > 1 ? " ... " + tags.get(nc - 1) : "")
                                            + ") has " + vals.size() + " values, expected a multiple of " + nc
                                            + (vals.isEmpty()
                                                    ? ""
                                                    : " (values end at line " + lines.get(lines.size() - 1) + ")"));
                        }
                        if (ignoring || inSave) continue;
                        int rows = vals.size() / nc;
                        for (int c = 0; c < nc; c++) {
                            String[] v = new String[rows];
                            int[] l = new int[rows];
                            CifBlock.Kind[] k = new CifBlock.Kind[rows];
                            for (int r = 0; r < rows; r++) {
                                v[r] = vals.get(r * nc + c);
                                l[r] = lines.get(r * nc + c);
                                k[r] = kinds.get(r * nc + c);
                            }
                            items.put(
                                    CifBlock.normalizeTag(tags.get(c)),
                                    new CifBlock.Column(tags.get(c), v, l, k, loops));
                        }
                        loops++;
                    }
                    case VALUE -> throw error(
                            tokLine,
                            "expected a tag, loop_ or data_, found the value '" + abbreviate(text) + "'"
                                    + (lastTag != null ? " (after " + lastTag + " at line " + lastTagLine + ")" : ""));
                    default -> throw new IllegalStateException(String.valueOf(tok));
                }
            }
        }

        private String describe() {
            return switch (tok) {
                case EOF -> "the end of the file";
                case VALUE -> "'" + abbreviate(text) + "'";
                default -> "'" + abbreviate(text) + "'";
            };
        }

        private static String abbreviate(String t) {
            return t.length() > 40 ? t.substring(0, 37) + "..." : t;
        }

        /** Advances to the next token. */
        private void next() throws StructureFormatException {
            if (pushed) {
                pushed = false;
                return;
            }
            // skip white space and comments
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                    atLineStart = true;
                } else if (c == '\r') {
                    pos++;
                    if (pos < n && s.charAt(pos) == '\n') pos++;
                    line++;
                    atLineStart = true;
                } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
                    pos++;
                    atLineStart = false;
                } else if (c == '#') {
                    while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') pos++;
                } else {
                    break;
                }
            }
            tokLine = line;
            if (pos >= n) {
                tok = Tok.EOF;
                text = "";
                return;
            }
            char c = s.charAt(pos);
            if (c == ';' && atLineStart) {
                textField();
                return;
            }
            atLineStart = false;
            if (c == '\'' || c == '"') {
                quoted(c);
                return;
            }
            int start = pos;
            while (pos < n) {
                char d = s.charAt(pos);
                if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\u000b') break;
                pos++;
            }
            text = s.substring(start, pos);
            kind = CifBlock.Kind.UNQUOTED;
            tok = Tok.VALUE;
            int len = pos - start;
            char lower = (char) (c | 0x20);
            if (c == '_') {
                tok = Tok.TAG;
            } else if (len < 5 || s.charAt(start + 4) != '_' && s.charAt(pos - 1) != '_') {
                // not a reserved word: every one has '_' at index 4 (data_, save_) or at its end
            } else if (lower == 'd' && startsWithIgnoreCase(text, "data_")) {
                tok = Tok.DATA;
            } else if (lower == 'l' && text.equalsIgnoreCase("loop_")) {
                tok = Tok.LOOP;
            } else if (lower == 'g' && text.equalsIgnoreCase("global_")) {
                tok = Tok.GLOBAL;
            } else if (lower == 's' && startsWithIgnoreCase(text, "save_")) {
                tok = Tok.SAVE;
            } else if (lower == 's' && text.equalsIgnoreCase("stop_")) {
                tok = Tok.STOP;
            }
        }

        private static boolean startsWithIgnoreCase(String t, String prefix) {
            return t.regionMatches(true, 0, prefix, 0, prefix.length());
        }

        private void quoted(char q) throws StructureFormatException {
            int start = ++pos;
            while (pos < n) {
                char d = s.charAt(pos);
                if (d == '\n' || d == '\r') break;
                if (d == q) {
                    int after = pos + 1;
                    if (after >= n || isSpace(s.charAt(after))) {
                        text = s.substring(start, pos);
                        pos = after;
                        tok = Tok.VALUE;
                        kind = CifBlock.Kind.QUOTED;
                        return;
                    }
                }
                pos++;
            }
            throw error(
                    tokLine,
                    "unterminated quoted string: expected a closing " + q
                            + " followed by a space before the end of the line");
        }

        private static boolean isSpace(char d) {
            return d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\u000b';
        }

        /** A text field: from ';' at the start of a line to the next line starting with ';'. */
        private void textField() throws StructureFormatException {
            int startLine = line;
            int start = ++pos;
            while (pos < n) {
                char d = s.charAt(pos);
                if (d == '\n' || d == '\r') {
                    int eol = pos;
                    pos++;
                    if (d == '\r' && pos < n && s.charAt(pos) == '\n') pos++;
                    line++;
                    if (pos < n && s.charAt(pos) == ';') {
                        text = s.substring(start, eol).strip();
                        pos++;
                        tok = Tok.VALUE;
                        kind = CifBlock.Kind.TEXT;
                        atLineStart = false;
                        return;
                    }
                } else {
                    pos++;
                }
            }
            throw error(
                    startLine,
                    "unterminated text field: expected a line starting with ';' to close the field opened here");
        }
    }
}

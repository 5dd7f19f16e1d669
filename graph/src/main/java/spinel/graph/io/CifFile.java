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

    /**
     * One data block as parsed: the block, or the syntax error that stopped it.
     *
     * @param name  the block name (after {@code data_}); null for text before the first block
     * @param line  1-based line of the {@code data_} header
     * @param block the block, null on error
     * @param error the syntax error (naming the block), null when the block was parsed
     */
    public record Parsed(String name, int line, CifBlock block, StructureFormatException error) {}

    /**
     * Parses every data block of a CIF text.
     *
     * @throws StructureFormatException at the first syntax error (naming the file, line and block)
     */
    public static List<CifBlock> parse(String text, String source) throws StructureFormatException {
        List<CifBlock> blocks = new ArrayList<>();
        for (Parsed p : parseEach(text, source)) {
            if (p.error() != null) throw p.error();
            blocks.add(p.block());
        }
        return blocks;
    }

    /**
     * Parses each data block on its own, so that a syntax error (an unterminated quote, a broken
     * loop) costs only the block it is in: the text is first cut at every line starting with
     * {@code data_} that is not inside a text field (see {@link BlockSplitter}).
     *
     * @throws StructureFormatException when the text holds no data block at all
     */
    public static List<Parsed> parseEach(String text, String source) throws StructureFormatException {
        String s = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text; // byte-order mark
        List<Parsed> out = new ArrayList<>();
        for (BlockSplitter.Chunk c : BlockSplitter.split(s)) {
            Parser p = new Parser(s.substring(c.start(), c.end()), source, c.firstLine());
            try {
                for (CifBlock b : p.parse()) out.add(new Parsed(b.name(), b.line(), b, null));
            } catch (StructureFormatException e) {
                for (CifBlock b : p.blocks) out.add(new Parsed(b.name(), b.line(), b, null));
                out.add(new Parsed(p.name, p.name != null ? p.blockLine : c.firstLine(), null, e));
            }
        }
        if (out.isEmpty())
            throw new StructureFormatException(source, 0, "expected a CIF data block (data_...), found none");
        return out;
    }

    /** Cuts a CIF text into data blocks before parsing, so that each can fail on its own. */
    static final class BlockSplitter {
        private BlockSplitter() {}

        /** Characters [start, end) of one block (or of the text before the first), from line firstLine. */
        record Chunk(int start, int end, int firstLine) {}

        /**
         * Cuts at every line starting with {@code data_} outside a text field. A {@code data_} line
         * met inside a text field is text when the field closes before the next {@code data_} line
         * (an odd number of ';' lines follow before it); otherwise the field was never closed and the
         * line starts a block, so an unterminated field costs only its own block.
         */
        static List<Chunk> split(String s) {
            List<Integer> starts = new ArrayList<>(); // offset of each line
            for (int i = 0; i < s.length(); i++) {
                if (i == 0 || s.charAt(i - 1) == '\n' || (s.charAt(i - 1) == '\r' && s.charAt(i) != '\n'))
                    starts.add(i);
            }
            int n = starts.size();
            boolean[] semi = new boolean[n], data = new boolean[n];
            for (int l = 0; l < n; l++) {
                int o = starts.get(l);
                semi[l] = o < s.length() && s.charAt(o) == ';';
                data[l] = s.regionMatches(true, o, "data_", 0, 5);
            }
            List<Chunk> out = new ArrayList<>();
            int chunkStart = 0, chunkLine = 1;
            boolean inText = false;
            for (int l = 0; l < n; l++) {
                if (semi[l]) inText = !inText;
                if (!data[l] || l == 0) continue;
                if (inText && semicolonsBeforeNextBlock(semi, data, l) % 2 == 1) continue;
                inText = false;
                out.add(new Chunk(chunkStart, starts.get(l), chunkLine));
                chunkStart = starts.get(l);
                chunkLine = l + 1;
            }
            out.add(new Chunk(chunkStart, s.length(), chunkLine));
            return out;
        }

        private static int semicolonsBeforeNextBlock(boolean[] semi, boolean[] data, int from) {
            int count = 0;
            for (int l = from + 1; l < semi.length && !data[l]; l++) if (semi[l]) count++;
            return count;
        }
    }

    /** The tokenizer and grammar for one chunk of text (one data block, or what precedes the first). */
    private static final class Parser {
        private final String s;
        private final String source;
        private final int n;
        private int pos;
        private int line;
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

        // the block being read
        final List<CifBlock> blocks = new ArrayList<>();
        String name;
        int blockLine;
        private Map<String, CifBlock.Column> items;
        private boolean ignoring; // inside global_ or a save_ frame
        private boolean inSave;
        private int loops;

        Parser(String text, String source, int firstLine) {
            this.s = text;
            this.source = source;
            this.n = text.length();
            this.line = firstLine;
        }

        private StructureFormatException error(int atLine, String msg) {
            return new StructureFormatException(source, atLine, (name != null ? "data_" + name + ": " : "") + msg);
        }

        /** The blocks of this chunk (none for a chunk of comments). */
        List<CifBlock> parse() throws StructureFormatException {
            while (true) {
                next();
                switch (tok) {
                    case EOF -> {
                        if (inSave)
                            throw error(line, "expected 'save_' to close the save frame before the end of the file");
                        closeBlock();
                        return blocks;
                    }
                    case DATA -> {
                        if (inSave) throw error(tokLine, "expected 'save_' to close the save frame before " + text);
                        closeBlock();
                        name = text.substring(5);
                        blockLine = tokLine;
                        items = new LinkedHashMap<>();
                        ignoring = false;
                        loops = 0;
                    }
                    case GLOBAL -> {
                        closeBlock();
                        ignoring = true;
                    }
                    case SAVE -> saveFrame();
                    case STOP -> throw error(
                            tokLine, "expected a tag, loop_ or data_, found 'stop_' (nested loops are not CIF 1.1)");
                    case TAG -> item();
                    case LOOP -> loop();
                    case VALUE -> throw error(
                            tokLine,
                            "expected a tag, loop_ or data_, found the value '" + abbreviate(text) + "'"
                                    + (lastTag != null ? " (after " + lastTag + " at line " + lastTagLine + ")" : ""));
                    default -> throw new IllegalStateException(String.valueOf(tok));
                }
            }
        }

        private void closeBlock() {
            if (items != null) blocks.add(new CifBlock(name, blockLine, items));
            items = null;
        }

        private void saveFrame() throws StructureFormatException {
            if (text.length() > 5) {
                if (inSave) throw error(tokLine, "expected 'save_' to close the save frame before " + text);
                if (items == null && !ignoring) throw error(tokLine, "expected data_ before save frame " + text);
                inSave = true;
            } else {
                if (!inSave) throw error(tokLine, "'save_' closes no save frame");
                inSave = false;
            }
        }

        /** A tag and its one value. */
        private void item() throws StructureFormatException {
            String tag = text;
            int tagLine = tokLine;
            lastTag = tag;
            lastTagLine = tagLine;
            if (items == null && !ignoring) throw error(tagLine, "expected data_ before the first tag " + tag);
            next();
            if (tok != Tok.VALUE) {
                throw error(tokLine > 0 ? tokLine : tagLine, "expected a value for " + tag + ", found " + describe());
            }
            if (!ignoring && !inSave) {
                items.put(
                        CifBlock.normalizeTag(tag),
                        new CifBlock.Column(
                                tag, new String[] {text}, new int[] {tokLine}, new CifBlock.Kind[] {kind}, -1));
            }
        }

        /** A loop_: its tags, then its values row by row, stored as one column per tag. */
        private void loop() throws StructureFormatException {
            int loopLine = tokLine;
            if (items == null && !ignoring) throw error(loopLine, "expected data_ before loop_");
            List<String> tags = new ArrayList<>();
            while (true) {
                next();
                if (tok != Tok.TAG) break;
                tags.add(text);
            }
            if (tags.isEmpty())
                throw error(tokLine, "expected tags after loop_ at line " + loopLine + ", found " + describe());
            lastTag = "loop_ of " + tags.get(0);
            lastTagLine = loopLine;
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
                        "loop_ of " + nc + " tags (" + tags.get(0) + (nc > 1 ? " ... " + tags.get(nc - 1) : "")
                                + ") has " + vals.size() + " values, expected a multiple of " + nc
                                + (vals.isEmpty() ? "" : " (values end at line " + lines.get(lines.size() - 1) + ")"));
            }
            if (ignoring || inSave) return;
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
                items.put(CifBlock.normalizeTag(tags.get(c)), new CifBlock.Column(tags.get(c), v, l, k, loops));
            }
            loops++;
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

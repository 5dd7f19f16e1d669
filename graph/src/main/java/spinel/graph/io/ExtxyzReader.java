package spinel.graph.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads extended XYZ files as written by ASE ({@code ase.io.extxyz}): per frame, the atom count, an
 * info line of {@code key=value} pairs (values may be "double quoted", with backslash escapes, or
 * bracketed {@code [..]}/{@code {..}}), then one line per atom whose columns are described by
 * {@code Properties=name:type:count:...} (default {@code species:S:1:pos:R:3}). The cell comes from
 * {@code Lattice="ax ay az bx by bz cx cy cz"} (rows, Å); positions ({@code pos}) are Cartesian, Å.
 * Elements come from a {@code species} column, or else a {@code Z} column. Other per-atom columns are
 * checked for count and ignored.
 *
 * <p>Spinel needs periodic cells, so a frame without {@code Lattice} is refused. Each frame's
 * structure id is the source name, with {@code #k} (0-based frame index) appended when the file
 * holds several frames.
 */
public final class ExtxyzReader implements StructureReader {

    @Override
    public List<Structure> read(Path file) throws IOException, StructureFormatException {
        return structures(readFrames(file));
    }

    @Override
    public List<Structure> parse(String text, String sourceName) throws StructureFormatException {
        return structures(parseFrames(text, sourceName));
    }

    /** Every frame of {@code file}, with its info-line properties. */
    public List<ExtxyzFrame> readFrames(Path file) throws IOException, StructureFormatException {
        return parseFrames(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    /** Every frame of {@code text}, with its info-line properties. */
    public List<ExtxyzFrame> parseFrames(String text, String src) throws StructureFormatException {
        List<String> lines = Text.lines(text);
        List<ExtxyzFrame> frames = new ArrayList<>();
        int li = 0;
        while (true) {
            List<String> ct = List.of();
            while (li < lines.size() && (ct = Text.tokens(lines.get(li))).isEmpty()) li++;
            if (li >= lines.size()) break;
            int countLine = li + 1;
            int n = Text.nonNegativeInt(ct.get(0));
            if (n <= 0) {
                throw new StructureFormatException(
                        src,
                        countLine,
                        "expected the number of atoms of frame " + frames.size() + " (a positive integer), found '"
                                + Text.shorten(ct.get(0)) + "'");
            }
            li++;
            if (li >= lines.size())
                throw new StructureFormatException(
                        src, li + 1, "unexpected end of file: expected the info line of frame " + frames.size());
            int infoLine = li + 1;
            Map<String, String> info = parseInfo(lines.get(li), src, infoLine);
            li++;
            if (lines.size() - li < n) {
                throw new StructureFormatException(
                        src,
                        lines.size() + 1,
                        "unexpected end of file: frame " + frames.size() + " declares " + n + " atoms on line "
                                + countLine + " but only " + (lines.size() - li) + " lines follow");
            }
            frames.add(frame(lines, li, n, info, src, infoLine, frames.size()));
            li += n;
        }
        if (frames.isEmpty())
            throw new StructureFormatException(src, 1, "expected an extended XYZ frame, found an empty file");
        if (frames.size() > 1) {
            for (int k = 0; k < frames.size(); k++) {
                ExtxyzFrame f = frames.get(k);
                frames.set(k, new ExtxyzFrame(f.structure().withId(src + "#" + k), f.info()));
            }
        }
        return frames;
    }

    private static ExtxyzFrame frame(
            List<String> lines, int first, int n, Map<String, String> info, String src, int infoLine, int index)
            throws StructureFormatException {
        String latticeText = get(info, "Lattice");
        if (latticeText == null) {
            throw new StructureFormatException(
                    src,
                    infoLine,
                    "frame " + index + " has no Lattice=\"...\" on its info line: "
                            + "Spinel needs a periodic cell (9 numbers, the lattice vectors as rows, Å)");
        }
        List<String> lt =
                Text.tokens(latticeText.replace(',', ' ').replace('[', ' ').replace(']', ' '));
        if (lt.size() != 9)
            throw new StructureFormatException(src, infoLine, "expected 9 numbers in Lattice, found " + lt.size());
        double[][] m = new double[3][3];
        for (int k = 0; k < 9; k++) m[k / 3][k % 3] = Text.number(lt.get(k), src, infoLine, "a Lattice component (Å)");
        Lattice lattice;
        try {
            lattice = new Lattice(m);
        } catch (IllegalArgumentException e) {
            throw new StructureFormatException(src, infoLine, "Lattice: " + e.getMessage());
        }

        String props = get(info, "Properties");
        if (props == null) props = "species:S:1:pos:R:3";
        String[] p = props.split(":", -1);
        if (p.length % 3 != 0 || p.length == 0) {
            throw new StructureFormatException(
                    src,
                    infoLine,
                    "expected Properties as name:type:count triples, found '" + Text.shorten(props) + "'");
        }
        int columns = 0, speciesCol = -1, zCol = -1, posCol = -1;
        for (int k = 0; k < p.length; k += 3) {
            String name = p[k];
            String type = p[k + 1];
            int count = Text.nonNegativeInt(p[k + 2]);
            if (count <= 0 || !(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L"))) {
                throw new StructureFormatException(
                        src,
                        infoLine,
                        "bad Properties entry '" + Text.shorten(name + ":" + type + ":" + p[k + 2])
                                + "': expected name:type:count with type S, R, I or L and a positive count");
            }
            if (name.equalsIgnoreCase("species") && type.equals("S") && count == 1) speciesCol = columns;
            else if (name.equals("Z") && type.equals("I") && count == 1) zCol = columns;
            else if (name.equals("pos") && type.equals("R") && count == 3) posCol = columns;
            columns += count;
        }
        if (posCol < 0)
            throw new StructureFormatException(
                    src, infoLine, "Properties has no pos:R:3 column: '" + Text.shorten(props) + "'");
        if (speciesCol < 0 && zCol < 0)
            throw new StructureFormatException(
                    src, infoLine, "Properties has neither species:S:1 nor Z:I:1: '" + Text.shorten(props) + "'");

        List<Site> sites = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            int ln = first + a + 1;
            List<String> t = Text.tokens(lines.get(first + a));
            if (t.size() < columns) {
                throw new StructureFormatException(
                        src,
                        ln,
                        "expected " + columns + " columns (" + Text.shorten(props) + ") for atom " + (a + 1)
                                + ", found " + t.size());
            }
            Element el;
            if (speciesCol >= 0) {
                String sym = t.get(speciesCol);
                el = Element.find(sym).orElse(null);
                if (el == null)
                    throw new StructureFormatException(
                            src, ln, "expected an element symbol, found '" + Text.shorten(sym) + "'");
            } else {
                int z = Text.nonNegativeInt(t.get(zCol));
                if (z < 1 || z > Element.MAX_Z)
                    throw new StructureFormatException(
                            src,
                            ln,
                            "expected an atomic number 1.." + Element.MAX_Z + ", found '" + Text.shorten(t.get(zCol))
                                    + "'");
                el = Element.of(z);
            }
            double[] cart = new double[3];
            for (int j = 0; j < 3; j++) cart[j] = Text.number(t.get(posCol + j), src, ln, "a Cartesian coordinate (Å)");
            sites.add(Site.of(el, lattice.toFractional(cart), lattice));
        }
        return new ExtxyzFrame(
                StructureChecks.checked(new Structure(lattice, sites, src)), Collections.unmodifiableMap(info));
    }

    private static String get(Map<String, String> info, String key) {
        String v = info.get(key);
        if (v != null) return v;
        for (Map.Entry<String, String> e : info.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
        }
        return null;
    }

    /** Splits an info line into key/value pairs, ASE style. */
    static Map<String, String> parseInfo(String line, String src, int ln) throws StructureFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && line.charAt(i) <= ' ') i++;
            if (i >= n) break;
            int[] end = new int[1];
            String key = word(line, i, end, src, ln, true);
            i = end[0];
            int j = i;
            while (j < n && line.charAt(j) <= ' ') j++;
            if (j < n && line.charAt(j) == '=') {
                j++;
                while (j < n && line.charAt(j) <= ' ') j++;
                if (j >= n)
                    throw new StructureFormatException(src, ln, "expected a value after '" + Text.shorten(key) + "='");
                String value = word(line, j, end, src, ln, false);
                i = end[0];
                out.put(key, value);
            } else {
                out.put(key, "T");
            }
        }
        return out;
    }

    // one key or value starting at i: "quoted", [bracketed], {braced} or bare; end[0] is set past it
    private static String word(String line, int i, int[] end, String src, int ln, boolean isKey)
            throws StructureFormatException {
        int n = line.length();
        char c = line.charAt(i);
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            int k = i + 1;
            while (k < n && line.charAt(k) != '"') {
                char d = line.charAt(k);
                if (d == '\\' && k + 1 < n) {
                    char e = line.charAt(++k);
                    sb.append(e == 'n' ? '\n' : e);
                } else {
                    sb.append(d);
                }
                k++;
            }
            if (k >= n)
                throw new StructureFormatException(
                        src, ln, "unterminated quoted " + (isKey ? "key" : "value") + " starting at column " + (i + 1));
            end[0] = k + 1;
            return sb.toString();
        }
        if (!isKey && (c == '[' || c == '{')) {
            char close = c == '[' ? ']' : '}';
            int depth = 0;
            for (int k = i; k < n; k++) {
                char d = line.charAt(k);
                if (d == c) depth++;
                else if (d == close && --depth == 0) {
                    end[0] = k + 1;
                    return line.substring(i + 1, k);
                }
            }
            throw new StructureFormatException(src, ln, "unclosed '" + c + "' in value starting at column " + (i + 1));
        }
        int k = i;
        while (k < n && line.charAt(k) > ' ' && !(isKey && line.charAt(k) == '=')) k++;
        if (k == i) throw new StructureFormatException(src, ln, "expected a key at column " + (i + 1) + ", found '='");
        end[0] = k;
        return line.substring(i, k);
    }

    private static List<Structure> structures(List<ExtxyzFrame> frames) {
        List<Structure> out = new ArrayList<>(frames.size());
        for (ExtxyzFrame f : frames) out.add(f.structure());
        return out;
    }
}

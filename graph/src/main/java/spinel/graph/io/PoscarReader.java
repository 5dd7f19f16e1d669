package spinel.graph.io;

import static spinel.graph.Matrix3.det;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * Reads VASP POSCAR and CONTCAR files (VASP 5 and later, and VASP 4).
 *
 * <p>Layout (VASP wiki, "POSCAR"): a comment; the universal scale factor (negative: the cell volume
 * in Å³; or three per-axis Cartesian factors); three lattice vectors (Å, rows); the species names
 * (VASP 5; names such as {@code Fe_pv} or {@code Si/1a2b3c} give their element); the number of atoms of
 * each species; optionally "Selective dynamics"; "Direct" (fractional) or "Cartesian" (Å, scaled by
 * the scale factor); one position per atom. Extra columns on position lines (selective-dynamics
 * flags, names) and everything after the positions (velocities, predictor-corrector data) are
 * ignored.
 *
 * <p>VASP 4 files have no species line. As pymatgen does, the species are then taken from the
 * comment line when its first words are element symbols, one per count; failing that, from a symbol
 * after the coordinates on every position line; otherwise the file is refused with a clear message.
 * The structure's id is the source name.
 */
public final class PoscarReader implements StructureReader {

    @Override
    public List<Structure> read(Path file) throws IOException, StructureFormatException {
        // decoding with replacement: a binary or mis-encoded file is a format error, not an I/O error
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    @Override
    public List<Structure> parse(String text, String sourceName) throws StructureFormatException {
        return List.of(parseOne(text, sourceName));
    }

    /** The one structure in {@code text}. */
    public Structure parseOne(String text, String src) throws StructureFormatException {
        List<String> lines = Text.lines(text);
        if (lines.size() < 8) {
            throw new StructureFormatException(
                    src,
                    lines.size() + 1,
                    "unexpected end of file: a POSCAR needs at least 8 lines (comment, scale, 3 lattice vectors, counts, coordinate mode, positions)");
        }
        double[] scale = scaleFactors(lines.get(1), src);
        double[][] m = latticeRows(lines, src);
        double[] posScale = positionScale(scale, m, src);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) m[i][j] *= posScale[j];
        }
        Lattice lattice;
        try {
            lattice = new Lattice(m);
        } catch (IllegalArgumentException e) {
            throw new StructureFormatException(src, 3, e.getMessage());
        }
        Counts counts = counts(lines, src);
        Mode mode = mode(lines, counts.nextLine(), src);
        int n = counts.total();
        double[][] pos = new double[n][3];
        List<List<String>> posTokens = positions(lines, mode.firstPosition(), pos, src);
        List<Element> species = counts.species();
        if (species == null) {
            species =
                    vasp4Species(lines.get(0), counts.perType().length, posTokens, counts.perType(), mode.selective());
            if (species == null) {
                throw new StructureFormatException(
                        src,
                        counts.countLine() + 1,
                        "VASP 4 file without a species line: add the element symbols "
                                + "as line 6 (VASP 5), or put them, one per count, at the start of the comment line");
            }
        }
        List<Site> sites = new ArrayList<>(n);
        int a = 0;
        for (int type = 0; type < species.size(); type++) {
            for (int k = 0; k < counts.perType()[type]; k++, a++) {
                double[] frac = mode.cartesian()
                        ? lattice.toFractional(
                                new double[] {pos[a][0] * posScale[0], pos[a][1] * posScale[1], pos[a][2] * posScale[2]
                                })
                        : pos[a];
                sites.add(Site.of(species.get(type), frac, lattice));
            }
        }
        return StructureChecks.checked(new Structure(lattice, sites, src));
    }

    /** Line 2: one universal scale factor (negative: the cell volume, Å³) or three per-axis ones. */
    private static double[] scaleFactors(String line, String src) throws StructureFormatException {
        List<String> scaleTok = Text.tokens(line);
        if (scaleTok.isEmpty())
            throw new StructureFormatException(src, 2, "expected the scale factor, found an empty line");
        if (scaleTok.size() >= 3 && isNumber(scaleTok.get(1)) && isNumber(scaleTok.get(2))) {
            double[] scale = new double[3];
            for (int i = 0; i < 3; i++) {
                scale[i] = Text.number(scaleTok.get(i), src, 2, "a per-axis scale factor");
                if (!(scale[i] > 0))
                    throw new StructureFormatException(
                            src, 2, "per-axis scale factors must be positive, found " + scale[i]);
            }
            return scale;
        }
        double s = Text.number(
                scaleTok.get(0), src, 2, "the scale factor (a number; negative means the cell volume in Å³)");
        if (s == 0) throw new StructureFormatException(src, 2, "the scale factor must not be zero");
        return new double[] {s, s, s};
    }

    /** Lines 3-5: the lattice vectors as rows, unscaled (Å). */
    private static double[][] latticeRows(List<String> lines, String src) throws StructureFormatException {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            List<String> t = Text.tokens(lines.get(2 + i));
            if (t.size() < 3) {
                throw new StructureFormatException(
                        src,
                        3 + i,
                        "expected lattice vector " + (i + 1) + " as 3 numbers (Å), found " + t.size() + " values");
            }
            for (int j = 0; j < 3; j++) m[i][j] = Text.number(t.get(j), src, 3 + i, "a lattice vector component (Å)");
        }
        return m;
    }

    /** The factor per axis applied to lattice and Cartesian positions; a negative scale is the volume (Å³). */
    private static double[] positionScale(double[] scale, double[][] m, String src) throws StructureFormatException {
        if (scale[0] >= 0) return scale.clone();
        // negative scale: the target volume (Å³), as in VASP and pymatgen
        double v0 = Math.abs(det(m));
        if (!(v0 > 1e-8)) throw new StructureFormatException(src, 3, "lattice vectors are degenerate (zero volume)");
        double f = Math.cbrt(-scale[0] / v0);
        return new double[] {f, f, f};
    }

    /**
     * The species line (VASP 5; null species for VASP 4) and the atom counts.
     *
     * @param species   element per type, null when the file has no species line
     * @param perType   atoms per type
     * @param countLine 0-based line of the counts
     */
    private record Counts(List<Element> species, int[] perType, int countLine) {
        int total() {
            int t = 0;
            for (int c : perType) t += c;
            return t;
        }

        int nextLine() {
            return countLine + 1;
        }
    }

    private static Counts counts(List<String> lines, String src) throws StructureFormatException {
        int li = 5;
        List<String> t6 = Text.tokens(lines.get(li));
        if (t6.isEmpty())
            throw new StructureFormatException(
                    src, li + 1, "expected the species names or the atom counts, found an empty line");
        List<Element> speciesNames = null;
        if (Text.nonNegativeInt(t6.get(0)) < 0) {
            speciesNames = new ArrayList<>(t6.size());
            for (String name : t6) {
                if (name.startsWith("#") || name.startsWith("!")) break;
                speciesNames.add(potcarElement(name)
                        .orElseThrow(() -> new StructureFormatException(
                                src,
                                6,
                                "expected element symbols on the species line, found '" + Text.shorten(name) + "'")));
            }
            li++;
            if (li >= lines.size())
                throw new StructureFormatException(src, li + 1, "unexpected end of file: expected the atom counts");
        }
        List<String> countTok = Text.tokens(lines.get(li));
        int nTypes = speciesNames != null ? speciesNames.size() : countTok.size();
        if (countTok.size() < nTypes || nTypes == 0) {
            throw new StructureFormatException(
                    src,
                    li + 1,
                    "expected " + (nTypes == 0 ? "the" : nTypes) + " atom counts, found " + countTok.size()
                            + " values");
        }
        int[] counts = new int[nTypes];
        long total = 0;
        for (int i = 0; i < nTypes; i++) {
            counts[i] = Text.nonNegativeInt(countTok.get(i));
            if (counts[i] < 0) {
                throw new StructureFormatException(
                        src,
                        li + 1,
                        "expected a non-negative integer atom count, found '" + Text.shorten(countTok.get(i)) + "'");
            }
            total += counts[i];
        }
        if (total == 0) throw new StructureFormatException(src, li + 1, "the atom counts add up to zero");
        if (total > Integer.MAX_VALUE / 3)
            throw new StructureFormatException(src, li + 1, "expected a plausible number of atoms, found " + total);
        return new Counts(speciesNames, counts, li);
    }

    /** The coordinate mode: Cartesian or direct, after an optional "Selective dynamics" line. */
    private record Mode(boolean cartesian, boolean selective, int firstPosition) {}

    private static Mode mode(List<String> lines, int li, String src) throws StructureFormatException {
        if (li >= lines.size())
            throw new StructureFormatException(src, li + 1, "unexpected end of file: expected 'Direct' or 'Cartesian'");
        String mode = lines.get(li).trim();
        boolean selective = false;
        if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
            selective = true;
            li++;
            if (li >= lines.size())
                throw new StructureFormatException(
                        src, li + 1, "unexpected end of file: expected 'Direct' or 'Cartesian'");
            mode = lines.get(li).trim();
        }
        if (mode.isEmpty())
            throw new StructureFormatException(src, li + 1, "expected 'Direct' or 'Cartesian', found an empty line");
        char c0 = mode.charAt(0);
        boolean cartesian = c0 == 'C' || c0 == 'c' || c0 == 'K' || c0 == 'k';
        if (!cartesian && c0 != 'D' && c0 != 'd') {
            throw new StructureFormatException(
                    src,
                    li + 1,
                    "expected 'Direct' or 'Cartesian'" + (selective ? "" : " (or 'Selective dynamics')") + ", found '"
                            + Text.shorten(mode) + "'");
        }
        return new Mode(cartesian, selective, li + 1);
    }

    /** Reads the positions into {@code pos}; returns each position line's tokens. */
    private static List<List<String>> positions(List<String> lines, int li, double[][] pos, String src)
            throws StructureFormatException {
        int n = pos.length;
        if (lines.size() - li < n) {
            throw new StructureFormatException(
                    src,
                    lines.size() + 1,
                    "unexpected end of file: expected " + n + " atom positions, found " + Math.max(0, lines.size() - li)
                            + " lines");
        }
        List<List<String>> posTokens = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            int ln = li + a;
            List<String> t = Text.tokens(lines.get(ln));
            if (t.size() < 3) {
                throw new StructureFormatException(
                        src, ln + 1, "expected 3 coordinates for atom " + (a + 1) + ", found " + t.size() + " values");
            }
            for (int j = 0; j < 3; j++) pos[a][j] = Text.number(t.get(j), src, ln + 1, "a coordinate");
            posTokens.add(t);
        }
        return posTokens;
    }

    private static List<Element> vasp4Species(
            String comment, int nTypes, List<List<String>> posTokens, int[] counts, boolean selective) {
        List<String> ct = Text.tokens(comment);
        if (ct.size() >= nTypes) {
            List<Element> els = new ArrayList<>(nTypes);
            for (int i = 0; i < nTypes; i++) {
                Optional<Element> e = potcarElement(ct.get(i));
                // canonical capitalisation only, so that words such as "in" or "by" do not pass for elements
                if (e.isEmpty() || !ct.get(i).startsWith(e.get().symbol())) break;
                els.add(e.get());
            }
            if (els.size() == nTypes) return els;
        }
        // some writers (ASE, VESTA) put the symbol after the coordinates (and flags) of each atom
        int col = selective ? 6 : 3;
        List<Element> els = new ArrayList<>(nTypes);
        int a = 0;
        for (int type = 0; type < nTypes; type++) {
            Element first = null;
            for (int k = 0; k < counts[type]; k++, a++) {
                List<String> t = posTokens.get(a);
                if (t.size() <= col) return null;
                Optional<Element> e = potcarElement(t.get(col));
                if (e.isEmpty() || (first != null && e.get() != first)) return null;
                first = e.get();
            }
            if (first == null) return null;
            els.add(first);
        }
        return els;
    }

    /** The element of a POTCAR-style name: "Fe", "Fe_pv", "Si/1a2b3c" (VASP 6 hash). */
    static Optional<Element> potcarElement(String name) {
        int cut = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '/' || c == '.') {
                cut = i;
                break;
            }
        }
        String sym = name.substring(0, cut);
        if (sym.isEmpty() || sym.length() > 3 || !Character.isLetter(sym.charAt(0))) return Optional.empty();
        return Element.find(sym);
    }

    private static boolean isNumber(String s) {
        return Double.isFinite(Text.parseOrNaN(s));
    }
}

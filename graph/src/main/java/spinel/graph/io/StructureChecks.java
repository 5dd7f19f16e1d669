package spinel.graph.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spinel.graph.Composition;
import spinel.graph.Element;
import spinel.graph.NeighborList;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Consistency checks of a structure read from a file, each giving a warning sentence (never a
 * refusal: the caller, e.g. the CLI's {@code --strict}, decides): sites closer than
 * {@value #OVERLAP_DISTANCE} Å that cannot both be occupied, a composition that contradicts the
 * file's declared formula × Z, and a density that contradicts the declared one.
 *
 * <p>Tolerances: an element count may differ from the declared one by 2% plus 0.005 per formula
 * unit (formula sums are rounded to 2–4 decimals and multiplied by Z); a density by
 * {@value #DENSITY_TOLERANCE} (relative; declared densities carry 3 decimals and sometimes omit
 * hydrogen). A formula sum that describes the whole cell rather than one formula unit is accepted
 * only from writers known to write it so (pymatgen's and Spinel's {@code CifWriter}, which give the
 * cell's formula and Z besides); from anyone else it means the cell holds 1/Z of what it should (a
 * fragment listed without its symmetry).
 */
public final class StructureChecks {

    /** Distance (Å) under which two sites overlap. */
    public static final double OVERLAP_DISTANCE = 0.5;

    /** Relative difference of built and declared density (g/cm³) that is reported. */
    public static final double DENSITY_TOLERANCE = 0.03;

    private static final int SHOWN = 3;

    private StructureChecks() {}

    /**
     * Sites closer than {@value #OVERLAP_DISTANCE} Å whose occupancies add up to more than 1, so
     * that they cannot both be occupied at once (split positions of a disordered atom, whose
     * occupancies share one atom, are not reported). Empty when there are none.
     */
    public static List<String> overlaps(Structure s) {
        NeighborList nl;
        try {
            nl = NeighborList.within(s, OVERLAP_DISTANCE);
        } catch (IllegalArgumentException | IllegalStateException e) { // a site far away, a degenerate cell
            return List.of("cannot check for overlapping sites (" + e.getMessage() + ")");
        }
        List<String> pairs = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int e = nl.start(i); e < nl.end(i); e++) {
                int j = nl.index(e);
                if (j < i || (j == i && nl.distance(e) < 1e-9)) continue;
                Site a = s.site(i), b = s.site(j);
                if (j != i && a.totalOccupancy() + b.totalOccupancy() <= 1 + 1e-6) continue;
                count++;
                if (pairs.size() < SHOWN) {
                    pairs.add(String.format(
                            Locale.ROOT,
                            "%s (site %d) and %s (site %d) at %.3f Å",
                            a.label(),
                            i + 1,
                            b.label(),
                            j + 1,
                            nl.distance(e)));
                }
            }
        }
        if (count == 0) return List.of();
        return List.of(count + " pair" + (count > 1 ? "s" : "") + " of sites closer than " + OVERLAP_DISTANCE + " Å: "
                + String.join("; ", pairs) + (count > SHOWN ? "; ..." : ""));
    }

    /** {@code s} with the geometric checks' warnings (overlapping sites) added to its own. */
    public static Structure checked(Structure s) {
        List<String> found = overlaps(s);
        if (found.isEmpty()) return s;
        List<String> all = new ArrayList<>(s.warnings());
        all.addAll(found);
        return s.withWarnings(all);
    }

    /**
     * The built composition against a declared formula sum × Z, or an empty list when they agree.
     *
     * @param built       the cell's composition (occupancy-weighted)
     * @param formula     the declared formula sum (per formula unit)
     * @param formulaText the formula as written, for the message
     * @param z           formula units per cell; NaN when not declared (proportions are then compared)
     * @param cellFormula whether the formula may describe the whole cell (the file's writer puts the
     *                    cell's formula in {@code _chemical_formula_sum}, as pymatgen does)
     */
    public static List<String> againstFormula(
            Composition built, Map<Element, Double> formula, String formulaText, double z, boolean cellFormula) {
        if (agrees(built, formula, z, cellFormula)) return List.of();
        Element h = Element.of(1);
        if (built.get(h) == 0 && formula.containsKey(h) && formula.size() > 1) {
            Map<Element, Double> heavy = new LinkedHashMap<>(formula);
            heavy.remove(h);
            if (agrees(built, heavy, z, cellFormula)) {
                return List.of("the file declares hydrogen (formula '" + formulaText + "'"
                        + (Double.isNaN(z) ? "" : ", Z = " + fmt(z))
                        + ") but lists no hydrogen positions: the structure has no H; the other elements match");
            }
        }
        String expected = Double.isNaN(z) ? "in the proportions of" : "Z = " + fmt(z) + " ×";
        return List.of("the structure built (" + countsText(built) + ") contradicts the declared formula: expected "
                + expected + " '" + formulaText + "'" + differences(built, formula, Double.isNaN(z) ? 0 : z));
    }

    /** The built density against the declared one (g/cm³), or an empty list when they agree. */
    public static List<String> againstDensity(double built, double declared) {
        if (!(declared > 0) || Math.abs(built - declared) <= DENSITY_TOLERANCE * declared) return List.of();
        return List.of(String.format(
                Locale.ROOT,
                "the structure built has density %.3f g/cm³, the file declares %.3f g/cm³"
                        + " (_exptl_crystal_density_diffrn)",
                built,
                declared));
    }

    /**
     * A formula sum as CIF writes it ("C6 H12 O6", "Mg0.9 Fe0.1 O", "H2O", "(K.88 Na.12) Al2",
     * "(O H2)3", "D2 O" with D read as H); empty when it cannot be read (unknown symbols, charges).
     */
    public static Optional<Map<Element, Double>> parseFormula(String text) {
        Map<Element, Double> m = new LinkedHashMap<>();
        int end = parseGroup(text.strip(), 0, m, 1.0);
        return end < 0 || end != text.strip().length() || m.isEmpty() ? Optional.empty() : Optional.of(m);
    }

    /** Parses from {@code i} to the end or a ')', adding amounts × scale; the end index, or -1. */
    private static int parseGroup(String t, int i, Map<Element, Double> m, double scale) {
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ')') {
                return i;
            } else if (c == '(') {
                Map<Element, Double> inner = new LinkedHashMap<>();
                int close = parseGroup(t, i + 1, inner, 1.0);
                if (close < 0 || close >= t.length()) return -1;
                int k = number(t, close + 1);
                double mult = k == close + 1 ? 1 : CifNumbers.parse(t.substring(close + 1, k));
                if (!(mult > 0)) return -1;
                inner.forEach((e, v) -> m.merge(e, v * mult * scale, Double::sum));
                i = k;
            } else if (c >= 'A' && c <= 'Z') {
                int j = i + 1;
                if (j < t.length() && t.charAt(j) >= 'a' && t.charAt(j) <= 'z') j++;
                String sym = t.substring(i, j);
                Optional<Element> el = sym.equals("D") ? Element.find("H") : Element.find(sym);
                if (el.isEmpty()) return -1;
                int k = number(t, j);
                double amount = k == j ? 1 : CifNumbers.parse(t.substring(j, k));
                if (!(amount > 0)) return -1;
                m.merge(el.get(), amount * scale, Double::sum);
                i = k;
            } else {
                return -1;
            }
        }
        return i;
    }

    private static int number(String t, int k) {
        while (k < t.length() && (Character.isDigit(t.charAt(k)) || t.charAt(k) == '.')) k++;
        return k;
    }

    private static boolean agrees(Composition built, Map<Element, Double> formula, double z, boolean cellFormula) {
        if (Double.isNaN(z)) return matches(built, formula, built.numAtoms() / total(formula));
        return matches(built, formula, z) || (cellFormula && matches(built, formula, 1));
    }

    private static boolean matches(Composition built, Map<Element, Double> formula, double z) {
        if (!(z > 0) || !Double.isFinite(z)) return false;
        for (Element e : union(built, formula)) {
            double b = built.get(e), d = formula.getOrDefault(e, 0.0) * z;
            if (Math.abs(b - d) > 0.02 * Math.max(b, d) + 0.005 * z + 0.01) return false;
        }
        return true;
    }

    private static String differences(Composition built, Map<Element, Double> formula, double z) {
        double scale = z > 0 ? z : built.numAtoms() / total(formula);
        List<String> d = new ArrayList<>();
        for (Element e : union(built, formula)) {
            double b = built.get(e), x = formula.getOrDefault(e, 0.0) * scale;
            if (Math.abs(b - x) > 0.02 * Math.max(b, x) + 0.005 * scale + 0.01)
                d.add(e.symbol() + " " + fmt(b) + " built, " + fmt(x) + " declared");
        }
        return d.isEmpty() ? "" : " (" + String.join(", ", d) + ")";
    }

    private static Set<Element> union(Composition built, Map<Element, Double> formula) {
        Set<Element> all = new LinkedHashSet<>(formula.keySet());
        all.addAll(built.elements());
        return all;
    }

    private static double total(Map<Element, Double> formula) {
        double t = 0;
        for (double v : formula.values()) t += v;
        return t;
    }

    private static String countsText(Composition c) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Element, Double> e : c.asMap().entrySet()) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(e.getKey().symbol()).append(fmt(e.getValue()));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6) return Long.toString(Math.round(v));
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}

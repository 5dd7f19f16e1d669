package spinel.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spinel.graph.Composition;
import spinel.graph.Element;

/**
 * Chemical formulas for the search: {@code "NbO2"} → {Nb: 1, O: 2}, and the cell contents a formula
 * allows (Z formula units per cell, at most {@code maxAtoms} atoms), as a crystal-structure-prediction
 * run tries every Z.
 */
public final class Formula {

    private static final Pattern TOKEN = Pattern.compile("([A-Z][a-z]?)(\\d*)");

    private Formula() {}

    /**
     * Parses a formula of element symbols with optional whole counts ("NbO2", "Nb12O29", "SrTiO3"), with
     * or without spaces between them ("Nb1 O2", as pymatgen and {@code spinel generate}'s output write it);
     * an element may repeat ("HOH" → H2O). Throws {@link IllegalArgumentException} naming the
     * offending part.
     */
    public static Composition parse(String formula) {
        if (formula == null || formula.isBlank()) throw new IllegalArgumentException("empty formula");
        String f = formula.replaceAll("\\s+", "");
        Matcher m = TOKEN.matcher(f);
        Map<Element, Double> counts = new LinkedHashMap<>();
        int pos = 0;
        while (pos < f.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException(
                        "formula '" + formula + "': expected an element symbol at '" + f.substring(pos) + "'");
            }
            String symbol = m.group(1);
            Element e = Element.find(symbol)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "formula '" + formula + "': unknown element '" + symbol + "'"));
            int n = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
            if (n <= 0) throw new IllegalArgumentException("formula '" + formula + "': count of " + symbol + " is 0");
            counts.merge(e, (double) n, Double::sum);
            pos = m.end();
        }
        return new Composition(counts);
    }

    /** The formula reduced to its smallest whole counts (NbO2 for Nb2O4). */
    public static Composition reduce(Composition c) {
        long g = 0;
        for (double v : c.asMap().values()) g = gcd(g, Math.round(v));
        Map<Element, Double> m = new LinkedHashMap<>();
        for (var e : c.asMap().entrySet()) m.put(e.getKey(), (double) (Math.round(e.getValue()) / g));
        return new Composition(m);
    }

    /** Cell contents Z × the reduced formula for Z = 1, 2, ... while the cell has at most {@code maxAtoms}. */
    public static List<Composition> cells(Composition formula, int maxAtoms) {
        Composition r = reduce(formula);
        List<Composition> out = new ArrayList<>();
        for (int z = 1; z * r.numAtoms() <= maxAtoms + 1e-9; z++) {
            Map<Element, Double> m = new LinkedHashMap<>();
            for (var e : r.asMap().entrySet()) m.put(e.getKey(), e.getValue() * z);
            out.add(new Composition(m));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    r.formula() + " has " + (int) r.numAtoms() + " atoms per formula unit, more than " + maxAtoms);
        }
        return out;
    }

    /** The elements of a cell one per site, in formula order (the order of {@link Composition#asMap}). */
    public static List<Element> sites(Composition cell) {
        List<Element> out = new ArrayList<>();
        for (var e : cell.asMap().entrySet()) {
            long n = Math.round(e.getValue());
            if (Math.abs(n - e.getValue()) > 1e-6) {
                throw new IllegalArgumentException(cell.formula() + ": a cell needs whole numbers of atoms");
            }
            for (int i = 0; i < n; i++) out.add(e.getKey());
        }
        return out;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}

package spinel.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amounts of each element (atoms per cell, or any other normalisation), as pymatgen's
 * {@code Composition}. Elements are kept in pymatgen's formula order: by Pauling electronegativity,
 * then symbol (elements without an electronegativity last). Immutable.
 */
public final class Composition {

    private static final Comparator<Element> FORMULA_ORDER = Comparator.comparingDouble(
                    (Element e) -> Double.isNaN(e.electronegativity()) ? Double.MAX_VALUE : e.electronegativity())
            .thenComparing(Element::symbol);

    private final Map<Element, Double> amounts;

    /** A composition from element amounts; zero amounts are dropped, negative ones refused. */
    public Composition(Map<Element, Double> amounts) {
        List<Element> keys = new ArrayList<>(amounts.keySet());
        keys.sort(FORMULA_ORDER);
        Map<Element, Double> m = new LinkedHashMap<>();
        for (Element e : keys) {
            double v = amounts.get(e);
            if (v < 0 || !Double.isFinite(v)) {
                throw new IllegalArgumentException("amount of " + e + " must be finite and non-negative, got " + v);
            }
            if (v > 0) m.put(e, v);
        }
        this.amounts = Collections.unmodifiableMap(m);
    }

    /** Element amounts in formula order. */
    public Map<Element, Double> asMap() {
        return amounts;
    }

    /** Amount of an element (0 when absent). */
    public double get(Element e) {
        return amounts.getOrDefault(e, 0.0);
    }

    /** Total number of atoms. */
    public double numAtoms() {
        double t = 0;
        for (double v : amounts.values()) t += v;
        return t;
    }

    /** Atomic fraction of an element. */
    public double fraction(Element e) {
        double n = numAtoms();
        return n == 0 ? 0 : get(e) / n;
    }

    /** Atomic fractions of every element, formula order. */
    public Map<Element, Double> fractions() {
        Map<Element, Double> m = new LinkedHashMap<>();
        double n = numAtoms();
        amounts.forEach((e, v) -> m.put(e, v / n));
        return m;
    }

    /** The elements present, formula order. */
    public List<Element> elements() {
        return List.copyOf(amounts.keySet());
    }

    /** Mass of the formula, u. */
    public double weight() {
        double w = 0;
        for (Map.Entry<Element, Double> e : amounts.entrySet()) w += e.getKey().mass() * e.getValue();
        return w;
    }

    /** pymatgen's formula: every element with its amount, space separated ("Na4 Cl4"). */
    public String formula() {
        StringBuilder sb = new StringBuilder();
        amounts.forEach((e, v) -> {
            if (sb.length() > 0) sb.append(' ');
            sb.append(e.symbol()).append(format(v));
        });
        return sb.toString();
    }

    /**
     * The formula divided by the greatest common factor of integer amounts, with unit amounts
     * omitted ("NaCl", "TiO2"). Non-integer amounts are kept as they are. Unlike pymatgen, no special
     * cases for molecules (O2, H2O2) are applied.
     */
    public String reducedFormula() {
        long g = 0;
        boolean integral = true;
        for (double v : amounts.values()) {
            if (Math.abs(v - Math.rint(v)) > 1e-8) {
                integral = false;
                break;
            }
            g = gcd(g, Math.round(v));
        }
        double factor = integral && g > 0 ? g : 1;
        StringBuilder sb = new StringBuilder();
        amounts.forEach((e, v) -> {
            sb.append(e.symbol());
            double r = v / factor;
            if (Math.abs(r - 1) > 1e-8) sb.append(format(r));
        });
        return sb.toString();
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-8) return Long.toString(Math.round(v));
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Composition c) || c.amounts.size() != amounts.size()) return false;
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            if (Math.abs(c.get(e.getKey()) - e.getValue()) > 1e-8) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return amounts.keySet().hashCode();
    }

    @Override
    public String toString() {
        return formula();
    }
}

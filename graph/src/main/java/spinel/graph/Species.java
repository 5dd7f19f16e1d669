package spinel.graph;

import java.util.Objects;

/**
 * An element with an optional oxidation state, as pymatgen's {@code Species} ("Fe3+", "O2-").
 *
 * @param element        the element
 * @param oxidationState formal charge, {@link Double#NaN} when not given
 */
public record Species(Element element, double oxidationState) {

    public Species {
        Objects.requireNonNull(element, "element");
    }

    /** The element with no oxidation state. */
    public static Species of(Element element) {
        return new Species(element, Double.NaN);
    }

    /** Whether an oxidation state is given. */
    public boolean hasOxidationState() {
        return !Double.isNaN(oxidationState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Species s
                && s.element == element
                && Double.doubleToLongBits(s.oxidationState) == Double.doubleToLongBits(oxidationState);
    }

    @Override
    public int hashCode() {
        return element.z() * 31 + Double.hashCode(oxidationState);
    }

    @Override
    public String toString() {
        if (!hasOxidationState()) {
            return element.symbol();
        }
        double q = Math.abs(oxidationState);
        String n = q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
        return element.symbol() + n + (oxidationState < 0 ? "-" : "+");
    }
}

package spinel.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A site of a periodic structure: the species on it with their occupancies, its fractional position
 * in the lattice, and a label. An ordered site holds one species with occupancy 1; a disordered
 * site holds several, or one with occupancy below 1 (a vacancy share), as pymatgen's
 * {@code PeriodicSite}. Immutable.
 */
public final class Site {

    private final Map<Species, Double> species;
    private final double[] frac;
    private final Lattice lattice;
    private final String label;

    /**
     * @param species occupancies of each species, each in (0, 1], summing to at most 1 (+1e-6)
     * @param frac    fractional coordinates (kept as given, not wrapped into [0, 1))
     * @param lattice the lattice the coordinates refer to
     * @param label   site label (e.g. "Fe1"); null gives the species string
     */
    public Site(Map<Species, Double> species, double[] frac, Lattice lattice, String label) {
        if (species == null || species.isEmpty()) {
            throw new IllegalArgumentException("a site needs at least one species");
        }
        if (frac == null
                || frac.length != 3
                || !Double.isFinite(frac[0])
                || !Double.isFinite(frac[1])
                || !Double.isFinite(frac[2])) {
            throw new IllegalArgumentException("a site needs 3 finite fractional coordinates");
        }
        double total = 0;
        for (Map.Entry<Species, Double> e : species.entrySet()) {
            double occ = e.getValue();
            if (!(occ > 0) || occ > 1 + 1e-6) {
                throw new IllegalArgumentException("occupancy of " + e.getKey() + " must be in (0, 1], got " + occ);
            }
            total += occ;
        }
        if (total > 1 + 1e-3) {
            throw new IllegalArgumentException("occupancies on one site sum to " + total + " > 1");
        }
        this.species = Collections.unmodifiableMap(new LinkedHashMap<>(species));
        this.frac = frac.clone();
        this.lattice = lattice;
        this.label = label != null ? label : speciesString();
    }

    /** An ordered site: one species, occupancy 1. */
    public static Site of(Species sp, double[] frac, Lattice lattice, String label) {
        return new Site(Map.of(sp, 1.0), frac, lattice, label);
    }

    /** An ordered site of an element with no oxidation state. */
    public static Site of(Element el, double[] frac, Lattice lattice) {
        return of(Species.of(el), frac, lattice, null);
    }

    /** Species and occupancies, in insertion order. */
    public Map<Species, Double> species() {
        return species;
    }

    /** Whether the site holds one species at full occupancy. */
    public boolean isOrdered() {
        return species.size() == 1 && Math.abs(species.values().iterator().next() - 1.0) < 1e-6;
    }

    /** The species of an ordered site; for a disordered site, the one with the largest occupancy. */
    public Species specie() {
        Species best = null;
        double occ = -1;
        for (Map.Entry<Species, Double> e : species.entrySet()) {
            if (e.getValue() > occ) {
                best = e.getKey();
                occ = e.getValue();
            }
        }
        return best;
    }

    /** The element of {@link #specie()}. */
    public Element element() {
        return specie().element();
    }

    /** Sum of occupancies (1 for a fully occupied site). */
    public double totalOccupancy() {
        double t = 0;
        for (double v : species.values()) t += v;
        return t;
    }

    /** Element amounts on this site (occupancies summed over oxidation states). */
    public Composition composition() {
        Map<Element, Double> m = new LinkedHashMap<>();
        species.forEach((s, o) -> m.merge(s.element(), o, Double::sum));
        return new Composition(m);
    }

    /** Fractional coordinates (a copy). */
    public double[] fracCoords() {
        return frac.clone();
    }

    /** Fractional coordinate {@code i} (0, 1, 2). */
    public double frac(int i) {
        return frac[i];
    }

    /** Cartesian coordinates, Å. */
    public double[] cartCoords() {
        return lattice.toCartesian(frac);
    }

    public Lattice lattice() {
        return lattice;
    }

    public String label() {
        return label;
    }

    /** The same site in another lattice (same fractional coordinates). */
    public Site withLattice(Lattice other) {
        return new Site(species, frac, other, label);
    }

    private String speciesString() {
        StringBuilder sb = new StringBuilder();
        species.forEach((s, o) -> {
            if (sb.length() > 0) sb.append(',');
            sb.append(s);
            if (Math.abs(o - 1) > 1e-6) sb.append(':').append(o);
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format("%s [%.5f %.5f %.5f] %s", speciesString(), frac[0], frac[1], frac[2], label);
    }
}

package spinel.graph.symmetry;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import spinel.graph.Element;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;

/**
 * When two sites may be matched onto each other by the {@link StructureMatcher}, as pymatgen's
 * comparators: {@link #SPECIES} (pymatgen's {@code SpeciesComparator}, the default) needs the same
 * species with the same oxidation states and occupancies, Fe2+ matching only Fe2+; {@link #ELEMENT}
 * ({@code ElementComparator}) looks only at the elements and their amounts, so Fe2+ matches Fe3+ and
 * Fe. The {@link #hash} of a structure (its fractional composition under the comparator) is equal
 * for any two structures the comparator could match; the matcher groups by it before matching.
 */
public enum SiteComparator {
    /** Same species (element and oxidation state) with the same occupancies. */
    SPECIES {
        @Override
        public boolean areEqual(Map<Species, Double> a, Map<Species, Double> b) {
            return sameAmounts(a, b);
        }

        @Override
        String key(Species s) {
            return s.toString();
        }
    },
    /** Same elements with the same amounts, oxidation states ignored. */
    ELEMENT {
        @Override
        public boolean areEqual(Map<Species, Double> a, Map<Species, Double> b) {
            return sameAmounts(elements(a), elements(b));
        }

        @Override
        String key(Species s) {
            return s.element().symbol();
        }
    };

    private static final double OCCUPANCY_TOLERANCE = 1e-8;

    /** Whether two sites, given by their species and occupancies, may be matched. */
    public abstract boolean areEqual(Map<Species, Double> a, Map<Species, Double> b);

    abstract String key(Species s);

    /**
     * The fractional composition of {@code structure} under this comparator, as a string
     * ("Cl:0.500000 Na:0.500000"): structures with different hashes never match.
     */
    public String hash(Structure structure) {
        Map<String, Double> amounts = new TreeMap<>();
        double total = 0;
        for (Site site : structure.sites()) {
            for (Map.Entry<Species, Double> e : site.species().entrySet()) {
                amounts.merge(key(e.getKey()), e.getValue(), Double::sum);
                total += e.getValue();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : amounts.entrySet()) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(e.getKey()).append(':').append(String.format(Locale.ROOT, "%.6f", e.getValue() / total));
        }
        return sb.toString();
    }

    private static Map<Element, Double> elements(Map<Species, Double> species) {
        Map<Element, Double> m = new TreeMap<>();
        species.forEach((s, occ) -> m.merge(s.element(), occ, Double::sum));
        return m;
    }

    private static <K> boolean sameAmounts(Map<K, Double> a, Map<K, Double> b) {
        if (a.size() != b.size()) return false;
        for (Map.Entry<K, Double> e : a.entrySet()) {
            Double o = b.get(e.getKey());
            if (o == null || Math.abs(o - e.getValue()) > OCCUPANCY_TOLERANCE) return false;
        }
        return true;
    }
}

package spinel.descriptors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import spinel.graph.Composition;
import spinel.graph.Element;

/**
 * Composition statistics in the style of the Magpie preset of matminer's {@code ElementProperty}
 * (Ward et al., npj Comput. Mater. 2, 16028 (2016)): for each elemental property of our
 * {@link Element} table, over the elements of the composition weighted by atomic fraction f_i,
 * <ul>
 * <li>{@code mean} = Σ f_i x_i; {@code avg_dev} = Σ f_i |x_i − mean|;</li>
 * <li>{@code min}, {@code max}, {@code range} = max − min (unweighted, over elements present);</li>
 * <li>{@code mode} = the value of the most abundant element (ties: the smallest value, as matminer).</li>
 * </ul>
 * Column names are {@code <property>_<statistic>}, e.g. {@code electronegativity_avg_dev}, properties
 * in the order of {@link #PROPERTIES}, statistics in the order above. Then the stoichiometric
 * features of the same preset: {@code n_elements} and the L^p norms of the fractions
 * {@code stoich_p2, stoich_p3, stoich_p5, stoich_p7, stoich_p10}.
 *
 * <p>Missing values (NaN in the table: e.g. the electronegativity of He, Ne, Ar) are left out and the
 * remaining fractions renormalised; a property missing for every element gives NaN.
 */
public final class CompositionFeatures {

    /** An elemental property: its column stem, unit and accessor. */
    public record Property(String name, String unit, ToDoubleFunction<Element> value) {}

    /** The properties used, in column order. */
    public static final List<Property> PROPERTIES = List.of(
            new Property("atomic_number", "", Element::z),
            new Property("mendeleev_number", "", e -> e.mendeleevNumber() < 0 ? Double.NaN : e.mendeleevNumber()),
            new Property("atomic_mass", "u", Element::mass),
            new Property("group", "", Element::group),
            new Property("period", "", Element::period),
            new Property("electronegativity", "Pauling", Element::electronegativity),
            new Property("covalent_radius", "Å", Element::covalentRadius),
            new Property("atomic_radius", "Å", Element::atomicRadius),
            new Property("first_ionization_energy", "eV", Element::firstIonizationEnergy),
            new Property("electron_affinity", "eV", Element::electronAffinity),
            new Property("valence_s", "electrons", Element::valenceS),
            new Property("valence_p", "electrons", Element::valenceP),
            new Property("valence_d", "electrons", Element::valenceD),
            new Property("valence_f", "electrons", Element::valenceF),
            new Property("valence_electrons", "electrons", Element::valenceElectrons),
            new Property("molar_volume", "cm³/mol", Element::molarVolume),
            new Property("atomic_volume", "Å³", Element::atomicVolume),
            new Property("melting_point", "K", Element::meltingPoint),
            new Property("elemental_density", "kg/m³", Element::density));

    /** The statistics, in column order. */
    public static final List<String> STATISTICS = List.of("mean", "avg_dev", "min", "max", "range", "mode");

    private static final int[] NORMS = {2, 3, 5, 7, 10};

    /** Column names, in order. */
    public static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>();
        for (Property p : PROPERTIES) for (String s : STATISTICS) n.add(p.name() + "_" + s);
        n.add("n_elements");
        for (int p : NORMS) n.add("stoich_p" + p);
        NAMES = Collections.unmodifiableList(n);
    }

    private CompositionFeatures() {}

    /** The features of {@code composition}, named as {@link #NAMES}. */
    public static Features of(Composition composition) {
        Map<Element, Double> frac = composition.fractions();
        if (frac.isEmpty()) throw new IllegalArgumentException("composition is empty");
        double[] v = new double[NAMES.size()];
        int o = 0;
        for (Property p : PROPERTIES) {
            double wsum = 0, mean = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            double modeFrac = -1, mode = Double.NaN;
            for (Map.Entry<Element, Double> e : frac.entrySet()) {
                double x = p.value().applyAsDouble(e.getKey());
                if (Double.isNaN(x)) continue;
                double f = e.getValue();
                wsum += f;
                mean += f * x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                if (f > modeFrac + 1e-12 || (Math.abs(f - modeFrac) <= 1e-12 && x < mode)) {
                    modeFrac = f;
                    mode = x;
                }
            }
            if (wsum == 0) {
                for (int s = 0; s < STATISTICS.size(); s++) v[o + s] = Double.NaN;
            } else {
                mean /= wsum;
                double dev = 0;
                for (Map.Entry<Element, Double> e : frac.entrySet()) {
                    double x = p.value().applyAsDouble(e.getKey());
                    if (!Double.isNaN(x)) dev += e.getValue() * Math.abs(x - mean);
                }
                v[o] = mean;
                v[o + 1] = dev / wsum;
                v[o + 2] = min;
                v[o + 3] = max;
                v[o + 4] = max - min;
                v[o + 5] = mode;
            }
            o += STATISTICS.size();
        }
        v[o++] = frac.size();
        for (int p : NORMS) {
            double s = 0;
            for (double f : frac.values()) s += Math.pow(f, p);
            v[o++] = Math.pow(s, 1.0 / p);
        }
        return new Features(NAMES, v);
    }
}

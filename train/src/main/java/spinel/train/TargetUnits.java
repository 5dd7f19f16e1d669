package spinel.train;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit of a regression target, for plot axes and reports: the one given ({@code spinel train
 * --units}), else a unit in parentheses in the column name ({@code "band_gap (eV)"}), else the unit of
 * a well-known Materials Project / Matbench column of {@code ../shared/data} (its README), else none.
 */
public final class TargetUnits {

    /** Columns whose unit is fixed by the datasets at hand; ambiguous names (e.g. e_form) are left out. */
    private static final Map<String, String> KNOWN = Map.of(
            "e_form_per_atom", "eV/atom",
            "formation_energy_per_atom", "eV/atom",
            "band_gap", "eV",
            "gap", "eV",
            "gap pbe", "eV",
            "efermi", "eV",
            "volume_per_atom", "Å³/atom",
            "exfoliation_en", "meV/atom");

    private static final Pattern IN_PARENTHESES = Pattern.compile(".*\\(([^()]+)\\)\\s*$");

    private TargetUnits() {}

    /**
     * The unit of target {@code name}; {@code given} wins when not null.
     *
     * @return the unit, or null when unknown
     */
    public static String of(String name, String given) {
        if (given != null && !given.isBlank()) return given.trim();
        if (name == null) return null;
        Matcher m = IN_PARENTHESES.matcher(name);
        if (m.matches()) return m.group(1).trim();
        return KNOWN.get(name.trim().toLowerCase(Locale.ROOT));
    }
}

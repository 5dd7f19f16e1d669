package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.NeighborList;
import spinel.graph.Structure;

/**
 * Reads the ~500 COD CIFs of Debian's libavogadro-data and compares each with pymatgen 2022.11's
 * reading of it (anchors/pymatgen/avogadro.jsonl): composition, number of sites, volume, cell
 * lengths and, for ordered cells of at most 500 sites, every site's 12 nearest-neighbour distances
 * within 8 Å. Skips when the CIFs or the anchors are absent.
 *
 * <p>Result (pymatgen 2022.11 anchors, 495 files it reads): 491 agree on everything, including
 * the neighbour distances of all 461 ordered cells pymatgen measured. The four disagreements are
 * files where pymatgen is wrong or the file is broken:
 * <ul>
 *   <li>halides/FeCl3-Molysite.cif and carbonates/MgCO3-Magnesite.cif give a rhombohedral cell
 *       (a = b = c, α = β = γ ≠ 90°) and only the symbol 'R -3' / 'R -3 c'. pymatgen always
 *       applies the hexagonal-axes operators, giving 36 sites (Fe18 Cl18) in a 173 Å³ cell;
 *       we choose rhombohedral axes from the cell: Fe2 Cl6, the known FeCl3 with Z = 2. (MgCO3's
 *       file also puts its origin elsewhere than the International Tables, so its O lands on a
 *       general position: Mg2 C2 O12; the file cannot be read right without guessing the origin.)
 *   <li>other/LiNbO3-LithiumNiobate.cif writes 'R 3 c {rhombohedral axes}' for a hexagonal cell.
 *       pymatgen does not recognise the symbol and silently uses P1 (Li2 Nb2 O3, 7 sites); we drop
 *       the braced remark, take hexagonal axes from the cell and get Li6 Nb6 O18 (Z = 6, as the
 *       file's _cell_formula_units_Z says).
 *   <li>elements/Er-Erbium.cif has a stray '_fract_z' line inside its atom loop. pymatgen ends the
 *       loop there and reads on with a warning; we refuse the malformed file, naming line 82.
 * </ul>
 * Of the 15 files pymatgen cannot read, we read 10: seven list every atom of the cell along with
 * the symmetry (pymatgen sums the coinciding images to occupancy 2 or 4 and fails; we take them as
 * one atom: W2C, In, ice VI, BN, CoSO4, CuSO4, MgTiO3; of these In-Indium swaps its lengths and
 * angles and BN places B inconsistently, which no reader can mend), two have occupancies a few
 * per cent over 1 (scaled, see {@link CifReader#OCCUPANCY_TOLERANCE}), and ammonia has a dummy
 * atom ("dum") we skip. The other five fail with a message naming the line: loops with a wrong
 * value count (Eu, Se, Bi2S3), occupancies summing to 1.11 (Co.87Fe.11Ni.13As3), no coordinates
 * (AlCl3).
 */
class AvogadroParityTest {

    static final Path CRYSTALS = Path.of("/usr/share/avogadro2/crystals");
    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path ANCHORS = SHARED.resolve("anchors/pymatgen/avogadro.jsonl");

    @Test
    void agreesWithPymatgenOnCodCifs() throws Exception {
        assumeTrue(
                Files.isDirectory(CRYSTALS) && Files.isRegularFile(ANCHORS),
                "avogadro CIFs or pymatgen anchors absent");
        ObjectMapper json = new ObjectMapper();
        CifReader reader = new CifReader();
        int compared = 0, agreed = 0, nbrCompared = 0;
        List<String> disagreements = new ArrayList<>();
        List<String> weFail = new ArrayList<>();
        List<String> pymatgenFails = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(ANCHORS)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode a = json.readTree(line);
                String file = a.get("file").asText();
                Path p = CRYSTALS.resolve(file);
                if (!Files.isRegularFile(p)) continue;
                Structure s = null;
                String err = null;
                try {
                    s = reader.read(p).get(0);
                } catch (spinel.graph.StructureFormatException e) {
                    err = e.getMessage();
                }
                if (!a.get("ok").asBoolean()) {
                    pymatgenFails.add(file + ": pymatgen " + a.get("error").asText() + "; we: "
                            + (s != null ? "read " + s.composition().formula() + ", " + s.size() + " sites" : err));
                    continue;
                }
                compared++;
                if (s == null) {
                    weFail.add(file + ": " + err);
                    disagreements.add(file + ": we fail: " + err);
                    continue;
                }
                String diff = compare(s, a);
                if (diff == null && a.has("nbr12")) {
                    nbrCompared++;
                    diff = compareNeighbors(s, a.get("nbr12"));
                }
                if (diff == null) agreed++;
                else disagreements.add(file + ": " + diff);
            }
        }
        double rate = agreed / (double) compared;
        System.out.printf(
                "avogadro parity: %d/%d agree (%.1f%%), 12-neighbour distances compared on %d%n",
                agreed, compared, 100 * rate, nbrCompared);
        disagreements.forEach(d -> System.out.println("  " + d));
        System.out.println("files pymatgen does not read:");
        pymatgenFails.forEach(d -> System.out.println("  " + d));
        assertTrue(rate >= 0.98, "agreement " + rate + " below 98%:\n" + String.join("\n", disagreements));
    }

    static String compare(Structure s, JsonNode a) {
        List<String> d = new ArrayList<>();
        if (s.size() != a.get("nsites").asInt())
            d.add("nsites " + s.size() + " vs " + a.get("nsites").asInt());
        double v = a.get("volume").asDouble();
        if (Math.abs(s.volume() - v) > 1e-6 * v) d.add("volume " + s.volume() + " vs " + v);
        double[] abc = s.lattice().lengths();
        for (int i = 0; i < 3; i++) {
            double ref = a.get("abc").get(i).asDouble();
            if (Math.abs(abc[i] - ref) > 1e-6 * ref) d.add("abc " + abc[i] + " vs " + ref);
        }
        Map<Element, Double> ref = parseFormula(a.get("formula").asText());
        Map<Element, Double> ours = s.composition().asMap();
        boolean same = ref.keySet().equals(ours.keySet());
        if (same) {
            for (Map.Entry<Element, Double> e : ref.entrySet()) {
                if (Math.abs(ours.get(e.getKey()) - e.getValue()) > 1e-4 * Math.max(1, e.getValue())) same = false;
            }
        }
        if (!same)
            d.add("composition " + s.composition().formula() + " vs "
                    + a.get("formula").asText());
        return d.isEmpty() ? null : String.join("; ", d);
    }

    /**
     * Each site's 12 nearest-neighbour distances within 8 Å against pymatgen's, as a multiset of
     * sorted rows (site order differs: pymatgen sorts sites by electronegativity).
     */
    static String compareNeighbors(Structure s, JsonNode ref) {
        NeighborList nl = NeighborList.within(s, 8.0);
        List<double[]> ours = new ArrayList<>(), theirs = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int m = Math.min(12, nl.count(i));
            double[] row = new double[m];
            for (int k = 0; k < m; k++) row[k] = nl.distance(nl.start(i) + k);
            ours.add(row);
        }
        for (JsonNode r : ref) {
            double[] row = new double[r.size()];
            for (int k = 0; k < row.length; k++) row[k] = r.get(k).asDouble();
            theirs.add(row);
        }
        // match each of our rows to an unused reference row (rows of distinct sites may differ by
        // only 1e-5 Å, so sorting with a tolerance would pair them wrongly)
        boolean[] used = new boolean[theirs.size()];
        for (double[] x : ours) {
            int found = -1;
            double bestDiff = Double.MAX_VALUE;
            for (int j = 0; j < theirs.size() && found < 0; j++) {
                if (used[j]) continue;
                double[] y = theirs.get(j);
                if (x.length != y.length) continue;
                double d = 0;
                for (int k = 0; k < x.length; k++) d = Math.max(d, Math.abs(x[k] - y[k]));
                if (d <= 2e-6) found = j;
                bestDiff = Math.min(bestDiff, d);
            }
            if (found < 0) {
                return "a site's 12 neighbour distances " + java.util.Arrays.toString(x)
                        + " match no pymatgen site (closest differs by " + bestDiff + " Å)";
            }
            used[found] = true;
        }
        return null;
    }

    /** pymatgen's formula "Fe2 O3" or "Fe0.5 Ni0.5 O1" as element amounts. */
    static Map<Element, Double> parseFormula(String f) {
        Map<Element, Double> m = new LinkedHashMap<>();
        for (String part : f.trim().split("\\s+")) {
            int i = 0;
            while (i < part.length() && Character.isLetter(part.charAt(i))) i++;
            m.merge(
                    Element.of(part.substring(0, i)),
                    i < part.length() ? Double.parseDouble(part.substring(i)) : 1.0,
                    Double::sum);
        }
        return m;
    }
}

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
import spinel.graph.Structure;

/**
 * Reads the ~500 COD CIFs of Debian's libavogadro-data and compares each with pymatgen 2022.11's
 * reading of it (anchors/pymatgen/avogadro.jsonl): composition, number of sites, volume and cell
 * lengths. Skips when the CIFs or the anchors are absent.
 */
class AvogadroParityTest {

    static final Path CRYSTALS = Path.of("/usr/share/avogadro2/crystals");
    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path ANCHORS = SHARED.resolve("anchors/pymatgen/avogadro.jsonl");

    @Test
    void agreesWithPymatgenOnCodCifs() throws Exception {
        assumeTrue(Files.isDirectory(CRYSTALS) && Files.isRegularFile(ANCHORS), "avogadro CIFs or pymatgen anchors absent");
        ObjectMapper json = new ObjectMapper();
        CifReader reader = new CifReader();
        int compared = 0, agreed = 0;
        List<String> disagreements = new ArrayList<>();
        List<String> weFail = new ArrayList<>();
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
                    continue;
                }
                compared++;
                if (s == null) {
                    weFail.add(file + ": " + err);
                    disagreements.add(file + ": we fail: " + err);
                    continue;
                }
                String diff = compare(s, a);
                if (diff == null) agreed++;
                else disagreements.add(file + ": " + diff);
            }
        }
        double rate = agreed / (double) compared;
        System.out.printf("avogadro parity: %d/%d agree (%.1f%%)%n", agreed, compared, 100 * rate);
        disagreements.forEach(d -> System.out.println("  " + d));
        assertTrue(rate >= 0.98, "agreement " + rate + " below 98%:\n" + String.join("\n", disagreements));
    }

    static String compare(Structure s, JsonNode a) {
        List<String> d = new ArrayList<>();
        if (s.size() != a.get("nsites").asInt()) d.add("nsites " + s.size() + " vs " + a.get("nsites").asInt());
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
        if (!same) d.add("composition " + s.composition().formula() + " vs " + a.get("formula").asText());
        return d.isEmpty() ? null : String.join("; ", d);
    }

    /** pymatgen's formula "Fe2 O3" or "Fe0.5 Ni0.5 O1" as element amounts. */
    static Map<Element, Double> parseFormula(String f) {
        Map<Element, Double> m = new LinkedHashMap<>();
        for (String part : f.trim().split("\\s+")) {
            int i = 0;
            while (i < part.length() && Character.isLetter(part.charAt(i))) i++;
            m.merge(Element.of(part.substring(0, i)), i < part.length() ? Double.parseDouble(part.substring(i)) : 1.0, Double::sum);
        }
        return m;
    }
}

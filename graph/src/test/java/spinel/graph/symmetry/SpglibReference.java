package spinel.graph.symmetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/** The structures and spglib datasets of {@code spglib_reference.json.gz} (scripts/gen_spglib_reference.py). */
final class SpglibReference {

    record Entry(String name, Structure structure, List<JsonNode> datasets) {}

    private SpglibReference() {}

    static List<Entry> load(String resource) throws IOException {
        try (InputStream raw = SpglibReference.class.getResourceAsStream(resource)) {
            if (raw == null) throw new IOException("missing test resource " + resource);
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(raw));
            List<Entry> out = new ArrayList<>();
            for (JsonNode n : root) out.add(new Entry(n.get("name").asText(), structure(n), list(n.get("datasets"))));
            return out;
        }
    }

    static Structure structure(JsonNode n) {
        double[][] lat = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                lat[i][j] = n.get("lattice").get(i).get(j).asDouble();
        JsonNode f = n.get("frac");
        double[][] frac = new double[f.size()][3];
        List<Element> el = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            for (int j = 0; j < 3; j++) frac[i][j] = f.get(i).get(j).asDouble();
            el.add(Element.of(n.get("numbers").get(i).asInt()));
        }
        return Structure.of(new Lattice(lat), el, frac).withId(n.get("name").asText());
    }

    private static List<JsonNode> list(JsonNode a) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }
}

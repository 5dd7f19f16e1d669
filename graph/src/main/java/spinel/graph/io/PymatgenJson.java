package spinel.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * pymatgen's JSON form of a structure, {@code Structure.as_dict()}: {@code lattice.matrix} (rows,
 * Å), and {@code sites}, each with {@code species} ({@code [{"element", "occu",
 * "oxidation_state"?}]}), fractional {@code abc} (or, when absent, Cartesian {@code xyz}, Å) and
 * {@code label}. Reading is a single streaming pass (no JSON tree), so the same code serves
 * {@link MatbenchReader}'s large datasets. A file may hold one dict or a JSON array of them, plain or
 * gzip'd. Writing produces the dict that {@code Structure.from_dict} reads back.
 */
public final class PymatgenJson implements StructureReader, StructureWriter {

    @Override
    public List<Structure> read(Path file) throws IOException, StructureFormatException {
        String src = file.toString();
        try (InputStream in = JsonSupport.open(file);
                JsonParser p = JsonSupport.FACTORY.createParser(in)) {
            return readAll(p, src, src);
        } catch (EOFException | ZipException | CharConversionException e) {
            throw JsonSupport.badBytes(e, src);
        }
    }

    @Override
    public List<Structure> parse(String text, String sourceName) throws StructureFormatException {
        try (JsonParser p = JsonSupport.FACTORY.createParser(text)) {
            return readAll(p, sourceName, sourceName);
        } catch (IOException e) {
            throw new StructureFormatException(sourceName, 0, e.getMessage(), e);
        }
    }

    private static List<Structure> readAll(JsonParser p, String src, String id)
            throws IOException, StructureFormatException {
        try {
            JsonToken t = JsonSupport.next(p, src, "a pymatgen Structure dict");
            List<Structure> out = new ArrayList<>();
            if (t == JsonToken.START_ARRAY) {
                while (JsonSupport.next(p, src, "a Structure dict or ']'") != JsonToken.END_ARRAY) {
                    out.add(readStructure(p, src, id + "#" + out.size()));
                }
            } else {
                out.add(readStructure(p, src, id));
            }
            if (p.nextToken() != null)
                throw JsonSupport.fail(
                        p, src, "expected the end of the file after the structure, found " + JsonSupport.describe(p));
            return out;
        } catch (JsonProcessingException e) {
            throw JsonSupport.fail(p, src, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** A structure from a parsed pymatgen dict. */
    public static Structure fromDict(JsonNode dict, String id) throws StructureFormatException {
        try (JsonParser p = dict.traverse()) {
            JsonSupport.next(p, id, "a Structure dict");
            return readStructure(p, id, id);
        } catch (IOException e) {
            throw new StructureFormatException(id, 0, e.getMessage(), e);
        }
    }

    /**
     * Reads one Structure dict; the parser is on its START_OBJECT and is left on its END_OBJECT.
     *
     * @param src file name for messages
     * @param id  the structure's id
     */
    static Structure readStructure(JsonParser p, String src, String id) throws IOException, StructureFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonSupport.fail(
                    p, src, "expected a pymatgen Structure dict (a JSON object), found " + JsonSupport.describe(p));
        }
        Lattice lattice = null;
        List<RawSite> raw = null;
        while (JsonSupport.next(p, src, "a key or '}' of the Structure dict") != JsonToken.END_OBJECT) {
            String key = p.currentName();
            JsonSupport.next(p, src, "a value after the key");
            switch (key) {
                case "lattice" -> lattice = readLattice(p, src);
                case "sites" -> raw = readSites(p, src);
                case "@class" -> {
                    String cls = p.getValueAsString();
                    if (!"Structure".equals(cls) && !"IStructure".equals(cls)) {
                        throw JsonSupport.fail(
                                p, src, "expected a pymatgen Structure dict, found @class " + JsonSupport.describe(p));
                    }
                }
                default -> JsonSupport.skip(p);
            }
        }
        if (lattice == null) throw JsonSupport.fail(p, src, "the Structure dict has no 'lattice'");
        if (raw == null || raw.isEmpty()) throw JsonSupport.fail(p, src, "the Structure dict has no 'sites'");
        List<Site> sites = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            RawSite r = raw.get(i);
            double[] frac = r.abc != null ? r.abc : lattice.toFractional(r.xyz);
            try {
                sites.add(new Site(r.species, frac, lattice, r.label));
            } catch (IllegalArgumentException e) {
                throw JsonSupport.fail(p, src, "site " + i + ": " + e.getMessage());
            }
        }
        return StructureChecks.checked(new Structure(lattice, sites, id));
    }

    private record RawSite(Map<Species, Double> species, double[] abc, double[] xyz, String label) {}

    private static Lattice readLattice(JsonParser p, String src) throws IOException, StructureFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT)
            throw JsonSupport.fail(p, src, "expected 'lattice' to be an object, found " + JsonSupport.describe(p));
        double[][] matrix = null;
        double[] params = new double[6];
        int seen = 0;
        while (JsonSupport.next(p, src, "a key or '}' of 'lattice'") != JsonToken.END_OBJECT) {
            String key = p.currentName();
            JsonSupport.next(p, src, "a value after the key");
            int k =
                    switch (key) {
                        case "a" -> 0;
                        case "b" -> 1;
                        case "c" -> 2;
                        case "alpha" -> 3;
                        case "beta" -> 4;
                        case "gamma" -> 5;
                        default -> -1;
                    };
            if (key.equals("matrix")) {
                matrix = new double[3][];
                expect(p, src, JsonToken.START_ARRAY, "'matrix' as 3 rows of 3 numbers (Å)");
                for (int i = 0; i < 3; i++) {
                    JsonSupport.next(p, src, "a lattice vector");
                    matrix[i] = vector(p, src, "a lattice vector (Å)", -1);
                }
                if (JsonSupport.next(p, src, "']' after 3 lattice vectors") != JsonToken.END_ARRAY) {
                    throw JsonSupport.fail(p, src, "expected 'matrix' to have 3 rows, found more");
                }
            } else if (k >= 0
                    && (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                            || p.currentToken() == JsonToken.VALUE_NUMBER_INT)) {
                params[k] = JsonSupport.number(p, src, "a lattice parameter");
                seen |= 1 << k;
            } else {
                JsonSupport.skip(p);
            }
        }
        try {
            if (matrix != null) return new Lattice(matrix);
            if (seen == 63)
                return Lattice.fromParameters(params[0], params[1], params[2], params[3], params[4], params[5]);
        } catch (IllegalArgumentException e) {
            throw JsonSupport.fail(p, src, "lattice: " + e.getMessage());
        }
        throw JsonSupport.fail(p, src, "'lattice' has no 'matrix' (nor a, b, c, alpha, beta, gamma)");
    }

    private static List<RawSite> readSites(JsonParser p, String src) throws IOException, StructureFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY)
            throw JsonSupport.fail(p, src, "expected 'sites' to be an array, found " + JsonSupport.describe(p));
        List<RawSite> out = new ArrayList<>();
        while (JsonSupport.next(p, src, "a site or ']'") != JsonToken.END_ARRAY) {
            int index = out.size();
            if (p.currentToken() != JsonToken.START_OBJECT)
                throw JsonSupport.fail(
                        p, src, "expected site " + index + " to be an object, found " + JsonSupport.describe(p));
            Map<Species, Double> species = null;
            double[] abc = null, xyz = null;
            String label = null;
            while (JsonSupport.next(p, src, "a key or '}' of a site") != JsonToken.END_OBJECT) {
                String key = p.currentName();
                JsonSupport.next(p, src, "a value after the key");
                switch (key) {
                    case "species" -> species = readSpecies(p, src, index);
                    case "abc" -> abc = vector(p, src, "fractional coordinates 'abc'", index);
                    case "xyz" -> xyz = vector(p, src, "Cartesian coordinates 'xyz'", index);
                    case "label" -> {
                        if (p.currentToken() == JsonToken.VALUE_STRING) label = p.getText();
                        else JsonSupport.skip(p);
                    }
                    default -> JsonSupport.skip(p);
                }
            }
            if (species == null || species.isEmpty())
                throw JsonSupport.fail(p, src, "site " + index + " has no 'species'");
            if (abc == null && xyz == null)
                throw JsonSupport.fail(p, src, "site " + index + " has neither 'abc' nor 'xyz' coordinates");
            out.add(new RawSite(species, abc, xyz, label));
        }
        return out;
    }

    private static Map<Species, Double> readSpecies(JsonParser p, String src, int site)
            throws IOException, StructureFormatException {
        expect(p, src, JsonToken.START_ARRAY, "'species' as a list of {element, occu}");
        Map<Species, Double> out = new LinkedHashMap<>();
        while (JsonSupport.next(p, src, "a species or ']'") != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT)
                throw JsonSupport.fail(
                        p,
                        src,
                        "expected a species object {element, occu} on site " + site + ", found "
                                + JsonSupport.describe(p));
            String symbol = null;
            double occu = 1.0;
            double ox = Double.NaN;
            while (JsonSupport.next(p, src, "a key or '}' of a species") != JsonToken.END_OBJECT) {
                String key = p.currentName();
                JsonSupport.next(p, src, "a value after the key");
                switch (key) {
                    case "element" -> {
                        if (p.currentToken() != JsonToken.VALUE_STRING)
                            throw JsonSupport.fail(
                                    p, src, "expected 'element' to be a symbol, found " + JsonSupport.describe(p));
                        symbol = p.getText();
                    }
                    case "occu" -> occu = JsonSupport.number(p, src, "the occupancy 'occu'");
                    case "oxidation_state" -> {
                        if (p.currentToken() != JsonToken.VALUE_NULL)
                            ox = JsonSupport.number(p, src, "'oxidation_state'");
                    }
                    default -> JsonSupport.skip(p);
                }
            }
            if (symbol == null) throw JsonSupport.fail(p, src, "a species on site " + site + " has no 'element'");
            String sym = symbol;
            Element el = Element.find(sym)
                    .orElseThrow(() ->
                            JsonSupport.fail(p, src, "unknown element '" + Text.shorten(sym) + "' on site " + site));
            out.merge(new Species(el, ox), occu, Double::sum);
        }
        return out;
    }

    private static void expect(JsonParser p, String src, JsonToken t, String what)
            throws IOException, StructureFormatException {
        if (p.currentToken() != t)
            throw JsonSupport.fail(p, src, "expected " + what + ", found " + JsonSupport.describe(p));
    }

    // three numbers; the parser is on the START_ARRAY and is left on the END_ARRAY. Messages are
    // built only on failure: this runs for every site of every dataset row.
    private static double[] vector(JsonParser p, String src, String what, int site)
            throws IOException, StructureFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY)
            throw JsonSupport.fail(
                    p, src, "expected " + of(what, site) + " as 3 numbers, found " + JsonSupport.describe(p));
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (JsonSupport.next(p, src, what) == JsonToken.END_ARRAY)
                throw JsonSupport.fail(p, src, "expected 3 numbers for " + of(what, site) + ", found " + i);
            JsonToken t = p.currentToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw JsonSupport.fail(
                        p, src, "expected " + of(what, site) + " (numbers), found " + JsonSupport.describe(p));
            }
            v[i] = JsonSupport.number(p, src, what);
        }
        if (JsonSupport.next(p, src, "']'") != JsonToken.END_ARRAY)
            throw JsonSupport.fail(p, src, "expected 3 numbers for " + of(what, site) + ", found more");
        return v;
    }

    private static String of(String what, int site) {
        return site >= 0 ? what + " of site " + site : what;
    }

    /** The pymatgen {@code Structure.as_dict()} form of {@code s}. */
    public static ObjectNode toDict(Structure s) {
        ObjectNode d = JsonSupport.MAPPER.createObjectNode();
        d.put("@module", "pymatgen.core.structure");
        d.put("@class", "Structure");
        d.put("charge", 0);
        Lattice l = s.lattice();
        ObjectNode lat = d.putObject("lattice");
        ArrayNode m = lat.putArray("matrix");
        for (double[] row : l.matrix()) {
            ArrayNode r = m.addArray();
            for (double v : row) r.add(v);
        }
        ArrayNode pbc = lat.putArray("pbc");
        pbc.add(true).add(true).add(true);
        lat.put("a", l.a()).put("b", l.b()).put("c", l.c());
        lat.put("alpha", l.alpha()).put("beta", l.beta()).put("gamma", l.gamma());
        lat.put("volume", l.volume());
        d.putObject("properties");
        ArrayNode sites = d.putArray("sites");
        for (Site site : s.sites()) {
            ObjectNode sd = sites.addObject();
            ArrayNode sp = sd.putArray("species");
            site.species().forEach((species, occ) -> {
                ObjectNode e = sp.addObject();
                e.put("element", species.element().symbol());
                if (species.hasOxidationState()) e.put("oxidation_state", species.oxidationState());
                e.put("occu", occ);
            });
            ArrayNode abc = sd.putArray("abc");
            for (double v : site.fracCoords()) abc.add(v);
            ArrayNode xyz = sd.putArray("xyz");
            for (double v : site.cartCoords()) xyz.add(v);
            sd.put("label", site.label());
            sd.putObject("properties");
        }
        return d;
    }

    /** The dict of {@code structure} as compact JSON. */
    @Override
    public String format(Structure structure) {
        try {
            return JsonSupport.MAPPER.writeValueAsString(toDict(structure));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}

package spinel.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Atom features from a CGCNN {@code atom_init.json}: a JSON object mapping atomic numbers ("1",
 * "2", ...) to feature vectors, exactly the vectors a published CGCNN model was trained with
 * (reference: {@code cgcnn/data.py}, {@code AtomCustomJSONInitializer}). Values are stored as
 * float32, as the reference's tensors. An element missing from the file is an error naming it and
 * the file. Disordered sites follow {@link AtomFeaturizer}'s occupancy-weighted rule. Immutable.
 */
public final class AtomInitFeaturizer implements AtomFeaturizer {

    private final String source;
    private final float[][] byZ;
    private final int length;
    private final TreeSet<Integer> covered = new TreeSet<>();

    private AtomInitFeaturizer(String source, float[][] byZ, int length) {
        this.source = source;
        this.byZ = byZ;
        this.length = length;
        for (int z = 0; z < byZ.length; z++) if (byZ[z] != null) covered.add(z);
    }

    /** Reads an {@code atom_init.json}. */
    public static AtomInitFeaturizer load(Path atomInitJson) throws IOException {
        try (InputStream in = Files.newInputStream(atomInitJson)) {
            return load(in, atomInitJson.toString());
        }
    }

    /** Reads an {@code atom_init.json} from a stream; {@code source} names it in messages. */
    public static AtomInitFeaturizer load(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(
                    source + ": not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IOException(source + ": expected a JSON object mapping atomic numbers to feature vectors");
        }
        float[][] byZ = new float[Element.MAX_Z + 1][];
        int length = -1;
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int z;
            try {
                z = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new IOException(source + ": key '" + e.getKey() + "' is not an atomic number");
            }
            if (z < 1 || z > Element.MAX_Z) {
                throw new IOException(source + ": atomic number " + z + " outside 1.." + Element.MAX_Z);
            }
            JsonNode v = e.getValue();
            if (!v.isArray() || v.isEmpty()) {
                throw new IOException(source + ": the vector of Z = " + z + " is not a non-empty array of numbers");
            }
            if (length < 0) length = v.size();
            if (v.size() != length) {
                throw new IOException(
                        source + ": the vector of Z = " + z + " has " + v.size() + " numbers, expected " + length);
            }
            float[] f = new float[length];
            for (int k = 0; k < length; k++) {
                if (!v.get(k).isNumber()) {
                    throw new IOException(
                            source + ": element " + k + " of the vector of Z = " + z + " is not a number");
                }
                f[k] = (float) v.get(k).asDouble();
            }
            byZ[z] = f;
        }
        return new AtomInitFeaturizer(source, byZ, length);
    }

    @Override
    public int length() {
        return length;
    }

    /** Where the vectors came from. */
    public String source() {
        return source;
    }

    /** Whether the file has a vector for {@code element}. */
    public boolean covers(Element element) {
        return byZ[element.z()] != null;
    }

    /** A copy of the element's vector. */
    @Override
    public float[] featurize(Element element) {
        return vector(element).clone();
    }

    @Override
    public void featurize(Site site, float[] out, int offset) {
        if (site.isOrdered()) {
            System.arraycopy(vector(site.element()), 0, out, offset, length);
        } else {
            AtomFeaturizer.super.featurize(site, out, offset);
        }
    }

    private float[] vector(Element element) {
        float[] f = byZ[element.z()];
        if (f == null) {
            throw new IllegalArgumentException("element " + element.symbol() + " (Z = " + element.z()
                    + ") has no vector in " + source + ", which covers " + covered.size() + " elements, Z = "
                    + covered.first() + ".." + covered.last());
        }
        return f;
    }

    @Override
    public String toString() {
        return "AtomInitFeaturizer(" + source + ", " + covered.size() + " elements × " + length + ")";
    }
}

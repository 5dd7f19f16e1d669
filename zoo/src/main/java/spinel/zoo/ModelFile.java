package spinel.zoo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Locale;

/**
 * One file of a model: where to get it and how to know it is the right one.
 *
 * @param name     file name in the cache ({@code formation-energy-per-atom.pth.tar})
 * @param url      public HTTP(S) address; may be null for a file only bundled in the jar
 * @param resource class-path resource of a copy bundled in the jar ({@code /spinel/zoo/models/...}); may be null
 * @param size     size in bytes
 * @param sha256   SHA-256 of the content, lower-case hex
 * @param format   what the bytes are: {@code torch} (a PyTorch checkpoint), {@code npz}
 *                 (a state dict as NumPy arrays), {@code atom-init-json} (CGCNN atom features)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelFile(String name, String url, String resource, long size, String sha256, String format) {

    public ModelFile {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("model file name must be a plain file name, got '" + name + "'");
        }
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("file " + name + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
        if (url == null && resource == null) {
            throw new IllegalArgumentException("file " + name + " has neither a url nor a bundled resource");
        }
        if (size < 0) throw new IllegalArgumentException("file " + name + ": negative size " + size);
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }
}

package spinel.zoo;

import java.nio.file.Path;

/** Offline mode is on and a model file is neither cached nor bundled: names the exact file missing. */
public class OfflineException extends DownloadException {

    private final Path missing;

    public OfflineException(String message, Path missing) {
        super(message);
        this.missing = missing;
    }

    /** Where the file was expected in the cache. */
    public Path missing() {
        return missing;
    }
}

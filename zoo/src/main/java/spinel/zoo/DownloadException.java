package spinel.zoo;

import java.io.IOException;

/** A model file could not be fetched or failed verification; the message names the file and the cause. */
public class DownloadException extends IOException {

    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package spinel.zoo;

/** Downloaded bytes do not have the SHA-256 (or size) the model card promises; the file was deleted. */
public class ChecksumMismatchException extends DownloadException {

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String message, String expected, String actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}

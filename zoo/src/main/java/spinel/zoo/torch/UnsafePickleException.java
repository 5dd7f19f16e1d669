package spinel.zoo.torch;

/**
 * A pickle asked for a Python global (class or function) outside the small set a checkpoint
 * needs. Loading stops: a pickle can name any callable (for instance {@code os.system}) and
 * unpickling it in Python would run it; Spinel never constructs such objects.
 */
public class UnsafePickleException extends CheckpointFormatException {

    private final String global;

    public UnsafePickleException(String global, String message) {
        super(message);
        this.global = global;
    }

    /** The refused global, as {@code module.name}. */
    public String global() {
        return global;
    }
}

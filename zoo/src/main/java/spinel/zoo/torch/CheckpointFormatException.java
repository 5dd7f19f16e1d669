package spinel.zoo.torch;

/** A checkpoint file is not a PyTorch checkpoint this reader understands; the message says why. */
public class CheckpointFormatException extends RuntimeException {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package spinel.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The envelope of {@code checkpoint.bin}: a magic string, a format version, the payload's length
 * and SHA-256, then the payload (what {@link TrainingLoop} saves: settings, loop state, optimiser
 * state, parameters). A truncated, bit-flipped or foreign file is detected before anything is read
 * from it and named in an {@link IOException} that says what to do — never a bare
 * {@link EOFException}. Written atomically.
 */
final class Checkpoint {

    static final String MAGIC = "spinel-checkpoint";
    static final int VERSION = 2;
    private static final String V1_MAGIC = "spinel-checkpoint-1";

    /** Writes a payload. */
    @FunctionalInterface
    interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload. */
    @FunctionalInterface
    interface PayloadReader {
        void read(DataInputStream in) throws IOException;
    }

    private Checkpoint() {}

    /** Writes {@code file} atomically: header, then the payload written by {@code payload}. */
    static void write(Path file, PayloadWriter payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            payload.write(out);
        }
        byte[] body = bytes.toByteArray();
        byte[] sha = Hashing.sha256().digest(body);
        RunFiles.writeAtomically(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(body.length);
            out.write(sha);
            out.write(body);
            out.flush();
        });
    }

    /** Verifies {@code file} and hands its payload to {@code payload}. */
    static void read(Path file, PayloadReader payload) throws IOException {
        byte[] body = verifiedPayload(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            payload.read(in);
        } catch (EOFException e) {
            throw damaged(file, "its content ends early although its checksum matches (written by another program?)");
        }
    }

    private static byte[] verifiedPayload(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw damaged(file, "it is not a Spinel checkpoint (" + all.length + " bytes, no header)");
        }
        if (V1_MAGIC.equals(magic))
            throw new IOException(file + ": a checkpoint of an earlier Spinel (format 1); finish the run with that "
                    + "version, or delete it (and start the run over)");
        if (!MAGIC.equals(magic)) throw damaged(file, "it is not a Spinel checkpoint");
        int version;
        long length;
        byte[] sha = new byte[32];
        try {
            version = in.readInt();
            length = in.readLong();
            in.readFully(sha);
        } catch (EOFException e) {
            throw damaged(file, "it is truncated (" + all.length + " bytes, inside the header)");
        }
        if (version != VERSION)
            throw new IOException(file + ": checkpoint format " + version + ", this Spinel reads format " + VERSION
                    + "; finish the run with the Spinel that wrote it, or delete the file to start over");
        int offset = all.length - in.available();
        if (length != all.length - offset)
            throw damaged(file, "it is truncated (" + (all.length - offset) + " of " + length + " payload bytes)");
        byte[] body = Arrays.copyOfRange(all, offset, all.length);
        if (!MessageDigest.isEqual(sha, Hashing.sha256().digest(body)))
            throw damaged(file, "its SHA-256 checksum does not match (bits flipped on disk?)");
        return body;
    }

    private static IOException damaged(Path file, String why) {
        return new IOException(file + " is damaged: " + why + ". Delete it to restart this run from epoch 1 "
                + "(best.params, the best parameters so far, is a separate file and can still be evaluated)");
    }
}

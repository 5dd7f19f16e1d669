package spinel.zoo.torch;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * A PyTorch checkpoint ({@code torch.save} of a dict) read in pure Java, without Python.
 *
 * <p>Two on-disk formats are understood:
 * <ul>
 *   <li><b>legacy</b> (PyTorch &lt; 1.6, and {@code _use_new_zipfile_serialization=False}): a magic
 *       number pickle, a protocol-version pickle, a system-info pickle (endianness, type sizes),
 *       the main pickle whose tensors refer to storages by persistent id, a pickle listing the
 *       storage keys, then each storage's bytes preceded by its int64 element count. The eight
 *       published CGCNN checkpoints (Xie &amp; Grossman, PRL 120, 145301 (2018)) are in this format.</li>
 *   <li><b>zip</b> (PyTorch ≥ 1.6): {@code <prefix>/data.pkl} with the same persistent ids, each
 *       storage in {@code <prefix>/data/<key>}, and {@code <prefix>/byteorder}.</li>
 * </ul>
 * Pickles are read by a {@linkplain RestrictedUnpickler restricted unpickler}: only the tensor and
 * container types a checkpoint needs are accepted, anything else is refused with an
 * {@link UnsafePickleException}. Nothing from the file is ever executed.
 *
 * <p>The accessors follow the reference CGCNN's {@code main.py} checkpoint layout
 * ({@code state_dict}, {@code normalizer}, {@code args}, {@code epoch}, {@code best_mae_error}), and
 * fall back sensibly for other layouts (a bare state dict, {@code model_state_dict}).
 */
public final class TorchCheckpoint {

    /** The magic number that starts a legacy checkpoint (torch/serialization.py MAGIC_NUMBER). */
    static final BigInteger LEGACY_MAGIC = new BigInteger("119547037146038801333356");

    private static final long LEGACY_PROTOCOL = 1001;

    /** On-disk layout of the checkpoint. */
    public enum Format {
        LEGACY,
        ZIP
    }

    /** The target normaliser of the reference CGCNN: prediction = output × std + mean. */
    public record Normalizer(double mean, double std) {}

    private final String source;
    private final Format format;
    private final Object root;
    private final Map<String, TorchTensor> stateDict;

    private TorchCheckpoint(String source, Format format, Object root) {
        this.source = source;
        this.format = format;
        this.root = root;
        this.stateDict = Collections.unmodifiableMap(findStateDict(root));
    }

    /**
     * Reads a checkpoint file in either format.
     *
     * @throws CheckpointFormatException when the file is not a checkpoint this reader understands,
     *                                   naming the file and what was expected
     * @throws UnsafePickleException     when a pickle names a Python global outside the allow-list
     * @throws IOException               when the file cannot be read
     */
    public static TorchCheckpoint read(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String source = file.toString();
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return readZip(file);
        }
        if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw new CheckpointFormatException(source + ": a tar archive — the tar checkpoint format of "
                    + "PyTorch < 0.4 is not supported; re-save it with a newer PyTorch");
        }
        if (n < 2 || (head[0] & 0xff) != 0x80) {
            throw new CheckpointFormatException(source + ": not a PyTorch checkpoint (expected a zip archive "
                    + "or a pickle starting with byte 0x80, found 0x" + Integer.toHexString(n > 0 ? head[0] & 0xff : 0)
                    + ")");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return readLegacy(in, source);
        }
    }

    /** Reads a legacy-format checkpoint from a stream (which is consumed, not closed). */
    public static TorchCheckpoint readLegacy(InputStream in, String source) throws IOException {
        Map<String, TorchStorage> storages = new LinkedHashMap<>();
        RestrictedUnpickler unpickler = new RestrictedUnpickler(source, storages);
        Object magic = load(unpickler, in, source, "magic number");
        if (!(magic instanceof Number m) || !new BigInteger(m.toString()).equals(LEGACY_MAGIC)) {
            throw new CheckpointFormatException(source + ": not a legacy PyTorch checkpoint (first pickle is "
                    + RestrictedUnpickler.describe(magic) + ", expected the magic number " + LEGACY_MAGIC + ")");
        }
        Object protocol = load(unpickler, in, source, "protocol version");
        if (!(protocol instanceof Number p) || p.longValue() != LEGACY_PROTOCOL) {
            throw new CheckpointFormatException(
                    source + ": unsupported legacy protocol " + protocol + " (expected " + LEGACY_PROTOCOL + ")");
        }
        Object sysInfo = load(unpickler, in, source, "system info");
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            order = ByteOrder.BIG_ENDIAN;
        }
        Object root = load(unpickler, in, source, "main object");
        Object keys = load(unpickler, in, source, "storage keys");
        if (!(keys instanceof List<?> keyList)) {
            throw new CheckpointFormatException(source + ": storage key list is " + RestrictedUnpickler.describe(keys));
        }
        DataInputStream data = new DataInputStream(in);
        for (Object k : keyList) {
            String key = String.valueOf(k);
            TorchStorage s = storages.get(key);
            if (s == null) {
                throw new CheckpointFormatException(source + ": storage " + key + " is listed but never referred to");
            }
            long count;
            byte[] bytes;
            try {
                count = Long.reverseBytes(data.readLong());
                if (order == ByteOrder.BIG_ENDIAN) count = Long.reverseBytes(count);
                if (count != s.numel()) {
                    throw new CheckpointFormatException(source + ": storage " + key + " has " + count
                            + " elements on disk, " + s.numel() + " in the pickle");
                }
                bytes = new byte[Math.toIntExact(count * s.type().bytes())];
                data.readFully(bytes);
            } catch (EOFException e) {
                throw new CheckpointFormatException(
                        source + ": file ends inside storage " + key + " (truncated download?)", e);
            }
            s.attach(ByteBuffer.wrap(bytes), order);
        }
        for (TorchStorage s : storages.values()) {
            if (!s.hasData()) {
                throw new CheckpointFormatException(source + ": storage " + s.key() + " has no data in the file");
            }
        }
        return new TorchCheckpoint(source, Format.LEGACY, root);
    }

    private static TorchCheckpoint readZip(Path file) throws IOException {
        String source = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                    prefix = name.substring(0, slash);
                    break;
                }
            }
            if (prefix == null) {
                throw new CheckpointFormatException(
                        source + ": zip archive without <name>/data.pkl — not a PyTorch checkpoint");
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry bo = zip.getEntry(prefix + "/byteorder");
            if (bo != null) {
                try (InputStream in = zip.getInputStream(bo)) {
                    String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
                    if (s.equals("big")) order = ByteOrder.BIG_ENDIAN;
                    else if (!s.equals("little")) {
                        throw new CheckpointFormatException(
                                source + ": byteorder is '" + s + "', expected little or big");
                    }
                }
            }
            Map<String, TorchStorage> storages = new LinkedHashMap<>();
            RestrictedUnpickler unpickler = new RestrictedUnpickler(source, storages);
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry(prefix + "/data.pkl")))) {
                root = load(unpickler, in, source, prefix + "/data.pkl");
            }
            for (TorchStorage s : storages.values()) {
                String entry = prefix + "/data/" + s.key();
                ZipEntry ze = zip.getEntry(entry);
                if (ze == null) throw new CheckpointFormatException(source + ": missing storage entry " + entry);
                byte[] bytes;
                try (InputStream in = zip.getInputStream(ze)) {
                    bytes = in.readAllBytes();
                }
                s.attach(ByteBuffer.wrap(bytes), order);
            }
            return new TorchCheckpoint(source, Format.ZIP, root);
        } catch (java.util.zip.ZipException e) {
            throw new CheckpointFormatException(source + ": damaged zip archive: " + e.getMessage(), e);
        }
    }

    private static Object load(RestrictedUnpickler u, InputStream in, String source, String what) throws IOException {
        try {
            return u.load(in);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (PickleException | ClassCastException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CheckpointFormatException(source + ": malformed pickle (" + what + "): " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("premature end")) {
                throw new CheckpointFormatException(
                        source + ": file ends inside the " + what + " pickle (truncated?)", e);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, TorchTensor> findStateDict(Object root) {
        if (root instanceof Map<?, ?> m) {
            for (String key : List.of("state_dict", "model_state_dict", "model")) {
                if (m.get(key) instanceof Map<?, ?> sd && isTensorMap(sd))
                    return (Map<String, TorchTensor>) copyTensors(sd);
            }
            if (isTensorMap(m)) return copyTensors(m);
        }
        return new LinkedHashMap<>();
    }

    private static boolean isTensorMap(Map<?, ?> m) {
        if (m.isEmpty()) return false;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TorchTensor)) return false;
        }
        return true;
    }

    private static Map<String, TorchTensor> copyTensors(Map<?, ?> m) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), (TorchTensor) e.getValue());
        return out;
    }

    /** Where the checkpoint was read from. */
    public String source() {
        return source;
    }

    public Format format() {
        return format;
    }

    /**
     * The whole unpickled object: Maps (insertion-ordered), Lists, Object[] for tuples, Strings,
     * Long/BigInteger/Double/Boolean, {@link TorchTensor}s, and Maps for {@code argparse.Namespace}.
     */
    public Object root() {
        return root;
    }

    /** The model weights by PyTorch parameter name ({@code convs.0.fc_full.weight}), in file order. */
    public Map<String, TorchTensor> stateDict() {
        return stateDict;
    }

    /** One weight tensor by name. */
    public TorchTensor tensor(String name) {
        TorchTensor t = stateDict.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    source + " has no tensor '" + name + "' (has " + stateDict.keySet() + ")");
        }
        return t;
    }

    /** A top-level entry of the checkpoint dict, if present. */
    public Optional<Object> get(String key) {
        return root instanceof Map<?, ?> m ? Optional.ofNullable(m.get(key)) : Optional.empty();
    }

    /**
     * The training arguments ({@code args}: an {@code argparse.Namespace} or a dict), with tuples
     * turned into Lists; empty when the checkpoint has none.
     */
    public Map<String, Object> args() {
        Object a = get("args").orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        if (a instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), plain(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** An integer argument ({@code atom_fea_len}, {@code n_conv}, ...) or {@code fallback}. */
    public int intArg(String name, int fallback) {
        Object v = args().get(name);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    /** A string argument ({@code task}, ...) or {@code fallback}. */
    public String stringArg(String name, String fallback) {
        Object v = args().get(name);
        return v instanceof String s ? s : fallback;
    }

    /** The target normaliser ({@code normalizer: {mean, std}}), numbers or 0-d tensors. */
    public Optional<Normalizer> normalizer() {
        if (get("normalizer").orElse(null) instanceof Map<?, ?> m) {
            Double mean = scalar(m.get("mean"));
            Double std = scalar(m.get("std"));
            if (mean != null && std != null) return Optional.of(new Normalizer(mean, std));
        }
        return Optional.empty();
    }

    /** The epoch the checkpoint was saved at. */
    public OptionalInt epoch() {
        Double e = scalar(get("epoch").orElse(null));
        return e == null ? OptionalInt.empty() : OptionalInt.of((int) Math.round(e));
    }

    /**
     * The best validation error recorded ({@code best_mae_error} in the reference CGCNN: MAE in target
     * units for regression, for classification the best AUC).
     */
    public OptionalDouble bestError() {
        for (String key : List.of("best_mae_error", "best_error", "best_loss")) {
            Double v = scalar(get(key).orElse(null));
            if (v != null) return OptionalDouble.of(v);
        }
        return OptionalDouble.empty();
    }

    private static Double scalar(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof TorchTensor t && t.numel() == 1) return t.item();
        return null;
    }

    private static Object plain(Object o) {
        if (o instanceof Object[] t) {
            List<Object> l = new ArrayList<>(t.length);
            for (Object x : t) l.add(plain(x));
            return l;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(plain(x));
            return out;
        }
        return o;
    }

    @Override
    public String toString() {
        return "TorchCheckpoint[" + source + ", " + format + ", " + stateDict.size() + " tensors]";
    }
}

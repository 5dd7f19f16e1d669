package spinel.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import spinel.graph.io.NpzWriter;
import spinel.zoo.torch.CheckpointFormatException;
import spinel.zoo.torch.TorchCheckpoint;
import spinel.zoo.torch.TorchTensor;

/**
 * The weights of a CGCNN network in a framework-neutral form: float32 tensors by their PyTorch
 * parameter names ({@code embedding.weight}, {@code convs.0.fc_full.weight},
 * {@code convs.0.bn1.running_mean}, ..., {@code fc_out.bias}), the architecture inferred from their
 * shapes, the task and the target normaliser (prediction = output × std + mean for regression).
 *
 * <p>This is what a {@code .pth.tar} checkpoint is converted to once and cached as an {@code .npz}
 * (the metadata as a JSON string in the uint8 member {@value #META}), so later loads need neither the
 * pickle reader nor the original file; the same file format ships Spinel's own models.
 */
public final class CgcnnWeights {

    /** The npz member holding the metadata JSON (UTF-8 bytes). */
    public static final String META = "__spinel_meta__";
    /** Version of the converted format; a change invalidates cached conversions. */
    public static final int FORMAT_VERSION = 1;

    /** A float32 tensor: row-major values and shape. */
    public record Tensor(int[] shape, float[] data) {
        public int numel() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Tensor" + Arrays.toString(shape);
        }
    }

    /**
     * Metadata kept with the tensors.
     *
     * @param formatVersion {@link #FORMAT_VERSION} at writing
     * @param task          {@code regression} or {@code classification}
     * @param mean          normaliser mean (0 for classification)
     * @param std           normaliser standard deviation (1 for classification)
     * @param network       architecture (from the tensor shapes)
     * @param source        where the weights came from (file name)
     * @param sourceSha256  SHA-256 of the source file, or null
     * @param epoch         training epoch of the checkpoint, or null
     * @param bestError     best validation error stored in the checkpoint, or null
     */
    public record Meta(
            int formatVersion,
            String task,
            double mean,
            double std,
            ModelCard.Network network,
            String source,
            String sourceSha256,
            Integer epoch,
            Double bestError) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Tensor> tensors;
    private final Meta meta;

    public CgcnnWeights(Map<String, Tensor> tensors, Meta meta) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.meta = meta;
    }

    /**
     * Converts a checkpoint written by the reference CGCNN's {@code main.py} (or any checkpoint with
     * the same parameter names). The task comes from {@code args.task}, or from the output width
     * when there are no args (2 outputs → classification).
     *
     * @param sourceSha256 SHA-256 of the checkpoint file, recorded in the metadata (may be null)
     */
    public static CgcnnWeights fromCheckpoint(TorchCheckpoint ckpt, String sourceSha256) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : ckpt.stateDict().entrySet()) {
            if (e.getKey().endsWith("num_batches_tracked")) continue; // an int counter, not a weight
            if (!e.getValue().dtype().isFloating()) {
                throw new CheckpointFormatException(ckpt.source() + ": tensor " + e.getKey() + " is "
                        + e.getValue().dtype().dtypeName() + ", expected floating point");
            }
            t.put(e.getKey(), new Tensor(e.getValue().shape(), e.getValue().toFloatArray()));
        }
        if (t.isEmpty()) {
            throw new CheckpointFormatException(ckpt.source() + ": no state_dict with tensors in this checkpoint");
        }
        ModelCard.Network net = inferNetwork(t, ckpt.source());
        String task = ckpt.stringArg("task", net.nOut() == 2 ? "classification" : "regression");
        TorchCheckpoint.Normalizer norm = ckpt.normalizer().orElse(new TorchCheckpoint.Normalizer(0, 1));
        Meta meta = new Meta(
                FORMAT_VERSION,
                task,
                norm.mean(),
                norm.std(),
                net,
                Path.of(ckpt.source()).getFileName().toString(),
                sourceSha256,
                ckpt.epoch().isPresent() ? ckpt.epoch().getAsInt() : null,
                ckpt.bestError().isPresent() ? ckpt.bestError().getAsDouble() : null);
        return new CgcnnWeights(t, meta);
    }

    /** The architecture implied by the tensor shapes (CGCNN parameter names). */
    static ModelCard.Network inferNetwork(Map<String, Tensor> t, String source) {
        int[] emb = shape(t, "embedding.weight", 2, source);
        int atomFeaLen = emb[0];
        int origAtomFeaLen = emb[1];
        int nConv = 0;
        while (t.containsKey("convs." + nConv + ".fc_full.weight")) nConv++;
        if (nConv == 0)
            throw new CheckpointFormatException(source + ": no convs.0.fc_full.weight — not a CGCNN state dict");
        int[] full = shape(t, "convs.0.fc_full.weight", 2, source);
        if (full[0] != 2 * atomFeaLen) {
            throw new CheckpointFormatException(source + ": convs.0.fc_full.weight is " + Arrays.toString(full)
                    + ", expected [" + 2 * atomFeaLen + ", ...] for atom_fea_len " + atomFeaLen);
        }
        int nbrFeaLen = full[1] - 2 * atomFeaLen;
        int[] c2f = shape(t, "conv_to_fc.weight", 2, source);
        int hFeaLen = c2f[0];
        int nH = 1;
        while (t.containsKey("fcs." + (nH - 1) + ".weight")) nH++;
        int[] out = shape(t, "fc_out.weight", 2, source);
        return new ModelCard.Network(origAtomFeaLen, nbrFeaLen, atomFeaLen, nConv, hFeaLen, nH, out[0]);
    }

    private static int[] shape(Map<String, Tensor> t, String name, int rank, String source) {
        Tensor x = t.get(name);
        if (x == null)
            throw new CheckpointFormatException(source + ": missing tensor " + name + " — not a CGCNN state dict");
        if (x.shape().length != rank) {
            throw new CheckpointFormatException(
                    source + ": " + name + " has shape " + Arrays.toString(x.shape()) + ", expected rank " + rank);
        }
        return x.shape();
    }

    /** Tensors by PyTorch name, in checkpoint order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor x = tensors.get(name);
        if (x == null) throw new IllegalArgumentException("no tensor '" + name + "' in " + meta.source());
        return x;
    }

    public Meta meta() {
        return meta;
    }

    public ModelCard.Network network() {
        return meta.network();
    }

    public boolean isClassification() {
        return "classification".equals(meta.task());
    }

    /** Writes tensors and metadata as one {@code .npz}, atomically. */
    public void writeNpz(Path target) throws IOException {
        NpzWriter w = new NpzWriter();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            w.addFloat32(e.getKey(), e.getValue().shape(), e.getValue().data());
        }
        w.addUint8(META, JSON.writeValueAsBytes(meta));
        w.write(target);
    }

    /** Reads weights written by {@link #writeNpz} (or any npz of float32 PyTorch-named tensors plus the metadata member). */
    public static CgcnnWeights readNpz(Path file) throws IOException {
        spinel.graph.io.Npz npz = spinel.graph.io.Npz.read(file);
        if (!npz.contains(META)) {
            throw new IOException(file + ": no " + META + " member — not a Spinel weights file");
        }
        long[] metaBytes = npz.get(META).asLongs();
        byte[] json = new byte[metaBytes.length];
        for (int i = 0; i < json.length; i++) json[i] = (byte) metaBytes[i];
        Meta meta = parseMeta(json, file.toString());
        if (meta.formatVersion() != FORMAT_VERSION) {
            throw new IOException(file + ": weights format version " + meta.formatVersion() + ", this Spinel reads "
                    + FORMAT_VERSION);
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (String name : npz.names()) {
            if (name.equals(META)) continue;
            spinel.graph.io.NpyArray a = npz.get(name);
            t.put(name, new Tensor(a.shape(), a.asFloats()));
        }
        return new CgcnnWeights(t, meta);
    }

    /** Parses the metadata member's bytes. */
    static Meta parseMeta(byte[] json, String source) throws IOException {
        try {
            return JSON.readValue(new String(json, StandardCharsets.UTF_8), Meta.class);
        } catch (IOException e) {
            throw new IOException(source + ": bad " + META + " member: " + e.getMessage(), e);
        }
    }
}

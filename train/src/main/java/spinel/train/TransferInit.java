package spinel.train;

import ai.djl.nn.Parameter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spinel.conv.CrystalGraphConvNet;

/**
 * Transfer learning ({@code spinel train --init MODEL}): a fresh CGCNN starts from a pretrained one's
 * parameters. Every parameter whose PyTorch name and size match is copied — the embedding, the
 * convolutions, the pooling and the hidden layers after it; the output head only when the pretrained
 * model learned the same target, otherwise it keeps its fresh initialisation. Parameters that do not
 * fit (another atom-feature length, another depth, descriptor fusion) keep theirs and are named in the
 * log. With {@code freeze}, the copied embedding and convolutions are not trained (their BatchNorm
 * running statistics still follow the new data).
 */
public final class TransferInit {

    private TransferInit() {}

    /**
     * The pretrained parameters.
     *
     * @param source    what was given to {@code --init} (a zoo id, a checkpoint or a run folder)
     * @param target    the target the pretrained model learned, or null when unknown
     * @param stateDict its parameters by PyTorch name ({@link CrystalGraphConvNet#stateDict()})
     */
    public record Weights(String source, String target, Map<String, float[]> stateDict) {}

    /** The parameters of a finished {@code spinel train} CGCNN run (its first member). */
    public static Weights fromRun(java.nio.file.Path runDir) throws java.io.IOException {
        try (TrainedRun run = TrainedRun.open(runDir)) {
            return new Weights(runDir.toString(), run.config().task().targetName(), run.stateDict());
        }
    }

    /**
     * Copies {@code weights} into {@code net} (initialised) and freezes the copied embedding and
     * convolutions when asked; returns the names of the parameters copied.
     */
    public static List<String> apply(
            CrystalGraphConvNet net, Weights weights, String target, boolean freeze, PrintStream log) {
        boolean sameTarget = weights.target() != null && weights.target().equalsIgnoreCase(target);
        Map<String, float[]> copy = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : net.torchParameters().entrySet()) {
            String name = e.getKey();
            float[] v = weights.stateDict().get(name);
            boolean head = isHead(name);
            if (v != null && v.length == e.getValue().getArray().size() && (!head || sameTarget)) copy.put(name, v);
            else skipped.add(name);
        }
        if (copy.isEmpty())
            throw new IllegalArgumentException("--init " + weights.source() + ": no parameter fits this network");
        Map<String, Object> full = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.torchParameters().entrySet())
            full.put(
                    e.getKey(),
                    copy.containsKey(e.getKey())
                            ? copy.get(e.getKey())
                            : e.getValue().getArray());
        net.loadStateDict(full);
        if (freeze) {
            for (Map.Entry<String, Parameter> e : net.torchParameters().entrySet()) {
                boolean body = e.getKey().startsWith("embedding.") || e.getKey().startsWith("convs.");
                if (body && copy.containsKey(e.getKey()) && !e.getKey().contains("running_"))
                    e.getValue().freeze(true);
            }
        }
        log.printf(
                Locale.ROOT,
                "--init %s: %d parameters copied%s%s%n",
                weights.source(),
                copy.size(),
                skipped.isEmpty() ? "" : ", fresh: " + String.join(", ", skipped),
                freeze ? "; embedding and convolutions frozen" : "");
        return List.copyOf(copy.keySet());
    }

    /** Whether {@code name} belongs to the output head (after conv_to_fc and the hidden fcs). */
    static boolean isHead(String name) {
        for (String body : new String[] {"embedding.", "convs.", "norms.", "pooling.", "conv_to_fc.", "fcs."})
            if (name.startsWith(body)) return false;
        return true;
    }
}

package spinel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import spinel.train.RunConfig;
import spinel.train.TransferInit;
import spinel.zoo.CgcnnModel;
import spinel.zoo.CgcnnWeights;
import spinel.zoo.ModelRegistry;
import spinel.zoo.RunModel;
import spinel.zoo.StructureModel;

/**
 * Resolves {@code spinel train --init MODEL} to pretrained CGCNN parameters: a run folder of
 * {@code spinel train} (its config.json names its target), a published CGCNN checkpoint
 * ({@code .pth.tar}, {@code .pth} or a converted {@code .npz}; target unknown, so its head is not
 * reused), or a model id of the zoo (its card names the target).
 */
final class InitSource {

    private InitSource() {}

    static TransferInit.Weights resolve(String spec) throws IOException {
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve(RunConfig.FILE)))
                throw new IllegalArgumentException("--init " + spec + ": a folder without " + RunConfig.FILE);
            return TransferInit.fromRun(path);
        }
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            CgcnnWeights w = ModelRegistry.defaultZoo().weights(path, name.endsWith(".npz") ? "npz" : "torch", null);
            return new TransferInit.Weights(spec, null, floats(w));
        }
        try (StructureModel<?> model = ModelRegistry.load(spec)) {
            if (model instanceof RunModel run) {
                TransferInit.Weights w = TransferInit.fromRun(run.directory());
                return new TransferInit.Weights(spec, w.target(), w.stateDict());
            }
            CgcnnModel m = (CgcnnModel) model;
            String target = m.card() != null && m.card().target() != null
                    ? m.card().target().name()
                    : null;
            return new TransferInit.Weights(spec, target, floats(m.weights()));
        }
    }

    private static Map<String, float[]> floats(CgcnnWeights w) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var e : w.tensors().entrySet()) out.put(e.getKey(), e.getValue().data());
        return out;
    }
}

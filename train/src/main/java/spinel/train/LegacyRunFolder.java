package spinel.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the run folders of Spinel before {@link RunConfig} (layout 1: {@code config.json} with the
 * spec's options and a camelCase {@code train} block, fitted values in {@code model.json}) as a
 * {@link RunConfig}, so old runs can still be evaluated, predicted with and packaged. Their data hash
 * is unknown (absent), so they cannot be resumed by this version.
 */
final class LegacyRunFolder {

    private LegacyRunFolder() {}

    static RunConfig read(Path runDir, JsonNode c) throws IOException {
        Path modelFile = runDir.resolve("model.json");
        if (!Files.isRegularFile(modelFile))
            throw new IllegalArgumentException(modelFile + " not found: an unfinished run of an earlier Spinel");
        JsonNode m = RunFiles.JSON.readTree(modelFile.toFile());
        ExperimentSpec.Task task =
                EnumIds.parse(ExperimentSpec.Task.class, c.path("task").asText("regression"));
        ExperimentSpec.Model model =
                EnumIds.parse(ExperimentSpec.Model.class, c.path("model").asText("cgcnn"));
        List<String> classes = null;
        if (m.has("classes")) {
            classes = new ArrayList<>();
            for (JsonNode k : m.get("classes")) classes.add(k.asText());
        }
        Double v0 = task == ExperimentSpec.Task.VOLUME
                ? c.path("fixed_volume_per_atom").asDouble(20)
                : null;
        boolean graphs = ModelFactory.usesGraphs(model);
        boolean classification = classes != null && task != ExperimentSpec.Task.MULTI_TASK;
        TrainConfig train = train(c.path("train"));
        List<RunConfig.Member> members = new ArrayList<>();
        int ensemble = c.path("ensemble").asInt(1);
        for (int e = 0; e < ensemble; e++)
            members.add(new RunConfig.Member(ensemble == 1 ? "." : "seed-" + e, train.seed() + e));
        return new RunConfig(
                1,
                new RunConfig.DataSettings(
                        c.path("data").asText(null),
                        null,
                        c.path("labels").asText(null),
                        null,
                        c.path("limit").asInt(0),
                        0,
                        c.path("folds").asText(null),
                        c.hasNonNull("folds") ? c.path("fold").asInt() : null,
                        c.path("val_fraction").asDouble(0.1),
                        c.path("test_fraction").asDouble(0.2),
                        null,
                        null,
                        null),
                new RunConfig.TaskSettings(
                        task,
                        c.path("target").asText(null),
                        c.path("target").asText(null),
                        task == ExperimentSpec.Task.BINARY
                                ? c.path("binary_threshold").asDouble(0)
                                : null,
                        v0,
                        classes,
                        null),
                new RunConfig.ModelSettings(
                        model,
                        EnumIds.parse(ExperimentSpec.Head.class, c.path("head").asText("default")),
                        graphs ? c.path("atom_fea_len").asInt(64) : null,
                        graphs ? c.path("n_conv").asInt(3) : null,
                        graphs ? c.path("h_fea_len").asInt(128) : null,
                        graphs ? null : List.of(64, 32),
                        graphs ? null : classification ? 0.3 : 0.0,
                        classification ? classes.size() : 1,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new RunConfig.FeaturizerSettings(
                        graphs ? RunConfig.GraphSettings.cgcnnDefaults(v0) : null,
                        ModelFactory.tabularBlocks(model),
                        m.has("scaler") ? RunFiles.JSON.treeToValue(m.get("scaler"), FeatureScaler.class) : null),
                normalizer(m.path("normalizer")),
                m.has("volume_normalizer") ? normalizer(m.get("volume_normalizer")) : null,
                members,
                train,
                null,
                null);
    }

    private static Normalizer normalizer(JsonNode n) {
        return new Normalizer(n.path("mean").asDouble(0), n.path("std").asDouble(1));
    }

    /** The camelCase, upper-case-enum TrainConfig of layout 1. */
    private static TrainConfig train(JsonNode t) {
        return TrainConfig.builder()
                .setTask(EnumIds.parse(TrainConfig.Task.class, t.path("task").asText("regression")))
                .optLoss(
                        EnumIds.parse(TrainConfig.LossKind.class, t.path("loss").asText("mse")))
                .optOptimizer(EnumIds.parse(
                        TrainConfig.OptimizerKind.class, t.path("optimizer").asText("adam")))
                .optLearningRate(t.path("learningRate").asDouble(1e-3))
                .optMomentum(t.path("momentum").asDouble(0.9))
                .optWeightDecay(t.path("weightDecay").asDouble(0))
                .optSchedule(EnumIds.parse(
                        TrainConfig.Schedule.class, t.path("schedule").asText("constant")))
                .optStep(t.path("stepEpochs").asInt(100), t.path("stepGamma").asDouble(0.1))
                .optClipNorm(t.path("clipNorm").asDouble(0))
                .optEpochs(t.path("epochs").asInt(100))
                .optBatchSize(t.path("batchSize").asInt(64))
                .optPatience(t.path("patience").asInt(0))
                .optSeed(t.path("seed").asLong(0))
                .build();
    }
}

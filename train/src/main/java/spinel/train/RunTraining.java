package spinel.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spinel.train.tabnet.TabNet;

/**
 * Stage 5 of a run, training: each ensemble member (seed {@code seed + k}, folder {@code seed-k}, or
 * the run folder itself for a single model) gets a fresh network from the {@link ModelFactory}, is
 * trained by the one {@link TrainingLoop} on the shared train/validation sources (resuming from its
 * checkpoint when there is one), and leaves its history and its outputs on the test rows (and, for
 * TabNet, its {@code feature_importances.csv}: {@link TabNetImportances}).
 */
public final class RunTraining {

    private RunTraining() {}

    /**
     * One trained member.
     *
     * @param result  the training loop's outcome
     * @param outputs its raw outputs on the test rows, per network output reported (one for
     *                single-output tasks; space group, volume and property for multi-task)
     */
    public record MemberResult(TrainingLoop.Result result, List<TrainingLoop.Predictions> outputs) {}

    /** Trains every member of {@code config} on {@code split}. */
    public static List<MemberResult> train(
            RunConfig config, Path out, Split split, RunFeatures features, PrintStream log) throws IOException {
        return train(config, out, split, features, null, log);
    }

    /** Trains every member of {@code config} on {@code split}, each starting from {@code init} when given. */
    public static List<MemberResult> train(
            RunConfig config, Path out, Split split, RunFeatures features, TransferInit.Weights init, PrintStream log)
            throws IOException {
        BatchSource train = features.source(split.train());
        BatchSource val = features.source(split.val());
        BatchSource test = features.source(split.test());
        List<MemberResult> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (RunConfig.Member member : config.members()) {
                Path dir = out.resolve(member.dir()).normalize();
                TrainConfig optimisation =
                        config.optimisation().toBuilder().optSeed(member.seed()).build();
                try (NDManager sub = manager.newSubManager()) {
                    MemberResult r = trainMember(
                            config, optimisation, sub, train, val, test, dir, init, features.columnNames(), log);
                    RunReport.history(dir, r.result().history());
                    results.add(r);
                }
            }
        }
        return results;
    }

    private static MemberResult trainMember(
            RunConfig config,
            TrainConfig optimisation,
            NDManager manager,
            BatchSource train,
            BatchSource val,
            BatchSource test,
            Path dir,
            TransferInit.Weights init,
            List<String> columnNames,
            PrintStream log)
            throws IOException {
        Block block = ModelFactory.block(config);
        ModelFactory.initialize(block, config, manager, optimisation.seed());
        if (init != null && block instanceof spinel.conv.CrystalGraphConvNet net) {
            TransferInit.apply(
                    net,
                    init,
                    config.task().targetName(),
                    Boolean.TRUE.equals(config.model().freeze()),
                    log);
        }
        int outputIndex = ModelFactory.outputIndex(config);
        TrainingLoop loop = new TrainingLoop(optimisation).setLog(log).optOutputIndex(outputIndex);
        TrainingLoop.LossFunction loss = ModelFactory.loss(block, config);
        if (loss != null) loop.optLossFunction(loss);
        TrainingLoop.Result result = loop.fit(block, manager, train, val, dir);
        if (block instanceof TabNet net)
            TabNetImportances.write(dir, net, manager, test, config, columnNames, optimisation.seed());
        return new MemberResult(result, outputs(block, config, manager, test, optimisation.batchSize()));
    }

    /** The reported outputs of a trained network on {@code source} (see {@link MemberResult#outputs}). */
    static List<TrainingLoop.Predictions> outputs(
            Block block, RunConfig config, NDManager manager, BatchSource source, int batchSize) {
        if (config.task().kind() == ExperimentSpec.Task.MULTI_TASK) {
            List<TrainingLoop.Predictions> all = new ArrayList<>();
            for (int k = 0; k < 3; k++) all.add(TrainingLoop.predict(block, manager, source, batchSize, k));
            return all;
        }
        return List.of(TrainingLoop.predict(block, manager, source, batchSize, ModelFactory.outputIndex(config)));
    }
}

package spinel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import spinel.train.classical.ClassicalModel;

/**
 * {@code spinel train --blend MODEL} (regression): next to the network (or its ensemble), a classical
 * model on its default descriptors is trained on the same split in the run's {@value
 * RunConfig.Blend#FOLDER} folder, and the run predicts the weighted mean of the two, in target units.
 * Graph networks and trees on descriptors err differently: where the two are about as good (Matbench
 * jdft2d) their average beats both; where the trees are far worse (phonons) it does not
 * (docs/benchmarks/train.md). The weight is fixed in advance (0.5), not fitted: the
 * trees train on the validation rows too, so those rows could not choose it honestly.
 */
public final class BlendRun {

    private BlendRun() {}

    /** Trains (or, when finished, keeps) the classical partner of the network run {@code spec}. */
    static Map<String, Object> train(ExperimentSpec spec, PrintStream log) throws IOException {
        ClassicalModel model = spec.blend();
        ExperimentSpec.Builder b = ExperimentSpec.builder()
                .setData(spec.data())
                .optTarget(spec.target())
                .optLabels(spec.labels())
                .optTask(spec.task())
                .optModel(ExperimentSpec.Model.valueOf(model.name()))
                .optValFraction(spec.valFraction())
                .optTestFraction(spec.testFraction())
                .optLimit(spec.limit())
                .optTrain(spec.train())
                .optCacheDir(spec.cacheDir())
                .optDropMissingTargets(spec.dropMissingTargets())
                .optDedupe(spec.dedupe())
                .optUnits(spec.units())
                .optSearchFold(spec.searchFold())
                .optTrainSize(spec.trainSize())
                .setOut(spec.out().resolve(RunConfig.Blend.FOLDER))
                .optResume(true);
        if (spec.folds() != null) b.optFolds(spec.folds(), spec.fold());
        log.printf("blend: %s on the same split, in %s%n", model.cliName(), RunConfig.Blend.FOLDER);
        return ClassicalExperiment.run(b.build(), ClassicalExperiment.Settings.defaults(model), log);
    }

    /**
     * The blended test outputs (normalised like the network's) of {@code rows}, and the scores of both
     * partners alone in {@code extra} ({@code "blend"}).
     *
     * @param runDir the run folder (holding the classical partner's folder)
     * @param mean   the network's mean normalised outputs on {@code rows}
     * @param truth  the targets of {@code rows}, target units
     */
    static float[][] outputs(
            RunConfig config,
            Path runDir,
            CrystalDataset dataset,
            int[] rows,
            float[][] mean,
            double[] truth,
            Map<String, Object> extra)
            throws IOException {
        double[] trees = values(runDir, config, dataset, rows);
        double w = config.blend().weight();
        Normalizer n = config.normalizer();
        double[] net = new double[rows.length];
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            net[i] = n.denormalize(mean[i][0]);
            out[i] = mean[i].clone();
            out[i][0] = (float) n.normalize(combine(net[i], trees[i], w));
        }
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("weight", w);
        scores.put("network_mae", Metrics.regression(truth, net).mae());
        scores.put("classical_mae", Metrics.regression(truth, trees).mae());
        extra.put("blend", scores);
        return out;
    }

    /** The classical partner's predictions for {@code rows} of {@code dataset}, target units. */
    static double[] values(Path runDir, RunConfig config, CrystalDataset dataset, int[] rows) throws IOException {
        try (TrainedRun trees = TrainedRun.open(runDir.resolve(config.blend().folder()))) {
            float[][] v = trees.classicalOutputs(dataset, rows)
                    .get(0)
                    .outputs()
                    .get(0)
                    .outputs();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) out[i] = v[i][0];
            return out;
        }
    }

    /** The blended value: the classical model with weight {@code w}, the network with 1 − w. */
    public static double combine(double network, double classical, double w) {
        return (1 - w) * network + w * classical;
    }
}

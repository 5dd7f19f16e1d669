package spinel.train.classical;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import spinel.graph.io.AtomicFiles;

/**
 * Decision tree, random forest, k-nearest neighbours and linear models from Tribuo 4.3 (Oracle Labs,
 * Apache 2.0, pure Java). Regression uses {@link Regressor} outputs, classification {@link Label}s
 * named by class index. Importances are Tribuo's {@code getTopFeatures}: for trees and forests the
 * number of splits on a feature, for linear models the weights' magnitudes.
 */
final class TribuoLearner implements TabularLearner {

    /** Tribuo logs every tree of a forest at INFO; keep the run's log readable (held: loggers are weak). */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final ClassicalModel kind;
    private final ClassicalModel.Params p;
    private final long seed;

    TribuoLearner(ClassicalModel kind, ClassicalModel.Params p, long seed) {
        this.kind = kind;
        this.p = p;
        this.seed = seed;
    }

    @Override
    public Fitted fit(Table table, int[] rows) {
        if (table.classification()) {
            MutableDataset<Label> data = dataset(new LabelFactory(), table, rows, i -> new Label(Integer.toString(i)));
            return new TribuoFitted<>(
                    classifier().train(data),
                    LabelFactory.UNKNOWN_LABEL,
                    table.names(),
                    table.classCount(),
                    importanceKind(kind));
        }
        MutableDataset<Regressor> data = dataset(new RegressionFactory(), table, rows, null);
        return new TribuoFitted<>(
                regressor().train(data), RegressionFactory.UNKNOWN_REGRESSOR, table.names(), 0, importanceKind(kind));
    }

    /** Reads a model written by {@link Fitted#save}; refuses a file that holds another kind of output. */
    static Fitted load(ClassicalModel kind, Path file, String[] names, int classCount) throws IOException {
        Model<?> model;
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            model = Model.deserializeFromStream(in);
        }
        String what = importanceKind(kind);
        if (classCount > 0) {
            if (!model.validate(Label.class)) throw new IOException(file + ": not a Tribuo classification model");
            return new TribuoFitted<>(
                    model.castModel(Label.class), LabelFactory.UNKNOWN_LABEL, names, classCount, what);
        }
        if (!model.validate(Regressor.class)) throw new IOException(file + ": not a Tribuo regression model");
        return new TribuoFitted<>(
                model.castModel(Regressor.class), RegressionFactory.UNKNOWN_REGRESSOR, names, 0, what);
    }

    private static String importanceKind(ClassicalModel kind) {
        return switch (kind) {
            case LINEAR -> "absolute weight on the standardised feature (Tribuo getTopFeatures)";
            case KNN -> "none (k-nearest neighbours has no feature importances)";
            default -> "Tribuo getTopFeatures of the tree model: the number of splits on the feature (summed over trees)";
        };
    }

    private Trainer<Regressor> regressor() {
        return switch (kind) {
            case DECISION_TREE -> new CARTRegressionTrainer(
                    p.integer("max_depth"),
                    (float) p.real("min_child_weight"),
                    0f,
                    1f,
                    false,
                    new MeanSquaredError(),
                    seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(
                    new CARTRegressionTrainer(
                            p.integer("max_depth"),
                            (float) p.real("min_child_weight"),
                            0f,
                            (float) p.real("features_fraction"),
                            false,
                            new MeanSquaredError(),
                            seed),
                    new AveragingCombiner(),
                    p.integer("trees"),
                    seed);
            case KNN -> new KNNTrainer<>(
                    p.integer("k"), KNNTrainer.Distance.L2, 1, new AveragingCombiner(), KNNModel.Backend.STREAMS);
            case LINEAR -> new ElasticNetCDTrainer(p.real("alpha"), p.real("l1_ratio"), seed);
            default -> throw new IllegalStateException(kind + " is not a Tribuo model");
        };
    }

    private Trainer<Label> classifier() {
        return switch (kind) {
            case DECISION_TREE -> new CARTClassificationTrainer(
                    p.integer("max_depth"), (float) p.real("min_child_weight"), 0f, 1f, false, new GiniIndex(), seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(
                    new CARTClassificationTrainer(
                            p.integer("max_depth"),
                            (float) p.real("min_child_weight"),
                            0f,
                            (float) p.real("features_fraction"),
                            false,
                            new GiniIndex(),
                            seed),
                    new FullyWeightedVotingCombiner(),
                    p.integer("trees"),
                    seed);
            case KNN -> new KNNTrainer<>(
                    p.integer("k"),
                    KNNTrainer.Distance.L2,
                    1,
                    new org.tribuo.classification.ensemble.VotingCombiner(),
                    KNNModel.Backend.STREAMS);
            case LINEAR -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                    new LogMulticlass(), new AdaGrad(0.1, 0.1), p.integer("epochs"), seed);
            default -> throw new IllegalStateException(kind + " is not a Tribuo model");
        };
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(
            OutputFactory<T> factory, Table table, int[] rows, java.util.function.IntFunction<T> label) {
        MutableDataset<T> data = new MutableDataset<>(new SimpleDataSourceProvenance("spinel", factory), factory);
        for (int r : rows) {
            T out = label != null ? label.apply(table.classes()[r]) : factory.generateOutput(table.values()[r]);
            data.add(example(out, table.names(), table.x()[r]));
        }
        return data;
    }

    static <T extends org.tribuo.Output<T>> Example<T> example(T output, String[] names, float[] x) {
        double[] v = new double[x.length];
        for (int j = 0; j < v.length; j++) v[j] = x[j];
        return new ArrayExample<>(output, names, v);
    }

    /** A trained Tribuo model with the feature names it was trained on. */
    private record TribuoFitted<T extends org.tribuo.Output<T>>(
            Model<T> model, T unknown, String[] names, int classCount, String importanceKind) implements Fitted {

        @Override
        public double[] predict(float[][] x, int[] rows) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                Prediction<T> pr = model.predict(example(unknown, names, x[rows[i]]));
                out[i] = ((Regressor) pr.getOutput()).getValues()[0];
            }
            return out;
        }

        @Override
        public double[][] probabilities(float[][] x, int[] rows) {
            double[][] out = new double[rows.length][classCount];
            for (int i = 0; i < rows.length; i++) {
                Prediction<T> pr = model.predict(example(unknown, names, x[rows[i]]));
                double sum = 0;
                if (pr.hasProbabilities() || !pr.getOutputScores().isEmpty()) {
                    for (Map.Entry<String, T> e : pr.getOutputScores().entrySet()) {
                        double s = ((Label) e.getValue()).getScore();
                        s = Double.isFinite(s) ? Math.max(0, s) : 0;
                        out[i][Integer.parseInt(e.getKey())] = s;
                        sum += s;
                    }
                }
                if (sum > 0) for (int c = 0; c < classCount; c++) out[i][c] /= sum;
                else if (pr.getOutput() != null) out[i][Integer.parseInt(((Label) pr.getOutput()).getLabel())] = 1;
                else
                    throw new IllegalStateException(
                            "no prediction from " + model.getClass().getSimpleName() + ": " + pr);
            }
            return out;
        }

        @Override
        public Map<String, Double> importances() {
            Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
            Map<String, Double> sum = new LinkedHashMap<>();
            List<List<Pair<String, Double>>> lists = new ArrayList<>();
            if (top.containsKey(Model.ALL_OUTPUTS)) lists.add(top.get(Model.ALL_OUTPUTS));
            else lists.addAll(top.values());
            for (List<Pair<String, Double>> l : lists)
                for (Pair<String, Double> f : l) {
                    if (Model.BIAS_FEATURE.equals(f.getA())) continue;
                    sum.merge(f.getA(), Math.abs(f.getB()), Double::sum);
                }
            return sum;
        }

        @Override
        public String save(Path runDir) throws IOException {
            String file = "model.tribuo";
            AtomicFiles.write(runDir.resolve(file), model::serializeToStream);
            return file;
        }
    }
}

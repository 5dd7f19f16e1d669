package spinel.train.classical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import spinel.graph.io.AtomicFiles;

/**
 * Gradient-boosted regression trees from XGBoost4J 3.4 (Chen &amp; Guestrin, KDD 2016; Apache 2.0;
 * native library bundled in the jar, needs the system's libgomp): squared error for regression,
 * softmax cross-entropy for classification, the histogram tree method. Importances are XGBoost's
 * total gain of each feature's splits.
 */
final class XgboostLearner implements TabularLearner {

    private final ClassicalModel.Params p;
    private final long seed;

    XgboostLearner(ClassicalModel.Params p, long seed) {
        this.p = p;
        this.seed = seed;
    }

    @Override
    public Fitted fit(Table table, int[] rows) {
        Map<String, Object> params = new HashMap<>();
        params.put("eta", p.real("eta"));
        params.put("max_depth", p.integer("max_depth"));
        params.put("subsample", p.real("subsample"));
        params.put("colsample_bytree", p.real("colsample_bytree"));
        params.put("min_child_weight", p.real("min_child_weight"));
        params.put("lambda", p.real("lambda"));
        params.put("nthread", p.integer("threads"));
        params.put("seed", seed);
        params.put("tree_method", "hist");
        params.put("verbosity", 0);
        float[] label = new float[rows.length];
        if (table.classification()) {
            params.put("objective", "multi:softprob");
            params.put("num_class", table.classCount());
            for (int i = 0; i < rows.length; i++) label[i] = table.classes()[rows[i]];
        } else {
            params.put("objective", "reg:squarederror");
            for (int i = 0; i < rows.length; i++) label[i] = (float) table.values()[rows[i]];
        }
        try {
            DMatrix d = matrix(table.x(), rows, table.names());
            try {
                d.setLabel(label);
                Booster b = XGBoost.train(d, params, p.integer("rounds"), new HashMap<>(), null, null);
                return new XgboostFitted(b, table.names(), table.classCount());
            } finally {
                d.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /** Reads a model written by {@link Fitted#save}. */
    static Fitted load(Path file, String[] names, int classCount) throws IOException {
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            return new XgboostFitted(XGBoost.loadModel(in), names, classCount);
        } catch (XGBoostError e) {
            throw new IOException(file + ": not an XGBoost model (" + e.getMessage() + ")", e);
        }
    }

    static DMatrix matrix(float[][] x, int[] rows, String[] names) throws XGBoostError {
        int f = names.length;
        float[] flat = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) System.arraycopy(x[rows[i]], 0, flat, i * f, f);
        DMatrix d = new DMatrix(flat, rows.length, f, Float.NaN);
        return d;
    }

    private record XgboostFitted(Booster booster, String[] names, int classCount) implements Fitted {

        private float[][] raw(float[][] x, int[] rows) {
            try {
                DMatrix d = matrix(x, rows, names);
                try {
                    return booster.predict(d);
                } finally {
                    d.dispose();
                }
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
            }
        }

        @Override
        public double[] predict(float[][] x, int[] rows) {
            float[][] r = raw(x, rows);
            double[] out = new double[rows.length];
            for (int i = 0; i < out.length; i++) out[i] = r[i][0];
            return out;
        }

        @Override
        public double[][] probabilities(float[][] x, int[] rows) {
            float[][] r = raw(x, rows);
            double[][] out = new double[rows.length][classCount];
            for (int i = 0; i < out.length; i++) for (int c = 0; c < classCount; c++) out[i][c] = r[i][c];
            return out;
        }

        @Override
        public Map<String, Double> importances() {
            try {
                String[] fids = new String[names.length];
                for (int j = 0; j < fids.length; j++) fids[j] = "f" + j;
                Map<String, Double> gain = booster.getScore(fids, "total_gain");
                Map<String, Double> out = new LinkedHashMap<>();
                for (int j = 0; j < names.length; j++) {
                    Double g = gain.get(fids[j]);
                    if (g != null) out.put(names[j], g);
                }
                return out;
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost importances failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String importanceKind() {
            return "XGBoost total_gain: the loss reduction summed over the feature's splits";
        }

        @Override
        public String save(Path runDir) throws IOException {
            String file = "model.ubj";
            try {
                byte[] bytes = booster.toByteArray("ubj");
                AtomicFiles.write(runDir.resolve(file), out -> out.write(bytes));
            } catch (XGBoostError e) {
                throw new IOException("XGBoost could not serialise the model: " + e.getMessage(), e);
            }
            return file;
        }
    }
}

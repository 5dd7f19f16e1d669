package spinel.train.classical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tabular learner of a library (Tribuo, XGBoost4J) behind one small interface: fit on some rows of
 * a feature matrix, predict any rows, report feature importances. Regression targets are in target
 * units; classification targets are class indices 0..classes−1.
 */
public interface TabularLearner {

    /** The rows to learn from: features (scaled), names, and either values or class indices. */
    record Table(float[][] x, String[] names, double[] values, int[] classes, int classCount) {
        public boolean classification() {
            return classes != null;
        }
    }

    /** Fits on {@code rows} of {@code table}. */
    Fitted fit(Table table, int[] rows);

    /** A fitted model. */
    interface Fitted {
        /** Regression: one prediction per row in target units. */
        double[] predict(float[][] x, int[] rows);

        /** Classification: class probabilities per row (classCount columns). */
        double[][] probabilities(float[][] x, int[] rows);

        /**
         * Feature importances as the library defines them (name → score, larger is more important);
         * empty when the model has none (k-nearest neighbours).
         */
        Map<String, Double> importances();

        /** What the importances mean, for the reader of the run folder. */
        String importanceKind();

        /** Writes the fitted model in the library's own format; returns the file name used. */
        String save(Path runDir) throws IOException;
    }
}

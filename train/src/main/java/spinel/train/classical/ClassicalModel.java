package spinel.train.classical;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The classical baselines of {@code spinel train --model ...}, each with its hyperparameters and
 * their defaults (overridden by {@code --param name=value}). Decision trees, random forests, k-nearest
 * neighbours and linear models come from Tribuo (pure Java); gradient-boosted trees from XGBoost4J.
 */
public enum ClassicalModel {
    /** one CART tree (Breiman et al. 1984): MSE splits for regression, Gini for classification */
    DECISION_TREE(Map.of("max_depth", "12", "min_child_weight", "5")),
    /** Breiman's random forest: bagged CART trees with a random feature subset per split, averaged/voted */
    RANDOM_FOREST(Map.of("trees", "100", "max_depth", "40", "features_fraction", "0.33", "min_child_weight", "1")),
    /** XGBoost (Chen &amp; Guestrin 2016): second-order gradient boosting of regression trees */
    GRADIENT_BOOSTING(Map.of(
            "rounds", "600",
            "eta", "0.05",
            "max_depth", "6",
            "subsample", "0.8",
            "colsample_bytree", "0.6",
            "min_child_weight", "1",
            "lambda", "1",
            "threads", "1")),
    /** k-nearest neighbours (Euclidean on standardised features), mean or vote of the k nearest */
    KNN(Map.of("k", "5")),
    /** regression: elastic net by coordinate descent; classification: multinomial logistic regression (SGD) */
    LINEAR(Map.of("alpha", "0.001", "l1_ratio", "0.5", "epochs", "50"));

    private final Map<String, String> defaults;

    ClassicalModel(Map<String, String> defaults) {
        this.defaults = defaults;
    }

    /** The CLI name, e.g. {@code random-forest}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The model of a CLI name, or null when the name is not a classical model. */
    public static ClassicalModel of(String cliName) {
        for (ClassicalModel m : values()) if (m.cliName().equals(cliName.trim().toLowerCase(Locale.ROOT))) return m;
        return null;
    }

    /** The defaults overridden by {@code given}; an unknown name is an error naming the known ones. */
    public Map<String, String> params(Map<String, String> given) {
        Map<String, String> p = new LinkedHashMap<>(new java.util.TreeMap<>(defaults));
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!defaults.containsKey(e.getKey()))
                throw new IllegalArgumentException("--param " + e.getKey() + ": " + cliName()
                        + " has the hyperparameters " + new java.util.TreeSet<>(defaults.keySet()));
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }

    /** The learner with these hyperparameters (from {@link #params}) and seed. */
    public TabularLearner learner(Map<String, String> params, long seed) {
        Params p = new Params(this, params);
        return this == GRADIENT_BOOSTING ? new XgboostLearner(p, seed) : new TribuoLearner(this, p, seed);
    }

    /**
     * The model a run saved with {@link TabularLearner.Fitted#save}, read back for prediction.
     *
     * @param names      the feature columns it was fitted on, in order
     * @param classCount classification: the number of classes; 0 for regression
     */
    public TabularLearner.Fitted load(java.nio.file.Path file, String[] names, int classCount)
            throws java.io.IOException {
        return this == GRADIENT_BOOSTING
                ? XgboostLearner.load(file, names, classCount)
                : TribuoLearner.load(this, file, names, classCount);
    }

    /** Typed access to the hyperparameters, with errors naming the parameter. */
    record Params(ClassicalModel model, Map<String, String> values) {
        int integer(String name) {
            try {
                return Integer.parseInt(values.get(name).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--param " + name + "=" + values.get(name) + ": expected an integer");
            }
        }

        double real(String name) {
            try {
                return Double.parseDouble(values.get(name).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--param " + name + "=" + values.get(name) + ": expected a number");
            }
        }
    }
}

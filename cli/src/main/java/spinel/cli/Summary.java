package spinel.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import spinel.zoo.PredictionScore;

/** The end-of-run report of {@code spinel predict} on stderr: each model's score on inputs with a known target. */
final class Summary {

    private Summary() {}

    static void print(PrintStream err, List<PredictionScore> scores, Double rejectBelow) {
        for (PredictionScore s : scores) {
            if (s.n() == 0 && s.rejected() == 0) continue;
            if (s.isClassification()) {
                String rejected = rejectBelow == null
                        ? ""
                        : String.format(Locale.ROOT, ", %d rejected (probability below %s)", s.rejected(), rejectBelow);
                err.printf(
                        Locale.ROOT,
                        "spinel predict: %s: accuracy %.4f on %d structures with a target%s%n",
                        s.model(),
                        s.accuracy(),
                        s.n(),
                        rejected);
            } else {
                err.printf(
                        Locale.ROOT,
                        "spinel predict: %s: MAE %.4f, RMSE %.4f on %d structures with a target%n",
                        s.model(),
                        s.mae(),
                        s.rmse(),
                        s.n());
            }
        }
    }
}

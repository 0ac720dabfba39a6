package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServableClassifier;
import dev.mlops.core.serving.ServableModel;
import dev.mlops.core.serving.ServableRegressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A new champion's probation on the same rows: the previous champion keeps scoring in shadow (on
 * each labelled row of the new one, when its label arrives, off the request path), and once {@code
 * labels} rows are labelled a paired bootstrap of the metric's difference on those same rows decides.
 * The new champion fails when it is worse and the one-sided p-value of "no worse" is below alpha.
 *
 * <p>Not thread-safe: the loop calls it under its label lock.
 */
final class Probation {

  /** Resamples of the paired bootstrap. */
  static final int RESAMPLES = 1000;

  /** The verdict, with its evidence in words. */
  record Verdict(boolean failed, String text) {}

  final int previousVersion;
  final int newVersion;
  private final ServableModel previous;
  private final PerformanceMeasure measure;
  private final int labels;
  private final double alpha;
  private final double[] y;
  private final List<PredictionResult> current = new ArrayList<>();
  private final List<PredictionResult> shadow = new ArrayList<>();
  private int failedShadow;

  Probation(int previousVersion, ServableModel previous, int newVersion, PerformanceMeasure measure, int labels,
      double alpha) {
    this.previousVersion = previousVersion;
    this.previous = previous;
    this.newVersion = newVersion;
    this.measure = measure;
    this.labels = labels;
    this.alpha = alpha;
    this.y = new double[labels];
  }

  /**
   * Adds one labelled prediction of the new champion, scoring the same row with the previous one.
   *
   * @return the verdict once {@code labels} rows are in, else null
   */
  Verdict add(Map<String, ?> row, PredictionResult result, double label) {
    PredictionResult old;
    try {
      old = previous instanceof ServableClassifier c
          ? new PredictionResult(result.requestId(), result.modelName(), previousVersion, result.role(), Double.NaN,
              c.probabilities(row))
          : new PredictionResult(result.requestId(), result.modelName(), previousVersion, result.role(),
              ((ServableRegressor) previous).predict(row), null);
      if (old.probabilities() != null) {
        old = new PredictionResult(old.requestId(), old.modelName(), previousVersion, old.role(), argmax(old.probabilities()),
            old.probabilities());
      }
    } catch (RuntimeException e) {
      failedShadow++;
      return null; // a row the previous champion cannot score is not a paired row
    }
    y[current.size()] = label;
    current.add(result);
    shadow.add(old);
    return current.size() < labels ? null : decide();
  }

  private Verdict decide() {
    double now = measure.measure(y, current);
    double before = measure.measure(y, shadow);
    double diff = now - before;
    boolean worse = measure.greaterIsBetter() ? diff < 0 : diff > 0;
    SplittableRandom random = new SplittableRandom(31L * newVersion + previousVersion);
    double[] by = new double[labels];
    List<PredictionResult> bc = new ArrayList<>(labels);
    List<PredictionResult> bs = new ArrayList<>(labels);
    double[] diffs = new double[RESAMPLES];
    int notWorse = 0;
    for (int b = 0; b < RESAMPLES; b++) {
      bc.clear();
      bs.clear();
      for (int i = 0; i < labels; i++) {
        int k = random.nextInt(labels);
        by[i] = y[k];
        bc.add(current.get(k));
        bs.add(shadow.get(k));
      }
      double d = measure.measure(by, bc) - measure.measure(by, bs);
      diffs[b] = d;
      if (Double.isNaN(d) || (measure.greaterIsBetter() ? d >= 0 : d <= 0)) {
        notWorse++;
      }
    }
    java.util.Arrays.sort(diffs);
    double p = (notWorse + 1.0) / (RESAMPLES + 1.0);
    boolean failed = worse && p < alpha;
    String text = String.format(Locale.ROOT,
        "%s on the same %d labelled rows: v%d %.6g, v%d (previous, in shadow) %.6g, difference %+.6g, "
            + "95%% interval [%.6g, %.6g], one-sided p = %.3g by paired bootstrap (alpha %.3g)%s",
        measure.name(), labels, newVersion, now, previousVersion, before, diff, diffs[(int) (0.025 * RESAMPLES)],
        diffs[(int) (0.975 * RESAMPLES) - 1], p, alpha,
        failedShadow > 0 ? "; " + failedShadow + " rows the previous champion could not score were skipped" : "");
    return new Verdict(failed, text);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}

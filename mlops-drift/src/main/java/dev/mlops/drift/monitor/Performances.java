package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.Reservoir;
import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.MulticlassMetrics;
import dev.mlops.metrics.RegressionMetrics;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Realised performance (mlops-metrics on the labelled pairs of a window) and estimated performance
 * (confidence-based: the expected confusion matrix of a calibrated classifier). Stateless.
 */
final class Performances {

  // the estimate's interval and realised error (issue 14): see Performance#accuracyEstimate

  static final String CBPE = "confidence-based performance estimation (expected confusion matrix"
      + " from the raw predicted probabilities; assumes calibration; no interval: the monitor has no"
      + " performance estimator calibrated on held-out rows)";

  private Performances() {}

  /**
   * The window's performance; {@code estimator} null gives the raw-probability estimate, with
   * {@code failure} (when not null) saying why there is no estimator.
   */
  static Performance of(WindowState w, double threshold, List<Metric> extra,
      PerformanceEstimator estimator, String failure) {
    return of(w, threshold, extra, estimator, failure, "");
  }

  /**
   * The window's performance, the estimator's method text followed by {@code basis} (what it
   * rests on: the profile's estimate sample) when not empty.
   */
  static Performance of(WindowState w, double threshold, List<Metric> extra,
      PerformanceEstimator estimator, String failure, String basis) {
    List<String> undefined = new ArrayList<>();
    Map<String, Double> realised;
    try {
      realised = realised(w, threshold, undefined, extra);
    } catch (RuntimeException e) {
      realised = Map.of();
      undefined.add("realised metrics: " + e.getMessage());
    }
    double[] c = w.confidence;
    boolean estimated = c[WindowState.CB_N] > 0;
    AccuracyEstimate interval = null;
    String method = estimated ? CBPE : "";
    boolean topLabel = estimator != null && estimator.isTopLabel();
    if (estimator != null && estimated
        && (topLabel || c[WindowState.CB_BINARY] == c[WindowState.CB_N])) {
      method = basis.isEmpty() ? estimator.describe() : estimator.describe() + "; " + basis;
      try {
        double right = topLabel ? c[WindowState.CB_SUM_MAX]
            : c[WindowState.CB_TP] + c[WindowState.CB_TN];
        interval = leftOut(estimator.estimate((long) c[WindowState.CB_N], right,
            c[WindowState.CB_VAR], beyondReference(w)), w, undefined);
        Double acc = realised.get(Metric.ACCURACY.key());
        if (acc != null && acc >= 0 && acc <= 1) {
          interval = interval.withRealised(acc);
        }
      } catch (IllegalArgumentException e) {
        // sums from a forged or foreign state: no interval, said so
        undefined.add("accuracy estimate: " + e.getMessage());
      }
    }
    if (failure != null && estimated) {
      undefined.add("accuracy estimate: " + failure);
    }
    if (w.unestimated > 0) {
      undefined.add("accuracy estimate: " + w.unestimated + " rows recorded before the estimator's "
          + "fit was ready are not in it (the backlog of rows waiting for the fit was full)");
    }
    if (w.unestimatedBehind > 0) {
      long on = (long) c[WindowState.CB_N];
      undefined.add("accuracy estimate: it rests on " + on + " of " + (on + w.unestimated
          + w.unestimatedBehind) + " rows; " + w.unestimatedBehind + " rows are not in it (the "
          + "backlog of rows waiting for the monitor's thread to compute their chances was full)");
    }
    Map<String, Double> expected = estimated(c);
    if (topLabel && estimated) {
      // the top-label calibration's expected accuracy, whatever the number of classes
      expected.put(Metric.ACCURACY.key(), c[WindowState.CB_SUM_MAX] / c[WindowState.CB_N]);
    }
    // labels joined in the window: its own predictions' and late ones credited elsewhere
    long own = Math.max(0, w.labels - w.lateLabels - w.labelsBeyondHorizon);
    return new Performance(own, w.pending, w.expired, w.unmatched, realised,
        expected, method, undefined, interval, w.lateLabels, w.labelsBeyondHorizon);
  }

  /**
   * The interval of an estimate that rests on K of the window's M rows (the others were recorded
   * while a backlog was full: {@link WindowState#unestimated}, {@link WindowState#unestimatedBehind}),
   * widened to hold the accuracy of all M rows whatever the N = M - K left out were: from {@code (K /
   * M) lower} (all N wrong) to {@code (K / M) upper + N / M} (all N right). The estimate stays the K
   * rows' (the left-out rows are as likely alike as not), and the window says so. The rows left out
   * are not a random sample of the window but the rows of a burst, so nothing narrower holds.
   */
  static AccuracyEstimate leftOut(AccuracyEstimate e, WindowState w, List<String> undefined) {
    long out = w.unestimated + w.unestimatedBehind;
    if (out <= 0 || e.rows() <= 0) {
      return e;
    }
    double kept = (double) e.rows() / (e.rows() + out);
    double lower = kept * e.lower();
    double upper = Math.min(1, kept * e.upper() + (1 - kept));
    undefined.add(String.format(java.util.Locale.ROOT, "accuracy estimate: its interval"
        + " [%.4f, %.4f] on the %d rows it rests on is widened to [%.4f, %.4f] for all %d rows,"
        + " allowing any accuracy for the %d rows not in it", e.lower(), e.upper(), e.rows(),
        lower, upper, e.rows() + out, out));
    return new AccuracyEstimate(e.rows(), e.estimate(), lower, upper, e.confidence(),
        e.realised(), e.extrapolated());
  }

  /**
   * The share of the window's rows beyond the reference (a numeric value outside the reference's
   * range, or an unseen category), bounded from above by the sum of the per-feature shares (a
   * row beyond on two features counts twice): the estimate's interval is widened by it, so an
   * over-count only makes it wider.
   */
  static double beyondReference(WindowState w) {
    if (w.rows <= 0) {
      return 0;
    }
    long beyond = 0;
    for (int i = 0; i < w.schema.features.length; i++) {
      beyond += w.quality(i, Schema.OUT_OF_RANGE) + w.quality(i, Schema.UNSEEN);
    }
    return Math.min(1, (double) beyond / w.rows);
  }

  /** Adds a metric, or its reason when mlops-metrics finds it undefined for this window. */
  private static void put(Map<String, Double> m, List<String> undefined, Metric metric,
      Supplier<MetricValue> value) {
    try {
      MetricValue v = value.get();
      if (v.defined()) {
        m.put(v.metric().key(), v.value());
      } else {
        undefined.add(metric.key() + ": " + v.reason());
      }
    } catch (IllegalArgumentException e) {
      undefined.add(metric.key() + ": " + e.getMessage());
    }
  }

  /**
   * Adds the configured extra metrics (user-defined or built-in), each on the window's pairs; a
   * failure of any kind (the other kind of data, an undefined value, a user function that throws or
   * leaves its range) is listed with its reason: a metric never fails the window.
   */
  private static void addExtra(Map<String, Double> m, List<String> undefined, List<Metric> extra,
      Supplier<MetricData> data) {
    if (extra.isEmpty()) {
      return;
    }
    MetricData d;
    try {
      d = data.get();
    } catch (RuntimeException e) {
      for (Metric metric : extra) {
        undefined.add(metric.key() + ": " + e.getMessage());
      }
      return;
    }
    for (Metric metric : extra) {
      try {
        MetricValue v = metric.evaluate(d);
        if (v.defined()) {
          m.put(metric.key(), v.value());
        } else {
          undefined.add(metric.key() + ": " + v.reason());
        }
      } catch (IllegalArgumentException e) {
        undefined.add(metric.key() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        undefined.add(metric.key() + ": " + e);   // a user function's defect: keep its type
      }
    }
  }

  static Map<String, Double> estimated(double[] c) {
    Map<String, Double> m = new LinkedHashMap<>();
    double n = c[WindowState.CB_N];
    if (n == 0) {
      return m;
    }
    if (c[WindowState.CB_BINARY] == n) {
      double tp = c[WindowState.CB_TP];
      double fp = c[WindowState.CB_FP];
      double fn = c[WindowState.CB_FN];
      double tn = c[WindowState.CB_TN];
      m.put(Metric.ACCURACY.key(), (tp + tn) / n);
      if (tp + fp > 0) {
        m.put(Metric.PRECISION.key(), tp / (tp + fp));
      }
      if (tp + fn > 0) {
        m.put(Metric.RECALL.key(), tp / (tp + fn));
      }
      if (2 * tp + fp + fn > 0) {
        m.put(Metric.F1.key(), 2 * tp / (2 * tp + fp + fn));
      }
    } else {
      m.put(Metric.ACCURACY.key(), c[WindowState.CB_SUM_MAX] / n);
    }
    return m;
  }

  static Map<String, Double> realised(WindowState w, double threshold, List<String> undefined,
      List<Metric> extra) {
    return realised(w.labelPairs, w.schema.declaredClasses, threshold, undefined, extra);
  }

  /**
   * Realised metrics of label pairs ({@link WindowState#labelPairs}' layout), the reasons of those
   * undefined added to {@code undefined}.
   */
  static Map<String, Double> realised(Reservoir r, int declared, double threshold,
      List<String> undefined, List<Metric> extra) {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = r.size();
    if (n == 0) {
      return m;
    }
    int width = r.width();
    double[] s = r.values();
    int kind = (int) s[3];
    boolean regression = kind == Prediction.Kind.VALUE.ordinal();
    if (regression) {
      double[] actual = new double[n];
      double[] predicted = new double[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        double a = s[i * width];
        double p = s[i * width + 1];
        if (Double.isFinite(a) && Double.isFinite(p)) {
          actual[k] = a;
          predicted[k++] = p;
        }
      }
      if (k == 0) {
        return m;
      }
      actual = java.util.Arrays.copyOf(actual, k);
      predicted = java.util.Arrays.copyOf(predicted, k);
      final double[] a = actual;
      final double[] p = predicted;
      for (Metric metric : new Metric[] {Metric.MAE, Metric.RMSE, Metric.R2, Metric.MEAN_ERROR}) {
        put(m, undefined, metric, () -> RegressionMetrics.metric(metric, a, p));
      }
      addExtra(m, undefined, extra, () -> MetricData.regression(a, p));
      return m;
    }
    int[] labels = new int[n];
    int[] predicted = new int[n];
    double[] scores = new double[n];
    int kept = width - WindowState.PAIR_WIDTH;   // class probabilities kept per pair (or 0)
    double[][] probabilities = kept > 0 ? new double[n][] : null;
    int withoutProbabilities = 0;
    boolean binary = true;
    boolean withScores = true;
    int classes = 2;
    int k = 0;
    for (int i = 0; i < n; i++) {
      double label = s[i * width];
      int cls = (int) s[i * width + 2];
      // outside the declared classes (counted when recorded; also a restored state's pairs)
      if (!(label >= 0) || label != Math.rint(label) || label >= declared || cls < 0
          || cls >= declared) {
        continue;
      }
      labels[k] = (int) label;
      predicted[k] = cls;
      if (probabilities != null) {
        int o = i * width + WindowState.PAIR_WIDTH;
        if (Double.isNaN(s[o])) {
          withoutProbabilities++;
        } else {
          probabilities[k] = java.util.Arrays.copyOfRange(s, o, o + kept);
        }
      }
      scores[k] = s[i * width + 1];
      int rowKind = (int) s[i * width + 3];
      if (rowKind != Prediction.Kind.PROBABILITIES.ordinal() || !(scores[k] >= 0
          && scores[k] <= 1)) {
        withScores = false;
      }
      if (labels[k] > 1 || cls > 1) {
        binary = false;
      }
      classes = Math.max(classes, Math.max(labels[k], cls) + 1);
      k++;
    }
    if (k == 0) {
      return m;
    }
    labels = java.util.Arrays.copyOf(labels, k);
    predicted = java.util.Arrays.copyOf(predicted, k);
    scores = java.util.Arrays.copyOf(scores, k);
    final int[] y = labels;
    final double[] sc = scores;
    if (binary) {
      BinaryCounts counts = withScores ? BinaryCounts.of(labels, scores, threshold)
          : BinaryCounts.of(labels, predicted);
      for (Metric metric : new Metric[] {Metric.ACCURACY, Metric.PRECISION, Metric.RECALL,
          Metric.F1}) {
        put(m, undefined, metric, () -> counts.metric(metric));
      }
      if (withScores) {
        put(m, undefined, Metric.ROC_AUC, () -> BinaryMetrics.rocAuc(y, sc));
      }
    } else {
      ConfusionMatrix cm = MulticlassMetrics.confusion(labels, predicted, classes);
      for (Metric metric : new Metric[] {Metric.ACCURACY, Metric.MACRO_F1}) {
        put(m, undefined, metric, () -> MulticlassMetrics.metric(metric, cm));
      }
    }
    final int[] yhat = predicted;
    final int k2 = classes;
    final boolean binaryScores = binary && withScores;
    if (!binaryScores && probabilities != null && withoutProbabilities < k) {
      if (withoutProbabilities == 0) {
        // multiclass predictions with their kept probabilities: what a top-k accuracy or a log
        // loss needs
        final double[][] p = java.util.Arrays.copyOf(probabilities, k);
        addExtra(m, undefined, extra, () -> MetricData.multiclass(y, p));
        return m;
      }
      // some pairs lost theirs: the metrics get predicted classes only, and the window says why
      undefined.add("class probabilities: not kept for " + withoutProbabilities + " of " + k
          + " labelled predictions (pending-prediction limits reached, or pending at a restored"
          + " snapshot); realised metrics use predicted classes");
    }
    addExtra(m, undefined, extra, () -> binaryScores
        ? MetricData.binary(y, sc).withThreshold(threshold) : MetricData.classes(y, yhat, k2));
    return m;
  }
}

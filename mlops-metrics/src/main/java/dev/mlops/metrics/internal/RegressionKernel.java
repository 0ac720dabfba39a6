package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All regression metrics of one set of rows in two linear passes, optionally with bootstrap
 * multiplicities per row; the absolute errors are sorted once (for the median). Not API.
 * Immutable after construction; thread-safe.
 */
public final class RegressionKernel {

  /** {@code numpy.finfo(numpy.float64).eps}, the floor of |actual| in MAPE (as scikit-learn). */
  public static final double MAPE_EPSILON = Math.ulp(1.0);

  /** The regression metrics, in declaration order. */
  public static final Metric[] METRICS = {Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2, Metric.MAPE,
      Metric.MEDIAN_ABSOLUTE_ERROR, Metric.MAX_ERROR, Metric.EXPLAINED_VARIANCE, Metric.MEAN_ERROR};

  private final double[] actual;
  private final double[] residual;
  private final double[] absError;
  private final double[] weights;
  private volatile int[] absOrder;

  /**
   * Prepares the kernel (inputs already validated).
   *
   * @param actual true values
   * @param predicted predictions
   * @param weights weights or null
   */
  public RegressionKernel(double[] actual, double[] predicted, double[] weights) {
    this.actual = actual;
    this.weights = weights;
    int n = actual.length;
    residual = new double[n];
    absError = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = actual[i] - predicted[i];
      absError[i] = Math.abs(residual[i]);
    }
  }

  /**
   * Returns the residuals {@code actual - predicted}.
   *
   * @return the internal array (do not modify)
   */
  public double[] residuals() {
    return residual;
  }

  private int[] absOrder() {
    int[] order = absOrder;
    if (order == null) {
      int[] desc = Sorting.descendingOrder(absError);
      order = new int[desc.length];
      for (int i = 0; i < desc.length; i++) {
        order[i] = desc[desc.length - 1 - i];
      }
      absOrder = order;
    }
    return order;
  }

  /**
   * Computes every metric; an undefined one is reported with its reason.
   *
   * @param multiplicity per-row bootstrap counts, or null for all rows once
   * @return the metrics, in declaration order
   */
  public Map<Metric, MetricValue> computeAll(int[] multiplicity) {
    return compute(multiplicity, true);
  }

  /**
   * Computes one metric (the absolute errors are sorted only for the median).
   *
   * @param metric a regression metric
   * @param multiplicity per-row bootstrap counts, or null
   * @return its value, possibly undefined
   */
  public MetricValue compute(Metric metric, int[] multiplicity) {
    return compute(multiplicity, metric == Metric.MEDIAN_ABSOLUTE_ERROR).get(metric);
  }

  private Map<Metric, MetricValue> compute(int[] multiplicity, boolean withMedian) {
    int n = actual.length;
    long rows = 0;
    double total = 0;
    double sumY = 0;
    double sumR = 0;
    double sumAbs = 0;
    double sumSq = 0;
    double sumApe = 0;
    double maxError = 0;
    for (int i = 0; i < n; i++) {
      double w = weight(i, multiplicity);
      if (multiplicity != null && multiplicity[i] == 0) {
        continue;
      }
      rows += multiplicity == null ? 1 : multiplicity[i];
      double r = residual[i];
      double a = absError[i];
      total += w;
      sumY += w * actual[i];
      sumR += w * r;
      sumAbs += w * a;
      sumSq += w * r * r;
      sumApe += w * a / Math.max(Math.abs(actual[i]), MAPE_EPSILON);
      maxError = Math.max(maxError, a);
    }
    Map<Metric, MetricValue> out = new LinkedHashMap<>();
    if (!(total > 0)) {
      for (Metric m : METRICS) {
        out.put(m, MetricValue.undefined(m, rows, "the total weight of the rows is 0"));
      }
      return out;
    }
    double meanY = sumY / total;
    double meanR = sumR / total;
    double ssTot = 0;
    double ssRes = 0;
    for (int i = 0; i < n; i++) {
      if (multiplicity != null && multiplicity[i] == 0) {
        continue;
      }
      double w = weight(i, multiplicity);
      double dy = actual[i] - meanY;
      double dr = residual[i] - meanR;
      ssTot += w * dy * dy;
      ssRes += w * dr * dr;
    }
    double mse = sumSq / total;
    out.put(Metric.MAE, MetricValue.of(Metric.MAE, sumAbs / total, rows));
    out.put(Metric.MSE, MetricValue.of(Metric.MSE, mse, rows));
    out.put(Metric.RMSE, MetricValue.of(Metric.RMSE, Math.sqrt(mse), rows));
    out.put(Metric.R2, forceFinite(Metric.R2, sumSq, ssTot, rows));
    out.put(Metric.MAPE, MetricValue.of(Metric.MAPE, sumApe / total, rows));
    if (withMedian) {
      out.put(Metric.MEDIAN_ABSOLUTE_ERROR,
          MetricValue.of(Metric.MEDIAN_ABSOLUTE_ERROR, weightedMedianAbsError(multiplicity, total), rows));
    }
    out.put(Metric.MAX_ERROR, MetricValue.of(Metric.MAX_ERROR, maxError, rows));
    out.put(Metric.EXPLAINED_VARIANCE, forceFinite(Metric.EXPLAINED_VARIANCE, ssRes, ssTot, rows));
    out.put(Metric.MEAN_ERROR, MetricValue.of(Metric.MEAN_ERROR, meanR, rows));
    return out;
  }

  private double weight(int i, int[] multiplicity) {
    double w = weights == null ? 1 : weights[i];
    return multiplicity == null ? w : w * multiplicity[i];
  }

  // sklearn's force_finite=True: a constant target gives 1 for a perfect fit, else 0
  private static MetricValue forceFinite(Metric metric, double numerator, double denominator, long rows) {
    if (denominator == 0) {
      if (numerator == 0) {
        return new MetricValue(metric, 1.0, null, rows, true,
            "the target is constant and perfectly predicted (sklearn force_finite gives 1)", true);
      }
      return MetricValue.zeroDivision(metric, rows, "the target is constant (sklearn force_finite gives 0)");
    }
    return MetricValue.of(metric, 1 - numerator / denominator, rows);
  }

  // the median of the data expanded by its weights: mean of the lower and upper weighted medians
  private double weightedMedianAbsError(int[] multiplicity, double total) {
    int[] order = absOrder();
    double half = total / 2;
    double cumulative = 0;
    double lower = Double.NaN;
    for (int idx : order) {
      double w = weight(idx, multiplicity);
      if (w == 0) {
        continue;
      }
      cumulative += w;
      if (Double.isNaN(lower) && cumulative >= half) {
        lower = absError[idx];
      }
      if (cumulative > half) {
        return (lower + absError[idx]) / 2;
      }
    }
    return lower;
  }
}

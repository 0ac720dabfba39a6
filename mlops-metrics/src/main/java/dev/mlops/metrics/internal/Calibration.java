package dev.mlops.metrics.internal;

import dev.mlops.metrics.BinStrategy;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.ReliabilityCurve;
import java.util.Arrays;

/**
 * Calibration binning as scikit-learn's {@code calibration_curve}: edges fixed once (uniform or
 * at the quantiles of the probabilities), each row assigned to {@code searchsorted(inner edges,
 * p, side='left')}. Binned sums can then be recomputed with bootstrap multiplicities. Not API.
 * Immutable after construction, thread-safe.
 */
public final class Calibration {

  private final int[] outcomes;
  private final double[] probabilities;
  private final double[] weights;
  private final int[] bin;
  private final int bins;

  private Calibration(int[] outcomes, double[] probabilities, double[] weights, int[] bin, int bins) {
    this.outcomes = outcomes;
    this.probabilities = probabilities;
    this.weights = weights;
    this.bin = bin;
    this.bins = bins;
  }

  /**
   * Bins the rows (inputs already validated).
   *
   * @param outcomes 0/1 outcomes (label, or "top label correct" for multiclass)
   * @param probabilities the predicted probability of outcome 1
   * @param weights weights or null
   * @param bins number of bins, at least 1
   * @param strategy uniform or quantile edges
   * @return the binning
   */
  public static Calibration of(int[] outcomes, double[] probabilities, double[] weights, int bins,
      BinStrategy strategy) {
    double[] edges = new double[bins + 1];
    if (strategy == BinStrategy.UNIFORM) {
      double step = 1.0 / bins; // numpy.linspace: i * step, last edge exactly 1
      for (int i = 0; i < bins; i++) {
        edges[i] = i * step;
      }
    } else {
      double[] sorted = probabilities.clone();
      Arrays.sort(sorted);
      double step = 1.0 / bins;
      for (int i = 0; i < bins; i++) {
        edges[i] = percentile(sorted, i * step);
      }
    }
    edges[bins] = 1.0;
    if (strategy == BinStrategy.QUANTILE) {
      edges[bins] = probabilities.length == 0 ? 1.0 : max(probabilities);
    }
    int[] bin = new int[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      bin[i] = searchLeft(edges, 1, bins, probabilities[i]);
    }
    return new Calibration(outcomes, probabilities, weights, bin, bins);
  }

  private static double max(double[] values) {
    double m = values[0];
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * numpy.percentile(method='linear') of sorted values at q in [0, 1], with numpy's lerp.
   *
   * @param sorted ascending values
   * @param q the quantile
   * @return the interpolated value
   */
  public static double percentile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lo = (int) Math.floor(position);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = position - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  // number of inner edges edges[from..to) strictly below p (numpy.searchsorted side='left')
  private static int searchLeft(double[] edges, int from, int to, double p) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - from;
  }

  /**
   * Returns the reliability curve: per non-empty bin, the (weighted) mean probability and
   * fraction of outcome 1, and the unweighted count.
   *
   * @return the curve
   */
  public ReliabilityCurve curve() {
    BinSums s = accumulate(null);
    int nonEmpty = 0;
    for (int b = 0; b < bins; b++) {
      if (s.count[b] > 0 && s.w[b] > 0) {
        nonEmpty++;
      }
    }
    double[] meanPredicted = new double[nonEmpty];
    double[] fraction = new double[nonEmpty];
    long[] counts = new long[nonEmpty];
    int k = 0;
    for (int b = 0; b < bins; b++) {
      if (s.count[b] > 0 && s.w[b] > 0) {
        meanPredicted[k] = s.wp[b] / s.w[b];
        fraction[k] = s.wy[b] / s.w[b];
        counts[k] = s.count[b];
        k++;
      }
    }
    return new ReliabilityCurve(meanPredicted, fraction, counts);
  }

  /** Per bin: the weight, the weighted probabilities, the weighted outcomes and the row count. */
  private record BinSums(double[] w, double[] wp, double[] wy, long[] count) {}

  private BinSums accumulate(int[] multiplicity) {
    BinSums s = new BinSums(new double[bins], new double[bins], new double[bins], new long[bins]);
    for (int i = 0; i < bin.length; i++) {
      int m = multiplicity == null ? 1 : multiplicity[i];
      if (m == 0) {
        continue;
      }
      double weight = (weights == null ? 1 : weights[i]) * m;
      int b = bin[i];
      s.w[b] += weight;
      s.wp[b] += weight * probabilities[i];
      s.wy[b] += weight * outcomes[i];
      s.count[b] += m;
    }
    return s;
  }

  /**
   * Computes the expected or maximum calibration error.
   *
   * @param metric EXPECTED_CALIBRATION_ERROR or MAXIMUM_CALIBRATION_ERROR
   * @param multiplicity per-row bootstrap counts, or null
   * @return the value
   */
  public MetricValue metric(Metric metric, int[] multiplicity) {
    BinSums s = accumulate(multiplicity);
    double total = 0;
    long rows = 0;
    double ece = 0;
    double mce = 0;
    for (int b = 0; b < bins; b++) {
      rows += s.count[b];
      if (s.w[b] > 0) {
        double gap = Math.abs(s.wy[b] / s.w[b] - s.wp[b] / s.w[b]);
        total += s.w[b];
        ece += s.w[b] * gap;
        mce = Math.max(mce, gap);
      }
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(metric.key() + " is undefined: the total weight of the rows is 0");
    }
    double value = metric == Metric.EXPECTED_CALIBRATION_ERROR ? ece / total : mce;
    return MetricValue.of(metric, Math.min(1, value), rows);
  }
}

package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.Objects;

/**
 * Isotonic calibration of a binary classifier's positive-class probability, fitted on reference
 * data with labels: the non-decreasing step function closest in squared error to the labels
 * (pool-adjacent-violators), interpolated linearly between the distinct scores and clipped to the
 * fitted range, as scikit-learn's {@code IsotonicRegression(out_of_bounds='clip', y_min=0,
 * y_max=1)} with {@code CalibratedClassifierCV(method='isotonic')}'s use of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProbabilityCalibration {

  /** Buckets of equal width over the scores' range, each holding the steps that fall in it. */
  private static final int BUCKETS = 1_024;

  private final double[] x;
  private final double[] y;
  private final long fittedOn;
  /** {@code BUCKETS / (x[last] - x[0])}: a score's bucket is {@code (int) ((s - x[0]) * scale)}. */
  private final double scale;
  /**
   * Per bucket {@code b}, the first step whose bucket is at least {@code b} ({@code BUCKETS + 1}
   * entries): a score's search is confined to its bucket's steps. Buckets rise with the score, so
   * the steps before the bucket's first are below the score and those from the next bucket's
   * first above it: the confined search finds the same step as a search of all steps.
   */
  private final int[] first;

  private ProbabilityCalibration(double[] x, double[] y, long fittedOn) {
    this.x = x;
    this.y = y;
    this.fittedOn = fittedOn;
    double span = x[x.length - 1] - x[0];
    this.scale = span > 0 && Double.isFinite(BUCKETS / span) ? BUCKETS / span : 0;
    this.first = new int[BUCKETS + 2];
    int i = 0;
    for (int b = 0; b <= BUCKETS + 1; b++) {
      while (i < x.length && bucket(x[i]) < b) {
        i++;
      }
      first[b] = i;
    }
  }

  /** The bucket of a value within [x[0], x[last]]: in [0, BUCKETS]. */
  private int bucket(double v) {
    return (int) Math.min(BUCKETS, (v - x[0]) * scale);
  }

  /**
   * Fits the calibration.
   *
   * @param scores the model's positive-class probabilities on reference rows (non-finite scores
   *     are skipped)
   * @param labels the true classes, 0 or 1
   * @return the calibration
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, or fewer than 2
   *     finite scores remain
   */
  public static ProbabilityCalibration isotonic(double[] scores, int[] labels) {
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    require(scores.length == labels.length,
        "scores and labels must have the same length: " + scores.length + " vs "
            + labels.length);
    int n = 0;
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < scores.length; i++) {
      require(labels[i] == 0 || labels[i] == 1,
          "label must be 0 or 1: " + labels[i] + " at index " + i);
      if (Double.isFinite(scores[i])) {
        idx[n++] = i;
      }
    }
    require(n >= 2, "finite scores must number at least 2: " + n);
    Integer[] order = Arrays.copyOf(idx, n);
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    // distinct scores with the mean label and the count of each
    double[] ux = new double[n];
    double[] uy = new double[n];
    double[] w = new double[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      double s = scores[order[k]];
      if (m > 0 && ux[m - 1] == s) {
        uy[m - 1] += labels[order[k]];
        w[m - 1] += 1;
      } else {
        ux[m] = s;
        uy[m] = labels[order[k]];
        w[m++] = 1;
      }
    }
    for (int i = 0; i < m; i++) {
      uy[i] /= w[i];
    }
    // pool adjacent violators over blocks [start, end)
    double[] bv = new double[m];
    double[] bw = new double[m];
    int[] bs = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      bv[blocks] = uy[i];
      bw[blocks] = w[i];
      bs[blocks++] = i;
      while (blocks > 1 && bv[blocks - 2] > bv[blocks - 1]) {
        double tw = bw[blocks - 2] + bw[blocks - 1];
        bv[blocks - 2] = (bv[blocks - 2] * bw[blocks - 2] + bv[blocks - 1] * bw[blocks - 1]) / tw;
        bw[blocks - 2] = tw;
        blocks--;
      }
    }
    double[] fy = new double[m];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? bs[b + 1] : m;
      Arrays.fill(fy, bs[b], end, Math.min(1, Math.max(0, bv[b])));
    }
    return new ProbabilityCalibration(Arrays.copyOf(ux, m), fy, n);
  }

  /**
   * The calibrated probability of a score.
   *
   * @param score the model's positive-class probability
   * @return the calibrated probability in [0, 1]; {@code NaN} for a {@code NaN} score
   */
  public double apply(double score) {
    if (Double.isNaN(score)) {
      return Double.NaN;
    }
    if (score <= x[0]) {
      return y[0];
    }
    int last = x.length - 1;
    if (score >= x[last]) {
      return y[last];
    }
    int b = bucket(score);
    int i = Arrays.binarySearch(x, first[b], first[b + 1], score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  /**
   * The number of reference rows the calibration was fitted on.
   *
   * @return rows with a finite score
   */
  public long fittedOn() {
    return fittedOn;
  }

  @Override
  public String toString() {
    return "ProbabilityCalibration[isotonic, " + x.length + " distinct scores, fitted on "
        + fittedOn + " rows]";
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}

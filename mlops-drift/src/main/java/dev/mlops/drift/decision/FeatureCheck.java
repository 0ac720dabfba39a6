package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * How much a calibration learnt on the whole reference misses on parts of the reference chosen by
 * the features alone: for each feature, the rows in each quarter of its values, the inner half and
 * the outer half. On each part the estimate's error {@code e = mean(chance) - mean(correct)} is
 * measured; its sampling variance {@code v = sum c (1 - c) / n^2} is subtracted, and the allowance
 * is {@code sqrt(max(0, max over parts of e^2 - v))}. Parts are also cut by the rows' distance from
 * the reference's centre over all features (its inner tenth and quarter). A score that carries all the features say
 * about correctness (a well-specified model) leaves only noise, an allowance near 0; a score that
 * does not (a forest's or boosted trees' coarse probabilities) shows how far its calibration moves
 * when the feature mix moves, which is what covariate shift does. Stateless.
 */
final class FeatureCheck {

  /** Parts with fewer rows are not measured (their error is mostly noise). */
  static final int MIN_ROWS = 50;

  private FeatureCheck() {}

  /**
   * The allowance and the number of parts measured.
   *
   * @param features reference rows' features, {@code features[row][feature]} (non-finite values
   *     leave the row out of that feature's parts)
   * @param chance each row's calibrated chance of being right ({@code NaN}: row left out)
   * @param correct each row's correctness, 0 or 1
   * @return {@code {allowance, parts}}
   */
  static double[] allowance(double[][] features, double[] chance, int[] correct) {
    return allowance(features, chance, correct, false);
  }

  /**
   * The same, with the outer radial parts too when {@code outer} (the rows farthest from the
   * centre: where a correction learnt from neighbours is biased towards the inside).
   */
  static double[] allowance(double[][] features, double[] chance, int[] correct, boolean outer) {
    int n = chance.length;
    int width = n == 0 ? 0 : features[0].length;
    double worst = 0;
    int parts = 0;
    double[] column = new double[n];
    for (int j = 0; j < width; j++) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        double v = features[i][j];
        if (Double.isFinite(v) && !Double.isNaN(chance[i])) {
          column[m++] = v;
        }
      }
      if (m < 4 * MIN_ROWS) {
        continue;
      }
      double[] sorted = Arrays.copyOf(column, m);
      Arrays.sort(sorted);
      double q1 = sorted[m / 4];
      double q2 = sorted[m / 2];
      double q3 = sorted[3 * m / 4];
      // sums per quarter: count, chance, correct, variance
      double[][] s = new double[4][4];
      for (int i = 0; i < n; i++) {
        double v = features[i][j];
        if (!Double.isFinite(v) || Double.isNaN(chance[i])) {
          continue;
        }
        int b = v < q1 ? 0 : v < q2 ? 1 : v < q3 ? 2 : 3;
        double c = chance[i];
        s[b][0]++;
        s[b][1] += c;
        s[b][2] += correct[i];
        s[b][3] += c * (1 - c);
      }
      int[][] groups = {{0}, {1}, {2}, {3}, {1, 2}, {0, 3}};
      for (int[] g : groups) {
        double[] sum = new double[4];
        for (int b : g) {
          for (int k = 0; k < 4; k++) {
            sum[k] += s[b][k];
          }
        }
        double excess = excess(sum);
        if (!Double.isNaN(excess)) {
          worst = Math.max(worst, excess);
          parts++;
        }
      }
    }
    double[] radial = radial(features, chance, correct, width, outer);
    return new double[] {Math.sqrt(Math.max(worst, radial[0])), parts + radial[1]};
  }

  /**
   * Each feature's mean and sample standard deviation (0 with fewer than 2 values) over its
   * finite values in the rows whose chance is not {@code NaN}.
   *
   * @return {@code {mean, sd}}
   */
  static double[][] standardisation(double[][] features, double[] chance, int width) {
    double[] mean = new double[width];
    double[] sd = new double[width];
    for (int j = 0; j < width; j++) {
      double m = 0;
      double m2 = 0;
      int k = 0;
      for (int i = 0; i < chance.length; i++) {
        double v = features[i][j];
        if (Double.isFinite(v) && !Double.isNaN(chance[i])) {
          k++;
          double d = v - m;
          m += d / k;
          m2 += d * (v - m);
        }
      }
      mean[j] = m;
      sd[j] = k > 1 ? Math.sqrt(m2 / (k - 1)) : 0;
    }
    return new double[][] {mean, sd};
  }

  /**
   * A part's squared error beyond its sampling variance, from its sums {count, chance, correct,
   * variance}; {@code NaN} for a part of fewer than {@value #MIN_ROWS} rows.
   */
  private static double excess(double[] sum) {
    double rows = sum[0];
    if (rows < MIN_ROWS) {
      return Double.NaN;
    }
    double e = (sum[1] - sum[2]) / rows;
    return e * e - sum[3] / (rows * rows);
  }

  /**
   * The same on parts cut by all features at once: the rows nearest the reference's centre (the
   * root mean square of their standardised finite values), its inner tenth and quarter. A shift
   * that moves every feature towards the centre (rows crowding a decision boundary) is then
   * measured on the reference's own rows most like it, which one feature's quarters do not
   * isolate. Outward shifts are left to each feature's outer half and to the extrapolation
   * widening: outer radial parts (measured on one seed of the estimate grid) covered no window
   * more and only widened the 3-class forest's intervals further.
   *
   * @return {@code {largest excess (0 if none), parts measured}}
   */
  private static double[] radial(double[][] features, double[] chance, int[] correct, int width,
      boolean outer) {
    int n = chance.length;
    double[][] ms = standardisation(features, chance, width);
    double[] mean = ms[0];
    double[] sd = ms[1];
    double[] radius = new double[n];
    int[] rows = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(chance[i])) {
        continue;
      }
      double ss = 0;
      int k = 0;
      for (int j = 0; j < width; j++) {
        double v = features[i][j];
        if (Double.isFinite(v) && sd[j] > 0) {
          double z = (v - mean[j]) / sd[j];
          ss += z * z;
          k++;
        }
      }
      if (k > 0) {
        radius[m] = Math.sqrt(ss / k);
        rows[m++] = i;
      }
    }
    if (m < 4 * MIN_ROWS) {
      return new double[] {0, 0};
    }
    double[] sorted = Arrays.copyOf(radius, m);
    Arrays.sort(sorted);
    double[] cuts = outer
        ? new double[] {sorted[m / 10], sorted[m / 4], -sorted[m - 1 - m / 4],
            -sorted[m - 1 - m / 10]}
        : new double[] {sorted[m / 10], sorted[m / 4]};
    double worst = 0;
    int parts = 0;
    for (double cut : cuts) {
      double[] sum = new double[4];
      for (int t = 0; t < m; t++) {
        // a negative cut -r: the rows beyond r
        if (cut >= 0 ? radius[t] < cut : radius[t] > -cut) {
          int i = rows[t];
          sum[0]++;
          sum[1] += chance[i];
          sum[2] += correct[i];
          sum[3] += chance[i] * (1 - chance[i]);
        }
      }
      double excess = excess(sum);
      if (!Double.isNaN(excess)) {
        worst = Math.max(worst, excess);
        parts++;
      }
    }
    return new double[] {worst, parts};
  }
}

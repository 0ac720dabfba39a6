package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * How much a calibration learnt on the whole reference misses on parts of the reference chosen by
 * the features alone: for each feature, the rows in each quarter of its values, the inner half and
 * the outer half. On each part the estimate's error {@code e = mean(chance) - mean(correct)} is
 * measured; its sampling variance {@code v = sum c (1 - c) / n^2} is subtracted, and the allowance
 * is {@code sqrt(max(0, max over parts of e^2 - v))}. A score that carries all the features say
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
        double rows = 0;
        double sc = 0;
        double sy = 0;
        double sv = 0;
        for (int b : g) {
          rows += s[b][0];
          sc += s[b][1];
          sy += s[b][2];
          sv += s[b][3];
        }
        if (rows < MIN_ROWS) {
          continue;
        }
        double e = (sc - sy) / rows;
        worst = Math.max(worst, e * e - sv / (rows * rows));
        parts++;
      }
    }
    return new double[] {Math.sqrt(worst), parts};
  }
}

package dev.mlops.metrics.internal;

import java.util.Arrays;

/**
 * DeLong's structural components of ROC AUC (DeLong, DeLong and Clarke-Pearson, 1988):
 * {@code V10[i]} = fraction of negatives scored below positive i (ties count one half) and
 * {@code V01[j]} = fraction of positives scored above negative j. AUC = mean(V10) = mean(V01);
 * var(AUC) = S10 / m + S01 / n with S the sample variances (denominator m - 1, n - 1). Each
 * component costs one binary search in the other class's sorted scores. Not API. Stateless,
 * thread-safe.
 */
public final class DeLong {

  private DeLong() {}

  /**
   * AUC, its DeLong variance and the components (positives and negatives in row order).
   *
   * @param auc the AUC
   * @param variance its variance
   * @param v10 one component per positive, in row order
   * @param v01 one component per negative, in row order
   */
  public record Components(double auc, double variance, double[] v10, double[] v01) {}

  /**
   * Computes the components (inputs already validated).
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @return the components
   * @throws IllegalArgumentException with fewer than 2 positives or 2 negatives
   */
  public static Components components(int[] labels, double[] scores) {
    ClassScores byClass = ClassScores.of(labels, scores);
    double[] pos = byClass.positives();
    double[] neg = byClass.negatives();
    int m = pos.length;
    int n = neg.length;
    if (m < 2 || n < 2) {
      throw new IllegalArgumentException(
          "DeLong's variance needs at least 2 positives and 2 negatives: positives " + m + ", negatives " + n);
    }
    double[] sortedPos = pos.clone();
    double[] sortedNeg = neg.clone();
    Arrays.sort(sortedPos);
    Arrays.sort(sortedNeg);
    double[] v10 = new double[m];
    double[] v01 = new double[n];
    for (int i = 0; i < m; i++) {
      int below = lowerBound(sortedNeg, pos[i]);
      int atOrBelow = upperBound(sortedNeg, pos[i]);
      v10[i] = (below + 0.5 * (atOrBelow - below)) / n;
    }
    for (int j = 0; j < n; j++) {
      int atOrBelow = upperBound(sortedPos, neg[j]);
      int below = lowerBound(sortedPos, neg[j]);
      int above = m - atOrBelow;
      v01[j] = (above + 0.5 * (atOrBelow - below)) / m;
    }
    double auc = mean(v10);
    double variance = variance(v10) / m + variance(v01) / n;
    return new Components(auc, variance, v10, v01);
  }

  /**
   * Sample covariance (denominator length - 1).
   *
   * @param a first sample
   * @param b second sample, same length
   * @return the covariance
   */
  public static double covariance(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - ma) * (b[i] - mb);
    }
    return sum / (a.length - 1);
  }

  private static double variance(double[] a) {
    return covariance(a, a);
  }

  private static double mean(double[] a) {
    double sum = 0;
    for (double v : a) {
      sum += v;
    }
    return sum / a.length;
  }

  // number of values < key
  private static int lowerBound(double[] sorted, double key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // number of values <= key
  private static int upperBound(double[] sorted, double key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

package dev.mlops.drift.monitor;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.special.Beta;

/**
 * Data-quality checks for broken pipelines that leave every value valid and in range: a feature
 * constant in a window where the reference varied (so much that a constant window of that size
 * has a probability below 0.001 under it), a distinct count collapsed far below what a
 * window of that size drawn from the reference would hold, and the share of the window's most
 * frequent value jumping above its share in the reference (an imputed default). Numeric columns
 * are judged on the window's reservoir sample (the whole window up to the reservoir size),
 * categorical ones on their counts. The probabilities assume independent rows; when the
 * reference (profiled in time order) itself held the window's most frequent value for at least as
 * many consecutive rows as the window holds it, neither the constant nor the share is a finding:
 * consecutive rows repeat (a month without a public holiday is constant, and so was a stretch of
 * the reference). Besides the single longest run, the reference's chunks tell, per value, the
 * longest stretch of consecutive chunks that held only that value ({@link ConstantStretches}): a
 * window of 200 hours constant at the first season is no finding when the reference held that
 * season for more than 200 consecutive rows.
 *
 * <p>The share jump must also be significant for the window's size: a window of {@code n} rows of
 * a column whose reference (in time order) held one value for at most {@code L} consecutive rows
 * holds at least {@code n / L} runs, so it is judged as {@code n / L} independent draws from the
 * reference ({@code L = 1} for a profile without order): the finding needs {@code P(X >= share x
 * n / L) < 0.001} for {@code X ~ Binomial(n / L, reference share)} besides the increase above the
 * threshold. A short window of autocorrelated data (94 hours of bike sharing, where the weather
 * holds for up to 139 hours) is thus not a finding, while an imputed default over half a month
 * still is. Stateless.
 */
final class CollapseCheck {

  /** A window with at most this share of the expected distinct values has collapsed. */
  static final double COLLAPSE_RATIO = 0.1;
  /** Expected distinct values below this are too few to call a collapse. */
  static final double MIN_EXPECTED_DISTINCT = 5;

  private CollapseCheck() {}

  /**
   * The summary of one column in one window; {@code referenceHeldTop}: the reference itself held
   * the window's most frequent value for at least as many consecutive rows as the window holds it
   * (then neither a constant window nor a jump of that value's share tells of a broken pipeline:
   * a month without a public holiday).
   */
  record Summary(long n, int distinct, double expectedDistinct, String topValue, double topShare,
      double referenceShareOfTop, int referenceDistinct, double constantProbability,
      boolean referenceHeldTop, double independentRows) {

    static final Summary EMPTY =
        new Summary(0, 0, Double.NaN, "", Double.NaN, Double.NaN, 0, Double.NaN, false, 0);

    Summary(long n, int distinct, double expectedDistinct, String topValue, double topShare,
        double referenceShareOfTop, int referenceDistinct, double constantProbability) {
      this(n, distinct, expectedDistinct, topValue, topShare, referenceShareOfTop,
          referenceDistinct, constantProbability, false, n);
    }

    /**
     * This summary knowing the reference's longest run (length, value key), the window's rows and
     * how many of them hold its most frequent value (whose key is {@code topKey}).
     */
    Summary withReferenceRun(long run, String runValue, String topKey, long heldRows,
        long windowRows, ConstantStretches stretches) {
      boolean held = run > 0 && runValue != null && runValue.equals(topKey) && run >= heldRows
          || stretches.rows(topKey) >= heldRows;
      return new Summary(n, distinct, expectedDistinct, topValue, topShare, referenceShareOfTop,
          referenceDistinct, constantProbability, held, (double) windowRows / Math.max(1, run));
    }

    /**
     * The probability that {@link #independentRows} draws from the reference give the window's
     * most frequent value at least the share it has: {@code P(X >= k)} for {@code X ~
     * Binomial(m, p)} is the regularized incomplete beta {@code I_p(k, m - k + 1)}, continuous in
     * the (fractional) {@code m} and {@code k}; 0 for a value the reference never held.
     */
    double topShareProbability() {
      double m = independentRows;
      double k = topShare * m;
      if (!(k > 0) || !(m > 0)) {
        return 1;
      }
      if (!(referenceShareOfTop > 0)) {
        return 0;
      }
      if (referenceShareOfTop >= 1) {
        return 1;
      }
      return Beta.regularizedBeta(referenceShareOfTop, k, m - k + 1);
    }
  }

  /** A constant window is a finding when the reference makes one this unlikely. */
  static final double MAX_CONSTANT_PROBABILITY = 1e-3;
  /** A top-share jump is a finding when the reference makes one this unlikely (see the class). */
  static final double MAX_TOP_SHARE_PROBABILITY = 1e-3;

  /**
   * As {@link #numeric(double[], double[])}, knowing the reference's longest constant run and the
   * window's rows (the sample may hold fewer).
   */
  static Summary numeric(double[] referenceSorted, double[] currentSorted, long run,
      String runValue, ConstantStretches stretches, long windowRows) {
    Summary s = numeric(referenceSorted, currentSorted);
    long rows = Math.max(windowRows, s.n());
    return s.n() == 0 || run == 0 && stretches == ConstantStretches.NONE ? s
        : s.withReferenceRun(run, runValue, dev.mlops.drift.profile.CategoricalProfile.key(
            topOf(currentSorted)), Math.round(s.topShare() * rows), rows, stretches);
  }

  /** As {@link #categorical(String[], long[], long[])}, knowing the reference's longest run. */
  static Summary categorical(String[] categories, long[] referenceCounts, long[] currentCounts,
      long run, String runValue, ConstantStretches stretches) {
    Summary s = categorical(categories, referenceCounts, currentCounts);
    return s.n() == 0 || run == 0 && stretches == ConstantStretches.NONE ? s
        : s.withReferenceRun(run, runValue, s.topValue(), Math.round(s.topShare() * s.n()), s.n(),
            stretches);
  }

  /** The most frequent value of a sorted sample (the first on ties), as {@link #numeric} finds it. */
  private static double topOf(double[] sorted) {
    int best = 0;
    double top = sorted[0];
    for (int i = 0; i < sorted.length; ) {
      int j = i + 1;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      if (j - i > best) {
        best = j - i;
        top = sorted[i];
      }
      i = j;
    }
    return top;
  }

  static Summary numeric(double[] referenceSorted, double[] currentSorted) {
    int n = currentSorted.length;
    if (n == 0 || referenceSorted.length == 0) {
      return new Summary(n, distinct(currentSorted), Double.NaN, "", Double.NaN, Double.NaN,
          distinct(referenceSorted), Double.NaN);
    }
    int distinct = 0;
    int best = 0;
    double top = currentSorted[0];
    for (int i = 0; i < n; ) {
      int j = i + 1;  // at least one step: NaN (from a forged state) equals nothing
      while (j < n && currentSorted[j] == currentSorted[i]) {
        j++;
      }
      distinct++;
      if (j - i > best) {
        best = j - i;
        top = currentSorted[i];
      }
      i = j;
    }
    double refN = referenceSorted.length;
    int lo = lowerBound(referenceSorted, top);
    int hi = lowerBound(referenceSorted, Math.nextUp(top));
    double expected = 0;
    double constant = 0;
    int refDistinct = 0;
    for (int i = 0; i < referenceSorted.length; ) {
      int j = i + 1;
      while (j < referenceSorted.length && referenceSorted[j] == referenceSorted[i]) {
        j++;
      }
      refDistinct++;
      expected += 1 - Math.pow(1 - (j - i) / refN, n);
      constant += Math.pow((j - i) / refN, n);
      i = j;
    }
    return new Summary(n, distinct, expected, DriftReport.fmt(top), (double) best / n,
        (hi - lo) / refN, refDistinct, constant);
  }

  static Summary categorical(String[] categories, long[] referenceCounts, long[] currentCounts) {
    long n = Arrays.stream(currentCounts).sum();
    long refN = Arrays.stream(referenceCounts).sum();
    if (n == 0 || refN == 0) {
      return Summary.EMPTY;
    }
    int distinct = 0;
    int topIndex = 0;
    for (int i = 0; i < currentCounts.length; i++) {
      if (currentCounts[i] > 0) {
        distinct++;
      }
      if (currentCounts[i] > currentCounts[topIndex]) {
        topIndex = i;
      }
    }
    double expected = 0;
    double constant = 0;
    int refDistinct = 0;
    for (long c : referenceCounts) {
      if (c > 0) {
        refDistinct++;
        expected += 1 - Math.pow(1 - (double) c / refN, n);
        constant += Math.pow((double) c / refN, n);
      }
    }
    String top = topIndex < categories.length ? categories[topIndex] : "(other or unseen)";
    long refTop = topIndex < referenceCounts.length ? referenceCounts[topIndex] : 0;
    return new Summary(n, distinct, expected, top, (double) currentCounts[topIndex] / n,
        (double) refTop / refN, refDistinct, constant);
  }

  /** The finding of one column, or null. */
  static String finding(String feature, Summary s, int minSampleSize, double maxTopShareIncrease) {
    String collapse = collapseFinding(feature, s, minSampleSize);
    return collapse != null ? collapse
        : topShareFinding(feature, s, minSampleSize, maxTopShareIncrease);
  }

  /** A constant window or a collapsed distinct count, or null. */
  static String collapseFinding(String feature, Summary s, int minSampleSize) {
    if (s.n() < minSampleSize || s.n() == 0 || s.referenceHeldTop()) {
      return null;
    }
    if (s.distinct() == 1 && s.referenceDistinct() >= 2
        && s.constantProbability() < MAX_CONSTANT_PROBABILITY) {
      return String.format(Locale.ROOT,
          "%s: constant %s in the window (%d values) where the reference varied (%d distinct"
              + " values; a window of this size would hold about %.1f)", feature, s.topValue(),
          s.n(), s.referenceDistinct(), s.expectedDistinct());
    }
    if (s.expectedDistinct() >= MIN_EXPECTED_DISTINCT
        && s.distinct() <= COLLAPSE_RATIO * s.expectedDistinct()) {
      return String.format(Locale.ROOT,
          "%s: distinct values collapsed to %d in %d values (a window of this size drawn from the"
              + " reference would hold about %.1f)", feature, s.distinct(), s.n(),
          s.expectedDistinct());
    }
    return null;
  }

  /** A jump of the most frequent value's share, or null. */
  static String topShareFinding(String feature, Summary s, int minSampleSize,
      double maxTopShareIncrease) {
    if (s.n() < minSampleSize || s.n() == 0 || s.referenceHeldTop()) {
      return null;
    }
    if (s.topShare() - s.referenceShareOfTop() > maxTopShareIncrease) {
      double p = s.topShareProbability();
      if (p < MAX_TOP_SHARE_PROBABILITY) {
        return String.format(Locale.ROOT,
            "%s: most frequent value %s takes %.4f of the window vs %.4f of the reference"
                + " (increase > %.4f; probability %.2g as %.1f independent draws)", feature,
            s.topValue(), s.topShare(), s.referenceShareOfTop(), maxTopShareIncrease, p,
            s.independentRows());
      }
    }
    return null;
  }

  /** Number of distinct values of a sorted array. */
  static int distinct(double[] sorted) {
    int d = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        d++;
      }
    }
    return d;
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

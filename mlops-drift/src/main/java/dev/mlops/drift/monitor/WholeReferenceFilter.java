package dev.mlops.drift.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SwapCheck}'s cheap first filter of a numeric pair: each window must lie within the other
 * field's whole-reference drift threshold (a swapped window does). A window's distance to a whole
 * reference of 10,000 values is settled through a {@link Summary} of that reference where the
 * triangle inequality allows, else walked (stopped once past the bar): the same verdicts as the
 * walk. Thread-safe: the whole references' points and summaries are cached per column.
 */
final class WholeReferenceFilter {

  /** Points of a whole reference's {@link Summary}. */
  static final int SUMMARY = 1_000;

  private static final Summary NO_SUMMARY = new Summary(null, Double.NaN);

  private final Map<String, NearestWindows.Points> wholes = new ConcurrentHashMap<>();
  private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

  /**
   * Computes ahead a numeric column's whole-reference summary, which the filter of every pair that
   * reaches it uses (thread-safe, in parallel for different columns). Never throws.
   */
  void prepare(FeatureSpec f) {
    if (!f.hasReference || !f.numeric || !(f.referenceStd > 0) || f.referenceSorted.length == 0) {
      return;
    }
    try {
      NearestWindows.Points ref = whole(f);
      if (ref.regular()) {
        summary(f.name, ref);
      }
    } catch (RuntimeException e) {
      // computed (or failing) when a pair needs it
    }
  }

  /**
   * Whether window {@code p} lies within the whole-reference drift threshold of {@code other}
   * (true when {@code verdict} has none): its normed distance to {@code other}'s reference under
   * the threshold. The walk stops once the distance is certainly above it.
   */
  boolean within(NearestWindows.Points p, FeatureSpec other, FeatureDrift verdict) {
    if (verdict == null || !Double.isFinite(verdict.threshold())
        || !"normed_wasserstein".equals(verdict.test())) {
      return true;
    }
    double threshold = verdict.threshold();
    NearestWindows.Points ref = whole(other);
    if (!ref.regular()) {
      return within(SwapWindows.w1(p.values(), ref.values(), null) / other.referenceStd,
          verdict);
    }
    double stop = threshold * other.referenceStd * (1 + NearestWindows.SLACK);
    if (NearestWindows.lowerBound(p, ref) > stop) {
      return false;
    }
    // settled through the reference's summary when the triangle inequality puts the distance
    // beyond the slack of either bar (the second with a margin far above the division's
    // rounding), else walked
    Summary sum = summary(other.name, ref);
    if (sum != null && NearestWindows.pairable(p, sum.points())) {
      double d = NearestWindows.paired(p, sum.points());
      double slack = 2 * NearestWindows.SLACK * (p.magnitude() + ref.magnitude());
      if (d - sum.distance() - slack > stop) {
        return false;
      }
      if (d + sum.distance() + slack <= threshold * other.referenceStd * (1 - 1e-12)) {
        return true;
      }
    }
    double d = NearestWindows.walk(p, ref, stop);
    return d <= stop && d / other.referenceStd < threshold;
  }

  /**
   * A whole reference's summary: {@value #SUMMARY} of its order statistics, at the middle of
   * equal shares, of equal weight, and their exact (walked) distance to the reference, {@code e}.
   * A window's distance {@code D} to the reference then lies within {@code e} of its {@linkplain
   * NearestWindows#paired paired} distance {@code d} to the summary (the triangle inequality), a
   * loop over the window and the summary instead of a walk over the whole reference: the filter
   * walks only when {@code d +- e} straddles its bar. On 500 fields of one law every pair passes
   * the filter in the first window, each window against the other's 10,000 reference values; e
   * is then some 1% of the bar.
   */
  private record Summary(NearestWindows.Points points, double distance) {}

  private Summary summary(String column, NearestWindows.Points ref) {
    Summary s = summaries.computeIfAbsent(column, k -> {
      double[] v = ref.values();
      long n = v.length;
      if (n < 2L * SUMMARY) {
        return NO_SUMMARY; // the walk is short anyway
      }
      double[] q = new double[SUMMARY];
      for (int i = 0; i < SUMMARY; i++) {
        q[i] = v[(int) ((2L * i + 1) * n / (2L * SUMMARY))];
      }
      NearestWindows.Points p = NearestWindows.Points.of(q, null);
      double e = NearestWindows.walk(p, ref, Double.POSITIVE_INFINITY);
      return p.regular() && Double.isFinite(e) ? new Summary(p, e) : NO_SUMMARY;
    });
    return s == NO_SUMMARY ? null : s;
  }

  private NearestWindows.Points whole(FeatureSpec f) {
    return wholes.computeIfAbsent(f.name,
        k -> NearestWindows.Points.of(f.referenceSorted, null));
  }

  private static boolean within(double distance, FeatureDrift other) {
    return other == null || !Double.isFinite(other.threshold())
        || !"normed_wasserstein".equals(other.test()) || distance < other.threshold();
  }
}

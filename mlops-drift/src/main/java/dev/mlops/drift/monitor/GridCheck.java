package dev.mlops.drift.monitor;

import java.util.Locale;

/**
 * A numeric feature rounded to few values (a fraction cast to an integer, a decimal column
 * declared with one digit): every value of the window lies on multiples of a power of ten on
 * which the reference's values mostly do not lie, and the window holds under half the distinct
 * values a window of its size drawn from the reference would hold. The finding needs the
 * reference to make such a window unlikely: {@code p^m < 0.001} for {@code p} the reference's
 * share on that grid and {@code m} the window's independent draws (its rows over the reference's
 * longest constant run, as the top-share rule of {@link CollapseCheck}). Stateless.
 */
final class GridCheck {

  /** Coarsest and finest grids tried: 10^6 .. 10^-6. */
  private static final int COARSEST = 6;
  private static final int FINEST = -6;
  /** A grid is the reference's own when at least this share of its values lie on it. */
  static final double MAX_REFERENCE_SHARE = 0.5;
  /** The window must hold fewer than this share of the distinct values expected. */
  static final double MAX_DISTINCT_RATIO = 0.5;

  private GridCheck() {}

  /**
   * The finding of one numeric column, or null.
   *
   * @param feature the feature name
   * @param reference the reference's values (or its sample), any order
   * @param window the window's values (or its sample)
   * @param s the column's {@link CollapseCheck.Summary} in the window
   * @param minSampleSize the monitor's minimum sample size
   * @return the finding, or null
   */
  static String finding(String feature, double[] reference, double[] window,
      CollapseCheck.Summary s, int minSampleSize) {
    if (window.length < minSampleSize || window.length == 0 || reference.length == 0
        || !(s.expectedDistinct() >= CollapseCheck.MIN_EXPECTED_DISTINCT)
        || !(s.distinct() < MAX_DISTINCT_RATIO * s.expectedDistinct())) {
      return null;
    }
    for (int k = COARSEST; k >= FINEST; k--) {
      double grid = Math.pow(10, k);
      if (share(window, grid) < 1) {
        continue;
      }
      double p = share(reference, grid);
      if (p > MAX_REFERENCE_SHARE) {
        return null;  // the reference's own grid: finer ones hold it too
      }
      double probability = Math.pow(p, s.independentRows());
      if (!(probability < CollapseCheck.MAX_TOP_SHARE_PROBABILITY)) {
        return null;
      }
      return String.format(Locale.ROOT,
          "%s: rounded, every value of the window (%d values, %d distinct) is a multiple of %s,"
              + " against %.4f of the reference's values (a window of this size would hold about"
              + " %.1f distinct values; probability %.2g as %.1f independent draws)", feature,
          window.length, s.distinct(), DriftReport.fmt(grid), p, s.expectedDistinct(),
          probability, s.independentRows());
    }
    return null;
  }

  /** The share of finite values on multiples of {@code grid} (non-finite values are not). */
  static double share(double[] values, double grid) {
    long on = 0;
    for (double v : values) {
      double q = v / grid;
      if (Double.isFinite(q) && Math.abs(q - Math.rint(q)) <= 1e-9 * Math.max(1, Math.abs(q))) {
        on++;
      }
    }
    return (double) on / values.length;
  }
}

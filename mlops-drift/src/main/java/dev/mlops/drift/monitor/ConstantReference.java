package dev.mlops.drift.monitor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A numeric feature that held one value on every reference row (an imputed column, such as Elec2's
 * {@code vicprice} before its market opened) and varies in the window. Every row that differs is
 * beyond the reference's range {@code [v, v]} and is counted there; the finding says what that
 * means in the domain's words, with the value, the share of rows that differ and the window's
 * range, instead of a generic out-of-range rate. Stateless and thread-safe.
 */
final class ConstantReference {

  private ConstantReference() {}

  /** Whether the feature's reference held one finite value only. */
  static boolean applies(FeatureSpec f) {
    return f.numeric && f.hasReference && f.referenceCount > 0
        && Double.isFinite(f.referenceMin) && f.referenceMin == f.referenceMax;
  }

  /**
   * The finding of a window whose share of rows different from the reference's one value exceeds
   * {@code maxRate}, or null.
   *
   * @param f the feature ({@link #applies} holds)
   * @param q the window's quality counts (out of range = different from the value)
   * @param sorted the window's numeric sample, ascending
   * @param seen the values the sample stands for
   * @param maxRate the largest share of rows beyond the reference's range that is no finding
   * @return the finding, or null
   */
  static String finding(FeatureSpec f, FeatureQuality q, double[] sorted, long seen,
      double maxRate) {
    if (!(q.outOfRangeRate() > maxRate)) {
      return null;
    }
    String range = sorted.length == 0 ? ""
        : String.format(Locale.ROOT, ", window range [%s, %s]%s", DriftReport.fmt(sorted[0]),
            DriftReport.fmt(sorted[sorted.length - 1]),
            seen > sorted.length ? " in a sample of " + sorted.length + " values" : "");
    return String.format(Locale.ROOT,
        "%s: constant %s in the reference (%d rows), now varying: %d of %d rows differ "
            + "(%.4f > %.4f)%s, %d distinct values", f.name, exact(f.referenceMin),
        f.referenceCount, q.outOfRange(), q.rows(), q.outOfRangeRate(), maxRate, range,
        q.distinct());
  }

  /** The value with up to 7 significant digits, no trailing zeros (0.003467, 12, 1.5e-09). */
  static String exact(double v) {
    BigDecimal b = new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros();
    return Math.abs(b.scale()) > 12 ? b.toString() : b.toPlainString();
  }
}

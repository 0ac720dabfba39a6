package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.Checks;
import java.util.Locale;

/**
 * The scale check of a numeric feature in one window: the log of the ratio of the window's
 * standard deviation to the reference's, against a two-sided band calibrated like the drift
 * thresholds (a Student-t prediction interval fitted to the same statistic on reference windows
 * of the window's size). It runs beside the feature's distribution test whenever the feature's
 * threshold is calibrated, and catches a change of spread that the distance misses (a doubled
 * variance moves the normed Wasserstein distance by about 0.33, within its own spread on
 * autocorrelated data, but the log ratio by 0.35 against a spread of a few hundredths).
 *
 * <p>The check {@linkplain #drifted() fires} when the log ratio lies outside {@code [lower,
 * upper]}, equivalently when {@link #pValue()} is below {@link #alpha()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param logSdRatio {@code ln(sd(window) / sd(reference))}, sample standard deviations (ddof 1
 *     for the window); {@code -Infinity} for a constant window
 * @param lower the band's lower bound
 * @param upper the band's upper bound
 * @param pValue the two-sided p-value of the log ratio under the fitted Student-t prediction
 *     distribution, {@code 2 (1 - T(|logSdRatio - centre| / spread; df))}
 * @param alpha the check's false-alarm rate per window (both sides together): its share of the
 *     feature's rate
 * @param status {@link DriftStatus#DRIFT} when the log ratio is outside the band, else {@link
 *     DriftStatus#OK}
 * @param origin how the band was calibrated, in words
 */
public record ScaleDrift(
    double logSdRatio,
    double lower,
    double upper,
    double pValue,
    double alpha,
    DriftStatus status,
    String origin) {

  /** The check's key in {@link FeatureDrift#firedChecks()}. */
  public static final String KEY = "scale";

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code status} or {@code origin} is null
   * @throws IllegalArgumentException if the band is not ordered, the p-value is outside [0, 1] or
   *     alpha outside (0, 1), the log ratio is NaN, or the status is not DRIFT exactly when the
   *     log ratio is outside the band
   */
  public ScaleDrift {
    Checks.nonNull("status", status, "origin", origin);
    if (!(lower <= upper)) {
      throw new IllegalArgumentException(
          "scale band must have lower <= upper: [" + lower + ", " + upper + "]");
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("scale p-value must be in [0, 1]: " + pValue);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("scale alpha must be in (0, 1): " + alpha);
    }
    if (status != DriftStatus.OK && status != DriftStatus.DRIFT) {
      throw new IllegalArgumentException("scale status must be OK or DRIFT: " + status);
    }
    if (Double.isNaN(logSdRatio)
        || (logSdRatio < lower || logSdRatio > upper) != (status == DriftStatus.DRIFT)) {
      throw new IllegalArgumentException("scale status must be DRIFT exactly when the log sd ratio"
          + " is outside the band: " + logSdRatio + " and [" + lower + ", " + upper + "], status "
          + status);
    }
  }

  /**
   * Whether the scale check fired.
   *
   * @return {@code true} when {@link #status()} is {@link DriftStatus#DRIFT}
   */
  public boolean drifted() {
    return status == DriftStatus.DRIFT;
  }

  /**
   * The ratio of the standard deviations itself.
   *
   * @return {@code exp(logSdRatio)}
   */
  public double sdRatio() {
    return Math.exp(logSdRatio);
  }

  /**
   * The check in words, e.g. {@code "scale check: log sd ratio 0.3466 outside [-0.1100, 0.0950],
   * p-value 1.2e-05 < 0.0050 (scale band calibrated on ...)"}.
   *
   * @return one line with the numbers
   */
  public String describe() {
    return String.format(Locale.ROOT, "scale check: log sd ratio %s %s [%s, %s], p-value %s %s %s"
            + " (scale band %s)", DriftReport.fmt(logSdRatio), drifted() ? "outside" : "inside",
        DriftReport.fmt(lower), DriftReport.fmt(upper), DriftReport.fmt(pValue),
        drifted() ? "<" : ">=", DriftReport.fmt(alpha), origin);
  }
}

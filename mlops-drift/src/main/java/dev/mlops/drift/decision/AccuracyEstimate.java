package dev.mlops.drift.decision;

import java.util.Locale;

/**
 * A window's label-free accuracy estimate with its interval and, once the labels arrived, the
 * realised accuracy and the estimate's error.
 *
 * <p>Rows beyond the reference's range (a numeric feature outside the reference's [min, max], or a
 * category the reference never had) are where no calibration learnt on the reference applies: their
 * chance of being right may be anything in [0, 1], so the interval is widened by their share on
 * each side (it then still holds whatever those rows do), and the estimate is flagged as
 * {@linkplain #extrapolating() extrapolating} when that share reaches {@value
 * #EXTRAPOLATING_SHARE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows predictions in the window with a finite score
 * @param estimate the expected accuracy under the calibrated probabilities
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param confidence the interval's nominal coverage, e.g. 0.95
 * @param realised the realised accuracy, {@code NaN} until the labels are known
 * @param extrapolated the share of the window's rows beyond the reference's range, in [0, 1]
 *     (the interval already includes its widening); 0 when not known
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"error", "covers",
    "extrapolating"}, allowGetters = true)
public record AccuracyEstimate(
    long rows, double estimate, double lower, double upper, double confidence,
    double realised, double extrapolated) {

  /**
   * The share of rows beyond the reference's range from which an estimate is extrapolating. A
   * window like the reference already has some: about {@code 2 / (N + 1)} per numeric feature for a
   * reference of {@code N} rows (0.4% per feature for 500 rows), which widens the interval a little
   * but is not extrapolation.
   */
  public static final double EXTRAPOLATING_SHARE = 0.05;

  /**
   * An estimate with no rows known to lie beyond the reference's range.
   *
   * @param rows predictions in the window with a finite score
   * @param estimate the expected accuracy under the calibrated probabilities
   * @param lower lower end of the interval
   * @param upper upper end of the interval
   * @param confidence the interval's nominal coverage, e.g. 0.95
   * @param realised the realised accuracy, {@code NaN} until the labels are known
   * @throws IllegalArgumentException as the canonical constructor
   */
  public AccuracyEstimate(long rows, double estimate, double lower, double upper,
      double confidence, double realised) {
    this(rows, estimate, lower, upper, confidence, realised, 0);
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code rows} is negative, the interval does not contain
   *     the estimate or {@code extrapolated} is not in [0, 1]
   */
  public AccuracyEstimate {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative: " + rows);
    }
    if (!(extrapolated >= 0 && extrapolated <= 1)) {
      throw new IllegalArgumentException("extrapolated share must be in [0, 1]: " + extrapolated);
    }
    if (rows > 0 && !(lower <= estimate && estimate <= upper)) {
      throw new IllegalArgumentException("interval must contain the estimate: [" + lower + ", "
          + upper + "] vs " + estimate);
    }
  }

  /**
   * The same estimate with the realised accuracy of its window.
   *
   * @param accuracy the realised accuracy, in [0, 1]
   * @return the completed estimate
   * @throws IllegalArgumentException if {@code accuracy} is not in [0, 1]
   */
  public AccuracyEstimate withRealised(double accuracy) {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("realised accuracy must be in [0, 1]: " + accuracy);
    }
    return new AccuracyEstimate(rows, estimate, lower, upper, confidence, accuracy, extrapolated);
  }

  /**
   * Whether the window reaches beyond the reference: at least {@value #EXTRAPOLATING_SHARE} of its
   * rows lie outside the reference's range, where the calibration is a guess (the interval is
   * widened by that share).
   *
   * @return {@code true} when extrapolating
   */
  @com.fasterxml.jackson.annotation.JsonProperty("extrapolating")
  public boolean extrapolating() {
    return extrapolated >= EXTRAPOLATING_SHARE;
  }

  /**
   * The estimate's error once the labels are known.
   *
   * @return estimate - realised, {@code NaN} before
   */
  @com.fasterxml.jackson.annotation.JsonProperty("error")
  public double error() {
    return estimate - realised;
  }

  /**
   * Whether the interval contains the realised accuracy.
   *
   * @return {@code true} if it does; {@code false} also before the labels are known
   */
  public boolean covers() {
    return realised >= lower && realised <= upper;
  }

  /**
   * One line, e.g. {@code "estimated accuracy 0.8412 [0.8190, 0.8634] (95%, 1000 rows); realised
   * 0.8370, error +0.0042"}, with {@code "; extrapolating: 12.0% of rows beyond the reference's
   * range, interval widened by that share"} when it is.
   *
   * @return the text
   */
  public String toText() {
    String s = String.format(Locale.ROOT, "estimated accuracy %.4f [%.4f, %.4f] (%.0f%%, %d rows)",
        estimate, lower, upper, 100 * confidence, rows);
    if (extrapolating()) {
      s += String.format(Locale.ROOT, "; extrapolating: %.1f%% of rows beyond the reference's"
          + " range, interval widened by that share", 100 * extrapolated);
    }
    return Double.isNaN(realised) ? s
        : s + String.format(Locale.ROOT, "; realised %.4f, error %+.4f", realised, error());
  }
}

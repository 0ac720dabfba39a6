package dev.mlops.drift.decision;

import java.util.Locale;

/**
 * A window's label-free accuracy estimate with its interval and, once the labels arrived, the
 * realised accuracy and the estimate's error.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows predictions in the window with a finite score
 * @param estimate the expected accuracy under the calibrated probabilities
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param confidence the interval's nominal coverage, e.g. 0.95
 * @param realised the realised accuracy, {@code NaN} until the labels are known
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"error", "covers"},
    allowGetters = true)
public record AccuracyEstimate(
    long rows, double estimate, double lower, double upper, double confidence,
    double realised) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code rows} is negative or the interval does not contain
   *     the estimate
   */
  public AccuracyEstimate {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative: " + rows);
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
    return new AccuracyEstimate(rows, estimate, lower, upper, confidence, accuracy);
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
   * 0.8370, error +0.0042"}.
   *
   * @return the text
   */
  public String toText() {
    String s = String.format(Locale.ROOT, "estimated accuracy %.4f [%.4f, %.4f] (%.0f%%, %d rows)",
        estimate, lower, upper, 100 * confidence, rows);
    return Double.isNaN(realised) ? s
        : s + String.format(Locale.ROOT, "; realised %.4f, error %+.4f", realised, error());
  }
}

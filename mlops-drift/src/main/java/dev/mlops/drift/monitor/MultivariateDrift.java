package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.Checks;


/**
 * Multivariate drift of the numeric features by PCA reconstruction error: the numeric features
 * are standardised with the reference's means and standard deviations, projected on the
 * principal components that keep the configured share of the reference variance and
 * reconstructed; the window's mean Euclidean reconstruction error is compared with the
 * reference's mean +- 3 standard deviations of chunk errors. It catches changes in correlation
 * that per-feature tests miss.
 *
 * <p>Immutable and thread-safe.
 *
 * @param components principal components kept
 * @param reconstructionError mean reconstruction error of the window's sampled rows
 * @param referenceMean mean of the reference's chunk errors
 * @param referenceStd standard deviation of the reference's chunk errors
 * @param lower lower alert bound (mean - 3 std)
 * @param upper upper alert bound (mean + 3 std)
 * @param rows rows of the window that entered the error
 * @param status the verdict
 * @param reason one line explaining the verdict
 */
public record MultivariateDrift(
    int components,
    double reconstructionError,
    double referenceMean,
    double referenceStd,
    double lower,
    double upper,
    long rows,
    DriftStatus status,
    String reason) {

  /**
   * Validates.
   *
   * @throws NullPointerException if {@code status} or {@code reason} is null
   */
  public MultivariateDrift {
    Checks.nonNull("status", status, "reason", reason);
  }
}

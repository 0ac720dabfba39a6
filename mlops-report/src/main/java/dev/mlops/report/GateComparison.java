package dev.mlops.report;

import dev.mlops.metrics.ComparisonResult;
import java.util.Objects;

/**
 * One row of a gate's champion-versus-candidate table: both models' values of a metric on the same
 * rows, the difference with its interval and p-value, and the gate's verdict on that metric.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric's key, e.g. {@code "roc_auc"} (a user-defined metric's key works alike)
 * @param champion the champion's value ({@code NaN} when the champion was not scored)
 * @param candidate the candidate's value
 * @param difference {@code candidate - champion} ({@code NaN} when unknown)
 * @param lower the lower bound of the difference's confidence interval ({@code NaN} if none)
 * @param upper the upper bound of the difference's confidence interval ({@code NaN} if none)
 * @param pValue the p-value of "no difference" ({@code NaN} if not tested)
 * @param test the test that gave the p-value, e.g. {@code "delong"} (empty if none)
 * @param verdict the gate's verdict on this metric, e.g. {@code "pass"}, {@code "fail"}
 */
public record GateComparison(String metric, double champion, double candidate, double difference, double lower,
    double upper, double pValue, String test, String verdict) {

  /**
   * Validates the row.
   *
   * @throws NullPointerException if a text component is null
   * @throws IllegalArgumentException if the p-value is outside [0, 1]
   */
  public GateComparison {
    Checks.nonNull("metric", metric, "test", test, "verdict", verdict);
    if (!Double.isNaN(pValue) && !(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value of " + metric + " must be in [0, 1]: " + pValue);
    }
  }

  /**
   * The row of a paired comparison computed by mlops-metrics.
   *
   * @param result the comparison of the candidate (its {@code candidate}) with the champion (its {@code baseline})
   * @param verdict the gate's verdict on this metric
   * @return the row
   */
  public static GateComparison of(ComparisonResult result, String verdict) {
    Objects.requireNonNull(result, "result");
    return new GateComparison(result.metric().key(), result.baseline(), result.candidate(), result.difference(),
        result.differenceCi().lower(), result.differenceCi().upper(), result.pValue(), result.test(), verdict);
  }

  /**
   * A row without a significance test (the values only).
   *
   * @param metric the metric's key
   * @param champion the champion's value
   * @param candidate the candidate's value
   * @param verdict the verdict
   * @return the row
   */
  public static GateComparison values(String metric, double champion, double candidate, String verdict) {
    return new GateComparison(metric, champion, candidate, candidate - champion, Double.NaN, Double.NaN, Double.NaN,
        "", verdict);
  }
}

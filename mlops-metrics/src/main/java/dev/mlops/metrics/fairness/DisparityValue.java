package dev.mlops.metrics.fairness;

import dev.mlops.metrics.Interval;
import dev.mlops.metrics.internal.Checks;
import java.util.Objects;

/**
 * The value of one {@link Disparity} for one attribute, with its bootstrap interval and the two
 * groups that define it, or the reason it is undefined.
 *
 * <p>Immutable and thread-safe.
 *
 * @param disparity the disparity
 * @param value its value; NaN when undefined
 * @param ci the percentile interval of the group-stratified bootstrap, or {@code null} when none
 *     was computed or too few resamples were defined
 * @param highGroup the group with the largest rate (for {@link Disparity#EQUALIZED_ODDS_DIFFERENCE},
 *     of the larger gap), or {@code null} when undefined
 * @param lowGroup the group with the smallest rate, or {@code null} when undefined
 * @param defined whether the disparity could be computed (at least two judged groups with the rate
 *     defined, and a non-zero largest selection rate for the ratio)
 * @param reason why it is undefined, or {@code null}
 */
public record DisparityValue(Disparity disparity, double value, Interval ci, String highGroup,
    String lowGroup, boolean defined, String reason) {

  /**
   * Validates the value.
   *
   * @throws NullPointerException if disparity is null, or an undefined value has no reason, or a
   *     defined one has no groups
   * @throws IllegalArgumentException if a defined value is NaN or an undefined one is not
   */
  public DisparityValue {
    Objects.requireNonNull(disparity, "disparity");
    if (defined) {
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("a defined " + disparity.key() + " must not be NaN");
      }
      Checks.nonNull("highGroup", highGroup, "lowGroup", lowGroup);
    } else {
      Objects.requireNonNull(reason, "reason of an undefined " + disparity.key());
      if (!Double.isNaN(value)) {
        throw new IllegalArgumentException("an undefined " + disparity.key() + " must be NaN: " + value);
      }
    }
  }

  /**
   * An undefined disparity.
   *
   * @param disparity the disparity
   * @param reason why
   * @return the value
   */
  static DisparityValue undefined(Disparity disparity, String reason) {
    return new DisparityValue(disparity, Double.NaN, null, null, null, false, reason);
  }

  /**
   * Returns a copy with an interval.
   *
   * @param interval the interval, or {@code null}
   * @return the copy
   */
  DisparityValue withCi(Interval interval) {
    return new DisparityValue(disparity, value, interval, highGroup, lowGroup, defined, reason);
  }
}

package dev.mlops.drift.fairness;

import dev.mlops.metrics.fairness.Disparity;
import java.util.Objects;

/**
 * A disparity of one window that crossed its declared bound. Immutable and thread-safe.
 *
 * @param attribute the sensitive attribute
 * @param disparity the disparity
 * @param value its value in the window
 * @param bound the declared bound (a minimum for the disparate impact ratio, a maximum otherwise)
 * @param highGroup the group with the largest rate
 * @param lowGroup the group with the smallest rate
 * @param fromLabels whether the value comes from the window's labelled rows (TPR, FPR, precision)
 *     rather than from its predictions alone (selection rates)
 */
public record FairnessAlert(String attribute, Disparity disparity, double value, double bound, String highGroup,
    String lowGroup, boolean fromLabels) {

  /**
   * Validates the alert.
   *
   * @throws NullPointerException if attribute or disparity is null
   */
  public FairnessAlert {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(disparity, "disparity");
  }

  /**
   * One line for logs.
   *
   * @return e.g. {@code "disparate_impact_ratio of region 0.62 < 0.8 (web vs partner_app)"}
   */
  public String toText() {
    return String.format(java.util.Locale.ROOT, "%s of %s %.4f %s %s (%s vs %s)%s", disparity.key(), attribute,
        value, disparity.greaterIsFairer() ? "<" : ">", bound, highGroup, lowGroup,
        fromLabels ? " on labelled rows" : "");
  }
}

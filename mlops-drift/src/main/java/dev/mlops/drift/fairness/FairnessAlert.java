package dev.mlops.drift.fairness;

import dev.mlops.drift.internal.Checks;
import dev.mlops.metrics.fairness.Disparity;
import java.util.Locale;

/**
 * A disparity that crossed its declared bound. Immutable and thread-safe.
 *
 * @param window the window whose predictions the value describes (for a disparity that needs
 *     labels, possibly an earlier window than the report's: labels count in the window of their
 *     prediction)
 * @param attribute the sensitive attribute
 * @param disparity the disparity
 * @param value its value
 * @param bound the declared bound (a minimum for the disparate impact ratio, a maximum otherwise)
 * @param highGroup the group with the largest rate
 * @param lowGroup the group with the smallest rate
 * @param fromLabels whether the value comes from labelled rows (TPR, FPR, precision) rather than
 *     from the predictions alone (selection rates)
 */
public record FairnessAlert(long window, String attribute, Disparity disparity, double value, double bound,
    String highGroup, String lowGroup, boolean fromLabels) {

  /**
   * Validates the alert.
   *
   * @throws NullPointerException if attribute or disparity is null
   */
  public FairnessAlert {
    Checks.nonNull("attribute", attribute, "disparity", disparity);
  }

  /**
   * One line for logs.
   *
   * @return e.g. {@code "window 9: disparate_impact_ratio of age_group 0.6200 < 0.8 (50+ vs under 30)"}
   */
  public String toText() {
    boolean low = disparity.greaterIsFairer();
    return String.format(Locale.ROOT, "window %d: %s of %s %.4f %s %s (%s vs %s)%s", window, disparity.key(),
        attribute, value, low ? "<" : ">", bound, highGroup, lowGroup, fromLabels ? " on labelled rows" : "");
  }
}

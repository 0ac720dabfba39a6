package dev.mlops.drift.fairness;

import dev.mlops.metrics.fairness.FairnessEvaluation;
import java.util.Objects;

/**
 * The disparities that need labels (equal opportunity, equalized odds, predictive parity) of the
 * predictions of one window, over every label of those predictions received so far. Immutable and
 * thread-safe.
 *
 * @param window the window in which the predictions were made
 * @param labelledRows the predictions of that window labelled so far
 * @param evaluation the evaluation of those rows (labelled)
 */
public record LabelledFairness(long window, long labelledRows, FairnessEvaluation evaluation) {

  /**
   * Validates the record.
   *
   * @throws NullPointerException if the evaluation is null
   * @throws IllegalArgumentException if the labelled rows are negative
   */
  public LabelledFairness {
    Objects.requireNonNull(evaluation, "evaluation");
    if (labelledRows < 0) {
      throw new IllegalArgumentException("labelled rows must not be negative: " + labelledRows);
    }
  }
}

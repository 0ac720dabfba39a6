package dev.mlops.metrics.modeltest;

/**
 * How a model output must move when an input is perturbed, for a directional expectation
 * (CheckList's "DIR" test).
 *
 * <p>The output is the probability of a named class for classifiers and the predicted value for
 * regressors. With a tolerance {@code t} (default 0), the non-strict directions accept a move of up
 * to {@code t} the wrong way, and the strict directions require a move of more than {@code t}.
 */
public enum Direction {
  /** The output must not go down: {@code after - before >= -tolerance}. */
  NON_DECREASING,
  /** The output must not go up: {@code after - before <= tolerance}. */
  NON_INCREASING,
  /** The output must go up: {@code after - before > tolerance}. */
  INCREASING,
  /** The output must go down: {@code before - after > tolerance}. */
  DECREASING;

  /**
   * Tells whether a change of the output satisfies this direction.
   *
   * @param before the output on the original row
   * @param after the output on the perturbed row
   * @param tolerance the slack (non-strict) or the minimum move (strict); not negative
   * @return true when the move is in this direction
   */
  public boolean accepts(double before, double after, double tolerance) {
    double change = after - before;
    return switch (this) {
      case NON_DECREASING -> change >= -tolerance;
      case NON_INCREASING -> change <= tolerance;
      case INCREASING -> change > tolerance;
      case DECREASING -> -change > tolerance;
    };
  }

  /**
   * How far a change goes against this direction (larger is worse), used to rank the worst rows.
   *
   * @param before the output on the original row
   * @param after the output on the perturbed row
   * @return the move against the expected direction (negative when it goes the right way)
   */
  double violation(double before, double after) {
    double change = after - before;
    return switch (this) {
      case NON_DECREASING, INCREASING -> -change;
      case NON_INCREASING, DECREASING -> change;
    };
  }

  /** Lower-case words for names and messages, e.g. "non-decreasing". */
  String words() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

package dev.mlops.report;


/**
 * Something that happened in a model's life at a monitoring window: drift, a retrain, a promotion,
 * a rejection, a rollback, a change of reference. Events are marked and labelled on the timeline
 * charts and counted in the report's summary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the label of the window the event happened after (as in {@link MonitoringWindow#label()});
 *     empty when it is not tied to a window
 * @param kind what happened
 * @param subject the model version concerned, e.g. {@code "loan-default:2"} (may be empty)
 * @param text one line saying what happened and why
 */
public record RunEvent(String window, Kind kind, String subject, String text) {

  /** The kinds of event the summary counts. */
  public enum Kind {
    /** The monitor reported drift in a window. */
    DRIFT,
    /** A retrain was started (it ends in a promotion, a rejection or a failure). */
    RETRAIN,
    /** A candidate became the champion. */
    PROMOTION,
    /** The gate rejected a candidate; the champion kept serving. */
    REJECTION,
    /** The champion was rolled back to an earlier version. */
    ROLLBACK,
    /** A retrain failed. */
    RETRAIN_FAILED,
    /** Monitoring switched to a new reference profile (e.g. the new champion's training data). */
    REFERENCE_CHANGE,
    /** Anything else worth a line. */
    INFO
  }

  /**
   * Validates the event.
   *
   * @throws NullPointerException if a component is null
   */
  public RunEvent {
    Checks.nonNull("window", window, "kind", kind, "subject", subject, "text", text);
  }
}

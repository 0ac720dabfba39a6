package dev.mlops.core.retraining;

/** Why a retrain was started. */
public enum Trigger {
  /** Dataset-level drift in the configured number of consecutive monitoring windows. */
  DRIFT,
  /** The champion's realised metric, from delayed labels, dropped (significantly, or below a threshold). */
  PERFORMANCE,
  /** The label-free estimate of a metric in a monitoring window dropped below the reference. */
  ESTIMATED_PERFORMANCE,
  /** The configured period elapsed since the last retrain (or the start). */
  SCHEDULE,
  /** The configured number of new labelled rows arrived since the last retrain. */
  VOLUME,
  /**
   * The champion was fitted on a shorter window than the rows available (its backtest judged the
   * older rows harmful: a change) and as many rows have been labelled since as it was fitted on.
   */
  WINDOW_GROWTH,
  /** The host asked for it ({@link ContinuousTraining#retrainNow(String)}). */
  MANUAL
}

package dev.mlops.core.retraining;

import dev.mlops.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something the continuous-training loop did or saw, for the host's {@link LoopListener} and the
 * registry's audit log (as type {@code "loop." + type.key()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened
 * @param time when, by the loop's clock
 * @param model the model name
 * @param version the version concerned (the candidate, the new or restored champion), 0 if none
 * @param reason a one-line human-readable reason
 * @param details further details by key (sorted), e.g. {@code trigger}, {@code metric}, {@code previous_version}
 */
public record LoopEvent(Type type, Instant time, String model, int version, String reason, Map<String, String> details) {

  /** The kinds of loop event. */
  public enum Type {
    /** Monitoring reported dataset-level drift in a window of the champion's traffic. */
    DRIFT("drift"),
    /** A retrain produced a candidate model (it is then promoted or rejected). */
    TRAINED("trained"),
    /** The gate rejected the candidate; the champion keeps serving. */
    REJECTED("rejected"),
    /** A realised-performance firing that fresh labels did not confirm: cleared, no retrain. */
    UNCONFIRMED("unconfirmed"),
    /** A candidate was registered, promoted to champion and is now served. */
    PROMOTED("promoted"),
    /** The champion was rolled back to the previous version (probation failed, or by hand). */
    ROLLED_BACK("rolled_back"),
    /** A new champion's probation ended without a rollback. */
    PROBATION_PASSED("probation_passed"),
    /** A retrain failed (an exception, or too little data); the champion keeps serving. */
    RETRAIN_FAILED("retrain_failed");

    private final String key;

    Type(String key) {
      this.key = key;
    }

    /**
     * Returns the snake_case key of the type, e.g. {@code "retrain_failed"}.
     *
     * @return the key
     */
    public String key() {
      return key;
    }
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if the type, time, model or reason is null
   * @throws IllegalArgumentException if the version is negative
   */
  public LoopEvent {
    Checks.nonNull("type", type, "time", time, "model", model, "reason", reason);
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /**
   * Returns the event as one line for logs.
   *
   * @return e.g. {@code "rejected bike v4: rmse 61.2 > 60.0 {trigger=DRIFT}"}
   */
  public String toText() {
    return type.key() + ' ' + model + (version > 0 ? " v" + version : "") + ": " + reason
        + (details.isEmpty() ? "" : " " + details);
  }
}

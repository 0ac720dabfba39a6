package dev.mlops.core.serving;

/**
 * Counts and latency of an endpoint or of one deployment, at the moment they were read.
 *
 * <p>Counts are exact. Latencies are measured per timed row with {@link System#nanoTime()} around
 * validation, prediction and monitoring, kept in a fixed-size log-linear histogram, and reported as
 * the highest value of the bucket holding the quantile (at most 6.25% above the true value). An
 * endpoint times a random 1 in 16 of its answered rows by default ({@link
 * ModelEndpoint.Builder#latencySampleOneIn(int)}; 1 times every row): the quantiles then rest on
 * the {@code latencyCount} sampled rows, not on {@code predictions}. Immutable and thread-safe.
 *
 * @param predictions rows answered (for a deployment in shadow mode: rows predicted silently)
 * @param invalid rows refused because they broke the data contract
 * @param failed rows on which the model itself threw
 * @param listenerFailures exceptions thrown by prediction listeners (e.g. a monitor); never fail a request
 * @param shadowDropped shadow predictions not made because the shadow executor refused them
 * @param latencyCount number of latency samples (rows timed: every answered row, or a random 1 in k)
 * @param p50Nanos median latency per row, nanoseconds (0 when no sample)
 * @param p99Nanos 99th-percentile latency per row, nanoseconds (0 when no sample)
 * @param maxNanos highest latency bucket observed, nanoseconds (0 when no sample)
 */
public record ServingStats(
    long predictions,
    long invalid,
    long failed,
    long listenerFailures,
    long shadowDropped,
    long latencyCount,
    long p50Nanos,
    long p99Nanos,
    long maxNanos) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if any count is negative
   */
  public ServingStats {
    requireNonNegative("predictions", predictions);
    requireNonNegative("invalid", invalid);
    requireNonNegative("failed", failed);
    requireNonNegative("listenerFailures", listenerFailures);
    requireNonNegative("shadowDropped", shadowDropped);
    requireNonNegative("latencyCount", latencyCount);
  }

  private static void requireNonNegative(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
  }

  /**
   * Returns the stats as one line, e.g. for logging; the latency quantiles name the number of timed
   * rows they rest on ({@code latencyCount}), which is below {@code predictions} when the endpoint
   * times a sample of its requests.
   *
   * @return a human-readable summary
   */
  public String toText() {
    return String.format(
        java.util.Locale.ROOT,
        "predictions=%d invalid=%d failed=%d listenerFailures=%d shadowDropped=%d p50=%.1fus p99=%.1fus max=%.1fus"
            + " (latency of %d timed rows)",
        predictions, invalid, failed, listenerFailures, shadowDropped,
        p50Nanos / 1e3, p99Nanos / 1e3, maxNanos / 1e3, latencyCount);
  }
}

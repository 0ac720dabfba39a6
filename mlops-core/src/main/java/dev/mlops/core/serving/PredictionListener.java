package dev.mlops.core.serving;

import java.util.Map;

/**
 * Receives every prediction a deployment makes, with the request row that produced it: the hook
 * through which a deployment's {@code DriftMonitor} (see {@link MonitorListener}) and the
 * continuous-training loop see traffic.
 *
 * <p>Called synchronously on the request thread after the prediction is made; implementations must
 * be thread-safe and fast. An exception thrown by a listener never fails the request: the endpoint
 * counts it ({@link ServingStats#listenerFailures()}) and logs it.
 */
@FunctionalInterface
public interface PredictionListener {

  /**
   * Called once per prediction.
   *
   * @param row the request row as received (do not modify; copy it to keep it)
   * @param result the prediction and the version that produced it
   */
  void onPrediction(Map<String, ?> row, PredictionResult result);
}

package dev.mlops.core.serving;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link ModelEndpoint} answers a request once it is routed: the prediction by the answering
 * deployment's model (row-wise or as a vector of numbers), the deployment's and the endpoint's
 * listeners, the counts and latencies of the meters, and the challenger's shadow prediction, which
 * never affects the response. The endpoint keeps the serving state and the routing.
 *
 * <p>Thread-safe: it holds no request state; the meters are concurrent counters.
 */
final class RequestServing {

  private static final Logger LOG = LoggerFactory.getLogger(ModelEndpoint.class);

  private final PredictionListener[] listeners;
  private final Executor shadowExecutor;
  private final Meter meter;
  /** {@code meter.latency} and whether there are listeners, read on every request without a further load. */
  private final LatencyHistogram latency;
  private final boolean hasListeners;

  RequestServing(PredictionListener[] listeners, Executor shadowExecutor, Meter meter) {
    this.listeners = listeners;
    this.shadowExecutor = shadowExecutor;
    this.meter = meter;
    this.latency = meter.latency;
    this.hasListeners = listeners.length > 0;
  }

  PredictionResult serve(Deployment d, Role role, String requestId, Map<String, ?> row, Object[] values) {
    PredictionResult result;
    try {
      result = predictWith(d, role, requestId, row, values);
    } catch (RuntimeException e) {
      throw predictionFailed(d, requestId, e);
    }
    notifyListeners(row, result, d.notifyListeners(row, values, result));
    return result;
  }

  /**
   * Serves a vector request under the id {@code requestId}, or the generated id {@code requestId +
   * idNumber} when {@code idNumber >= 0} (kept in the result as its prefix and number).
   */
  PredictionResult serveVector(Deployment d, Role role, String requestId, long idNumber, List<String> names,
      double[] values, Map<String, ?> original) {
    PredictionResult result;
    try {
      ServableModel model = d.model();
      if (model instanceof ServableClassifier c) {
        double[] p = c.probabilities(values);
        result = new PredictionResult(requestId, idNumber, d.modelName(), d.version(), role, argMax(p), p,
            d.freshProbabilities);
      } else {
        double y = ((ServableRegressor) model).predict(values);
        result = new PredictionResult(requestId, idNumber, d.modelName(), d.version(), role, y, null, true);
      }
    } catch (RuntimeException e) {
      throw predictionFailed(d, ModelEndpoint.idOf(requestId, idNumber), e);
    }
    int failures = d.notifyListeners(names, values, result, original);
    if (hasListeners) {
      // listeners may keep the row: a copy of the numbers, built only if there is a listener
      notifyListeners(original != null ? original : new VectorRow(names, values.clone()), result, failures);
    } else if (failures > 0) {
      meter.listenerFailures.add(failures);
    }
    return result;
  }

  /**
   * Counts an answered request for the deployment that answered and for the endpoint, and records
   * its latency from {@code start} when it was timed.
   */
  void answered(Deployment answering, boolean timed, long start) {
    answering.meter.answered.increment();
    meter.answered.increment();
    if (timed) {
      long elapsed = System.nanoTime() - start;
      answering.latency.record(elapsed);
      latency.record(elapsed);
    }
  }

  /** Counts an invalid row for the deployment that was to answer it and for the endpoint. */
  void countInvalid(Deployment answering) {
    answering.meter.invalid.increment();
    meter.invalid.increment();
  }

  /** Counts and refuses a row with violations of the answering model's contract. */
  void requireValid(Deployment answering, List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      countInvalid(answering);
      throw new InvalidRowException(-1, violations);
    }
  }

  /**
   * Counts a failed prediction: the model's own transforms refusing a value the contract let
   * through (e.g. an unseen category) is an invalid row, anything else a failure of the model.
   */
  private RuntimeException predictionFailed(Deployment d, String requestId, RuntimeException e) {
    if (e instanceof InvalidRowException) {
      countInvalid(d);
      return e;
    }
    d.meter.failed.increment();
    meter.failed.increment();
    return new PredictionException("model " + d.versionLabel() + " failed on request " + requestId, e);
  }

  /** Passes an answered prediction to the endpoint's listeners and counts every listener failure. */
  private void notifyListeners(Map<String, ?> row, PredictionResult result, int deploymentFailures) {
    int failures = deploymentFailures;
    for (PredictionListener listener : listeners) {
      try {
        listener.onPrediction(row, result);
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("endpoint prediction listener failed for request {}", result.requestId(), e);
      }
    }
    if (failures > 0) {
      meter.listenerFailures.add(failures);
    }
  }

  private static int argMax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private static PredictionResult predictWith(
      Deployment d, Role role, String requestId, Map<String, ?> row, Object[] values) {
    ServableModel model = d.model();
    if (model instanceof ServableClassifier c) {
      double[] p = c.probabilities(row, values);
      return new PredictionResult(requestId, -1, d.modelName(), d.version(), role, argMax(p), p, d.freshProbabilities);
    }
    double y = ((ServableRegressor) model).predict(row, values);
    return new PredictionResult(requestId, -1, d.modelName(), d.version(), role, y, null, true);
  }

  void shadow(Deployment challenger, String requestId, Map<String, ?> row) {
    if (shadowExecutor == null) {
      shadowNow(challenger, requestId, row);
      return;
    }
    Map<String, ?> copy = new HashMap<>(row);
    try {
      shadowExecutor.execute(() -> shadowNow(challenger, requestId, copy));
    } catch (RejectedExecutionException e) {
      challenger.meter.shadowDropped.increment();
      meter.shadowDropped.increment();
    }
  }

  /** Shadow predictions never affect the response: every failure is counted and logged. */
  private void shadowNow(Deployment challenger, String requestId, Map<String, ?> row) {
    long start = System.nanoTime();
    try {
      Object[] values = challenger.model().read(row);
      List<FieldViolation> violations = challenger.model().validate(row, values);
      if (!violations.isEmpty()) {
        challenger.meter.invalid.increment();
        return;
      }
      PredictionResult result;
      try {
        result = predictWith(challenger, Role.SHADOW, requestId, row, values);
      } catch (RuntimeException e) {
        challenger.meter.failed.increment();
        LOG.warn("shadow model {} failed on request {}", challenger.versionLabel(), requestId, e);
        return;
      }
      challenger.notifyListeners(row, values, result);
      challenger.meter.answered.increment();
      challenger.meter.latency.record(System.nanoTime() - start);
    } catch (RuntimeException e) {
      challenger.meter.failed.increment();
      LOG.warn("shadow model {} failed on request {}", challenger.versionLabel(), requestId, e);
    }
  }
}

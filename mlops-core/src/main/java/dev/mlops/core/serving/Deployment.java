package dev.mlops.core.serving;

import dev.mlops.core.model.TrainedModel;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.profile.NumericProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model version as served by a {@link ModelEndpoint}: the model, its name and version, and its
 * own monitoring (the listeners, typically its {@code DriftMonitor}, that see each of its
 * predictions), with its own counts and latency.
 *
 * <p>The identity (name, version, model, listeners) is immutable, so an endpoint can swap one
 * deployment for another atomically; the counters are thread-safe. Thread-safe.
 *
 * <pre>{@code
 * Deployment v3 = Deployment.builder("bike-demand", 3, servableModel)
 *     .monitor(driftMonitor)
 *     .build();
 * }</pre>
 */
public final class Deployment {

  private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

  private final String modelName;
  private final int version;
  private final ServableModel model;
  private final PredictionListener[] listeners;
  private final Object attachment;
  private final DriftMonitor monitor;
  final Meter meter = new Meter();
  /** {@code meter.latency}, recorded on every timed request (one dependent load less). */
  final LatencyHistogram latency = meter.latency;
  /** Whether the model's probabilities are a new array per call, kept by a result without a copy. */
  final boolean freshProbabilities;
  /** Per listener, how a {@link MonitorListener} takes values the endpoint read; null for other listeners. */
  private final MonitorPlan[] plans;
  /**
   * The deployment's one listener when it is a {@link MonitorListener} taking vectors as they are
   * (the usual monitored deployment), else null: a vector request then reaches the monitor
   * without reading the listener and plan arrays.
   */
  private final MonitorListener vectorMonitor;

  /**
   * How a monitor takes the values the endpoint read: the position of each monitored feature among
   * the model's feature names (-1 when the model does not read it), the monitored names (to look up
   * the others), whether the monitor's features are the model's in order, and whether they are also
   * all numeric (a vector then goes straight in).
   */
  private record MonitorPlan(int[] index, String[] names, boolean sameOrder, boolean takesVectors) {

    static MonitorPlan of(DriftMonitor monitor, List<String> features) {
      List<String> monitored = monitor.featureNames();
      int[] index = new int[monitored.size()];
      boolean numeric = true;
      for (int j = 0; j < index.length; j++) {
        index[j] = features.indexOf(monitored.get(j));
        numeric &= monitor.profile().feature(monitored.get(j)).orElse(null) instanceof NumericProfile;
      }
      boolean sameOrder = monitored.equals(features);
      return new MonitorPlan(index, monitored.toArray(new String[0]), sameOrder, sameOrder && numeric);
    }

    /** The monitored features' values: the read values where the model reads the feature, else looked up. */
    Object[] values(Object[] read, Map<String, ?> row) {
      if (sameOrder && read.length == index.length) {
        return read;
      }
      Object[] out = new Object[index.length];
      for (int j = 0; j < index.length; j++) {
        int at = index[j];
        out[j] = at >= 0 && at < read.length ? read[at] : row.get(names[j]);
      }
      return out;
    }

    /** The monitored features' values of a vector in the model's feature order (absent: null). */
    Object[] values(double[] vector) {
      Object[] out = new Object[index.length];
      for (int j = 0; j < index.length; j++) {
        out[j] = index[j] >= 0 ? Double.valueOf(vector[index[j]]) : null;
      }
      return out;
    }
  }

  private Deployment(Builder b) {
    this.modelName = b.modelName;
    this.version = b.version;
    this.model = b.model;
    this.listeners = b.listeners.toArray(new PredictionListener[0]);
    this.attachment = b.attachment;
    this.monitor = b.monitor;
    this.freshProbabilities = TrainedModels.returnsNewArrays(model);
    this.plans = new MonitorPlan[listeners.length];
    List<String> features = model.featureNames();
    for (int k = 0; k < listeners.length; k++) {
      if (listeners[k] instanceof MonitorListener m) {
        plans[k] = MonitorPlan.of(m.monitor(), features);
      }
    }
    this.vectorMonitor = listeners.length == 1 && plans[0] != null && plans[0].takesVectors()
        ? (MonitorListener) listeners[0] : null;
  }

  /**
   * Starts a deployment of one model version.
   *
   * @param modelName the registered model name, e.g. {@code "bike-demand"}
   * @param version the registered version (at least 1)
   * @param model the model to serve
   * @return a builder
   * @throws NullPointerException if the name or the model is null
   * @throws IllegalArgumentException if the name is blank or the version is below 1
   */
  public static Builder builder(String modelName, int version, ServableModel model) {
    return new Builder(modelName, version, model);
  }

  /**
   * Starts a deployment of a model trained by the pipeline, served with its own fitted transforms
   * and data contract ({@link TrainedModels#servable(TrainedModel)}): a pipeline user never needs
   * the {@link ServableModel} types, which are for models from elsewhere.
   *
   * <pre>{@code
   * Deployment v1 = Deployment.builder("bike-demand", 1, run.model()).build();
   * }</pre>
   *
   * @param modelName the registered model name
   * @param version the registered version (at least 1)
   * @param model the trained classifier or regressor
   * @return a builder
   * @throws NullPointerException if the name or the model is null
   * @throws IllegalArgumentException if the name is blank or the version is below 1
   */
  public static Builder builder(String modelName, int version, TrainedModel model) {
    return new Builder(modelName, version, TrainedModels.servable(
        Objects.requireNonNull(model, "model must not be null")));
  }

  /**
   * Returns the registered model name.
   *
   * @return the name
   */
  public String modelName() {
    return modelName;
  }

  /**
   * Returns the registered version.
   *
   * @return the version, at least 1
   */
  public int version() {
    return version;
  }

  /**
   * Returns the version as {@code name:version}.
   *
   * @return the label
   */
  public String versionLabel() {
    return modelName + ':' + version;
  }

  /**
   * Returns the served model.
   *
   * @return the model
   */
  public ServableModel model() {
    return model;
  }

  /**
   * Returns the drift monitor recording this deployment's predictions, if one was set with
   * {@link Builder#monitor(DriftMonitor)}.
   *
   * @return the monitor
   */
  public Optional<DriftMonitor> monitor() {
    return Optional.ofNullable(monitor);
  }

  /**
   * Returns the object attached at build time (e.g. the {@code DriftMonitor} or the
   * {@code TrainedModel} behind this deployment), for hosts and the continuous-training loop.
   *
   * @param type the expected type
   * @param <T> the expected type
   * @return the attachment, or {@code null} if none
   * @throws ClassCastException if the attachment is not of that type
   */
  public <T> T attachment(Class<T> type) {
    return type.cast(attachment);
  }

  /**
   * Returns this deployment's own counts and latency: predictions it made (served or shadowed),
   * invalid rows routed to it, failures, listener failures.
   *
   * @return a snapshot
   */
  public ServingStats stats() {
    return meter.snapshot();
  }

  /** Notifies the listeners; never throws. Returns the number of listener failures. */
  int notifyListeners(Map<String, ?> row, PredictionResult result) {
    return notifyListeners(row, null, result);
  }

  /**
   * Notifies the listeners; {@code values}, when not null, are the row's values the endpoint read
   * with {@link ServableModel#read} (monitors record them instead of reading the row again).
   */
  int notifyListeners(Map<String, ?> row, Object[] values, PredictionResult result) {
    int failures = 0;
    for (int k = 0; k < listeners.length; k++) {
      PredictionListener listener = listeners[k];
      try {
        MonitorPlan plan = plans[k];
        if (plan != null && values != null) {
          ((MonitorListener) listener).record(row, plan.values(values, row), result);
        } else {
          listener.onPrediction(row, result);
        }
      } catch (RuntimeException e) {
        failures++;
        listenerFailed(result, e);
      }
    }
    return failures;
  }

  /**
   * Notifies the listeners of a vector request whose names are the model's feature names:
   * monitors of the same numeric features record the numbers as they are, other monitors the
   * values they would read from the row, other listeners see the row as a map ({@code original},
   * when the numbers were read from a map request, else a copy of the numbers as a map).
   */
  int notifyListeners(List<String> names, double[] values, PredictionResult result, Map<String, ?> original) {
    MonitorListener only = vectorMonitor;
    if (only != null) {
      try {
        only.recordVector(values, result);
        return 0;
      } catch (RuntimeException e) {
        listenerFailed(result, e);
        return 1;
      }
    }
    int failures = 0;
    Map<String, ?> row = original;
    for (int k = 0; k < listeners.length; k++) {
      PredictionListener listener = listeners[k];
      try {
        MonitorPlan plan = plans[k];
        if (plan != null && plan.takesVectors()) {
          ((MonitorListener) listener).recordVector(values, result);
        } else if (plan != null && original != null) {
          listener.onPrediction(original, result);
        } else if (plan != null) {
          ((MonitorListener) listener).record(null, plan.values(values), result);
        } else {
          if (row == null) {
            row = new VectorRow(names, values.clone()); // listeners may keep the row
          }
          listener.onPrediction(row, result);
        }
      } catch (RuntimeException e) {
        failures++;
        listenerFailed(result, e);
      }
    }
    return failures;
  }

  private void listenerFailed(PredictionResult result, RuntimeException e) {
    meter.listenerFailures.increment();
    LOG.warn("prediction listener of {} failed for request {}", versionLabel(), result.requestId(), e);
  }

  @Override
  public String toString() {
    return "Deployment[" + versionLabel() + ", listeners=" + listeners.length + ']';
  }

  /** Builds a {@link Deployment}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final String modelName;
    private final int version;
    private final ServableModel model;
    private final List<PredictionListener> listeners = new ArrayList<>();
    private Object attachment;
    private DriftMonitor monitor;

    private Builder(String modelName, int version, ServableModel model) {
      Objects.requireNonNull(modelName, "model name must not be null");
      Objects.requireNonNull(model, "model must not be null");
      if (modelName.isBlank()) {
        throw new IllegalArgumentException("model name must not be blank: \"" + modelName + '"');
      }
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1: " + version);
      }
      this.modelName = modelName;
      this.version = version;
      this.model = model;
    }

    /**
     * Adds a listener that sees each prediction this deployment makes (served or shadowed).
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if the listener is null
     */
    public Builder listener(PredictionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * Records each prediction of this deployment (served or shadowed) into a drift monitor, with
     * its request id for delayed labels; {@link Deployment#monitor()} returns it.
     *
     * @param monitor the monitor (typically on this model's own reference profile)
     * @return this builder
     * @throws NullPointerException if the monitor is null
     * @throws IllegalStateException if a monitor was already set
     */
    public Builder monitor(DriftMonitor monitor) {
      return monitor(monitor, true);
    }

    /**
     * Records each prediction into a drift monitor, with or without its request id. Without ids
     * the monitor keeps no pending predictions (cheaper; see {@link MonitorListener#withoutLabels})
     * and cannot join delayed labels.
     *
     * @param monitor the monitor
     * @param joinLabels whether request ids are recorded so delayed labels can be joined
     * @return this builder
     * @throws NullPointerException if the monitor is null
     * @throws IllegalStateException if a monitor was already set
     */
    public Builder monitor(DriftMonitor monitor, boolean joinLabels) {
      if (this.monitor != null) {
        throw new IllegalStateException("monitor was already set: " + this.monitor);
      }
      this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
      listeners.add(joinLabels ? MonitorListener.of(monitor) : MonitorListener.withoutLabels(monitor));
      return this;
    }

    /**
     * Attaches an object for the host (e.g. the {@code TrainedModel} or {@code DriftMonitor}).
     *
     * @param attachment the object, or null for none
     * @return this builder
     */
    public Builder attach(Object attachment) {
      this.attachment = attachment;
      return this;
    }

    /**
     * Builds the deployment.
     *
     * @return the deployment
     */
    public Deployment build() {
      return new Deployment(this);
    }
  }
}

package dev.mlops.core.retraining;

import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServingMode;
import dev.mlops.drift.monitor.DriftMonitor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions the loop deployed and may still see predictions or labels from: each registry
 * version loaded into a model, its monitoring (created by the factory with the version) and its
 * {@link Deployment}. Bounded: after a swap only the champion and the version it replaced are kept.
 *
 * <p>Thread-safe.
 *
 * @param <M> the model type
 */
final class Deployments<M> {

  /** A deployed version with its model and monitoring. */
  record Served<M>(int version, M model, Deployment deployment, Monitoring monitoring) {}

  /** Where a version's monitoring reports its closed windows. */
  interface WindowSink {
    void onWindowClosed(int version, WindowSignal window);
  }

  private final LoopConfig<M> config;
  private final WindowSink sink;
  private static final Logger LOG = LoggerFactory.getLogger(ContinuousTraining.class);

  private final Map<Integer, Served<M>> deployed = new ConcurrentHashMap<>();

  Deployments(LoopConfig<M> config, WindowSink sink) {
    this.config = config;
    this.sink = sink;
  }

  /** Loads a registry version, with fresh monitoring, and keeps it. */
  Served<M> load(int version) {
    LoadedVersion parts = config.registry().load(config.modelName(), version);
    M model = config.adapter().load(parts);
    Monitoring monitoring = config.monitoringFactory() == null ? null
        : config.monitoringFactory().create(config.modelName(), version, model, w -> sink.onWindowClosed(version, w),
            config.labelTimeout());
    Deployment.Builder db = Deployment.builder(config.modelName(), version, config.adapter().servable(model)).attach(model);
    if (monitoring != null) {
      db.listener(monitoring.recorder());
    }
    Served<M> served = new Served<>(version, model, db.build(), monitoring);
    deployed.put(version, served);
    return served;
  }

  /** The deployment of a version the loop still holds, or null. */
  Served<M> get(int version) {
    return deployed.get(version);
  }

  /** The kept deployment of a version, or a fresh one loaded from the registry. */
  Served<M> keptOrLoad(int version) {
    Served<M> kept = deployed.get(version);
    return kept != null ? kept : load(version);
  }

  /** Keeps the deployments of the champion and the version it replaced; forgets older ones. */
  void keepOnly(Served<M> a, Served<M> b) {
    deployed.keySet().removeIf(v -> v != a.version() && v != b.version());
  }

  /** Waits until the kept deployments' monitoring has evaluated and reported every window closed so far. */
  void awaitEvaluation() {
    for (Served<M> s : deployed.values()) {
      if (s.monitoring() != null) {
        s.monitoring().awaitEvaluation();
      }
    }
  }

  /** The monitor of a host-configured challenger (a canary) that answered this request, or null. */
  static DriftMonitor challengerMonitor(ModelEndpoint e, PredictionResult result) {
    if (e == null) {
      return null;
    }
    return e.challenger()
        .filter(d -> d.version() == result.modelVersion() && d.modelName().equals(result.modelName()))
        .flatMap(Deployment::monitor)
        .orElse(null);
  }

  /** A shadow challenger predicted on the same request id into its own monitor: the label goes there too. */
  static void forwardToShadow(ModelEndpoint e, String modelName, String requestId, double label) {
    if (e == null || e.mode() != ServingMode.SHADOW) {
      return;
    }
    e.challenger().flatMap(Deployment::monitor).ifPresent(m -> {
      try {
        m.recordLabel(requestId, label);
      } catch (RuntimeException ex) {
        LOG.warn("shadow monitor of {} refused label of request {}", modelName, requestId, ex);
      }
    });
  }
}

package dev.mlops.core.retraining;

import dev.mlops.core.registry.ModelRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the loop's events: to the log (WARN for failures, rollbacks and drift), to the
 * registry's audit log as {@code "loop.<type>"} and to the listeners, each event carrying the label
 * join's counts. A failing listener or audit log is logged, never thrown.
 *
 * <p>Thread-safe (stateless beyond its configuration).
 */
final class LoopEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ContinuousTraining.class);

  private final String modelName;
  private final ModelRegistry registry;
  private final Clock clock;
  private final List<LoopListener> listeners;
  private final Supplier<LabelCounts> counts;

  LoopEvents(String modelName, ModelRegistry registry, Clock clock, List<LoopListener> listeners,
      Supplier<LabelCounts> counts) {
    this.modelName = modelName;
    this.registry = registry;
    this.clock = clock;
    this.listeners = listeners;
    this.counts = counts;
  }

  void emit(LoopEvent.Type type, int version, String reason, Map<String, String> details) {
    Map<String, String> withCounts = new LinkedHashMap<>(details);
    LabelCounts c = counts.get();
    withCounts.put("labels_matched", Long.toString(c.matched()));
    withCounts.put("labels_unmatched", Long.toString(c.unmatched()));
    withCounts.put("labels_expired", Long.toString(c.expired()));
    LoopEvent event = new LoopEvent(type, clock.instant(), modelName, version, reason, withCounts);
    if (type == LoopEvent.Type.RETRAIN_FAILED || type == LoopEvent.Type.ROLLED_BACK || type == LoopEvent.Type.DRIFT) {
      LOG.warn("{}", event.toText());
    } else {
      LOG.info("{}", event.toText());
    }
    Map<String, String> audit = new LinkedHashMap<>(withCounts);
    audit.put("reason", reason);
    try {
      registry.appendEvent("loop." + type.key(), modelName, version, audit);
    } catch (RuntimeException e) {
      LOG.error("could not append {} to the audit log of {}", type.key(), modelName, e);
    }
    for (LoopListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("loop listener failed on {}", type.key(), e);
      }
    }
  }
}

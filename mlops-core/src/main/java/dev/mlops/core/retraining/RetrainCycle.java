package dev.mlops.core.retraining;

import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retrain of the loop, in order: retrain (the retrainer selects a candidate on the holdout) →
 * gate (its decision) → refit (on all rows, holdout included) → register → swap (the loop promotes
 * and hot-swaps). A failure at any step leaves the champion serving and is reported as an event.
 *
 * <p>Not thread-safe: the loop runs one cycle at a time.
 *
 * @param <M> the model type
 */
final class RetrainCycle<M> {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainCycle.class);

  /** What the cycle needs from the loop. */
  interface Loop<M> {
    void emit(LoopEvent.Type type, int version, String reason, Map<String, String> details);

    /** Promotes a registered version and swaps it in, if the champion is still {@code championVersion}. */
    boolean promote(int championVersion, int registeredVersion, RetrainOutcome outcome, Map<String, String> details);
  }

  private final String modelName;
  private final ModelRegistry registry;
  private final Retrainer<M> retrainer;
  private final int minTrainingRows;
  private final Loop<M> loop;

  RetrainCycle(String modelName, ModelRegistry registry, Retrainer<M> retrainer, int minTrainingRows, Loop<M> loop) {
    this.modelName = modelName;
    this.registry = registry;
    this.retrainer = retrainer;
    this.minTrainingRows = minTrainingRows;
    this.loop = loop;
  }

  void run(Firing firing, int championVersion, M champion, TrainingData data, Map<String, String> labelCounts) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("trigger", firing.trigger().name());
    details.put("trigger_reason", firing.reason());
    firing.evidence().forEach((k, v) -> details.put("trigger." + k, v));
    details.put("champion_version", Integer.toString(championVersion));
    details.put("training_rows", Integer.toString(data.size()));
    details.put("recent_rows", Integer.toString(data.recentRows()));
    details.put("rows_since_champion", Integer.toString(data.sinceChampion()));
    details.putAll(labelCounts);
    if (data.size() < minTrainingRows) {
      loop.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "too little training data: " + data.size() + " rows, at least "
          + minTrainingRows + " required", details);
      return;
    }
    RetrainOutcome outcome;
    try {
      outcome = Objects.requireNonNull(retrainer.retrain(data, champion), "retrainer returned null");
    } catch (RuntimeException e) {
      LOG.warn("retrain of {} failed", modelName, e);
      loop.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "retrainer failed: " + e, details);
      return;
    }
    Map<String, String> trained = new LinkedHashMap<>(details);
    outcome.metadata().forEach((k, v) -> trained.putIfAbsent("candidate." + k, v));
    loop.emit(LoopEvent.Type.TRAINED, 0, trainedReason(data.size(), outcome.metadata(), firing.trigger()), trained);
    if (!outcome.promote()) {
      loop.emit(LoopEvent.Type.REJECTED, 0, "gate rejected the candidate: " + String.join("; ", outcome.reasons()), trained);
      return;
    }
    RetrainOutcome refitted;
    try {
      refitted = Objects.requireNonNull(retrainer.refit(outcome, data, champion), "refit returned null");
    } catch (RuntimeException e) {
      LOG.warn("refit of {} failed", modelName, e);
      loop.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "refit of the accepted candidate failed: " + e, details);
      return;
    }
    if (!refitted.promote()) {
      loop.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "refit returned a rejected outcome: "
          + String.join("; ", refitted.reasons()), details);
      return;
    }
    details.put("refit", Boolean.toString(refitted != outcome));
    if (refitted.metadata().containsKey("refit_rows")) {
      details.put("refit_rows", refitted.metadata().get("refit_rows"));
    }
    for (String k : new String[] {"holdout_rows", "window.rows", "window.chosen", "window.candidates"}) {
      if (refitted.metadata().containsKey(k)) {
        details.put(k, refitted.metadata().get(k));
      }
    }
    try {
      Map<String, String> metadata = new LinkedHashMap<>(refitted.metadata());
      metadata.put("loop.trigger", firing.trigger().name());
      metadata.put("loop.trigger_reason", firing.reason());
      firing.evidence().forEach((k, v) -> metadata.put("loop.trigger." + k, v));
      metadata.put("loop.previous_champion", Integer.toString(championVersion));
      ModelVersion registered = registry.register(modelName, refitted.parts(), metadata);
      loop.promote(championVersion, registered.version(), refitted, details);
    } catch (RuntimeException e) {
      LOG.warn("promotion of the retrained {} failed", modelName, e);
      loop.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "registering or promoting the candidate failed: " + e, details);
    }
  }

  /**
   * What the candidate was trained on: the rows the loop gave the retrainer and, when its run
   * record says so, the rows it read (a retrainer may pick a training window, or add its original
   * data), trained and tested on.
   */
  static String trainedReason(int given, Map<String, String> metadata, Trigger trigger) {
    String read = metadata.get("rows.read");
    String train = metadata.get("rows.train");
    String test = metadata.get("rows.test");
    String tested = test == null ? "" : ", tested on " + test;
    if (train == null) {
      return "candidate trained after " + trigger + " from the " + given + " rows given";
    }
    if (read != null && read.matches("\\d{1,18}") && Long.parseLong(read) > given) {
      return "candidate trained after " + trigger + " on " + train + " of " + read + " rows read (the " + given
          + " rows given and the retrainer's original data)" + tested;
    }
    return "candidate trained after " + trigger + " on " + train + " of the " + given + " rows given" + tested;
  }
}

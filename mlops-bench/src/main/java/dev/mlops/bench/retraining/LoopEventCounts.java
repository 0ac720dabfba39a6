package dev.mlops.bench.retraining;

import dev.mlops.core.retraining.LoopEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loop probe's run did, counted from its events: retrains (by the trigger that fired them),
 * promotions, rejections and rollbacks.
 *
 * @param trained retrains
 * @param promoted promotions
 * @param rejected candidates the gate rejected
 * @param rolledBack rollbacks after probation
 * @param triggers retrains per trigger, as text
 */
record LoopEventCounts(int trained, int promoted, int rejected, int rolledBack, String triggers) {

  static LoopEventCounts of(List<LoopEvent> events) {
    int trained = 0;
    int promoted = 0;
    int rejected = 0;
    int rolledBack = 0;
    Map<String, Integer> triggers = new LinkedHashMap<>();
    for (LoopEvent e : events) {
      switch (e.type()) {
        case TRAINED -> {
          trained++;
          triggers.merge(e.details().getOrDefault("trigger", "?"), 1, Integer::sum);
        }
        case PROMOTED -> promoted++;
        case REJECTED -> rejected++;
        case ROLLED_BACK -> rolledBack++;
        default -> { }
      }
    }
    return new LoopEventCounts(trained, promoted, rejected, rolledBack, triggers.toString());
  }
}

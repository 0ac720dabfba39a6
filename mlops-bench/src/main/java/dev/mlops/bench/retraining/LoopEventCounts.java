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
 * @param triggers retrains per trigger and, in brackets, how many of them were promoted, as text
 * @param driftWindows monitoring windows of the champion flagged with dataset drift
 */
record LoopEventCounts(int trained, int promoted, int rejected, int rolledBack, String triggers, int driftWindows) {

  static LoopEventCounts of(List<LoopEvent> events) {
    int trained = 0;
    int promoted = 0;
    int rejected = 0;
    int rolledBack = 0;
    int driftWindows = 0;
    Map<String, Integer> triggers = new LinkedHashMap<>();
    Map<String, Integer> promotedBy = new LinkedHashMap<>();
    for (LoopEvent e : events) {
      switch (e.type()) {
        case TRAINED -> {
          trained++;
          triggers.merge(e.details().getOrDefault("trigger", "?"), 1, Integer::sum);
        }
        case PROMOTED -> {
          promoted++;
          promotedBy.merge(e.details().getOrDefault("trigger", "?"), 1, Integer::sum);
        }
        case REJECTED -> rejected++;
        case ROLLED_BACK -> rolledBack++;
        case DRIFT -> driftWindows++;
        default -> { }
      }
    }
    StringBuilder text = new StringBuilder("{");
    triggers.forEach((t, k) -> text.append(text.length() > 1 ? ", " : "").append(t).append('=').append(k)
        .append(" (").append(promotedBy.getOrDefault(t, 0)).append(" promoted)"));
    return new LoopEventCounts(trained, promoted, rejected, rolledBack, text.append('}').toString(), driftWindows);
  }
}

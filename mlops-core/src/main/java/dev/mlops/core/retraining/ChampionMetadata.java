package dev.mlops.core.retraining;

import java.util.List;
import java.util.Map;

/**
 * Reads what the loop needs about a champion from its registry metadata (a retrainer's run record):
 * its reference performance (the held-out value of the loop's measure, and for a binary classifier
 * measured by accuracy each class's held-out recall) and its fit (training, available and
 * change rows). Stateless.
 */
final class ChampionMetadata {

  private ChampionMetadata() {}

  /**
   * The champion's reference performance, null without a measure or without its held-out value.
   * With accuracy on two classes, the per-class recalls come from {@code metric.specificity}
   * (class 0) and {@code metric.recall} (class 1), their rows from {@code metric.prevalence} and
   * {@code holdout_rows}.
   */
  static PolicyState.ReferencePerformance reference(PerformanceMeasure measure, Map<String, String> metadata,
      int version) {
    if (measure == null) {
      return null;
    }
    String v = metadata.get("metric." + measure.name());
    if (v == null) {
      return null;
    }
    try {
      long rows = Long.parseLong(metadata.getOrDefault("holdout_rows", "0"));
      return new PolicyState.ReferencePerformance(measure.name(), Double.parseDouble(v), rows,
          "held-out evaluation of v" + version + (rows > 0 ? " on " + rows + " rows" : ""),
          classRecalls(measure, metadata, rows));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<PolicyState.ClassRecall> classRecalls(PerformanceMeasure measure, Map<String, String> metadata,
      long rows) {
    String specificity = metadata.get("metric.specificity");
    String recall = metadata.get("metric.recall");
    String prevalence = metadata.get("metric.prevalence");
    if (!measure.name().equals("accuracy") || rows <= 0 || specificity == null || recall == null
        || prevalence == null) {
      return List.of();
    }
    double r0 = Double.parseDouble(specificity);
    double r1 = Double.parseDouble(recall);
    double share = Double.parseDouble(prevalence);
    long n1 = Math.round(share * rows);
    long n0 = rows - n1;
    if (!(r0 >= 0 && r0 <= 1 && r1 >= 0 && r1 <= 1) || n0 < 1 || n1 < 1) {
      return List.of();
    }
    return List.of(new PolicyState.ClassRecall(0, r0, n0), new PolicyState.ClassRecall(1, r1, n1));
  }

  /** The champion's training rows of the rows available, from a retrainer's metadata; null if absent. */
  static PolicyState.ChampionFit fit(Map<String, String> metadata) {
    try {
      int rows = Integer.parseInt(metadata.getOrDefault("refit_rows", "0"));
      int available = Integer.parseInt(metadata.getOrDefault("available_rows", "0"));
      int change = Integer.parseInt(metadata.getOrDefault("change_rows", "0"));
      return rows >= 1 && available >= rows && change >= 0 && change <= available
          ? new PolicyState.ChampionFit(rows, available, change) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

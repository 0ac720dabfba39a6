package dev.mlops.metrics;

/** The family a {@link Metric} belongs to. Immutable and thread-safe. */
public enum MetricKind {
  /** Computed from class labels and predicted probabilities (binary or multiclass). */
  CLASSIFICATION,
  /** Computed from numeric targets and predictions. */
  REGRESSION
}

package dev.mlops.drift.monitor;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Data quality of one window: per feature counts, unknown feature names and the findings that
 * crossed the {@link QualityThresholds}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows rows recorded in the window
 * @param features per-feature quality, in schema order
 * @param rowsWithUnknownFeatures rows that carried at least one feature name the reference does
 *     not know
 * @param topUnknownFeatures the most frequent unknown feature names with (approximate) counts
 * @param nonFinitePredictions predictions whose monitored value was not finite
 * @param labelsOutsideClasses labels joined to a classifier's prediction whose label or predicted
 *     class lies outside the declared classes (see {@link
 *     DriftMonitor.Builder#classes(int)}): counted here, left out of the realised performance
 * @param findings one line per threshold crossed, e.g. {@code "age: missing rate 0.31 > 0.10"}
 */
public record DataQuality(
    long rows,
    List<FeatureQuality> features,
    long rowsWithUnknownFeatures,
    Map<String, Long> topUnknownFeatures,
    long nonFinitePredictions,
    long labelsOutsideClasses,
    List<String> findings) {

  /**
   * Creates a data quality without labels outside the declared classes.
   *
   * @param rows rows recorded in the window
   * @param features per-feature quality
   * @param rowsWithUnknownFeatures rows with an unknown feature name
   * @param topUnknownFeatures the most frequent unknown feature names
   * @param nonFinitePredictions predictions whose monitored value was not finite
   * @param findings one line per threshold crossed
   */
  public DataQuality(long rows, List<FeatureQuality> features, long rowsWithUnknownFeatures,
      Map<String, Long> topUnknownFeatures, long nonFinitePredictions, List<String> findings) {
    this(rows, features, rowsWithUnknownFeatures, topUnknownFeatures, nonFinitePredictions, 0,
        findings);
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a collection is null
   */
  public DataQuality {
    features = List.copyOf(features);
    topUnknownFeatures = Map.copyOf(topUnknownFeatures);
    findings = List.copyOf(findings);
  }

  /**
   * Whether any data-quality threshold was crossed.
   *
   * @return {@code true} when there are findings
   */
  public boolean alert() {
    return !findings.isEmpty();
  }

  /**
   * The quality of one feature.
   *
   * @param feature the feature name
   * @return its quality
   * @throws IllegalArgumentException if the feature is not monitored
   */
  public FeatureQuality feature(String feature) {
    Objects.requireNonNull(feature, "feature");
    for (FeatureQuality q : features) {
      if (q.feature().equals(feature)) {
        return q;
      }
    }
    throw new IllegalArgumentException("feature must be monitored: " + feature);
  }
}

package dev.mlops.drift.monitor;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.internal.Checks;
import dev.mlops.drift.internal.DriftJson;
import dev.mlops.metrics.MlopsException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of one closed window: per-feature drift, the dataset-level verdict, prediction and
 * label drift, multivariate drift, data quality and performance.
 *
 * <p>Immutable and thread-safe. {@link #toJson()} writes snake_case JSON through Jackson;
 * {@link #toText()} a plain-text summary for logs.
 *
 * @param window the window's sequence number, from 1
 * @param start when the window opened
 * @param end when the window closed
 * @param baseline what the window was compared with: {@code "reference"} or
 *     {@code "previous_window"}
 * @param records rows recorded in the window (a sampled monitor: every row it counted, see
 *     {@code sampling})
 * @param features per-feature drift, in schema order
 * @param correction the multiple-testing correction applied to the tests
 * @param alpha the nominal significance level
 * @param correctedThreshold the corrected significance level: with Bonferroni or
 *     Benjamini-Hochberg, p-values at or below it are significant; without correction it is
 *     {@code alpha} and p-values strictly below it are (Evidently's {@code p < 0.05});
 *     {@code NaN} when no feature was tested
 * @param driftShare share of tested features that drifted ({@code NaN} when none was tested)
 * @param driftShareThreshold the share at or above which the dataset drifted
 * @param datasetDrift whether the dataset drifted
 * @param prediction prediction drift, {@code null} when no prediction was recorded
 * @param label label drift of the labels joined in the window, {@code null} without a label
 *     reference
 * @param multivariate multivariate drift, {@code null} when not configured
 * @param dataQuality data quality of the window
 * @param performance realised and estimated performance
 * @param drifted whether this window counts as drifted (dataset, prediction or multivariate
 *     drift)
 * @param consecutiveDrifted drifted windows in a row up to and including this one
 * @param alert whether this window raised an alert (see {@link DriftListener#onDrift})
 * @param quantiles per numeric feature, quantiles over the whole window from a KLL sketch (empty
 *     unless {@link DriftMonitor.Builder#quantileSketch(int)} is configured)
 * @param fairness group fairness of the window's predictions and of the recent windows whose
 *     labels arrived, {@code null} unless {@link DriftMonitor.Builder#fairness} declared
 *     sensitive attributes
 * @param sampling how a sampled monitor recorded the window ({@link
 *     DriftMonitor.Builder#sampleOneIn(int)}: its statistics rest on the sampled rows), {@code
 *     null} when every row was recorded in full (the default)
 */
public record DriftReport(
    long window,
    @JsonSerialize(using = ToStringSerializer.class) Instant start,
    @JsonSerialize(using = ToStringSerializer.class) Instant end,
    String baseline,
    long records,
    List<FeatureDrift> features,
    Correction correction,
    double alpha,
    double correctedThreshold,
    double driftShare,
    double driftShareThreshold,
    boolean datasetDrift,
    FeatureDrift prediction,
    FeatureDrift label,
    MultivariateDrift multivariate,
    DataQuality dataQuality,
    Performance performance,
    boolean drifted,
    int consecutiveDrifted,
    boolean alert,
    List<FeatureQuantiles> quantiles,
    FairnessWindow fairness,
    Sampling sampling) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required component is null
   */
  public DriftReport {
    Checks.nonNull("start", start, "end", end, "baseline", baseline, "correction", correction,
        "dataQuality", dataQuality, "performance", performance);
    features = List.copyOf(features);
    quantiles = List.copyOf(quantiles);
  }

  /**
   * The drift of one feature.
   *
   * @param name the feature name
   * @return its drift, empty when the feature is not monitored
   */
  public Optional<FeatureDrift> feature(String name) {
    for (FeatureDrift f : features) {
      if (f.feature().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The features that drifted.
   *
   * @return the drifted features, in schema order
   */
  public List<FeatureDrift> driftedFeatures() {
    return features.stream().filter(FeatureDrift::drifted).toList();
  }

  /**
   * Group fairness of the window.
   *
   * @return the fairness part, empty unless the monitor declared sensitive attributes
   */
  public Optional<FairnessWindow> fairnessWindow() {
    return Optional.ofNullable(fairness);
  }

  /**
   * Prediction drift.
   *
   * @return prediction drift, empty when no prediction was recorded
   */
  public Optional<FeatureDrift> predictionDrift() {
    return Optional.ofNullable(prediction);
  }

  /**
   * The report as JSON.
   *
   * <p>Schema: one object whose properties are this record's components in snake_case ({@code
   * window}, {@code start}, {@code end} (ISO-8601), {@code baseline}, {@code records}, {@code
   * features} (array of {@link FeatureDrift}: {@code feature}, {@code kind}, {@code test}, {@code
   * statistic}, {@code p_value}, {@code threshold} (these three of the distribution test named by
   * {@code test}), {@code effect_size}, {@code min_effect_size}, {@code n_reference}, {@code
   * n_current}, {@code status}, {@code reason}, {@code scale} (the {@link ScaleDrift scale check}:
   * {@code log_sd_ratio}, {@code lower}, {@code upper}, {@code p_value}, {@code alpha}, {@code
   * status}, {@code origin}; or null when it did not run), {@code fired_checks} (array of the keys
   * of the checks that fired: the test's key and/or {@code "scale"}; empty unless the status is
   * {@code DRIFT})), {@code correction},
   * {@code alpha}, {@code corrected_threshold}, {@code drift_share}, {@code
   * drift_share_threshold}, {@code dataset_drift}, {@code prediction} and {@code label} (a
   * feature object or null), {@code multivariate} (or null), {@code data_quality}, {@code
   * performance}, {@code drifted}, {@code consecutive_drifted}, {@code alert}, {@code
   * quantiles}, {@code fairness} (the {@link FairnessWindow#toJson()} object, or null)), nested
   * records likewise. Numbers are JSON numbers; a number that is not finite
   * is {@code null} with {@code <name>_non_finite} ({@code "NaN"}, {@code "Infinity"} or {@code
   * "-Infinity"}) beside it — never a string in its place (a constant window's {@code
   * log_sd_ratio} is {@code null} with {@code "-Infinity"} beside it). Documents written before
   * {@code scale} and {@code fired_checks} existed still read: no scale check, and the test fired
   * exactly when the status is {@code DRIFT}. A feature's undefined statistic or
   * p-value is explained by its {@code reason}; {@code drift_share} and {@code
   * corrected_threshold} are undefined exactly when no feature was tested. {@link
   * #fromJson(String)} reads it back to an equal report.
   *
   * @return the JSON text
   * @throws MlopsException if Jackson fails (not expected for these records)
   */
  public String toJson() {
    return DriftJson.write(this, "drift report of window " + window);
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the report, equal to the one written (non-finite numbers restored)
   * @throws IllegalArgumentException if {@code json} is not such a report
   * @throws NullPointerException if {@code json} is null
   */
  public static DriftReport fromJson(String json) {
    return DriftJson.read(Objects.requireNonNull(json, "json must not be null"), DriftReport.class);
  }

  /**
   * A plain-text summary: verdicts, one line per feature with test, status (a drifted feature's
   * fired checks in brackets, e.g. {@code DRIFT [scale]}), the test's statistic, p-value and
   * threshold, effect size, counts and the reason (with the scale check's numbers), then quality
   * findings and performance.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "Drift report, window %d [%s .. %s], %d records, baseline %s%n",
        window, start, end, records, baseline));
    if (sampling != null) {
      sb.append(String.format(Locale.ROOT,
          "sampled 1 in %d: statistics on %d of the %d records (n cur)%n", sampling.oneIn(),
          sampling.sampledRows(), sampling.countedRows()));
    }
    sb.append(String.format(Locale.ROOT,
        "dataset drift: %s (%s of features drifted, threshold %s; %s correction, alpha %s,"
            + " corrected threshold %s)%s%n",
        datasetDrift ? "YES" : "no", fmt(driftShare), fmt(driftShareThreshold),
        correction.name().toLowerCase(Locale.ROOT), fmt(alpha), fmt(correctedThreshold),
        alert ? " ALERT" : ""));
    sb.append(String.format(Locale.ROOT, "%-24s %-22s %-18s %10s %10s %10s %10s %8s %8s  %s%n",
        "feature", "test", "status", "statistic", "p-value", "threshold", "effect", "n ref",
        "n cur", "reason"));
    for (FeatureDrift f : features) {
      line(sb, f);
    }
    if (prediction != null) {
      line(sb, prediction);
    }
    if (label != null) {
      line(sb, label);
    }
    if (multivariate != null) {
      sb.append(String.format(Locale.ROOT,
          "multivariate (PCA, %d components): %s, error %s, reference %s +- 3 x %s, %d rows; %s%n",
          multivariate.components(), multivariate.status(),
          fmt(multivariate.reconstructionError()), fmt(multivariate.referenceMean()),
          fmt(multivariate.referenceStd()), multivariate.rows(), multivariate.reason()));
    }
    if (dataQuality.alert()) {
      sb.append("data quality findings:").append(System.lineSeparator());
      for (String finding : dataQuality.findings()) {
        sb.append("  ").append(finding).append(System.lineSeparator());
      }
    } else {
      sb.append("data quality: no findings").append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT,
        "performance: %d labelled, %d pending, %d expired; realised %s; estimated %s%n",
        performance.labelled(), performance.pending(), performance.expired(),
        metrics(performance.realised()), metrics(performance.estimated())));
    if (performance.lateLabels() > 0 || performance.labelsBeyondHorizon() > 0) {
      sb.append(String.format(Locale.ROOT,
          "  labels of earlier windows' predictions: %d credited to them, %d beyond the label"
              + " horizon%n", performance.lateLabels(), performance.labelsBeyondHorizon()));
    }
    if (performance.accuracyEstimate() != null) {
      sb.append("  ").append(performance.accuracyEstimate().toText())
          .append(System.lineSeparator());
    } else if (!performance.estimated().isEmpty()) {
      // an estimate without an interval says why
      sb.append("  estimated by ").append(performance.estimationMethod())
          .append(System.lineSeparator());
    }
    if (fairness != null) {
      sb.append(fairness.toText());
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, FeatureDrift f) {
    // which checks fired, e.g. "DRIFT [scale]": statistic and threshold are the test's
    String status = f.drifted() ? f.status() + " [" + String.join(", ", f.firedChecks()) + "]"
        : f.status().name();
    sb.append(String.format(Locale.ROOT, "%-24s %-22s %-18s %10s %10s %10s %10s %8d %8d  %s%n",
        f.feature(), f.test(), status, fmt(f.statistic()), fmt(f.pValue()),
        fmt(f.threshold()), fmt(f.effectSize()), f.nReference(), f.nCurrent(), f.reason()));
  }

  private static String metrics(Map<String, Double> m) {
    if (m.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ")
            .append(e.getKey()).append('=').append(fmt(e.getValue())));
    return sb.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v != 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}

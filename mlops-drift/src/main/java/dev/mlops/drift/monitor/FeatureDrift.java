package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison of one feature (or of the prediction or the label) in one window with its
 * baseline.
 *
 * <p>A feature has one or two checks. The <em>distribution test</em> is always there: its key is
 * {@link #test()} and its numbers are {@link #statistic()}, {@link #pValue()} and {@link
 * #threshold()} — these fields always describe that test, whichever check decided, so that a
 * series of {@code statistic()} over windows stays one quantity. A numeric feature whose threshold
 * is calibrated also has the {@linkplain ScaleDrift scale check} ({@link #scale()}). The feature
 * drifts when any of its checks fires; {@link #firedChecks()} names those that did ({@link
 * #test()} and/or {@link ScaleDrift#KEY}), and {@link #evidence()} gives their numbers. A
 * consumer that shows one number per feature should show the numbers of the fired checks: when
 * only the scale check fired, {@code statistic()} is below {@code threshold()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param feature the feature name ({@code "__prediction__"} / {@code "__label__"} for the
 *     prediction and label)
 * @param kind {@code "numeric"} or {@code "categorical"}
 * @param test the distribution test's key ({@link dev.mlops.drift.stat.DriftStatistic#key()}),
 *     e.g. {@code "ks"}
 * @param statistic the distribution test's statistic ({@code NaN} when not computed)
 * @param pValue the distribution test's p-value ({@code NaN} for distances or when not computed)
 * @param threshold the threshold the distribution test's verdict used: the corrected significance
 *     level for a test, the distance threshold for a distance
 * @param effectSize the effect size, always computed when data allow: normed Wasserstein
 *     distance for numeric features, Jensen-Shannon distance for categorical ones
 * @param minEffectSize the minimum effect size of the combined rule ({@code 0} when not used)
 * @param nReference values in the baseline
 * @param nCurrent valid values in the window
 * @param status the verdict: {@link DriftStatus#DRIFT} when any check fired
 * @param reason one line explaining the verdict, with the numbers of every check (the fired
 *     ones first)
 * @param scale the scale check, {@code null} when it did not run (categorical feature,
 *     prediction or label, threshold not calibrated by the monitor (fixed rules, or a
 *     per-feature threshold, which includes {@code ThresholdCalibrator.applyTo}),
 *     previous-window baseline, no usable calibration band, or a window without a finite
 *     positive standard deviation)
 * @param firedChecks the keys of the checks that fired, the distribution test's first: empty
 *     unless {@code status} is DRIFT; {@code null} is read as "derived from {@code status} and
 *     {@code scale}" (the test fired when DRIFT and the scale check did not), which is how JSON
 *     written before this component existed reads
 */
public record FeatureDrift(
    String feature,
    String kind,
    String test,
    double statistic,
    double pValue,
    double threshold,
    double effectSize,
    double minEffectSize,
    long nReference,
    long nCurrent,
    DriftStatus status,
    String reason,
    ScaleDrift scale,
    List<String> firedChecks) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required reference component is null
   * @throws IllegalArgumentException if a count is negative, or {@code firedChecks} disagrees
   *     with {@code status} or {@code scale}, or names a check the feature does not have
   */
  public FeatureDrift {
    Checks.nonNull("feature", feature, "kind", kind, "test", test, "status", status,
        "reason", reason);
    if (nReference < 0 || nCurrent < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: nReference " + nReference + ", nCurrent " + nCurrent);
    }
    firedChecks = firedChecks == null ? derived(test, status, scale) : List.copyOf(firedChecks);
    boolean scaleFired = scale != null && scale.drifted();
    if (status == DriftStatus.DRIFT == firedChecks.isEmpty()
        || scaleFired != firedChecks.contains(ScaleDrift.KEY)
        || new HashSet<>(firedChecks).size() != firedChecks.size()
        || !firedChecks.stream().allMatch(c -> c.equals(test) || c.equals(ScaleDrift.KEY))) {
      throw new IllegalArgumentException("fired checks of " + feature + " must name the checks "
          + "that fired (" + test + ", " + ScaleDrift.KEY + ") and be non-empty exactly when the "
          + "status is DRIFT: " + firedChecks + ", status " + status + ", scale check "
          + (scale == null ? "absent" : scale.status()));
    }
  }

  /**
   * A feature with its distribution test only (no scale check): the test fired when {@code
   * status} is DRIFT. The constructor of the components before the scale check existed.
   *
   * @param feature the feature name
   * @param kind {@code "numeric"} or {@code "categorical"}
   * @param test the distribution test's key
   * @param statistic the test's statistic
   * @param pValue the test's p-value
   * @param threshold the test's threshold
   * @param effectSize the effect size
   * @param minEffectSize the minimum effect size of the combined rule
   * @param nReference values in the baseline
   * @param nCurrent valid values in the window
   * @param status the verdict
   * @param reason the verdict in words
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if a count is negative
   */
  public FeatureDrift(String feature, String kind, String test, double statistic, double pValue,
      double threshold, double effectSize, double minEffectSize, long nReference, long nCurrent,
      DriftStatus status, String reason) {
    this(feature, kind, test, statistic, pValue, threshold, effectSize, minEffectSize, nReference,
        nCurrent, status, reason, null, null);
  }

  private static List<String> derived(String test, DriftStatus status, ScaleDrift scale) {
    List<String> fired = new ArrayList<>(2);
    boolean scaleFired = scale != null && scale.drifted();
    if (status == DriftStatus.DRIFT && !scaleFired) {
      fired.add(test);
    }
    if (scaleFired) {
      fired.add(ScaleDrift.KEY);
    }
    return List.copyOf(fired);
  }

  /**
   * Whether the feature drifted (any check fired).
   *
   * @return {@code true} when {@link #status()} is {@link DriftStatus#DRIFT}
   */
  public boolean drifted() {
    return status == DriftStatus.DRIFT;
  }

  /**
   * Whether the distribution test ({@link #test()}, {@link #statistic()}, {@link #threshold()})
   * fired.
   *
   * @return {@code true} when {@link #firedChecks()} contains {@link #test()}
   */
  public boolean testDrifted() {
    return firedChecks.contains(test);
  }

  /**
   * Whether the scale check fired.
   *
   * @return {@code true} when {@link #firedChecks()} contains {@link ScaleDrift#KEY}
   */
  public boolean scaleDrifted() {
    return firedChecks.contains(ScaleDrift.KEY);
  }

  /**
   * The scale check.
   *
   * @return the scale check, empty when it did not run (see {@link #scale()})
   */
  public Optional<ScaleDrift> scaleCheck() {
    return Optional.ofNullable(scale);
  }

  /**
   * The checks that fired with their numbers, e.g. {@code "wasserstein 0.2100 >= 0.1000"},
   * {@code "scale: log sd ratio 0.3466 outside [-0.1100, 0.0950], p-value 1.20e-05"} or both
   * joined by {@code "; "}.
   *
   * @return the fired checks in words, empty when none fired
   */
  public String evidence() {
    List<String> parts = new ArrayList<>(2);
    if (testDrifted()) {
      parts.add(Double.isNaN(pValue)
          ? String.format(Locale.ROOT, "%s %s >= %s", test, DriftReport.fmt(statistic),
              DriftReport.fmt(threshold))
          : String.format(Locale.ROOT, "%s %s, p-value %s (threshold %s)", test,
              DriftReport.fmt(statistic), DriftReport.fmt(pValue), DriftReport.fmt(threshold)));
    }
    if (scaleDrifted()) {
      parts.add(String.format(Locale.ROOT, "%s: log sd ratio %s outside [%s, %s], p-value %s",
          ScaleDrift.KEY, DriftReport.fmt(scale.logSdRatio()), DriftReport.fmt(scale.lower()),
          DriftReport.fmt(scale.upper()), DriftReport.fmt(scale.pValue())));
    }
    return String.join("; ", parts);
  }
}

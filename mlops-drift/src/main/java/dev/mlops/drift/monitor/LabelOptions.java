package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of {@link DriftMonitor.Builder} about predictions and their delayed labels: the
 * pending-label store's bounds, the classes, the classification threshold, the label-free
 * performance estimator and the realised metrics. Each setter validates its argument at once. Not
 * thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class LabelOptions<B extends LabelOptions<B>> extends DecisionOptions<B> {

  LabelOptions(ReferenceProfile profile) {
    super(profile);
  }

  /**
   * Bounds on predictions waiting for labels (default 100,000 and one day): beyond the count
   * the oldest are evicted, beyond the age they expire; both are reported as expired.
   *
   * @param maxPending at least 1
   * @param timeout at least 1 ms
   * @return this builder
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if a bound is not positive
   */
  public B pendingLabels(int maxPending, Duration timeout) {
    requireArgument(maxPending >= 1, "max pending labels must be at least 1: " + maxPending);
    Objects.requireNonNull(timeout, "label timeout must not be null");
    requireArgument(timeout.toMillis() >= 1, "label timeout must be at least 1 ms: " + timeout);
    this.maxPending = maxPending;
    this.pendingTimeout = timeout;
    return self();
  }

  /**
   * How many closed windows still take their late labels (default {@value
   * MonitorOptions#DEFAULT_LABEL_HORIZON}). A label is credited to the window its prediction was
   * recorded in: the window's report at its close has the labels that arrived by then; a label
   * that arrives later, while that window is among the last {@code windows} closed, is added to
   * it, and its labelled performance (realised metrics, and the accuracy estimate's realised
   * accuracy and error) is updated and told to {@link DriftListener#onLabelledWindow} after the
   * next window's report (read it any time with {@link DriftMonitor#labelledWindows()}). A label
   * whose prediction's window closed longer ago is counted ({@link
   * Performance#labelsBeyondHorizon()}, {@link DriftMonitor#labelsBeyondHorizon()}) and credited to
   * no window. For sliding windows the unit is the step (pane). Memory: per window within the
   * horizon, its labelled pairs, at most {@code min(reservoirSize, predictions in the window)}
   * rows of 4 numbers (plus the kept class probabilities): 320 KB per window at the default
   * reservoir of 10,000 with windows of 10,000 predictions or more, 16 KB for windows of 500.
   *
   * @param windows at least 1, at most 1,000
   * @return this builder
   * @throws IllegalArgumentException if {@code windows} is outside [1, 1000]
   */
  public B labelHorizon(int windows) {
    requireArgument(windows >= 1 && windows <= 1_000,
        "label horizon must be in [1, 1000] windows: " + windows);
    this.labelHorizon = windows;
    return self();
  }

  /**
   * Bound on the memory held by predictions waiting for labels, in bytes (default 32 MiB =
   * 33,554,432). Each pending prediction is charged 100 bytes plus two per character of its request id; an id longer than 256 characters is kept as the 71 characters of {@code "sha256:"}
   * and its hex SHA-256 (counted by {@link DriftMonitor#hashedRequestIds()}). Beyond the bound the
   * oldest predictions are evicted and counted as expired ({@link Performance#expired()}), as
   * beyond the count bound of {@link #pendingLabels}; {@link DriftMonitor#pendingLabelBytes()}
   * tells the bytes held.
   *
   * @param bytes in [65536, 2^40]
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is outside [65536, 2^40]
   */
  public B pendingLabelBytes(long bytes) {
    requireArgument(bytes >= MIN_PENDING_BYTES && bytes <= MAX_PENDING_BYTES,
        "pending label bytes must be in [65536, 1099511627776]: " + bytes);
    this.pendingBytes = bytes;
    return self();
  }

  /**
   * Declares the classes of a classifier's predictions and labels: class indices 0 to {@code
   * count - 1}. A prediction's class or a joined label outside them (a negative, fractional or
   * too large label, {@code Prediction.ofClass(Integer.MAX_VALUE - 1)}) is counted as a
   * data-quality finding ({@link DataQuality#labelsOutsideClasses()}) and left out of the realised
   * performance; nothing is ever sized by it. Default: the classes of the profile's categorical
   * prediction or label reference (the larger of its category count and its largest integer
   * category + 1, at most 1,024); without such a reference, 256. {@link
   * DriftMonitor.Builder#build()} refuses a count smaller than the reference's classes.
   *
   * @param count in [2, 1024]
   * @return this builder
   * @throws IllegalArgumentException if {@code count} is outside [2, 1024]
   */
  public B classes(int count) {
    requireArgument(count >= 2 && count <= MAX_CLASSES, "classes must be in [2, 1024]: " + count);
    this.classes = count;
    return self();
  }

  /**
   * Decision threshold on P(class 1) for estimated binary performance (default 0.5).
   *
   * @param threshold in [0, 1]
   * @return this builder
   * @throws IllegalArgumentException if {@code threshold} is outside [0, 1]
   */
  public B classificationThreshold(double threshold) {
    requireArgument(threshold >= 0 && threshold <= 1,
        "classification threshold must be in [0, 1]: " + threshold);
    this.classificationThreshold = threshold;
    return self();
  }

  /**
   * Label-free performance of a binary classifier from its probabilities, calibrated on reference
   * data (NannyML's CBPE after isotonic calibration): each window's {@link
   * Performance#estimated()} accuracy, precision, recall and F1 use the calibrated probabilities,
   * and {@link Performance#accuracyEstimate()} gives the accuracy's interval and, when the
   * window has labels, the realised accuracy and the estimate's error. The estimator's
   * classification threshold replaces {@link #classificationThreshold}. Without an estimator, the
   * monitor calibrates one on the profile's {@link ReferenceProfile#estimateSample() estimate
   * sample} when it has one (the default, see {@link #withoutProfileEstimate()}); else the raw
   * probabilities are taken as calibrated and no interval is given.
   *
   * @param estimator e.g. {@code PerformanceEstimator.of(ProbabilityCalibration.isotonic(
   *     referenceScores, referenceLabels), 0.5, 0.95)}
   * @return this builder
   * @throws NullPointerException if {@code estimator} is null
   */
  public B performanceEstimator(dev.mlops.drift.decision.PerformanceEstimator estimator) {
    this.estimator = Objects.requireNonNull(estimator, "performance estimator must not be null");
    this.classificationThreshold = estimator.threshold();
    return self();
  }

  /**
   * Opts out of the default label-free estimate calibrated on the profile's {@link
   * ReferenceProfile#estimateSample() estimate sample}. By default, when the profile holds one
   * (reference rows with the model's out-of-sample score, the label and the features) and no
   * {@link #performanceEstimator} is given, the monitor fits an isotonic calibration on it (of
   * the probability of class 1 at {@link #classificationThreshold} for a binary sample; of the
   * top-class probability against correctness for a top-label one, any number of classes), with
   * a 95% interval widened by the {@code PerformanceEstimator.withFeatureCheck} allowance
   * measured on the same rows and by the share of rows beyond the reference's range. With this
   * option the windows get the raw probabilities' confidence-based estimate and no interval.
   *
   * @return this builder
   */
  public B withoutProfileEstimate() {
    this.profileEstimate = false;
    return self();
  }

  /**
   * Calibrates the label-free estimate on reference scores and labels ({@link
   * #performanceEstimator} with isotonic calibration, this builder's classification threshold and
   * a 95% interval).
   *
   * @param referenceScores the model's positive-class probabilities on reference rows
   * @param referenceLabels their true classes, 0 or 1
   * @return this builder
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, fewer than 2
   *     finite scores remain, or the classification threshold is 0 or 1
   */
  public B performanceEstimator(double[] referenceScores, int[] referenceLabels) {
    return performanceEstimator(dev.mlops.drift.decision.PerformanceEstimator.of(
        dev.mlops.drift.decision.ProbabilityCalibration.isotonic(referenceScores,
            referenceLabels), classificationThreshold, 0.95));
  }

  /**
   * Adds metrics to compute on each window's labelled predictions, beside the built-in realised
   * ones (accuracy, precision, recall, F1, ROC AUC; macro F1; MAE, RMSE, R2, mean error): a
   * {@link dev.mlops.metrics.CustomMetric} or any other built-in. Each is evaluated by
   * {@link Metric#evaluate(dev.mlops.metrics.MetricData)} on the window's joined pairs: binary data
   * with the predicted probability of class 1 (at {@link #classificationThreshold(double)}) when
   * every pair carries one; multiclass data with the class probabilities when the predictions are
   * recorded as {@link Prediction#ofProbabilities(double[]) probabilities} of 3 to 64 declared
   * classes ({@code classes(int)}; kept beside the pending prediction only when a realised metric
   * is declared, within the pending-label limits); predicted classes otherwise; actual and
   * predicted values for a regressor. The value lands in {@link Performance#realised()} under the metric's key; a metric of
   * the other kind, one undefined on the window, or a user function that fails is listed in
   * {@link Performance#undefined()} with the reason, never failing the window.
   *
   * <pre>{@code
   * DriftMonitor.builder(profile).realisedMetrics(costWeightedError).build();
   * }</pre>
   *
   * @param metrics the metrics, each key at most once over all calls
   * @return this builder
   * @throws NullPointerException if {@code metrics} or one of them is null
   * @throws IllegalArgumentException if a key was already added
   */
  public B realisedMetrics(Metric... metrics) {
    Objects.requireNonNull(metrics, "realised metrics must not be null");
    List<Metric> all = new ArrayList<>(realisedMetrics);
    for (Metric m : metrics) {
      Objects.requireNonNull(m, "realised metric must not be null");
      for (Metric added : all) {
        requireArgument(!added.key().equals(m.key()),
            "realised metric must be added once: " + m.key());
      }
      all.add(m);
    }
    realisedMetrics.clear();
    realisedMetrics.addAll(all);
    return self();
  }
}

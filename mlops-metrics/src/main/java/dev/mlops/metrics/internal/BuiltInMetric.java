package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import java.util.Locale;

/**
 * The built-in metrics behind the constants of {@link Metric} ({@code Metric.ROC_AUC} is
 * {@code BuiltInMetric.ROC_AUC}). Not API: user code names them through {@link Metric}; the
 * implementation switches on this enum. Immutable and thread-safe.
 */
public enum BuiltInMetric implements Metric {
  /** Fraction of correct predictions ({@code accuracy_score}). */
  ACCURACY(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** Mean recall over the classes present in the labels ({@code balanced_accuracy_score}). */
  BALANCED_ACCURACY(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** TP / (TP + FP) of the positive class ({@code precision_score}, zero_division=0). */
  PRECISION(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** TP / (TP + FN), the true positive rate ({@code recall_score}, zero_division=0). */
  RECALL(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** TN / (TN + FP), the true negative rate. */
  SPECIFICITY(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** FP / (FP + TN), the false positive rate. */
  FPR(MetricKind.CLASSIFICATION, false, 0, 1, true),
  /** FN / (FN + TP), the false negative rate. */
  FNR(MetricKind.CLASSIFICATION, false, 0, 1, true),
  /** Harmonic mean of precision and recall ({@code f1_score}, zero_division=0). */
  F1(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** F-beta score with the evaluation's beta (default 1) ({@code fbeta_score}, zero_division=0). */
  F_BETA(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Matthews correlation coefficient ({@code matthews_corrcoef}; 0 when its denominator is 0). */
  MCC(MetricKind.CLASSIFICATION, true, -1, 1, false),
  /** Cohen's kappa between labels and predictions ({@code cohen_kappa_score}). */
  COHEN_KAPPA(MetricKind.CLASSIFICATION, true, -1, 1, false),
  /**
   * Cross-entropy ({@code log_loss(eps='auto')}, scikit-learn 1.2 and later): probabilities clipped to
   * [eps, 1 - eps] with eps the float64 machine epsilon 2.220446049250313e-16 (multiclass rows renormalised).
   */
  LOG_LOSS(MetricKind.CLASSIFICATION, false, 0, Double.POSITIVE_INFINITY, false),
  /**
   * Brier score: mean squared difference between the probability vector and the one-hot label
   * ({@code brier_score_loss}); in [0, 1] for binary, [0, 2] for multiclass (summed over classes).
   */
  BRIER(MetricKind.CLASSIFICATION, false, 0, 2, false),
  /** Area under the ROC curve, ties counted half, trapezoid rule ({@code roc_auc_score}). */
  ROC_AUC(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Step-wise average precision {@code sum (R_n - R_n-1) P_n} ({@code average_precision_score}). */
  AVERAGE_PRECISION(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /**
   * Fraction of rows whose label is the positive class. Descriptive, not a quality measure:
   * {@link #greaterIsBetter()} is {@code true} only by convention.
   */
  PREVALENCE(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** Unweighted mean of per-class precision ({@code precision_score(average='macro')}). */
  MACRO_PRECISION(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Unweighted mean of per-class recall ({@code recall_score(average='macro')}). */
  MACRO_RECALL(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Unweighted mean of per-class F1 ({@code f1_score(average='macro')}). */
  MACRO_F1(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** F1 of the pooled counts ({@code f1_score(average='micro')}); equals accuracy for single-label data. */
  MICRO_F1(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /**
   * Precision of the pooled counts ({@code precision_score(average='micro')}); equals accuracy for
   * single-label data (binary or multiclass), since every false positive of one class is a false
   * negative of another.
   */
  MICRO_PRECISION(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Recall of the pooled counts ({@code recall_score(average='micro')}); equals accuracy for single-label data. */
  MICRO_RECALL(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Support-weighted mean of per-class precision ({@code precision_score(average='weighted')}). */
  WEIGHTED_PRECISION(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Support-weighted mean of per-class recall ({@code recall_score(average='weighted')}). */
  WEIGHTED_RECALL(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Support-weighted mean of per-class F1 ({@code f1_score(average='weighted')}). */
  WEIGHTED_F1(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Fraction of rows whose label is among the k most probable classes ({@code top_k_accuracy_score}). */
  TOP_K_ACCURACY(MetricKind.CLASSIFICATION, true, 0, 1, true),
  /** One-vs-rest ROC AUC averaged over classes ({@code roc_auc_score(multi_class='ovr', average='macro')}). */
  ROC_AUC_OVR_MACRO(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** One-vs-rest ROC AUC weighted by class prevalence ({@code roc_auc_score(multi_class='ovr', average='weighted')}). */
  ROC_AUC_OVR_WEIGHTED(MetricKind.CLASSIFICATION, true, 0, 1, false),
  /** Mean absolute error ({@code mean_absolute_error}). */
  MAE(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Mean squared error ({@code mean_squared_error}). */
  MSE(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Square root of the mean squared error ({@code root_mean_squared_error}). */
  RMSE(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Coefficient of determination ({@code r2_score}, force_finite=True). */
  R2(MetricKind.REGRESSION, true, Double.NEGATIVE_INFINITY, 1, false),
  /**
   * Mean absolute percentage error as a fraction, not a percentage
   * ({@code mean_absolute_percentage_error}: {@code |y - p| / max(|y|, 2.22e-16)}).
   */
  MAPE(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Median absolute error ({@code median_absolute_error}). */
  MEDIAN_ABSOLUTE_ERROR(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Largest absolute error ({@code max_error}). */
  MAX_ERROR(MetricKind.REGRESSION, false, 0, Double.POSITIVE_INFINITY, false),
  /** Explained variance ({@code explained_variance_score}, force_finite=True). */
  EXPLAINED_VARIANCE(MetricKind.REGRESSION, true, Double.NEGATIVE_INFINITY, 1, false),
  /**
   * Mean of the residuals {@code actual - predicted} (bias): positive when the model under-predicts.
   * Best at 0; {@link #greaterIsBetter()} is {@code false} and refers to its absolute value.
   */
  MEAN_ERROR(MetricKind.REGRESSION, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false),
  /**
   * Expected calibration error: the count-weighted mean over non-empty bins of
   * {@code |fraction of positives - mean predicted probability|} (no scikit-learn namesake).
   */
  EXPECTED_CALIBRATION_ERROR(MetricKind.CLASSIFICATION, false, 0, 1, false),
  /** Maximum calibration error: the largest such gap over non-empty bins. */
  MAXIMUM_CALIBRATION_ERROR(MetricKind.CLASSIFICATION, false, 0, 1, false);

  private final MetricKind kind;
  private final boolean greaterIsBetter;
  private final double lowerBound;
  private final double upperBound;
  private final boolean proportion;
  private final String key;

  BuiltInMetric(MetricKind kind, boolean greaterIsBetter, double lowerBound, double upperBound,
      boolean proportion) {
    this.kind = kind;
    this.greaterIsBetter = greaterIsBetter;
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
    this.proportion = proportion;
    this.key = name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the built-in constant behind a metric, for the implementation's switches.
   *
   * @param metric a metric
   * @return the same metric as a built-in
   * @throws IllegalArgumentException if the metric is a user-defined one
   */
  public static BuiltInMetric of(Metric metric) {
    if (metric instanceof BuiltInMetric builtIn) {
      return builtIn;
    }
    throw new IllegalArgumentException("metric must be a built-in metric here: " + metric.key());
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean greaterIsBetter() {
    return greaterIsBetter;
  }

  @Override
  public double lowerBound() {
    return lowerBound;
  }

  @Override
  public double upperBound() {
    return upperBound;
  }

  @Override
  public MetricKind kind() {
    return kind;
  }

  @Override
  public boolean isProportion() {
    return proportion;
  }

  @Override
  public boolean isBuiltIn() {
    return true;
  }

  @Override
  public MetricValue evaluate(MetricData data) {
    return BuiltInEvaluation.evaluate(this, data);
  }
}

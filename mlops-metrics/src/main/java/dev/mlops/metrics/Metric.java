package dev.mlops.metrics;

import java.util.Locale;

/**
 * Every metric mlops-java computes, with its stable snake_case {@link #key() key}, its direction
 * ({@link #greaterIsBetter()}), its range and its {@link MetricKind kind}.
 *
 * <p>Unless its Javadoc says otherwise, a metric has the semantics of the scikit-learn function of
 * the same name (for example {@link #ROC_AUC} is {@code sklearn.metrics.roc_auc_score}). The pure
 * functions that compute them live in {@link BinaryMetrics}, {@link MulticlassMetrics},
 * {@link RegressionMetrics}, {@link CalibrationMetrics} and {@link BinaryRanking}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Metric {
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
  /** Cross-entropy, probabilities clipped to [1e-15, 1 - 1e-15] ({@code log_loss}). */
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

  Metric(MetricKind kind, boolean greaterIsBetter, double lowerBound, double upperBound,
      boolean proportion) {
    this.kind = kind;
    this.greaterIsBetter = greaterIsBetter;
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
    this.proportion = proportion;
  }

  /**
   * Returns the stable snake_case key used in JSON and reports, e.g. {@code "roc_auc"}.
   *
   * @return the lower-case name of the constant
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells the direction of improvement.
   *
   * @return {@code true} if a greater value means a better model
   */
  public boolean greaterIsBetter() {
    return greaterIsBetter;
  }

  /**
   * Returns the smallest value the metric can take.
   *
   * @return the lower bound, possibly {@link Double#NEGATIVE_INFINITY}
   */
  public double lowerBound() {
    return lowerBound;
  }

  /**
   * Returns the largest value the metric can take.
   *
   * @return the upper bound, possibly {@link Double#POSITIVE_INFINITY}
   */
  public double upperBound() {
    return upperBound;
  }

  /**
   * Returns the metric's family.
   *
   * @return classification or regression
   */
  public MetricKind kind() {
    return kind;
  }

  /**
   * Tells whether the metric is a proportion of counts (successes / trials), for which a Wilson
   * score interval is available on unweighted data.
   *
   * @return {@code true} for accuracy, precision, recall, specificity, FPR, FNR, prevalence and top-k accuracy
   */
  public boolean isProportion() {
    return proportion;
  }

  /**
   * Finds a metric by its {@link #key() key}.
   *
   * @param key a snake_case key such as {@code "roc_auc"}
   * @return the metric
   * @throws IllegalArgumentException if no metric has that key
   */
  public static Metric fromKey(String key) {
    for (Metric metric : values()) {
      if (metric.key().equals(key)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("metric key must be one of the Metric keys: " + key);
  }
}

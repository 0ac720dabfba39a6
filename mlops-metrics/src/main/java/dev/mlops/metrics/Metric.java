package dev.mlops.metrics;

import dev.mlops.metrics.internal.BuiltInMetric;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A model-quality metric: its stable snake_case {@link #key() key}, its direction
 * ({@link #greaterIsBetter()}), its range, its {@link MetricKind kind} and how it is
 * {@link #evaluate(MetricData) computed} from labels, scores, predictions and sample weights.
 *
 * <p>The built-in metrics are the constants of this interface ({@link #ROC_AUC}, {@link #RMSE}...).
 * Unless its Javadoc says otherwise, a built-in metric has the semantics of the scikit-learn
 * function of the same name (for example {@link #ROC_AUC} is {@code sklearn.metrics.roc_auc_score}).
 * The pure functions that compute them live in {@link BinaryMetrics}, {@link MulticlassMetrics},
 * {@link RegressionMetrics}, {@link CalibrationMetrics} and {@link BinaryRanking}.
 *
 * <p>User-defined metrics are built with {@link CustomMetric#builder(String, MetricKind)} and are
 * accepted wherever a built-in is: evaluations (with bootstrap intervals), {@code ModelTest}
 * expectations, slices, champion comparison, JSON (readers take the custom metrics to resolve their
 * keys), the pipeline's gate, the drift monitor and the retraining loop.
 *
 * <pre>{@code
 * Metric costWeightedError = CustomMetric.builder("cost_weighted_error", MetricKind.CLASSIFICATION)
 *     .lowerIsBetter()
 *     .range(0, 5)
 *     .computedBy(data -> {
 *       double cost = 0, weight = 0;
 *       for (int i = 0; i < data.size(); i++) {
 *         int y = data.label(i), p = data.prediction(i);
 *         cost += data.weight(i) * (y == 1 && p == 0 ? 5 : y == 0 && p == 1 ? 1 : 0);
 *         weight += data.weight(i);
 *       }
 *       return cost / weight;
 *     })
 *     .build();
 * MetricValue v = costWeightedError.evaluate(MetricData.binary(labels, scores));  // any metric, one call
 * MetricValue auc = Metric.ROC_AUC.evaluate(MetricData.binary(labels, scores).withWeights(weights));
 * }</pre>
 *
 * <p>Two metrics are the same metric when they are the same object; keys are unique among the
 * built-ins and the custom metrics of one evaluation. Implementations must be immutable and
 * thread-safe; the built-ins and {@link CustomMetric} are.
 */
public interface Metric {

  /** Fraction of correct predictions ({@code accuracy_score}). */
  Metric ACCURACY = BuiltInMetric.ACCURACY;

  /** Mean recall over the classes present in the labels ({@code balanced_accuracy_score}). */
  Metric BALANCED_ACCURACY = BuiltInMetric.BALANCED_ACCURACY;

  /** TP / (TP + FP) of the positive class ({@code precision_score}, zero_division=0). */
  Metric PRECISION = BuiltInMetric.PRECISION;

  /** TP / (TP + FN), the true positive rate ({@code recall_score}, zero_division=0). */
  Metric RECALL = BuiltInMetric.RECALL;

  /** TN / (TN + FP), the true negative rate. */
  Metric SPECIFICITY = BuiltInMetric.SPECIFICITY;

  /** FP / (FP + TN), the false positive rate. */
  Metric FPR = BuiltInMetric.FPR;

  /** FN / (FN + TP), the false negative rate. */
  Metric FNR = BuiltInMetric.FNR;

  /** Harmonic mean of precision and recall ({@code f1_score}, zero_division=0). */
  Metric F1 = BuiltInMetric.F1;

  /** F-beta score with the evaluation's beta (default 1) ({@code fbeta_score}, zero_division=0). */
  Metric F_BETA = BuiltInMetric.F_BETA;

  /** Matthews correlation coefficient ({@code matthews_corrcoef}; 0 when its denominator is 0). */
  Metric MCC = BuiltInMetric.MCC;

  /** Cohen's kappa between labels and predictions ({@code cohen_kappa_score}). */
  Metric COHEN_KAPPA = BuiltInMetric.COHEN_KAPPA;

  /**
   * Cross-entropy ({@code log_loss(eps='auto')}, scikit-learn 1.2 and later): probabilities clipped to
   * [eps, 1 - eps] with eps the float64 machine epsilon 2.220446049250313e-16 (multiclass rows renormalised).
   */
  Metric LOG_LOSS = BuiltInMetric.LOG_LOSS;

  /**
   * Brier score: mean squared difference between the probability vector and the one-hot label
   * ({@code brier_score_loss}); in [0, 1] for binary, [0, 2] for multiclass (summed over classes).
   */
  Metric BRIER = BuiltInMetric.BRIER;

  /** Area under the ROC curve, ties counted half, trapezoid rule ({@code roc_auc_score}). */
  Metric ROC_AUC = BuiltInMetric.ROC_AUC;

  /** Step-wise average precision {@code sum (R_n - R_n-1) P_n} ({@code average_precision_score}). */
  Metric AVERAGE_PRECISION = BuiltInMetric.AVERAGE_PRECISION;

  /**
   * Fraction of rows whose label is the positive class. Descriptive, not a quality measure:
   * {@link #greaterIsBetter()} is {@code true} only by convention.
   */
  Metric PREVALENCE = BuiltInMetric.PREVALENCE;

  /** Unweighted mean of per-class precision ({@code precision_score(average='macro')}). */
  Metric MACRO_PRECISION = BuiltInMetric.MACRO_PRECISION;

  /** Unweighted mean of per-class recall ({@code recall_score(average='macro')}). */
  Metric MACRO_RECALL = BuiltInMetric.MACRO_RECALL;

  /** Unweighted mean of per-class F1 ({@code f1_score(average='macro')}). */
  Metric MACRO_F1 = BuiltInMetric.MACRO_F1;

  /** F1 of the pooled counts ({@code f1_score(average='micro')}); equals accuracy for single-label data. */
  Metric MICRO_F1 = BuiltInMetric.MICRO_F1;

  /**
   * Precision of the pooled counts ({@code precision_score(average='micro')}); equals accuracy for
   * single-label data (binary or multiclass), since every false positive of one class is a false
   * negative of another.
   */
  Metric MICRO_PRECISION = BuiltInMetric.MICRO_PRECISION;

  /** Recall of the pooled counts ({@code recall_score(average='micro')}); equals accuracy for single-label data. */
  Metric MICRO_RECALL = BuiltInMetric.MICRO_RECALL;

  /** Support-weighted mean of per-class precision ({@code precision_score(average='weighted')}). */
  Metric WEIGHTED_PRECISION = BuiltInMetric.WEIGHTED_PRECISION;

  /** Support-weighted mean of per-class recall ({@code recall_score(average='weighted')}). */
  Metric WEIGHTED_RECALL = BuiltInMetric.WEIGHTED_RECALL;

  /** Support-weighted mean of per-class F1 ({@code f1_score(average='weighted')}). */
  Metric WEIGHTED_F1 = BuiltInMetric.WEIGHTED_F1;

  /** Fraction of rows whose label is among the k most probable classes ({@code top_k_accuracy_score}). */
  Metric TOP_K_ACCURACY = BuiltInMetric.TOP_K_ACCURACY;

  /** One-vs-rest ROC AUC averaged over classes ({@code roc_auc_score(multi_class='ovr', average='macro')}). */
  Metric ROC_AUC_OVR_MACRO = BuiltInMetric.ROC_AUC_OVR_MACRO;

  /** One-vs-rest ROC AUC weighted by class prevalence ({@code roc_auc_score(multi_class='ovr', average='weighted')}). */
  Metric ROC_AUC_OVR_WEIGHTED = BuiltInMetric.ROC_AUC_OVR_WEIGHTED;

  /** Mean absolute error ({@code mean_absolute_error}). */
  Metric MAE = BuiltInMetric.MAE;

  /** Mean squared error ({@code mean_squared_error}). */
  Metric MSE = BuiltInMetric.MSE;

  /** Square root of the mean squared error ({@code root_mean_squared_error}). */
  Metric RMSE = BuiltInMetric.RMSE;

  /** Coefficient of determination ({@code r2_score}, force_finite=True). */
  Metric R2 = BuiltInMetric.R2;

  /**
   * Mean absolute percentage error as a fraction, not a percentage
   * ({@code mean_absolute_percentage_error}: {@code |y - p| / max(|y|, 2.22e-16)}).
   */
  Metric MAPE = BuiltInMetric.MAPE;

  /** Median absolute error ({@code median_absolute_error}). */
  Metric MEDIAN_ABSOLUTE_ERROR = BuiltInMetric.MEDIAN_ABSOLUTE_ERROR;

  /** Largest absolute error ({@code max_error}). */
  Metric MAX_ERROR = BuiltInMetric.MAX_ERROR;

  /** Explained variance ({@code explained_variance_score}, force_finite=True). */
  Metric EXPLAINED_VARIANCE = BuiltInMetric.EXPLAINED_VARIANCE;

  /**
   * Mean of the residuals {@code actual - predicted} (bias): positive when the model under-predicts.
   * Best at 0; {@link #greaterIsBetter()} is {@code false} and refers to its absolute value.
   */
  Metric MEAN_ERROR = BuiltInMetric.MEAN_ERROR;

  /**
   * Expected calibration error: the count-weighted mean over non-empty bins of
   * {@code |fraction of positives - mean predicted probability|} (no scikit-learn namesake).
   */
  Metric EXPECTED_CALIBRATION_ERROR = BuiltInMetric.EXPECTED_CALIBRATION_ERROR;

  /** Maximum calibration error: the largest such gap over non-empty bins. */
  Metric MAXIMUM_CALIBRATION_ERROR = BuiltInMetric.MAXIMUM_CALIBRATION_ERROR;

  /**
   * Returns the stable snake_case key used in JSON and reports, e.g. {@code "roc_auc"}.
   *
   * @return the key
   */
  String key();

  /**
   * Tells the direction of improvement.
   *
   * @return {@code true} if a greater value means a better model
   */
  boolean greaterIsBetter();

  /**
   * Returns the smallest value the metric can take.
   *
   * @return the lower bound, possibly {@link Double#NEGATIVE_INFINITY}
   */
  double lowerBound();

  /**
   * Returns the largest value the metric can take.
   *
   * @return the upper bound, possibly {@link Double#POSITIVE_INFINITY}
   */
  double upperBound();

  /**
   * Returns the metric's family: which {@link MetricData} it is computed from.
   *
   * @return classification or regression
   */
  MetricKind kind();

  /**
   * Tells whether the metric is a proportion of counts (successes / trials), for which a Wilson
   * score interval is available on unweighted data. Only built-ins are.
   *
   * @return {@code true} for accuracy, precision, recall, specificity, FPR, FNR, prevalence and top-k accuracy
   */
  default boolean isProportion() {
    return false;
  }

  /**
   * Tells whether this is one of the constants of this interface.
   *
   * @return {@code true} for a built-in metric, {@code false} for a user-defined one
   */
  default boolean isBuiltIn() {
    return false;
  }

  /**
   * Computes the metric on one set of labelled predictions: the one call that evaluates any metric,
   * built-in or custom (no confidence interval; evaluations add bootstrap intervals).
   *
   * <p>Built-in classification metrics are computed as {@link ClassificationEvaluation} computes
   * them (threshold, weights); those that need scores (ROC AUC, log loss...) are undefined on data
   * that carries predictions only; a metric of the other family, or one a binary/multiclass
   * evaluation does not compute (e.g. {@link #MACRO_F1} of binary data), is an error.
   *
   * @param data the labels, scores or probabilities, predictions and optional weights
   * @return the value with its sample size, or undefined with the reason
   * @throws IllegalArgumentException if the data is of the other {@link MetricKind}, or the metric
   *     is not defined for this shape of data
   * @throws IllegalStateException if a custom computation returns a value outside the metric's range
   */
  MetricValue evaluate(MetricData data);

  /**
   * Returns every built-in metric, in declaration order.
   *
   * @return an unmodifiable list
   */
  static List<Metric> builtIns() {
    return List.of(BuiltInMetric.values());
  }

  /**
   * Finds a built-in metric by its {@link #key() key}.
   *
   * @param key a snake_case key such as {@code "roc_auc"}
   * @return the metric
   * @throws IllegalArgumentException if no built-in metric has that key
   */
  static Metric fromKey(String key) {
    for (BuiltInMetric metric : BuiltInMetric.values()) {
      if (metric.key().equals(key)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("metric key must be one of the Metric keys: " + key);
  }

  /**
   * Finds a built-in or one of the given user-defined metrics by its {@link #key() key} (what a JSON
   * reader needs: no global registry of metrics).
   *
   * @param key a snake_case key
   * @param custom the user-defined metrics that may appear
   * @return the metric
   * @throws IllegalArgumentException if neither a built-in nor one of {@code custom} has that key
   */
  static Metric fromKey(String key, Collection<? extends Metric> custom) {
    Objects.requireNonNull(custom, "custom");
    for (Metric metric : custom) {
      if (metric.key().equals(key)) {
        return metric;
      }
    }
    for (BuiltInMetric metric : BuiltInMetric.values()) {
      if (metric.key().equals(key)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("metric key must be a built-in key or one of the custom metrics "
        + custom.stream().map(Metric::key).toList() + ": " + key);
  }
}

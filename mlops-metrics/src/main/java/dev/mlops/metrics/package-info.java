/**
 * mlops-metrics: evaluation metrics with scikit-learn semantics, curves, confidence intervals and
 * paired model comparison, on primitive arrays and independent of any ML library.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.mlops.metrics.ClassificationEvaluation#binary}, {@link dev.mlops.metrics.ClassificationEvaluation#multiclass},
 *       {@link dev.mlops.metrics.ClassificationEvaluation#of} and {@link dev.mlops.metrics.RegressionEvaluation#of} /
 *       {@link dev.mlops.metrics.RegressionEvaluation#builder} — immutable evaluations with every metric, intervals,
 *       curves, {@code toText()} and {@code toJson()} (schema: docs/metrics-json.md);</li>
 *   <li>pure functions: {@link dev.mlops.metrics.BinaryMetrics}, {@link dev.mlops.metrics.BinaryCounts},
 *       {@link dev.mlops.metrics.BinaryRanking} (one sort: ROC AUC, average precision, curves, threshold table),
 *       {@link dev.mlops.metrics.MulticlassMetrics}, {@link dev.mlops.metrics.RegressionMetrics},
 *       {@link dev.mlops.metrics.CalibrationMetrics};</li>
 *   <li>uncertainty and comparison: {@link dev.mlops.metrics.ConfidenceIntervals},
 *       {@link dev.mlops.metrics.ModelComparison}, {@link dev.mlops.metrics.Slices};</li>
 *   <li>the model seen as a function: {@link dev.mlops.metrics.ProbabilisticClassifier},
 *       {@link dev.mlops.metrics.Regressor}.</li>
 * </ul>
 *
 * <p>Conventions: class 1 is the positive class and {@code score >= threshold} is predicted
 * positive; zero division gives 0 and is flagged; undefined metrics throw
 * {@link java.lang.IllegalArgumentException} from pure functions and are reported undefined (with
 * the reason) inside an evaluation; counts are {@code long}. {@code dev.mlops.metrics.internal} is
 * not API.
 */
package dev.mlops.metrics;

package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.ClassificationEvaluator;
import dev.mlops.metrics.internal.EvaluationJson;
import dev.mlops.metrics.internal.MetricMaps;
import dev.mlops.metrics.internal.TextTables;
import dev.mlops.metrics.internal.CustomMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable evaluation of a binary or multiclass classifier: every classification
 * {@link Metric} with its confidence interval and sample size (or the reason it is undefined),
 * per-class precision/recall/F1, the confusion matrix and, for binary problems, the ROC and
 * precision-recall curves and the threshold table; the reliability curve for both.
 *
 * <pre>{@code
 * ClassificationEvaluation eval = ClassificationEvaluation.binary(labels, scores)
 *     .threshold(0.5)
 *     .bootstrap(1000, 42L)      // optional: bootstrap CIs for the metrics without an analytic one
 *     .evaluate();
 * double auc = eval.value(Metric.ROC_AUC);
 * Interval ci = eval.metric(Metric.ROC_AUC).ci();   // DeLong
 * log.info("{}", eval.toText());
 * }</pre>
 *
 * <p>Confidence intervals: Wilson score intervals for the proportions ({@link Metric#isProportion()})
 * and DeLong's interval for binary ROC AUC on unweighted data; a seeded, class-stratified
 * percentile bootstrap (when {@link Builder#bootstrap(int, long)} is set) for every other metric
 * (and for all of them on weighted data). Without bootstrap those other metrics have no interval.
 * Per-class precision and recall get Wilson intervals (unweighted data), per-class F1 (and every
 * per-class metric on weighted data) a bootstrap interval when the bootstrap is enabled; the
 * per-class one-vs-rest ROC AUC of a multiclass evaluation has no interval.
 *
 * <p>A metric that cannot be computed (ROC AUC with one class present...) is reported undefined
 * with the reason; every other metric is still reported.
 *
 * <p>Immutable and thread-safe (the builder is not).
 *
 * @param classNames one name per class (binary: class 0 negative, class 1 positive)
 * @param n the number of rows
 * @param metrics every metric computed, in declaration order
 * @param classMetrics per class: PRECISION, RECALL, F1 (and ROC_AUC one-vs-rest for multiclass)
 * @param confusionMatrix unweighted counts at the threshold (binary) or of the arg-max class
 * @param rocCurve the ROC curve (binary only)
 * @param precisionRecallCurve the precision-recall curve (binary only)
 * @param reliabilityCurve the reliability curve (binary: P(class 1); multiclass: top-label confidence)
 * @param thresholdTable the threshold table (binary, unweighted only)
 * @param settings how the evaluation was computed
 */
public record ClassificationEvaluation(List<String> classNames, long n, Map<Metric, MetricValue> metrics,
    List<Map<Metric, MetricValue>> classMetrics, ConfusionMatrix confusionMatrix,
    Optional<RocCurve> rocCurve, Optional<PrecisionRecallCurve> precisionRecallCurve,
    Optional<ReliabilityCurve> reliabilityCurve, Optional<ThresholdTable> thresholdTable,
    EvaluationSettings settings) implements Evaluation {

  /** The default decision threshold of a binary classifier. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** The default number of bootstrap resamples. */
  public static final int DEFAULT_RESAMPLES = 1000;
  /** The default confidence level. */
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

  /**
   * Validates and freezes the components.
   *
   * @throws IllegalArgumentException if the class metrics do not match the class names
   */
  public ClassificationEvaluation {
    classNames = List.copyOf(classNames);
    Checks.nonNull("confusionMatrix", confusionMatrix, "rocCurve", rocCurve,
        "precisionRecallCurve", precisionRecallCurve, "reliabilityCurve", reliabilityCurve,
        "thresholdTable", thresholdTable, "settings", settings);
    metrics = freeze(metrics);
    if (classMetrics.size() != classNames.size()) {
      throw new IllegalArgumentException("class metrics must have one entry per class ("
          + classNames.size() + "): " + classMetrics.size());
    }
    List<Map<Metric, MetricValue>> frozen = new ArrayList<>();
    for (Map<Metric, MetricValue> m : classMetrics) {
      frozen.add(freeze(m));
    }
    classMetrics = List.copyOf(frozen);
  }

  private static Map<Metric, MetricValue> freeze(Map<Metric, MetricValue> map) {
    return MetricMaps.freeze(map);
  }

  /**
   * Starts a binary evaluation: labels 0/1 (1 = positive) and the predicted probability of class 1.
   *
   * @param labels true classes, 0 or 1
   * @param scores predicted P(class 1), in [0, 1]
   * @return a builder
   * @throws IllegalArgumentException if the arrays are empty or differ in length, a label is not
   *     0/1, or a score is NaN or outside [0, 1] (the message names the index and value)
   */
  public static Builder binary(int[] labels, double[] scores) {
    Checks.binaryLabels(labels);
    Checks.probabilities("scores", scores);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    return new Builder(labels, scores, null);
  }

  /**
   * Starts a multiclass evaluation: labels in [0, k) and one probability row per label.
   *
   * @param labels true classes
   * @param probabilities one row of k probabilities (summing to 1 within 1e-6) per label
   * @return a builder
   * @throws IllegalArgumentException on empty or mismatched arrays, a label outside [0, k), a
   *     probability outside [0, 1] or a row not summing to 1 (naming the index and value)
   */
  public static Builder multiclass(int[] labels, double[][] probabilities) {
    int k = Checks.probabilityRows("probabilities", probabilities);
    Checks.sameLength("labels", labels == null ? 0 : labels.length, "probabilities", probabilities.length);
    Checks.classLabels("labels", labels, k);
    return new Builder(labels, null, probabilities);
  }

  /**
   * Starts an evaluation of a model function on labelled rows. A model returning 2 probabilities
   * gives a binary evaluation (score = P(class 1)), more gives a multiclass one.
   *
   * @param model the model
   * @param rows the rows
   * @param labels their true classes
   * @param <T> the row type
   * @return a builder
   * @throws IllegalArgumentException as {@link #binary} / {@link #multiclass}, or if the model's
   *     rows differ in width
   */
  public static <T> Builder of(ProbabilisticClassifier<T> model, List<T> rows, int[] labels) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(labels, "labels");
    Checks.nonEmpty("rows", rows.size());
    Checks.sameLength("rows", rows.size(), "labels", labels.length);
    double[][] probabilities = new double[rows.size()][];
    for (int i = 0; i < probabilities.length; i++) {
      double[] p = model.probabilities(rows.get(i));
      if (p == null) {
        throw new IllegalArgumentException("model probabilities must not be null: row " + i);
      }
      probabilities[i] = p.clone();
    }
    Checks.probabilityRows("probabilities", probabilities);
    if (probabilities[0].length == 2) {
      double[] scores = new double[probabilities.length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = probabilities[i][1];
      }
      return binary(labels, scores);
    }
    return multiclass(labels, probabilities);
  }

  /**
   * Tells whether this is a binary evaluation.
   *
   * @return {@code true} if built by {@link #binary} (two classes, class 1 positive, a decision threshold)
   */
  public boolean isBinary() {
    return !Double.isNaN(settings.threshold());
  }

  /**
   * Returns the number of classes.
   *
   * @return k
   */
  public int classCount() {
    return classNames.size();
  }

  @Override
  public MetricValue metric(Metric metric) {
    MetricValue value = metrics.get(Objects.requireNonNull(metric, "metric"));
    if (value == null) {
      throw new IllegalArgumentException("metric must be one computed by this "
          + (isBinary() ? "binary" : "multiclass") + " classification evaluation: " + metric.key());
    }
    return value;
  }

  /**
   * Returns a per-class metric: {@link Metric#PRECISION}, {@link Metric#RECALL}, {@link Metric#F1}
   * of one class treated as positive (and {@link Metric#ROC_AUC} one-vs-rest for multiclass).
   *
   * @param metric the metric
   * @param classIndex the class, in [0, k)
   * @return its value for that class
   * @throws IllegalArgumentException if the metric is not computed per class or the index is out of range
   */
  public MetricValue metric(Metric metric, int classIndex) {
    if (classIndex < 0 || classIndex >= classNames.size()) {
      throw new IllegalArgumentException("class index must be in [0, " + classNames.size() + "): " + classIndex);
    }
    MetricValue value = classMetrics.get(classIndex).get(metric);
    if (value == null) {
      throw new IllegalArgumentException("metric must be one computed per class: " + metric.key());
    }
    return value;
  }

  /**
   * Returns a per-class metric by class name.
   *
   * @param metric the metric
   * @param className the class name
   * @return its value for that class
   * @throws IllegalArgumentException if there is no such class or the metric is not per class
   */
  public MetricValue metric(Metric metric, String className) {
    int index = classNames.indexOf(className);
    if (index < 0) {
      throw new IllegalArgumentException("class name must be one of " + classNames + ": " + className);
    }
    return metric(metric, index);
  }

  @Override
  public String toText() {
    return TextTables.classification(this);
  }

  @Override
  public String toJson() {
    return EvaluationJson.classification(this);
  }

  /**
   * Configures and runs a classification evaluation. Each setter validates its argument at once;
   * {@link #evaluate()} checks the rules that span options. Not thread-safe; the arrays given to
   * the factory must not be modified until {@link #evaluate()} returns.
   */
  public static final class Builder extends EvaluationOptions<Builder> {
    private final int[] labels;
    private final double[] scores;
    private final double[][] probabilities;
    private double threshold = Double.NaN;
    private List<String> classNames;
    private double beta = 1.0;
    private int topK = 2;
    private int calibrationBins = 10;
    private BinStrategy calibrationStrategy = BinStrategy.UNIFORM;

    Builder(int[] labels, double[] scores, double[][] probabilities) {
      super(labels.length, MetricKind.CLASSIFICATION);
      this.labels = labels;
      this.scores = scores;
      this.probabilities = probabilities;
    }

    /**
     * Sets the decision threshold of a binary classifier: {@code score >= threshold} is positive.
     *
     * @param threshold in [0, 1]; default 0.5
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1] or set on a multiclass evaluation
     */
    public Builder threshold(double threshold) {
      if (scores == null) {
        throw new IllegalArgumentException("threshold applies only to a binary evaluation: " + threshold);
      }
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * Names the classes (for text, JSON and per-class lookup).
     *
     * @param classNames one distinct name per class, in class-index order
     * @return this builder
     * @throws IllegalArgumentException if the count is wrong or names repeat
     */
    public Builder classNames(List<String> classNames) {
      List<String> names = List.copyOf(classNames);
      int k = probabilities == null ? 2 : probabilities[0].length;
      if (names.size() != k) {
        throw new IllegalArgumentException("class names must have one name per class (" + k + "): " + names);
      }
      if (names.stream().distinct().count() != k) {
        throw new IllegalArgumentException("class names must be distinct: " + names);
      }
      this.classNames = names;
      return this;
    }

    /**
     * Sets the beta of {@link Metric#F_BETA}.
     *
     * @param beta positive and finite; default 1
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite
     */
    public Builder beta(double beta) {
      if (!(beta > 0) || !Double.isFinite(beta)) {
        throw new IllegalArgumentException("beta must be positive and finite: " + beta);
      }
      this.beta = beta;
      return this;
    }

    /**
     * Sets the k of {@link Metric#TOP_K_ACCURACY} (multiclass).
     *
     * @param k at least 1; default 2
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder topK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("top k must be at least 1: " + k);
      }
      this.topK = k;
      return this;
    }

    /**
     * Sets the calibration binning of the reliability curve and calibration errors.
     *
     * @param bins the number of bins, at least 1; default 10
     * @param strategy uniform (default) or quantile bins
     * @return this builder
     * @throws IllegalArgumentException if {@code bins < 1}
     */
    public Builder calibration(int bins, BinStrategy strategy) {
      if (bins < 1) {
        throw new IllegalArgumentException("calibration bins must be at least 1: " + bins);
      }
      this.calibrationBins = bins;
      this.calibrationStrategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Computes the evaluation.
     *
     * @return the immutable evaluation
     * @throws IllegalStateException if a custom metric's computation returns a value outside its range
     */
    public ClassificationEvaluation evaluate() {
      ClassificationEvaluation builtIn = evaluateBuiltIns();
      if (customMetrics.isEmpty()) {
        return builtIn;
      }
      MetricData data = scores != null
          ? MetricData.binary(labels, scores).withThreshold(builtIn.settings().threshold())
          : MetricData.multiclass(labels, probabilities);
      if (weights != null) {
        data = data.withWeights(weights);
      }
      Map<Metric, MetricValue> all = new LinkedHashMap<>(builtIn.metrics());
      all.putAll(CustomMetrics.evaluate(customMetrics, data, builtIn.settings()));
      return new ClassificationEvaluation(builtIn.classNames(), builtIn.n(), all, builtIn.classMetrics(),
          builtIn.confusionMatrix(), builtIn.rocCurve(), builtIn.precisionRecallCurve(), builtIn.reliabilityCurve(),
          builtIn.thresholdTable(), builtIn.settings());
    }

    private ClassificationEvaluation evaluateBuiltIns() {
      int k = probabilities == null ? 2 : probabilities[0].length;
      List<String> names = classNames;
      if (names == null) {
        names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          names.add(Integer.toString(i));
        }
      }
      EvaluationSettings settings = new EvaluationSettings(confidenceLevel, resamples, seed,
          weights != null, scores == null ? Double.NaN : (Double.isNaN(threshold) ? DEFAULT_THRESHOLD : threshold),
          beta, probabilities == null ? 0 : topK, calibrationBins, calibrationStrategy);
      if (scores != null) {
        return ClassificationEvaluator.binary(labels, scores, weights, names, settings);
      }
      return ClassificationEvaluator.multiclass(labels, probabilities, weights, names, settings);
    }
  }
}

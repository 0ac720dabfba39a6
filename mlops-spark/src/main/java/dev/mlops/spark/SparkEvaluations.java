package dev.mlops.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.MulticlassMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Model evaluations of Spark Datasets of labels and scores or predictions, with the semantics of
 * scikit-learn's metrics (as {@code mlops-metrics} computes them in one JVM).
 *
 * <ul>
 *   <li>{@link #binary}: exact ROC AUC and average precision by a distributed sort (the rows are
 *       grouped by distinct score, range-partitioned in descending score order, each partition's
 *       totals collected, then each partition sums its contribution from its offset; nothing is
 *       binned), and the confusion counts at a threshold with every metric derived from them
 *       ({@link BinaryCounts}); log loss and Brier score when the scores are probabilities.
 *   <li>{@link #multiclass}: the confusion matrix of the arg-max class and every metric derived
 *       from it (macro, micro and weighted averages, MCC, kappa, per-class precision / recall /
 *       F1), log loss, Brier score, top-2 accuracy and the one-vs-rest ROC AUC of each class.
 *   <li>{@link #regression}: MAE, MSE, RMSE, R², explained variance, mean error, max error and
 *       MAPE from one aggregation (moments merged per partition), and the exact median absolute
 *       error (a distributed sort).
 * </ul>
 *
 * <pre>{@code
 * SparkEvaluations.Binary e = SparkEvaluations.binary(scored, "label", "score", 0.5);
 * double auc = e.rocAuc().value();
 * double f1 = e.counts().f1().value();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkEvaluations {

  private static final double LOG_LOSS_EPSILON = BinaryMetrics.LOG_LOSS_EPSILON;

  private SparkEvaluations() {}

  /**
   * A binary classifier's evaluation.
   *
   * @param rows rows evaluated
   * @param positives rows with label 1
   * @param rocAuc ROC AUC (undefined when only one class is present)
   * @param averagePrecision average precision (undefined without positives)
   * @param logLoss log loss ({@code log_loss}, probabilities clipped to machine epsilon; undefined
   *     unless every score is a probability in [0, 1])
   * @param brier Brier score ({@code brier_score_loss}; undefined unless every score is in [0, 1])
   * @param threshold the decision threshold of {@code counts}
   * @param counts confusion counts of {@code score >= threshold}
   */
  public record Binary(long rows, long positives, MetricValue rocAuc, MetricValue averagePrecision,
      MetricValue logLoss, MetricValue brier, double threshold, BinaryCounts counts) {

    /**
     * Validates.
     *
     * @throws NullPointerException if a metric or the counts are null
     */
    public Binary {
      nonNull("rocAuc", rocAuc, "averagePrecision", averagePrecision, "logLoss", logLoss,
          "brier", brier, "counts", counts);
    }

    /**
     * One metric: ROC_AUC, AVERAGE_PRECISION, LOG_LOSS, BRIER, or a confusion-count metric of
     * {@link BinaryCounts#metric(Metric)} (ACCURACY, BALANCED_ACCURACY, PRECISION, RECALL,
     * SPECIFICITY, FPR, FNR, F1, MCC, COHEN_KAPPA, PREVALENCE) at the threshold.
     *
     * @param metric the metric
     * @return its value
     * @throws IllegalArgumentException if the metric is none of those, or is undefined from the
     *     counts
     */
    public MetricValue metric(Metric metric) {
      Objects.requireNonNull(metric, "metric");
      if (metric == Metric.ROC_AUC) {
        return rocAuc;
      } else if (metric == Metric.AVERAGE_PRECISION) {
        return averagePrecision;
      } else if (metric == Metric.LOG_LOSS) {
        return logLoss;
      } else if (metric == Metric.BRIER) {
        return brier;
      }
      return counts.metric(metric);
    }
  }

  /**
   * A regressor's evaluation.
   *
   * @param rows rows evaluated
   * @param metrics MAE, MSE, RMSE, R2, EXPLAINED_VARIANCE, MEAN_ERROR, MAX_ERROR, MAPE and
   *     MEDIAN_ABSOLUTE_ERROR
   */
  public record Regression(long rows, Map<Metric, MetricValue> metrics) {

    /**
     * Copies.
     *
     * @throws NullPointerException if {@code metrics} is null
     */
    public Regression {
      metrics = Map.copyOf(metrics);
    }

    /**
     * One metric.
     *
     * @param metric a regression metric
     * @return its value
     * @throws IllegalArgumentException if the metric is not computed here
     */
    public MetricValue metric(Metric metric) {
      return lookUp(metrics, metric);
    }
  }

  /**
   * A multiclass classifier's evaluation, from class labels and probability rows.
   *
   * @param rows rows evaluated
   * @param confusion counts of label (row) against the arg-max class (column)
   * @param metrics ACCURACY, BALANCED_ACCURACY, MCC, COHEN_KAPPA, LOG_LOSS, BRIER, the macro,
   *     micro and weighted PRECISION / RECALL / F1, TOP_K_ACCURACY (k = 2), ROC_AUC_OVR_MACRO and
   *     ROC_AUC_OVR_WEIGHTED (undefined ones carry their reason)
   * @param classMetrics per class: PRECISION, RECALL, F1 and its one-vs-rest ROC_AUC
   */
  public record Multiclass(long rows, ConfusionMatrix confusion, Map<Metric, MetricValue> metrics,
      List<Map<Metric, MetricValue>> classMetrics) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if there is not one class-metric map per class
     */
    public Multiclass {
      Objects.requireNonNull(confusion, "confusion");
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      classMetrics = classMetrics.stream()
          .map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
      if (classMetrics.size() != confusion.size()) {
        throw new IllegalArgumentException("class metrics must have one entry per class ("
            + confusion.size() + "): " + classMetrics.size());
      }
    }

    /**
     * One metric.
     *
     * @param metric a multiclass metric of {@link #metrics()}
     * @return its value (possibly undefined)
     * @throws IllegalArgumentException if the metric is not computed here
     */
    public MetricValue metric(Metric metric) {
      return lookUp(metrics, metric);
    }
  }

  /**
   * Evaluates a binary classifier: labels 0/1, scores (probability of class 1 or any score).
   *
   * @param data the dataset
   * @param labelColumn numeric column of 0/1 labels
   * @param scoreColumn numeric column of scores
   * @param threshold positive when {@code score >= threshold}
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty, a label is not 0 or 1, or a score is
   *     null or not finite (naming the column and counting the bad rows)
   */
  public static Binary binary(Dataset<Row> data, String labelColumn, String scoreColumn,
      double threshold) {
    Objects.requireNonNull(data, "data must not be null");
    Column y = col(labelColumn).cast("double");
    Column s = col(scoreColumn).cast("double");
    Row totals = data.agg(
        count(lit(1)),
        sum(when(y.equalTo(1.0), 1L).otherwise(0L)),
        sum(when(y.isNull().or(y.notEqual(0.0).and(y.notEqual(1.0))), 1L).otherwise(0L)),
        sum(when(s.isNull().or(s.isNaN()).or(abs(s).equalTo(Double.POSITIVE_INFINITY)), 1L)
            .otherwise(0L)),
        sum(when(y.equalTo(1.0).and(s.geq(threshold)), 1L).otherwise(0L)),
        sum(when(y.equalTo(0.0).and(s.geq(threshold)), 1L).otherwise(0L)),
        sum(when(s.lt(0.0).or(s.gt(1.0)), 1L).otherwise(0L)),
        sum(rowLogLoss(y, s)),
        sum(s.minus(y).multiply(s.minus(y))))
        .first();
    long n = totals.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("data must not be empty: 0 rows");
    }
    long positives = totals.getLong(1);
    long badLabels = totals.getLong(2);
    long badScores = totals.getLong(3);
    if (badLabels > 0) {
      throw new IllegalArgumentException("label column '" + labelColumn
          + "' must hold 0 or 1: " + badLabels + " rows do not");
    }
    if (badScores > 0) {
      throw new IllegalArgumentException("score column '" + scoreColumn
          + "' must hold finite numbers: " + badScores + " rows do not");
    }
    long negatives = n - positives;
    long tp = totals.getLong(4);
    long fp = totals.getLong(5);
    BinaryCounts counts = new BinaryCounts(tp, fp, negatives - fp, positives - tp);
    double[] ranking = DistributedRanking.pairsAndAveragePrecision(data, y, s, positives, negatives);
    MetricValue auc = positives == 0 || negatives == 0
        ? MetricValue.undefined(Metric.ROC_AUC, n,
            "only one class is present in the labels (" + positives + " positives)")
        : MetricValue.of(Metric.ROC_AUC, ranking[0] / ((double) positives * negatives), n);
    MetricValue ap = positives == 0
        ? MetricValue.undefined(Metric.AVERAGE_PRECISION, n, "no positive label")
        : MetricValue.of(Metric.AVERAGE_PRECISION, ranking[1], n);
    long notProbabilities = totals.getLong(6);
    String why = "score column '" + scoreColumn + "' must hold probabilities in [0, 1]: "
        + notProbabilities + " rows do not";
    MetricValue logLoss = notProbabilities > 0
        ? MetricValue.undefined(Metric.LOG_LOSS, n, why)
        : MetricValue.of(Metric.LOG_LOSS, totals.getDouble(7) / n, n);
    MetricValue brier = notProbabilities > 0
        ? MetricValue.undefined(Metric.BRIER, n, why)
        : MetricValue.of(Metric.BRIER, totals.getDouble(8) / n, n);
    return new Binary(n, positives, auc, ap, logLoss, brier, threshold, counts);
  }

  /** One row's log loss as scikit-learn's {@code log_loss(eps='auto')}. */
  private static Column rowLogLoss(Column y, Column s) {
    Column clipped = least(greatest(s, lit(LOG_LOSS_EPSILON)), lit(1 - LOG_LOSS_EPSILON));
    return when(y.equalTo(1.0), log(clipped).multiply(-1.0))
        .otherwise(log(lit(1.0).minus(clipped)).multiply(-1.0));
  }

  /** The confusion-matrix metrics of a multiclass evaluation, in the one-JVM order. */
  private static final List<Metric> CONFUSION_METRICS = List.of(Metric.ACCURACY,
      Metric.BALANCED_ACCURACY, Metric.MCC, Metric.COHEN_KAPPA, Metric.MACRO_PRECISION,
      Metric.MACRO_RECALL, Metric.MACRO_F1, Metric.MICRO_F1, Metric.MICRO_PRECISION,
      Metric.MICRO_RECALL, Metric.WEIGHTED_PRECISION, Metric.WEIGHTED_RECALL, Metric.WEIGHTED_F1);

  /**
   * Evaluates a multiclass classifier as the one-JVM {@code ClassificationEvaluation.multiclass}:
   * the predicted class is the arg-max of each probability row (the first maximum on ties); the
   * confusion matrix and every metric derived from it are exact (the same counts give the same
   * doubles); log loss, Brier score and top-2 accuracy are sums of the one-JVM per-row values
   * (equal up to the order of the additions); the one-vs-rest ROC AUC of each class is exact by
   * a distributed sort per class (k sorts). The calibration errors are not computed here.
   *
   * @param data the dataset
   * @param labelColumn numeric column of class indices in [0, k)
   * @param probabilitiesColumn array column of k probabilities per row, summing to 1 (within
   *     1e-6)
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty, the columns have the wrong types, there
   *     are fewer than 2 classes, or rows are invalid (counting them and showing the first)
   */
  public static Multiclass multiclass(Dataset<Row> data, String labelColumn,
      String probabilitiesColumn) {
    Objects.requireNonNull(data, "data must not be null");
    Dataset<Row> rows = data.select(col(labelColumn), col(probabilitiesColumn));
    StructField[] fields = rows.schema().fields();
    if (!(fields[0].dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("label column '" + labelColumn
          + "' must be numeric: " + fields[0].dataType().simpleString());
    }
    if (!(fields[1].dataType() instanceof ArrayType a && a.elementType() instanceof NumericType)) {
      throw new IllegalArgumentException("probabilities column '" + probabilitiesColumn
          + "' must be an array of numbers: " + fields[1].dataType().simpleString());
    }
    List<Row> first = rows.where(col(probabilitiesColumn).isNotNull()).takeAsList(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException("data must not be empty: 0 rows with probabilities");
    }
    int k = first.get(0).getList(1).size();
    if (k < 2) {
      throw new IllegalArgumentException("probabilities column '" + probabilitiesColumn
          + "' must hold at least 2 classes: " + k);
    }
    MulticlassPass total = rows.javaRDD()
        .mapPartitions(it -> MulticlassPass.of(k, it))
        .reduce(MulticlassPass::merge);
    if (total.bad > 0) {
      throw new IllegalArgumentException("rows must hold a class index in [0, " + k + ") in '"
          + labelColumn + "' and " + k + " probabilities summing to 1 in '" + probabilitiesColumn
          + "': " + total.bad + " rows do not (first: " + total.firstBad + ")");
    }
    long n = total.rows;
    ConfusionMatrix confusion = ConfusionMatrix.of(total.confusion);
    Map<Metric, MetricValue> m = new LinkedHashMap<>();
    for (Metric metric : CONFUSION_METRICS) {
      m.put(metric, orUndefined(metric, n, () -> MulticlassMetrics.metric(metric, confusion)));
    }
    m.put(Metric.LOG_LOSS, MetricValue.of(Metric.LOG_LOSS, total.logLoss / n, n));
    m.put(Metric.BRIER, MetricValue.of(Metric.BRIER, total.brier / n, n));
    m.put(Metric.TOP_K_ACCURACY,
        MetricValue.of(Metric.TOP_K_ACCURACY, (double) total.topKHits / n, n));
    double[] auc = new double[k];
    String undefinedAuc = null;
    double macro = 0;
    double weighted = 0;
    for (int c = 0; c < k; c++) {
      long support = confusion.support(c);
      if (support == 0 || support == n) {
        auc[c] = Double.NaN;
        undefinedAuc = "roc_auc one-vs-rest is undefined: class " + c
            + (support == 0 ? " has no labels" : " is the only class present");
        continue;
      }
      Column y = when(col(labelColumn).cast("double").equalTo((double) c), 1.0).otherwise(0.0);
      Column s = element_at(col(probabilitiesColumn), c + 1).cast("double");
      double pairs = DistributedRanking.pairsAndAveragePrecision(rows, y, s, support,
          n - support)[0];
      auc[c] = pairs / ((double) support * (n - support));
      macro += auc[c];
      weighted += support * auc[c];
    }
    m.put(Metric.ROC_AUC_OVR_MACRO, undefinedAuc != null
        ? MetricValue.undefined(Metric.ROC_AUC_OVR_MACRO, n, undefinedAuc)
        : MetricValue.of(Metric.ROC_AUC_OVR_MACRO, macro / k, n));
    m.put(Metric.ROC_AUC_OVR_WEIGHTED, undefinedAuc != null
        ? MetricValue.undefined(Metric.ROC_AUC_OVR_WEIGHTED, n, undefinedAuc)
        : MetricValue.of(Metric.ROC_AUC_OVR_WEIGHTED, weighted / n, n));
    List<Map<Metric, MetricValue>> perClass = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      Map<Metric, MetricValue> cm = new LinkedHashMap<>();
      for (Metric metric : List.of(Metric.PRECISION, Metric.RECALL, Metric.F1)) {
        cm.put(metric, MulticlassMetrics.perClass(metric, confusion, c));
      }
      cm.put(Metric.ROC_AUC, Double.isNaN(auc[c])
          ? MetricValue.undefined(Metric.ROC_AUC, n, "class " + c + " has no labels or is the"
              + " only class present")
          : MetricValue.of(Metric.ROC_AUC, auc[c], n));
      perClass.add(cm);
    }
    return new Multiclass(n, confusion, m, perClass);
  }

  private static MetricValue lookUp(Map<Metric, MetricValue> metrics, Metric metric) {
    MetricValue v = metrics.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("metric must be one of " + metrics.keySet() + ": "
          + metric);
    }
    return v;
  }

  private static MetricValue orUndefined(Metric metric, long n, Supplier<MetricValue> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      return MetricValue.undefined(metric, n, e.getMessage());
    }
  }

  /**
   * Evaluates a regressor.
   *
   * @param data the dataset
   * @param actualColumn numeric column of true values
   * @param predictedColumn numeric column of predictions
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty or a value is null or not finite
   *     (naming the column and counting the bad rows)
   */
  public static Regression regression(Dataset<Row> data, String actualColumn,
      String predictedColumn) {
    Objects.requireNonNull(data, "data must not be null");
    Column y = col(actualColumn).cast("double");
    Column p = col(predictedColumn).cast("double");
    Row bad = data.agg(count(lit(1)), sum(notFinite(y)), sum(notFinite(p))).first();
    long n = bad.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("data must not be empty: 0 rows");
    }
    if (bad.getLong(1) > 0) {
      throw new IllegalArgumentException("actual column '" + actualColumn
          + "' must hold finite numbers: " + bad.getLong(1) + " rows do not");
    }
    if (bad.getLong(2) > 0) {
      throw new IllegalArgumentException("predicted column '" + predictedColumn
          + "' must hold finite numbers: " + bad.getLong(2) + " rows do not");
    }
    Column e = y.minus(p);
    // moments merge per partition (Chan) through Spark's own avg / var_pop aggregates
    Row r = data.agg(
        org.apache.spark.sql.functions.avg(e),
        org.apache.spark.sql.functions.var_pop(e),
        org.apache.spark.sql.functions.avg(abs(e)),
        org.apache.spark.sql.functions.avg(e.multiply(e)),
        org.apache.spark.sql.functions.var_pop(y),
        max(abs(e)),
        org.apache.spark.sql.functions.avg(abs(e).divide(greatest(abs(y), lit(Math.ulp(1.0))))))
        .first();
    double meanError = r.getDouble(0);
    double varError = r.getDouble(1);
    double mae = r.getDouble(2);
    double mse = r.getDouble(3);
    double varY = r.getDouble(4);
    double maxError = r.getDouble(5);
    double mape = r.getDouble(6);
    Map<Metric, MetricValue> m = new LinkedHashMap<>();
    m.put(Metric.MAE, MetricValue.of(Metric.MAE, mae, n));
    m.put(Metric.MSE, MetricValue.of(Metric.MSE, mse, n));
    m.put(Metric.RMSE, MetricValue.of(Metric.RMSE, Math.sqrt(mse), n));
    m.put(Metric.MEAN_ERROR, MetricValue.of(Metric.MEAN_ERROR, meanError, n));
    m.put(Metric.MAX_ERROR, MetricValue.of(Metric.MAX_ERROR, maxError, n));
    m.put(Metric.MAPE, MetricValue.of(Metric.MAPE, mape, n));
    m.put(Metric.MEDIAN_ABSOLUTE_ERROR, MetricValue.of(Metric.MEDIAN_ABSOLUTE_ERROR,
        DistributedRanking.median(data, abs(e), n), n));
    m.put(Metric.R2, ratio(Metric.R2, mse, varY, n));
    m.put(Metric.EXPLAINED_VARIANCE, ratio(Metric.EXPLAINED_VARIANCE, varError, varY, n));
    return new Regression(n, m);
  }

  /** 1 - numerator / variance of the actual values; scikit-learn's rules for a constant target. */
  private static MetricValue ratio(Metric metric, double numerator, double varY, long n) {
    if (varY == 0) {
      return numerator == 0 ? MetricValue.of(metric, 1.0, n) : MetricValue.of(metric, 0.0, n);
    }
    return MetricValue.of(metric, 1 - numerator / varY, n);
  }

  private static Column notFinite(Column c) {
    return when(c.isNull().or(c.isNaN()).or(abs(c).equalTo(Double.POSITIVE_INFINITY)), 1L)
        .otherwise(0L);
  }

  /** The null checks of the result records: each component's name followed by its value. */
  private static void nonNull(Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException(namesAndValues[i] + " must not be null");
      }
    }
  }
}

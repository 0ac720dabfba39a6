package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.LogLoss;
import dev.mlops.metrics.internal.MulticlassFormulas;

/**
 * Pure multiclass metrics on primitive arrays, with scikit-learn's semantics: labels are class
 * indices in [0, k), probabilities are rows of k values summing to 1 (tolerance 1e-6), the
 * predicted class is the arg-max (first on ties, as {@code numpy.argmax}).
 *
 * <pre>{@code
 * ConfusionMatrix cm = MulticlassMetrics.confusion(labels, MulticlassMetrics.argmax(probabilities), 3);
 * double macroF1 = MulticlassMetrics.metric(Metric.MACRO_F1, cm).value();
 * double auc = MulticlassMetrics.rocAucOvr(labels, probabilities, false).value();
 * }</pre>
 *
 * <p>Macro averages run over the classes present in the labels or the predictions (sklearn's
 * default {@code labels}); zero divisions give 0 and are flagged. Stateless and thread-safe.
 */
public final class MulticlassMetrics {

  private MulticlassMetrics() {}

  /**
   * Returns the arg-max class of each probability row (the first maximum on ties).
   *
   * @param probabilities probability rows
   * @return the predicted classes
   * @throws IllegalArgumentException if the rows are not valid probabilities (naming the index)
   */
  public static int[] argmax(double[][] probabilities) {
    Checks.probabilityRows("probabilities", probabilities);
    return argmaxUnchecked(probabilities);
  }

  static int[] argmaxUnchecked(double[][] probabilities) {
    int[] predicted = new int[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      double[] row = probabilities[i];
      int best = 0;
      for (int j = 1; j < row.length; j++) {
        if (row[j] > row[best]) {
          best = j;
        }
      }
      predicted[i] = best;
    }
    return predicted;
  }

  /**
   * Counts labels against predictions ({@code confusion_matrix(labels=range(k))}).
   *
   * @param labels true classes in [0, k)
   * @param predicted predicted classes in [0, k)
   * @param k the number of classes, at least 2
   * @return the k x k matrix
   * @throws IllegalArgumentException on bad arrays (naming the index and value)
   */
  public static ConfusionMatrix confusion(int[] labels, int[] predicted, int k) {
    if (k < 2) {
      throw new IllegalArgumentException("number of classes must be at least 2: " + k);
    }
    Checks.classLabels("labels", labels, k);
    Checks.classLabels("predicted", predicted, k);
    Checks.sameLength("labels", labels.length, "predicted", predicted.length);
    long[][] counts = new long[k][k];
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]][predicted[i]]++;
    }
    return ConfusionMatrix.of(counts);
  }

  /**
   * Computes a confusion-matrix metric: ACCURACY, BALANCED_ACCURACY, MACRO_PRECISION,
   * MACRO_RECALL, MACRO_F1, MICRO_F1, WEIGHTED_PRECISION, WEIGHTED_RECALL, WEIGHTED_F1, MCC,
   * COHEN_KAPPA.
   *
   * @param metric the metric
   * @param confusion the confusion matrix
   * @return the value
   * @throws IllegalArgumentException if the metric is not one of those, or is undefined (kappa
   *     when labels and predictions are a single class)
   */
  public static MetricValue metric(Metric metric, ConfusionMatrix confusion) {
    return MulticlassFormulas.compute(metric, toDouble(confusion), confusion.total());
  }

  /**
   * Precision, recall or F1 of one class against the rest (0 with zero division).
   *
   * @param metric PRECISION, RECALL or F1
   * @param confusion the confusion matrix
   * @param classIndex the class
   * @return the value
   * @throws IllegalArgumentException if the metric is not per-class or the index is out of range
   */
  public static MetricValue perClass(Metric metric, ConfusionMatrix confusion, int classIndex) {
    if (classIndex < 0 || classIndex >= confusion.size()) {
      throw new IllegalArgumentException("class index must be in [0, " + confusion.size() + "): " + classIndex);
    }
    return MulticlassFormulas.perClassValue(metric, toDouble(confusion), classIndex, confusion.counts());
  }

  /**
   * Multiclass log loss as {@code log_loss(eps='auto')}: {@code -mean(log(p'[label]))} where
   * {@code p'} is the row clipped to [eps, 1 - eps] (eps = float64 machine epsilon,
   * {@link BinaryMetrics#LOG_LOSS_EPSILON}) and renormalised, as scikit-learn 1.2 does.
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @return the log loss
   * @throws IllegalArgumentException on bad arrays
   */
  public static MetricValue logLoss(int[] labels, double[][] probabilities) {
    check(labels, probabilities);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum += LogLoss.multiclass(probabilities[i], labels[i]);
    }
    return MetricValue.of(Metric.LOG_LOSS, sum / labels.length, labels.length);
  }

  /**
   * Multiclass Brier score as {@code brier_score_loss} (scikit-learn 1.7): the mean over rows of
   * {@code sum_k (p_k - [k == label])^2}, in [0, 2].
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @return the Brier score
   * @throws IllegalArgumentException on bad arrays
   */
  public static MetricValue brier(int[] labels, double[][] probabilities) {
    check(labels, probabilities);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double[] row = probabilities[i];
      for (int j = 0; j < row.length; j++) {
        double d = row[j] - (j == labels[i] ? 1 : 0);
        sum += d * d;
      }
    }
    return MetricValue.of(Metric.BRIER, sum / labels.length, labels.length);
  }

  /**
   * Top-k accuracy as {@code top_k_accuracy_score}: a row is a hit when its label is among the k
   * highest probabilities; among tied probabilities the higher class index ranks first (sklearn's
   * reversed stable arg-sort).
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @param k at least 1
   * @return the fraction of hits
   * @throws IllegalArgumentException on bad arrays or {@code k < 1}
   */
  public static MetricValue topKAccuracy(int[] labels, double[][] probabilities, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top k must be at least 1: " + k);
    }
    check(labels, probabilities);
    long hits = 0;
    for (int i = 0; i < labels.length; i++) {
      if (isTopK(probabilities[i], labels[i], k)) {
        hits++;
      }
    }
    return MetricValue.of(Metric.TOP_K_ACCURACY, (double) hits / labels.length, labels.length);
  }

  static boolean isTopK(double[] row, int label, int k) {
    double p = row[label];
    int rank = 0;
    for (int j = 0; j < row.length; j++) {
      if (row[j] > p || (row[j] == p && j > label)) {
        rank++;
      }
    }
    return rank < k;
  }

  /**
   * One-vs-rest ROC AUC as {@code roc_auc_score(multi_class='ovr')}: the AUC of each class
   * against the rest, averaged (macro) or weighted by class support (weighted).
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @param weighted {@code true} for average='weighted', {@code false} for 'macro'
   * @return the averaged AUC
   * @throws IllegalArgumentException on bad arrays or if a class has no label (its one-vs-rest AUC is undefined)
   */
  public static MetricValue rocAucOvr(int[] labels, double[][] probabilities, boolean weighted) {
    int k = check(labels, probabilities);
    double sum = 0;
    double weightSum = 0;
    int[] binary = new int[labels.length];
    double[] scores = new double[labels.length];
    for (int c = 0; c < k; c++) {
      long support = 0;
      for (int i = 0; i < labels.length; i++) {
        binary[i] = labels[i] == c ? 1 : 0;
        scores[i] = probabilities[i][c];
        support += binary[i];
      }
      double auc;
      try {
        auc = BinaryRanking.of(binary, scores).rocAuc().value();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("roc_auc one-vs-rest is undefined: class " + c
            + (support == 0 ? " has no labels" : " is the only class present"), e);
      }
      double w = weighted ? support : 1;
      sum += w * auc;
      weightSum += w;
    }
    Metric metric = weighted ? Metric.ROC_AUC_OVR_WEIGHTED : Metric.ROC_AUC_OVR_MACRO;
    return MetricValue.of(metric, sum / weightSum, labels.length);
  }

  private static int check(int[] labels, double[][] probabilities) {
    int k = Checks.probabilityRows("probabilities", probabilities);
    Checks.sameLength("labels", labels == null ? 0 : labels.length, "probabilities", probabilities.length);
    Checks.classLabels("labels", labels, k);
    return k;
  }

  private static double[][] toDouble(ConfusionMatrix confusion) {
    long[][] counts = confusion.counts();
    double[][] cm = new double[counts.length][counts.length];
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts.length; j++) {
        cm[i][j] = counts[i][j];
      }
    }
    return cm;
  }
}

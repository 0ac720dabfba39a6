package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The labelled predictions a {@link Metric} is {@link Metric#evaluate(MetricData) computed} from:
 * class labels with scores, probabilities or predicted classes (classification), or actual and
 * predicted values (regression), and optional sample weights.
 *
 * <pre>{@code
 * MetricData binary = MetricData.binary(labels, scores).withThreshold(0.3).withWeights(weights);
 * MetricData multiclass = MetricData.multiclass(labels, probabilities);
 * MetricData hard = MetricData.classes(labels, predictions, 3);    // predicted classes only
 * MetricData regression = MetricData.regression(actual, predicted);
 * }</pre>
 *
 * <p>A user-defined computation reads rows through the element accessors ({@link #label(int)},
 * {@link #score(int)}, {@link #probability(int, int)}, {@link #prediction(int)}, {@link #actual(int)},
 * {@link #predicted(int)}, {@link #weight(int)}: 1 on unweighted data); asking for something the
 * data does not carry (scores of predicted classes, labels of a regression) throws
 * {@link IllegalArgumentException}, which makes the metric undefined with that reason. Binary data
 * predicts class 1 when {@code score >= threshold}; multiclass data predicts the arg-max class
 * (the first maximum on ties).
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe.
 */
public final class MetricData {

  private final MetricKind kind;
  private final int classCount;
  private final int[] labels;
  private final int[] predictions;
  private final double[] scores;
  private final double[][] probabilities;
  private final double[] actual;
  private final double[] predicted;
  private final double[] weights;
  private final double threshold;

  private MetricData(MetricKind kind, int classCount, int[] labels, int[] predictions, double[] scores,
      double[][] probabilities, double[] actual, double[] predicted, double[] weights, double threshold) {
    this.kind = kind;
    this.classCount = classCount;
    this.labels = labels;
    this.predictions = predictions;
    this.scores = scores;
    this.probabilities = probabilities;
    this.actual = actual;
    this.predicted = predicted;
    this.weights = weights;
    this.threshold = threshold;
  }

  /**
   * Binary classification data: labels 0/1 (1 = positive) and the predicted probability of class 1,
   * decision threshold 0.5.
   *
   * @param labels true classes, 0 or 1
   * @param scores predicted P(class 1), in [0, 1]
   * @return the data
   * @throws IllegalArgumentException on empty or mismatched arrays, a label not 0/1 or a score
   *     outside [0, 1] (naming the index and value)
   */
  public static MetricData binary(int[] labels, double[] scores) {
    Checks.binaryLabels(labels);
    Checks.probabilities("scores", scores);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    double threshold = ClassificationEvaluation.DEFAULT_THRESHOLD;
    double[] s = scores.clone();
    return new MetricData(MetricKind.CLASSIFICATION, 2, labels.clone(), predict(s, threshold), s, null,
        null, null, null, threshold);
  }

  /**
   * Multiclass classification data: labels in [0, k) and one probability row per label.
   *
   * @param labels true classes
   * @param probabilities one row of k probabilities (summing to 1 within 1e-6) per label
   * @return the data
   * @throws IllegalArgumentException on empty or mismatched arrays, a label outside [0, k), or a
   *     probability row that is not a distribution (naming the index and value)
   */
  public static MetricData multiclass(int[] labels, double[][] probabilities) {
    int k = Checks.probabilityRows("probabilities", probabilities);
    Checks.sameLength("labels", labels == null ? 0 : labels.length, "probabilities", probabilities.length);
    Checks.classLabels("labels", labels, k);
    double[][] p = new double[probabilities.length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = probabilities[i].clone();
    }
    return new MetricData(MetricKind.CLASSIFICATION, k, labels.clone(), MulticlassMetrics.argmax(p), null, p,
        null, null, null, Double.NaN);
  }

  /**
   * Classification data with predicted classes only (no scores): metrics that need scores
   * (ROC AUC, log loss, Brier, calibration...) are undefined on it.
   *
   * @param labels true classes in [0, classCount)
   * @param predictions predicted classes in [0, classCount)
   * @param classCount the number of classes, at least 2 (2 = binary, class 1 positive)
   * @return the data
   * @throws IllegalArgumentException on empty or mismatched arrays, or a class outside [0, classCount)
   */
  public static MetricData classes(int[] labels, int[] predictions, int classCount) {
    if (classCount < 2) {
      throw new IllegalArgumentException("class count must be at least 2: " + classCount);
    }
    Checks.nonEmpty("labels", labels == null ? 0 : labels.length);
    Checks.sameLength("labels", labels.length, "predictions", predictions == null ? 0 : predictions.length);
    Checks.classLabels("labels", labels, classCount);
    Checks.classLabels("predictions", predictions, classCount);
    return new MetricData(MetricKind.CLASSIFICATION, classCount, labels.clone(), predictions.clone(), null, null,
        null, null, null, Double.NaN);
  }

  /**
   * Regression data: actual and predicted values.
   *
   * @param actual the true values, finite
   * @param predicted the predictions, finite
   * @return the data
   * @throws IllegalArgumentException on empty or mismatched arrays or a non-finite value (naming the index)
   */
  public static MetricData regression(double[] actual, double[] predicted) {
    Checks.finite("actual", actual);
    Checks.finite("predicted", predicted);
    Checks.sameLength("actual", actual.length, "predicted", predicted.length);
    return new MetricData(MetricKind.REGRESSION, 0, null, null, null, null, actual.clone(), predicted.clone(),
        null, Double.NaN);
  }

  /**
   * Returns a copy with sample weights (as scikit-learn's {@code sample_weight}).
   *
   * @param weights one finite, non-negative weight per row, not all 0
   * @return the weighted copy
   * @throws IllegalArgumentException on a wrong length or a negative or non-finite weight
   */
  public MetricData withWeights(double[] weights) {
    Checks.weights(weights, size());
    return new MetricData(kind, classCount, labels, predictions, scores, probabilities, actual, predicted,
        weights.clone(), threshold);
  }

  /**
   * Returns a copy of binary data with another decision threshold ({@code score >= threshold} is
   * predicted positive).
   *
   * @param threshold in [0, 1]
   * @return the copy
   * @throws IllegalArgumentException if outside [0, 1] or the data is not binary with scores
   */
  public MetricData withThreshold(double threshold) {
    if (scores == null) {
      throw new IllegalArgumentException("threshold applies only to binary data with scores: " + threshold);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
    }
    return new MetricData(kind, classCount, labels, predict(scores, threshold), scores, probabilities, actual,
        predicted, weights, threshold);
  }

  /**
   * Returns the given rows, in the given order, repeats allowed (a slice or a bootstrap resample).
   *
   * @param rows row indices in [0, size())
   * @return the selected data (same kind, class count, threshold; weights selected too)
   * @throws IllegalArgumentException if {@code rows} is empty or an index is out of range
   */
  public MetricData select(int[] rows) {
    Objects.requireNonNull(rows, "rows");
    Checks.nonEmpty("rows", rows.length);
    int n = size();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= n) {
        throw new IllegalArgumentException("rows[" + i + "] must be in [0, " + n + "): " + rows[i]);
      }
    }
    return new MetricData(kind, classCount, pick(labels, rows), pick(predictions, rows), pick(scores, rows),
        pick(probabilities, rows), pick(actual, rows), pick(predicted, rows), pick(weights, rows), threshold);
  }

  /**
   * Returns the metric family this data feeds.
   *
   * @return classification or regression
   */
  public MetricKind kind() {
    return kind;
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count, at least 1
   */
  public int size() {
    return labels != null ? labels.length : actual.length;
  }

  /**
   * Returns the number of classes.
   *
   * @return k (2 for binary), 0 for regression data
   */
  public int classCount() {
    return classCount;
  }

  /**
   * Tells whether this is binary classification data (class 1 positive).
   *
   * @return {@code true} for two classes
   */
  public boolean isBinary() {
    return classCount == 2;
  }

  /**
   * Tells whether the data carries scores or probabilities (not predicted classes only).
   *
   * @return {@code true} if {@link #probability(int, int)} is available
   */
  public boolean hasScores() {
    return scores != null || probabilities != null;
  }

  /**
   * Tells whether sample weights were given.
   *
   * @return {@code true} if weighted
   */
  public boolean isWeighted() {
    return weights != null;
  }

  /**
   * Returns the decision threshold of binary data with scores.
   *
   * @return the threshold, NaN for other data
   */
  public double threshold() {
    return threshold;
  }

  /**
   * Returns the true class of a row.
   *
   * @param row the row index
   * @return the class in [0, k)
   * @throws IllegalArgumentException on regression data
   */
  public int label(int row) {
    return classification("labels")[row];
  }

  /**
   * Returns the predicted class of a row (threshold for binary data, arg-max for probabilities).
   *
   * @param row the row index
   * @return the class in [0, k)
   * @throws IllegalArgumentException on regression data
   */
  public int prediction(int row) {
    classification("predictions");
    return predictions[row];
  }

  /**
   * Returns the predicted probability of class 1 of a row of binary data.
   *
   * @param row the row index
   * @return P(class 1)
   * @throws IllegalArgumentException if the data is not binary with scores
   */
  public double score(int row) {
    if (scores == null) {
      throw new IllegalArgumentException("scores must be available: the data carries "
          + (kind == MetricKind.REGRESSION ? "regression values" : probabilities != null
              ? "multiclass probabilities" : "predicted classes only"));
    }
    return scores[row];
  }

  /**
   * Returns the predicted probability of one class of a row.
   *
   * @param row the row index
   * @param classIndex the class in [0, k)
   * @return the probability
   * @throws IllegalArgumentException if the data carries no scores or the class is out of range
   */
  public double probability(int row, int classIndex) {
    if (classIndex < 0 || classIndex >= classCount) {
      throw new IllegalArgumentException("class index must be in [0, " + classCount + "): " + classIndex);
    }
    if (probabilities != null) {
      return probabilities[row][classIndex];
    }
    double s = score(row);
    return classIndex == 1 ? s : 1 - s;
  }

  /**
   * Returns the true value of a row of regression data.
   *
   * @param row the row index
   * @return the value
   * @throws IllegalArgumentException on classification data
   */
  public double actual(int row) {
    return regression("actual values")[row];
  }

  /**
   * Returns the predicted value of a row of regression data.
   *
   * @param row the row index
   * @return the value
   * @throws IllegalArgumentException on classification data
   */
  public double predicted(int row) {
    regression("predicted values");
    return predicted[row];
  }

  /**
   * Returns the sample weight of a row.
   *
   * @param row the row index
   * @return the weight, 1 on unweighted data
   */
  public double weight(int row) {
    Objects.checkIndex(row, size());
    return weights == null ? 1.0 : weights[row];
  }

  /**
   * Returns a copy of the labels.
   *
   * @return the true classes
   * @throws IllegalArgumentException on regression data
   */
  public int[] labels() {
    return classification("labels").clone();
  }

  /**
   * Returns a copy of the predicted classes.
   *
   * @return the predicted classes
   * @throws IllegalArgumentException on regression data
   */
  public int[] predictions() {
    classification("predictions");
    return predictions.clone();
  }

  /**
   * Returns a copy of the scores of binary data.
   *
   * @return P(class 1) per row
   * @throws IllegalArgumentException if the data is not binary with scores
   */
  public double[] scores() {
    score(0);
    return scores.clone();
  }

  /**
   * Returns a copy of the probability rows (binary data gives {@code [1 - score, score]}).
   *
   * @return one row of k probabilities per row
   * @throws IllegalArgumentException if the data carries no scores
   */
  public double[][] probabilities() {
    double[][] out = new double[size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = probabilities != null ? probabilities[i].clone() : new double[] {1 - score(i), score(i)};
    }
    return out;
  }

  /**
   * Returns a copy of the actual values of regression data.
   *
   * @return the true values
   * @throws IllegalArgumentException on classification data
   */
  public double[] actual() {
    return regression("actual values").clone();
  }

  /**
   * Returns a copy of the predicted values of regression data.
   *
   * @return the predictions
   * @throws IllegalArgumentException on classification data
   */
  public double[] predicted() {
    regression("predicted values");
    return predicted.clone();
  }

  /**
   * Returns a copy of the sample weights.
   *
   * @return the weights, all 1 on unweighted data
   */
  public double[] weights() {
    if (weights == null) {
      double[] ones = new double[size()];
      Arrays.fill(ones, 1.0);
      return ones;
    }
    return weights.clone();
  }

  @Override
  public String toString() {
    return "MetricData[" + kind + ", rows=" + size() + (kind == MetricKind.CLASSIFICATION ? ", classes="
        + classCount + (hasScores() ? "" : ", predictions only") : "") + (weights != null ? ", weighted" : "")
        + "]";
  }

  private int[] classification(String what) {
    if (labels == null) {
      throw new IllegalArgumentException(what + " must be available: the data is regression data");
    }
    return labels;
  }

  private double[] regression(String what) {
    if (actual == null) {
      throw new IllegalArgumentException(what + " must be available: the data is classification data");
    }
    return actual;
  }

  private static int[] predict(double[] scores, double threshold) {
    int[] out = new int[scores.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = scores[i] >= threshold ? 1 : 0;
    }
    return out;
  }

  private static int[] pick(int[] values, int[] rows) {
    if (values == null) {
      return null;
    }
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  private static double[] pick(double[] values, int[] rows) {
    if (values == null) {
      return null;
    }
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  private static double[][] pick(double[][] values, int[] rows) {
    if (values == null) {
      return null;
    }
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}

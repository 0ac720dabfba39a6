package dev.mlops.core.retraining;

import dev.mlops.core.internal.Checks;
import dev.mlops.core.serving.PredictionResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RetrainPolicy} sees when the loop asks it: the champion's labelled predictions since
 * it was deployed (most recent last), its reference performance, the monitoring windows closed
 * since it was deployed or last retrained, the new labelled rows and the time.
 *
 * <p>Immutable and thread-safe (a snapshot).
 *
 * @param now the loop's clock
 * @param lastRetrain when the champion was deployed or the loop last retrained, whichever is later
 * @param newLabelledRows labelled rows added since the last retrain
 * @param labels the champion's most recent labelled predictions' labels, oldest first
 * @param predictions the champion's predictions for {@code labels}, in the same order
 * @param championLabelCount labels of the champion joined since its deployment or the last retrain
 *     (the loop asks label-driven policies at every label, so each count is seen once)
 * @param reference the champion's reference performance (from its held-out evaluation), may be null
 * @param windows the monitoring windows of the champion closed since the last retrain, oldest first
 * @param fit how many rows the champion was fitted on, of how many available; null if unknown
 */
public record PolicyState(Instant now, Instant lastRetrain, long newLabelledRows, double[] labels,
    List<PredictionResult> predictions, long championLabelCount, ReferencePerformance reference, List<WindowSignal> windows,
    ChampionFit fit) {

  /**
   * A state without the champion's fit.
   *
   * @param now the loop's clock
   * @param lastRetrain when the champion was deployed or the loop last retrained
   * @param newLabelledRows labelled rows added since the last retrain
   * @param labels the champion's most recent labels, oldest first
   * @param predictions the champion's predictions for {@code labels}
   * @param championLabelCount labels of the champion joined since its deployment or the last retrain
   * @param reference the champion's reference performance, may be null
   * @param windows the monitoring windows closed since the last retrain
   */
  public PolicyState(Instant now, Instant lastRetrain, long newLabelledRows, double[] labels,
      List<PredictionResult> predictions, long championLabelCount, ReferencePerformance reference,
      List<WindowSignal> windows) {
    this(now, lastRetrain, newLabelledRows, labels, predictions, championLabelCount, reference, windows, null);
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component other than the reference is null
   * @throws IllegalArgumentException if labels and predictions differ in length
   */
  public PolicyState {
    Checks.nonNull("now", now, "lastRetrain", lastRetrain);
    labels = labels.clone();
    predictions = List.copyOf(predictions);
    windows = List.copyOf(windows);
    if (labels.length != predictions.size()) {
      throw new IllegalArgumentException("predictions must have one entry per label: " + predictions.size() + " for "
          + labels.length + " labels");
    }
  }

  @Override
  public double[] labels() {
    return labels.clone();
  }

  /**
   * How the champion was fitted: on {@code trainingRows} of the {@code availableRows} labelled rows
   * the loop held (fewer when its training-window backtest judged the older rows harmful), the last
   * {@code changeRows} of which came after a change its trigger located and its retrainer used (0 if
   * none). After a retrain of the champion that was not promoted, the loop counts the rows that
   * retrain could use ({@link #grownBy}), so that follow-ups stay geometric.
   *
   * @param trainingRows rows the champion was fitted on, at least 1
   * @param availableRows labelled rows available then, at least {@code trainingRows}
   * @param changeRows rows after the located change, in [0, availableRows]
   */
  public record ChampionFit(int trainingRows, int availableRows, int changeRows) {

    /**
     * A fit without a located change.
     *
     * @param trainingRows rows the champion was fitted on
     * @param availableRows labelled rows available then
     */
    public ChampionFit(int trainingRows, int availableRows) {
      this(trainingRows, availableRows, 0);
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a count is out of range
     */
    public ChampionFit {
      if (trainingRows < 1) {
        throw new IllegalArgumentException("champion fit training rows must be at least 1: " + trainingRows);
      }
      if (availableRows < trainingRows) {
        throw new IllegalArgumentException("champion fit available rows must be at least the training rows "
            + trainingRows + ": " + availableRows);
      }
      if (changeRows < 0 || changeRows > availableRows) {
        throw new IllegalArgumentException("champion fit change rows must be in [0, " + availableRows + "]: "
            + changeRows);
      }
    }

    /**
     * The rows of the champion's concept when it was fitted: those after the located change, or, with
     * none located, its training rows if they were fewer than half of the rows available (its backtest
     * judged the older rows harmful); 0 when the champion was fitted on (nearly) all rows of one concept.
     * Fewer than half of the rows available, else 0: a concept that fills the store has grown.
     *
     * @return the rows, 0 if the champion's concept is not a recent one
     */
    public int conceptRows() {
      int rows = changeRows > 0 ? changeRows : trainingRows;
      return 2L * rows <= availableRows ? rows : 0;
    }

    /**
     * This fit as a retrain of the champion that was not promoted saw it: {@code labels} more rows
     * available, and a recent concept grown by them (so the next follow-up waits for the factor
     * times the grown concept, not the same number of labels again).
     *
     * @param labels rows labelled since the champion was deployed or last retrained, non-negative
     * @return the grown fit (this one if its concept is not recent or no rows came)
     */
    public ChampionFit grownBy(long labels) {
      int concept = conceptRows();
      if (concept == 0 || labels <= 0) {
        return this;
      }
      int available = (int) Math.min(Integer.MAX_VALUE, availableRows + labels);
      int change = (int) Math.min(available, concept + labels);
      return new ChampionFit(Math.min(trainingRows, available), available, change);
    }
  }

  /**
   * The champion's performance to compare realised performance with.
   *
   * @param metric the metric key, e.g. {@code "rmse"}
   * @param value the value on the champion's held-out rows
   * @param rows how many held-out rows it was measured on (0 if unknown)
   * @param source where it came from, e.g. {@code "held-out evaluation of v3"}
   * @param byClass each class's held-out recall (a binary classifier's {@code recall} and
   *     {@code specificity}), empty if unknown
   */
  public record ReferencePerformance(String metric, double value, long rows, String source, List<ClassRecall> byClass) {

    /**
     * A reference without per-class recall.
     *
     * @param metric the metric key
     * @param value the value on the champion's held-out rows
     * @param rows how many held-out rows (0 if unknown)
     * @param source where it came from
     */
    public ReferencePerformance(String metric, double value, long rows, String source) {
      this(metric, value, rows, source, List.of());
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if the metric, source or per-class list is null
     */
    public ReferencePerformance {
      Checks.nonNull("metric", metric, "source", source);
      byClass = List.copyOf(Objects.requireNonNull(byClass, "byClass must not be null"));
    }
  }

  /**
   * The recall of one class on the champion's held-out rows (the share of that class's rows it
   * predicted right), with which the realised-performance trigger of a classifier measured by
   * accuracy compares each class's realised recall ({@link RetrainPolicy#realisedPerformance}).
   *
   * @param label the class index (the loop's label encoding)
   * @param recall the held-out recall, in [0, 1]
   * @param rows the held-out rows of that class, at least 1
   */
  public record ClassRecall(int label, double recall, long rows) {

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public ClassRecall {
      if (label < 0) {
        throw new IllegalArgumentException("class recall label must be a class index (>= 0): " + label);
      }
      if (!(recall >= 0 && recall <= 1)) {
        throw new IllegalArgumentException("class recall must be in [0, 1]: " + recall);
      }
      if (rows < 1) {
        throw new IllegalArgumentException("class recall rows must be at least 1: " + rows);
      }
    }

    /**
     * Class {@code label}'s recall over labelled predictions ({@code labels[i]} answered by {@code
     * predictions.get(i)}), or null when no label is of that class.
     */
    static ClassRecall on(int label, double[] labels, List<PredictionResult> predictions) {
      int rows = 0;
      int right = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == label) {
          rows++;
          right += predictions.get(i).value() == label ? 1 : 0;
        }
      }
      return rows == 0 ? null : new ClassRecall(label, right / (double) rows, rows);
    }
  }
}

package dev.mlops.core.retraining;

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
 */
public record PolicyState(Instant now, Instant lastRetrain, long newLabelledRows, double[] labels,
    List<PredictionResult> predictions, long championLabelCount, ReferencePerformance reference, List<WindowSignal> windows) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component other than the reference is null
   * @throws IllegalArgumentException if labels and predictions differ in length
   */
  public PolicyState {
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(lastRetrain, "lastRetrain must not be null");
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
   * The champion's performance to compare realised performance with.
   *
   * @param metric the metric key, e.g. {@code "rmse"}
   * @param value the value on the champion's held-out rows
   * @param rows how many held-out rows it was measured on (0 if unknown)
   * @param source where it came from, e.g. {@code "held-out evaluation of v3"}
   */
  public record ReferencePerformance(String metric, double value, long rows, String source) {

    /**
     * Validates.
     *
     * @throws NullPointerException if the metric or source is null
     */
    public ReferencePerformance {
      Objects.requireNonNull(metric, "metric must not be null");
      Objects.requireNonNull(source, "source must not be null");
    }
  }
}

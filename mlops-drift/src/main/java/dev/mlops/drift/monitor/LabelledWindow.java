package dev.mlops.drift.monitor;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.internal.DriftJson;
import dev.mlops.metrics.MlopsException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled performance of a closed window: realised from the labels of the window's own
 * predictions known so far, those that arrived by its close and those that arrived later (within
 * the label horizon, {@code DriftMonitor.Builder.labelHorizon}), with the window's label-free
 * accuracy estimate completed by the realised accuracy of those same predictions. So {@code
 * accuracyEstimate().error()} compares the estimate with the rows it estimated, however late their
 * labels came.
 *
 * <p>A window's first labelled performance is that of its report ({@link DriftReport#performance()}
 * at the close); each late label makes a newer one, told to {@link DriftListener#onLabelledWindow}
 * after the next window's report and read by {@link DriftMonitor#labelledWindows()}. The last one,
 * once the window has left the horizon (later labels are counted, not credited), is {@linkplain
 * #settled() settled}.
 *
 * <pre>{@code
 * monitor.labelledWindows().forEach(w -> log.info(w.toText()));
 * // window 7 [..]: 480 of 500 predictions labelled (310 late); realised accuracy=0.8521, ...
 * //   estimated accuracy 0.8412 [0.8190, 0.8634] (95%, 500 rows); realised 0.8521, error -0.0109
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toJson()} writes snake_case JSON (the components) through
 * the same mapper and rules as {@link DriftReport#toJson()}.
 *
 * @param window the window's number, as in its {@link DriftReport#window()}
 * @param start when the window opened
 * @param end when the window closed
 * @param predictions predictions recorded in the window (those with a request id can be labelled)
 * @param labelled the window's predictions joined with their label so far
 * @param lateLabels of those, the ones whose label arrived after the window closed
 * @param outsideClasses labels of the window's predictions outside the declared classes (left out
 *     of the realised metrics)
 * @param realised realised metrics of the labelled predictions (keys as {@link
 *     Performance#realised()})
 * @param undefined realised metrics that could not be computed, with the reason
 * @param accuracyEstimate the window's accuracy estimate (as reported at its close) with the
 *     realised accuracy of its labelled predictions, or {@code null} when the monitor estimates none
 * @param settled whether the window has left the label horizon: no later label is credited to it
 */
public record LabelledWindow(
    long window,
    Instant start,
    Instant end,
    long predictions,
    long labelled,
    long lateLabels,
    long outsideClasses,
    Map<String, Double> realised,
    List<String> undefined,
    AccuracyEstimate accuracyEstimate,
    boolean settled) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if {@code start}, {@code end}, {@code realised} or {@code
   *     undefined} is null
   * @throws IllegalArgumentException if a count is negative or {@code lateLabels} exceeds {@code
   *     labelled}
   */
  public LabelledWindow {
    Objects.requireNonNull(start, "start must not be null");
    Objects.requireNonNull(end, "end must not be null");
    realised = Map.copyOf(realised);
    undefined = List.copyOf(undefined);
    if (predictions < 0 || labelled < 0 || outsideClasses < 0 || lateLabels < 0
        || lateLabels > labelled) {
      throw new IllegalArgumentException("labelled window counts must not be negative and late"
          + " labels at most the labelled: predictions " + predictions + ", labelled " + labelled
          + ", late " + lateLabels + ", outside the classes " + outsideClasses);
    }
  }

  /**
   * The share of the window's predictions labelled so far.
   *
   * @return {@code labelled / predictions}, NaN without predictions
   */
  public double labelledShare() {
    return predictions == 0 ? Double.NaN : (double) labelled / predictions;
  }

  /**
   * One or two lines: counts and realised metrics, then the accuracy estimate with its error.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "labelled window %d [%s .. %s]%s: %d of %d predictions labelled (%d late)", window, start,
        end, settled ? " settled" : "", labelled, predictions, lateLabels));
    if (outsideClasses > 0) {
      sb.append(String.format(Locale.ROOT, ", %d outside the declared classes", outsideClasses));
    }
    sb.append("; realised ");
    if (realised.isEmpty()) {
      sb.append('-');
    } else {
      realised.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
          sb.append(sb.charAt(sb.length() - 1) == ' ' ? "" : ", ").append(e.getKey()).append('=')
              .append(DriftReport.fmt(e.getValue())));
    }
    sb.append(System.lineSeparator());
    if (accuracyEstimate != null) {
      sb.append("  ").append(accuracyEstimate.toText()).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /**
   * The labelled window as JSON: its components in snake_case ({@code window}, {@code start},
   * {@code end} (ISO-8601), {@code predictions}, {@code labelled}, {@code late_labels}, {@code
   * outside_classes}, {@code realised}, {@code undefined}, {@code accuracy_estimate} (as in a
   * report's performance, or null), {@code settled}).
   *
   * @return the JSON text
   * @throws MlopsException if Jackson fails (not expected)
   */
  public String toJson() {
    return DriftJson.write(this, "labelled window " + window);
  }

  /**
   * Reads a labelled window written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the labelled window, equal to the one written
   * @throws IllegalArgumentException if {@code json} is not such a document
   * @throws NullPointerException if {@code json} is null
   */
  public static LabelledWindow fromJson(String json) {
    return DriftJson.read(Objects.requireNonNull(json, "json must not be null"),
        LabelledWindow.class);
  }
}

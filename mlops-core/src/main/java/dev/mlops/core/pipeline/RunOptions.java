package dev.mlops.core.pipeline;

import dev.mlops.core.data.Source;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.metrics.Metric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-run options: the champion the gate compares against and, for retraining, the source of the
 * new data, a time-ordered holdout of its last rows, whether the run only selects (its model is not
 * served), the selected run to refit on all rows, and extra metadata for the model. Everything else comes from the pipeline definition.
 *
 * <pre>{@code
 * PipelineRun retrain = pipeline.run(RunOptions.champion(current).withSource(Source.of(recentRows)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RunOptions {

  private static final RunOptions NONE = new RunOptions(null, null, 0, null, Map.of(), null, false);

  private final TrainedModel champion;
  private final Source source;
  private final int holdoutLast;
  private final PipelineRun refitOf;
  private final Map<String, String> metadata;
  private final Metric gateMetric;
  private final boolean selection;

  private RunOptions(TrainedModel champion, Source source, int holdoutLast, PipelineRun refitOf,
      Map<String, String> metadata, Metric gateMetric, boolean selection) {
    this.champion = champion;
    this.source = source;
    this.holdoutLast = holdoutLast;
    this.refitOf = refitOf;
    this.metadata = metadata;
    this.gateMetric = gateMetric;
    this.selection = selection;
  }

  /**
   * No champion, the pipeline's own source.
   *
   * @return the options
   */
  public static RunOptions none() {
    return NONE;
  }

  /**
   * Compare against a champion.
   *
   * @param champion the model in service
   * @return the options
   */
  public static RunOptions champion(TrainedModel champion) {
    return new RunOptions(Objects.requireNonNull(champion, "champion"), null, 0, null, Map.of(), null, false);
  }

  /**
   * Read the rows from another source this run (e.g. recent labelled data for a retrain).
   *
   * @param source the source
   * @return new options
   */
  public RunOptions withSource(Source source) {
    return new RunOptions(champion, Objects.requireNonNull(source, "source"), holdoutLast, refitOf, metadata, gateMetric, selection);
  }

  /**
   * Compare against a champion.
   *
   * @param champion the model in service
   * @return new options
   */
  public RunOptions withChampion(TrainedModel champion) {
    return new RunOptions(Objects.requireNonNull(champion, "champion"), source, holdoutLast, refitOf, metadata, gateMetric, selection);
  }

  /**
   * The champion, if any.
   *
   * @return the champion
   */
  public Optional<TrainedModel> champion() {
    return Optional.ofNullable(champion);
  }

  /**
   * The source override, if any.
   *
   * @return the source
   */
  public Optional<Source> source() {
    return Optional.ofNullable(source);
  }

  /**
   * Holds out the last {@code rows} rows of the (validated) table, in table order, instead of the
   * definition's split: with rows in arrival order, the gate then judges the model on the most
   * recent labelled rows, which it never saw.
   *
   * @param rows the number of rows held out, at least 1
   * @return new options
   * @throws IllegalArgumentException if {@code rows < 1}
   */
  public RunOptions withHoldoutLast(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("holdout rows must be at least 1: " + rows);
    }
    return new RunOptions(champion, source, rows, refitOf, metadata, gateMetric, selection);
  }

  /**
   * Refits the model of a selected run on all rows of this run's source, held-out rows included:
   * the trainer (the search's best if the selected run searched), transforms and data contract of
   * the definition are fitted on every row; no new evaluation or gate runs, the selected run's
   * held-out report, gate decision and held-out predictions are carried over, and the model's
   * metadata says so ({@code refit}, {@code refit_rows}, {@code selected_run_id}).
   *
   * @param selected the run whose model passed the gate
   * @return new options
   * @throws NullPointerException if the run is null
   */
  public RunOptions withRefitOf(PipelineRun selected) {
    return new RunOptions(champion, source, holdoutLast, Objects.requireNonNull(selected, "selected run"), metadata, gateMetric, selection);
  }

  /**
   * Adds metadata to the model of this run (e.g. how its training window was chosen); it is stored
   * with the model and appears in the run record.
   *
   * @param extra keys and values; they never replace the pipeline's own keys
   * @return new options
   * @throws NullPointerException if the map, a key or a value is null
   */
  public RunOptions withMetadata(Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    Objects.requireNonNull(extra, "metadata").forEach((k, v) ->
        m.put(Objects.requireNonNull(k, "metadata key"), Objects.requireNonNull(v, () -> "metadata value of " + k)));
    return new RunOptions(champion, source, holdoutLast, refitOf, Collections.unmodifiableMap(m), gateMetric, selection);
  }

  /**
   * Compares the candidate with the champion on this metric when the pipeline's gate has no
   * thresholds of its own (instead of the gate's primary metric: RMSE, ROC AUC for two classes,
   * accuracy otherwise). A retraining loop passes its performance measure here, so that selection,
   * gate and the realised-performance trigger judge the same metric: ROC AUC, a ranking metric, does
   * not see a decision boundary that moved, while accuracy does.
   *
   * @param metric the metric (built-in or custom, of the run's task)
   * @return new options
   * @throws NullPointerException if the metric is null
   */
  public RunOptions withGateMetric(Metric metric) {
    return new RunOptions(champion, source, holdoutLast, refitOf, metadata, Objects.requireNonNull(metric, "gate metric"),
        selection);
  }

  /**
   * Marks this run as a selection run: its model is only evaluated and gated, to choose between
   * candidates (a training window, a model spec), and is not the model that will be served: the
   * model of the chosen run is refitted ({@link #withRefitOf}) and the refit is registered. An
   * ordered profile of a selection run then holds the held-out split's predictions (as {@link
   * ProfilePredictions#heldOut()}) instead of the definition's {@link ProfilePredictions}: no
   * out-of-fold fits (by default 5 extra fits per run), since the refit computes its own profile.
   * Everything else (split, training, evaluation, gate) is the same as without the mark, and the
   * model's metadata says {@code selection_run=true}. {@code PipelineRetrainer} marks its candidate
   * runs so.
   *
   * @return new options
   */
  public RunOptions forSelection() {
    return new RunOptions(champion, source, holdoutLast, refitOf, metadata, gateMetric, true);
  }

  /**
   * Whether this is a selection run ({@link #forSelection()}).
   *
   * @return true for a selection run
   */
  public boolean selection() {
    return selection;
  }

  /**
   * The metric the gate compares on when it has no thresholds, if one was given.
   *
   * @return the metric
   */
  public Optional<Metric> gateMetric() {
    return Optional.ofNullable(gateMetric);
  }

  /**
   * The number of last rows held out instead of the definition's split, 0 if none.
   *
   * @return the count
   */
  public int holdoutLast() {
    return holdoutLast;
  }

  /**
   * The selected run to refit on all rows, if any.
   *
   * @return the run
   */
  public Optional<PipelineRun> refitOf() {
    return Optional.ofNullable(refitOf);
  }

  /**
   * The extra metadata for the model.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }
}

package dev.mlops.core.retraining;

import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.GateDecision;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineException;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.train.Trainer;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Retrains through a {@link Pipeline}: select on the most recent labelled rows, then refit on all.
 *
 * <ol>
 *   <li><b>Holdout.</b> The loop's rows arrive oldest first; the last rows are held out in that
 *       order: the newest half of the rows labelled since the champion was deployed (the older half
 *       trains the candidate), at least {@code minHoldout} and at most {@code maxHoldoutFraction}
 *       of the rows; after a located change, the newest half of its rows. A located change not
 *       longer than the holdout is not used (recorded as {@code change_rows_unused}).</li>
 *   <li><b>Training window by backtest.</b> Each candidate window (by default all rows before the
 *       holdout, the last half, quarter and tenth of them; after a located change the rows since the
 *       change, 1.5 and 2 times as many, and only those defaults no longer than that, see {@link
 *       CandidateWindows}) is trained by the pipeline and
 *       evaluated on the holdout; the best by the window metric (RMSE for a regressor, ROC AUC for
 *       two classes, accuracy otherwise) is selected, and its run's gate decides against the
 *       champion on the same holdout. The windows' scores are recorded in the metadata
 *       ({@code window.*}). With {@link #candidates candidate model specs} every model is trained
 *       on every window and the best (model, window) pair is kept ({@code model.*}); {@link
 *       #firstRun} selects the first model by the same rule. After a located change the rows of up to
 *       three earlier concepts' models are offered too ({@link #earlierConcepts}), never the concept
 *       the change departed from.</li>
 *   <li><b>Refit.</b> Once the loop accepts the candidate, {@link #refit} fits the selected run's
 *       definition on its window plus the holdout (the model registered has seen the newest rows),
 *       carrying the holdout's evaluation and gate decision; the metadata says {@code refit=true}.</li>
 * </ol>
 *
 * <p>Only the refit pays for its reference profile's out-of-fold predictions ({@code
 * ProfilePredictions}, by default 5 extra fits): the candidate runs of the backtest and of {@link
 * #firstRun} are selection runs ({@link RunOptions#forSelection()}), whose models are scored and
 * gated but never served, so their profiles hold the holdout's predictions and cost no extra fit.
 * A retrain with N candidate runs (and no hyperparameter search) fits N + 1 models plus the refit
 * profile's folds (N + 6 by default), where every candidate used to pay the folds too (6N + 6).
 *
 * <p>The table given to the pipeline has the champion's input columns (with their types), the
 * definition's split column (a time or group column, kept whether or not it is a model input), the
 * other columns of the rows that the pipeline never uses as inputs (excluded columns, or every
 * column outside an explicit feature list: identifiers, groups an expectation reads) and
 * the target (class indices mapped back to the champion's class labels). Thread-safe if the pipeline
 * is; one retrain at a time (the loop's contract).
 */
public final class PipelineRetrainer implements Retrainer<TrainedModel> {

  /** The selected run of the last accepted retrain, kept for its refit. */
  private record Selection(RetrainOutcome outcome, Pipeline pipeline, PipelineRun run, Table window,
      Map<String, String> evidence) {}

  /** The rows a model was fitted on and its spec: offered again, after a located change, as a candidate. */
  private record Fit(Pipeline spec, Table rows, int number) {}

  /** The default number of earlier concepts' fits offered after a located change. */
  static final int DEFAULT_EARLIER_CONCEPTS = 3;

  private final Pipeline pipeline;
  private final Table original;
  private final double[] windowFractions;
  private final int minHoldout;
  private final double maxHoldoutFraction;
  private final Metric metric;
  /** The candidate model specs: the pipeline first, then the same pipeline with each other trainer. */
  private final List<Pipeline> specs;
  /** How many earlier concepts' fits are offered after a located change (0: none). */
  private final int earlierConcepts;
  /** Guards {@link #currentFit}, {@link #departed}, {@link #concepts} and {@link #fits}. */
  private final Object fitLock = new Object();
  /** The fit of the model this retrainer produced last (the first run's, or the last accepted refit's). */
  private Fit currentFit;
  /** Earlier concepts' fits, oldest first: the fit that served until each located change. */
  private final List<Fit> concepts = new ArrayList<>();
  /** The fit serving when the last new concept was located: the concept that change departed from. */
  private Fit departed;
  private int fits;
  private volatile Selection last;

  private PipelineRetrainer(Pipeline pipeline, Table original, double[] windowFractions, int minHoldout,
      double maxHoldoutFraction, Metric metric) {
    this(pipeline, original, windowFractions, minHoldout, maxHoldoutFraction, metric, List.of(pipeline),
        DEFAULT_EARLIER_CONCEPTS);
  }

  private PipelineRetrainer(Pipeline pipeline, Table original, double[] windowFractions, int minHoldout,
      double maxHoldoutFraction, Metric metric, List<Pipeline> specs, int earlierConcepts) {
    this.specs = specs;
    this.earlierConcepts = earlierConcepts;
    this.pipeline = pipeline;
    this.original = original;
    this.windowFractions = windowFractions;
    this.minHoldout = minHoldout;
    this.maxHoldoutFraction = maxHoldoutFraction;
    this.metric = metric;
  }

  /**
   * Retrains with a pipeline on the loop's labelled rows (defaults: windows of all, the last half,
   * quarter and tenth of the rows; holdout at least 50 rows and at most 25%).
   *
   * @param pipeline the pipeline (its source is replaced by the assembled rows for each run)
   * @return the retrainer
   * @throws NullPointerException if the pipeline is null
   */
  public static PipelineRetrainer of(Pipeline pipeline) {
    return new PipelineRetrainer(Objects.requireNonNull(pipeline, "pipeline must not be null"), null,
        new double[] {1.0, 0.5, 0.25, 0.1}, 50, 0.25, null);
  }

  /**
   * Puts the original training table (same columns as the assembled rows) before the labelled rows
   * of every retrain. Unnecessary when the loop's label store is seeded with the history.
   *
   * @param originalData the original labelled table
   * @return a new retrainer
   * @throws NullPointerException if the table is null
   */
  public PipelineRetrainer withOriginalData(Table originalData) {
    return new PipelineRetrainer(pipeline, Objects.requireNonNull(originalData, "original data must not be null"),
        windowFractions, minHoldout, maxHoldoutFraction, metric, specs, earlierConcepts);
  }

  /**
   * Sets the candidate training windows, as fractions of the rows before the holdout (the most
   * recent rows); {@code windows(1.0)} trains on all rows without a backtest.
   *
   * @param fractions each in (0, 1], at least one
   * @return a new retrainer
   * @throws IllegalArgumentException if none is given or one is out of range
   */
  public PipelineRetrainer windows(double... fractions) {
    if (fractions.length == 0) {
      throw new IllegalArgumentException("training windows must not be empty: []");
    }
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("training window fraction must be in (0, 1]: " + f);
      }
    }
    return new PipelineRetrainer(pipeline, original, fractions.clone(), minHoldout, maxHoldoutFraction, metric, specs,
        earlierConcepts);
  }

  /**
   * Bounds the holdout of the most recent rows.
   *
   * @param minRows at least 1
   * @param maxFraction in (0, 0.5]
   * @return a new retrainer
   * @throws IllegalArgumentException if a bound is out of range
   */
  public PipelineRetrainer holdout(int minRows, double maxFraction) {
    if (minRows < 1) {
      throw new IllegalArgumentException("holdout min rows must be at least 1: " + minRows);
    }
    if (!(maxFraction > 0 && maxFraction <= 0.5)) {
      throw new IllegalArgumentException("holdout max fraction must be in (0, 0.5]: " + maxFraction);
    }
    return new PipelineRetrainer(pipeline, original, windowFractions, minRows, maxFraction, metric, specs,
        earlierConcepts);
  }

  /**
   * Selects the training window and gates the candidate on this metric (the gate's own thresholds,
   * if the pipeline's gate has any, still apply). By default the loop's performance measure is used
   * when it is an mlops-metrics metric ({@link #measuredBy}), else RMSE for a regressor, ROC AUC for
   * two classes and accuracy otherwise.
   *
   * @param metric a built-in metric of the champion's task
   * @return a new retrainer
   * @throws NullPointerException if the metric is null
   */
  public PipelineRetrainer metric(Metric metric) {
    return new PipelineRetrainer(pipeline, original, windowFractions, minHoldout, maxHoldoutFraction,
        Objects.requireNonNull(metric, "metric must not be null"), specs, earlierConcepts);
  }

  /**
   * Adds candidate model specs: every retrain (and {@link #firstRun}) trains the pipeline's own
   * trainer and each of these on every candidate window, compares them all on the same
   * time-ordered holdout by the window metric, and keeps the best (model, window) pair; the choice
   * and every candidate's best score are recorded ({@code model.chosen}, {@code model.candidates};
   * {@code window.candidates} then names each score's model). Each candidate runs as the same
   * pipeline with its trainer ({@link Pipeline#withTrainer}); the pipeline's trainer wins ties.
   *
   * @param trainers at least one, each of the pipeline's task
   * @return a new retrainer
   * @throws IllegalArgumentException if none is given or one is of another task
   */
  public PipelineRetrainer candidates(Trainer... trainers) {
    if (trainers.length == 0) {
      throw new IllegalArgumentException("candidate trainers must not be empty: []");
    }
    List<Pipeline> all = new ArrayList<>(specs);
    for (Trainer t : trainers) {
      Objects.requireNonNull(t, "candidate trainer must not be null");
      if (t.task() != pipeline.trainer().task()) {
        throw new IllegalArgumentException("candidate trainer task must be " + pipeline.trainer().task() + ": "
            + t.name() + " (" + t.task() + ")");
      }
      all.add(pipeline.withTrainer(t));
    }
    return new PipelineRetrainer(pipeline, original, windowFractions, minHoldout, maxHoldoutFraction, metric,
        List.copyOf(all), earlierConcepts);
  }

  /**
   * After a located change, also offers the rows the models of up to {@code count} earlier concepts
   * were fitted on as candidate windows, each with the model spec chosen then. An earlier concept's
   * fit is the fit that was serving when a later change was located (the first run's, or the last
   * accepted refit's before that change); the champion's own fit is never offered, nor, in a change's
   * retrains, the fit of the concept that change departed from. A concept that
   * comes back, or a new one nearer an older concept than the champion's, is then served at once by
   * a model fitted on many rows, refitted with the holdout; the backtest and the gate judge it on the
   * same holdout as every other window ({@code window.candidates} labels it {@code "fit N's rows (an
   * earlier concept)"}, {@code window.earlier_concept} names the one chosen). Fits shorter than
   * {@code 4 x minHoldout} rows are not kept. The rows are held by this retrainer, in memory (not
   * persisted: a restarted loop starts with none). Default 3.
   *
   * @param count at least 0 (0: none)
   * @return a new retrainer
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public PipelineRetrainer earlierConcepts(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("earlier concepts must be at least 0: " + count);
    }
    return new PipelineRetrainer(pipeline, original, windowFractions, minHoldout, maxHoldoutFraction, metric, specs,
        count);
  }

  /**
   * The first model, selected as a retrain selects (the same holdout rule both sides of a
   * comparison): each candidate model spec is trained on the table less its last {@code holdoutRows}
   * rows and scored on them by the window metric; the best is refitted on every row. With no
   * {@link #candidates} this is {@code run(withHoldoutLast(holdoutRows).forSelection())} then {@code
   * run(withRefitOf)}: only the refit computes its profile's out-of-fold predictions.
   *
   * @param history the labelled rows, oldest first
   * @param holdoutRows the most recent rows held out, in [1, rows)
   * @return the refitted run (its metadata holds {@code model.*} when there were candidates)
   * @throws IllegalArgumentException if the holdout is out of range
   */
  public PipelineRun firstRun(Table history, int holdoutRows) {
    Objects.requireNonNull(history, "history must not be null");
    if (holdoutRows < 1 || holdoutRows >= history.rowCount()) {
      throw new IllegalArgumentException("holdout rows must be in [1, " + history.rowCount() + "): " + holdoutRows);
    }
    Source source = Source.of(history);
    Metric m = null;
    Candidates c = new Candidates();
    for (Pipeline spec : specs) {
      PipelineRun run = spec.run(RunOptions.none().withSource(source).withHoldoutLast(holdoutRows).forSelection());
      m = m == null ? windowMetric(run.model()) : m;
      c.offer(spec, run, score(run, m), history.rowCount() - holdoutRows, m, history);
    }
    Map<String, String> evidence = c.evidence(m);
    fitted(c.spec, history, true);
    return c.spec.run(RunOptions.none().withSource(source).withRefitOf(c.run).withMetadata(evidence));
  }

  /** Records the rows and spec of the model just produced (the first run's restarts the record). */
  private void fitted(Pipeline spec, Table rows, boolean first) {
    synchronized (fitLock) {
      if (first) {
        concepts.clear();
        departed = null;
        fits = 0;
      }
      currentFit = new Fit(spec, rows, ++fits);
    }
  }

  /**
   * At a located change the champion was fitted before (a new concept, not a follow-up), the
   * champion's fit joins the earlier concepts and is the concept that change departed from; returns
   * the earlier concepts' fits to offer: never the champion's own, nor, in the change's first retrain
   * and its follow-ups, the departed concept's (the trigger found it failing on the new rows, so on
   * the change's small holdout it could only win by chance).
   */
  private List<Fit> earlierConceptFits(TrainingData data, boolean changeUsed) {
    if (earlierConcepts == 0 || !changeUsed) {
      return List.of();
    }
    synchronized (fitLock) {
      boolean newConcept = data.changeRows() <= data.sinceChampion();
      if (newConcept) {
        departed = currentFit;
        if (currentFit != null && !concepts.contains(currentFit) && currentFit.rows().rowCount() >= 4 * minHoldout) {
          concepts.add(currentFit);
          while (concepts.size() > earlierConcepts + 1) {
            concepts.remove(0);
          }
        }
      }
      List<Fit> offered = new ArrayList<>(concepts);
      offered.remove(currentFit);
      offered.remove(departed);
      while (offered.size() > earlierConcepts) {
        offered.remove(0);
      }
      return offered;
    }
  }

  /** The best (model spec, window) so far and each spec's best score. */
  private final class Candidates {
    Pipeline spec;
    PipelineRun run;
    double score = Double.NaN;
    int rows;
    Table table;
    final Map<Pipeline, String> bestBySpec = new LinkedHashMap<>();
    final Map<Pipeline, Double> scoreBySpec = new LinkedHashMap<>();

    /** Returns true if this run is the best so far. */
    boolean offer(Pipeline s, PipelineRun r, double value, int windowRows, Metric m, Table rowsRead) {
      Double prev = scoreBySpec.get(s);
      if (prev == null || better(m, value, prev)) {
        scoreBySpec.put(s, value);
        bestBySpec.put(s, String.format(Locale.ROOT, "%s: %s %.6g (%d rows)", label(s), m.key(), value, windowRows));
      }
      if (run == null || better(m, value, score)) {
        spec = s;
        run = r;
        score = value;
        rows = windowRows;
        table = rowsRead;
        return true;
      }
      return false;
    }

    Map<String, String> evidence(Metric m) {
      Map<String, String> e = new LinkedHashMap<>();
      if (specs.size() > 1) {
        e.put("model.chosen", label(spec));
        e.put("model.candidates", String.join("; ", bestBySpec.values()));
        e.put("model.metric", m.key());
      }
      return e;
    }
  }

  /** A spec's trainer name, with its hyperparameters when another spec has the same name. */
  private String label(Pipeline spec) {
    String name = spec.trainer().name();
    long same = specs.stream().filter(p -> p.trainer().name().equals(name)).count();
    return same > 1 ? name + spec.trainer().hyperparameters() : name;
  }

  /**
   * Uses the loop's performance measure for window selection and the gate, unless a metric was set
   * with {@link #metric(Metric)} or the measure is not a built-in mlops-metrics metric.
   */
  @Override
  public PipelineRetrainer measuredBy(PerformanceMeasure measure) {
    Objects.requireNonNull(measure, "performance measure must not be null");
    // a user-defined metric is not in the runs' evaluations: the windows keep the default metric
    return metric != null || measure.metric().isEmpty() || !measure.metric().get().isBuiltIn() ? this
        : metric(measure.metric().get());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A candidate window whose run fails (e.g. a classification window whose training rows hold
   * one class) is skipped and listed in {@code window.candidates} with the reason; the retrain
   * fails only when no window can train.
   *
   * <p>The candidate runs are selection runs ({@link RunOptions#forSelection()}): a promoted
   * outcome carries the selected window run's model with a profile of the holdout's predictions
   * (not the definition's out-of-fold predictions, which only {@link #refit} computes) and the
   * metadata {@code selection_run=true}. The model to register is {@link #refit}'s, as the loop
   * does; a caller that registers this outcome unrefitted registers that model and profile.
   *
   * @throws PipelineException with the first window's reason, if no window can train
   */
  @Override
  public RetrainOutcome retrain(TrainingData data, TrainedModel champion) {
    Table table = assemble(data, champion);
    int n = table.rowCount();
    int unseen = data.sinceChampion();
    int change = data.changeRows();
    // After a located change only its rows are "recent": the holdout must be of the new concept.
    int holdout = holdoutRows(n, change > 0 ? Math.min(change, Math.max(unseen, 1)) : unseen);
    int before = n - holdout;
    Metric metric = windowMetric(champion);
    CandidateWindows.Windows windows = CandidateWindows.of(windowFractions, before, Math.min(before, minHoldout),
        change, holdout);
    int sinceChange = windows.sinceChange();
    RunOptions options = RunOptions.champion(champion);
    if (gateMetric(champion) != null) {
      options = options.withGateMetric(gateMetric(champion));
    }
    Candidates c = new Candidates();
    List<String> scores = new ArrayList<>();
    RuntimeException unusable = null;
    for (int w : windows.sizes()) {
      Table window = table.rows(IntStream.range(n - holdout - w, n).toArray());
      for (Pipeline spec : specs) {
        PipelineRun run;
        try {
          run = spec.run(options.withSource(Source.of(window)).withHoldoutLast(holdout).forSelection());
        } catch (PipelineException | IllegalArgumentException e) {
          // a window this run cannot train on (e.g. its target has one class): the others still compete
          scores.add(String.format(Locale.ROOT, "%d rows%s%s: skipped (%s)", w, windows.label(w),
              specs.size() > 1 ? ", " + label(spec) : "", e.getMessage()));
          unusable = unusable == null ? e : unusable;
          continue;
        }
        double score = score(run, metric);
        scores.add(String.format(Locale.ROOT, "%d rows%s%s: %s %.6g", w, windows.label(w),
            specs.size() > 1 ? ", " + label(spec) : "", metric.key(), score));
        c.offer(spec, run, score, w, metric, window);
      }
    }
    Fit earlier = null;
    List<Fit> earlierFits = earlierConceptFits(data, sinceChange > 0);
    if (!earlierFits.isEmpty()) {
      Table held = table.rows(IntStream.range(n - holdout, n).toArray());
      for (Fit f : earlierFits) {
        Table window;
        try {
          window = RetrainTables.project(f.rows(), table.columns()).append(held);
        } catch (IllegalArgumentException e) {
          continue; // the columns changed since: not comparable
        }
        PipelineRun run = f.spec().run(
            options.withSource(Source.of(window)).withHoldoutLast(holdout).forSelection());
        double score = score(run, metric);
        int w = f.rows().rowCount();
        scores.add(String.format(Locale.ROOT, "%d rows (fit %d's rows: an earlier concept)%s: %s %.6g", w, f.number(),
            specs.size() > 1 ? ", " + label(f.spec()) : "", metric.key(), score));
        if (c.offer(f.spec(), run, score, w, metric, window)) {
          earlier = f;
        }
      }
    }
    if (c.run == null) {
      throw unusable; // no window could train: the first reason
    }
    PipelineRun best = c.run;
    double bestScore = c.score;
    int bestRows = c.rows;
    Map<String, String> evidence = c.evidence(metric);
    evidence.put("window.rows", Integer.toString(bestRows));
    if (earlier != null) {
      evidence.put("window.earlier_concept", "fit " + earlier.number() + "'s rows");
    }
    evidence.put("window.candidates", String.join("; ", scores));
    evidence.put("window.metric", metric.key());
    evidence.put("window.chosen", String.format(Locale.ROOT, "%d rows (%s %.6g on the last %d rows)", bestRows,
        metric.key(), bestScore, holdout));
    evidence.put("holdout_rows", Integer.toString(holdout));
    evidence.put("available_rows", Integer.toString(n));
    if (sinceChange > 0) {
      evidence.put("change_rows", Integer.toString(change));
      if (!windows.excluded().isEmpty()) {
        evidence.put("window.excluded", windows.excluded() + " rows (more rows from before the change than after it)");
      }
    } else if (change > 0) {
      // too short to hold out and learn from: the fit is not of a new concept (no follow-up retrains)
      evidence.put("change_rows_unused", change + " (not more than the " + holdout + " held-out rows)");
    }
    GateDecision gate = best.gate();
    Map<String, String> metadata = RunRecord.metadata(best);
    metadata.putAll(evidence);
    List<String> reasons = gate.reasons().isEmpty() ? List.of(gate.decision().name()) : gate.reasons();
    if (!gate.promote()) {
      last = null;
      return RetrainOutcome.reject(metadata, reasons);
    }
    RetrainOutcome outcome = RetrainOutcome.promote(RunRecord.registryParts(best), metadata, reasons);
    last = new Selection(outcome, c.spec, best, c.table, evidence);
    return outcome;
  }

  /**
   * Refits the accepted candidate's definition on its training window plus the holdout (the gate's
   * evaluation and decision are carried over); any other outcome is returned as it is. The refit's
   * parts carry the refitted model and its own reference profile (with the definition's profile
   * predictions, out-of-fold by default), never the selection run's.
   */
  @Override
  public RetrainOutcome refit(RetrainOutcome accepted, TrainingData data, TrainedModel champion) {
    Selection s = last;
    if (s == null || s.outcome != accepted) {
      return accepted;
    }
    last = null;
    PipelineRun refit = s.pipeline.run(RunOptions.champion(champion).withSource(Source.of(s.window))
        .withRefitOf(s.run).withMetadata(s.evidence));
    Map<String, String> metadata = RunRecord.metadata(refit);
    metadata.putAll(s.evidence);
    List<String> reasons = new ArrayList<>(accepted.reasons());
    reasons.add("refit on " + s.window.rowCount() + " rows (the " + s.run.heldOutRows() + " held-out rows included)");
    fitted(s.pipeline, s.window, false);
    return RetrainOutcome.promote(RunRecord.registryParts(refit), metadata, reasons);
  }

  /**
   * The newest half of the rows the champion never saw (the other half trains the candidate, so it
   * can learn what changed), within [{@code minHoldout}, {@code maxHoldoutFraction} of the rows].
   */
  int holdoutRows(int n, int sinceChampion) {
    int max = Math.max(1, (int) Math.floor(maxHoldoutFraction * n));
    int h = (sinceChampion + 1) / 2;
    return Math.min(max, Math.max(Math.min(minHoldout, n / 2), h));
  }

  /** The configured metric if it fits the champion's task, else null (the gate's primary metric). */
  private Metric gateMetric(TrainedModel champion) {
    if (metric == null) {
      return null;
    }
    boolean regression = !(champion instanceof TrainedClassifier);
    return (metric.kind() == MetricKind.REGRESSION) == regression ? metric : null;
  }

  private Metric windowMetric(TrainedModel champion) {
    Metric configured = gateMetric(champion);
    if (configured != null) {
      return configured;
    }
    if (!(champion instanceof TrainedClassifier classifier)) {
      return Metric.RMSE;
    }
    return classifier.classes().size() == 2 ? Metric.ROC_AUC : Metric.ACCURACY;
  }

  private static double score(PipelineRun run, Metric metric) {
    Evaluation e = run.report().evaluation().orElse(null);
    if (e == null) {
      return Double.NaN;
    }
    try {
      return e.value(metric);
    } catch (IllegalArgumentException ex) {
      return Double.NaN;
    }
  }

  private static boolean better(Metric m, double a, double b) {
    if (Double.isNaN(a)) {
      return false;
    }
    if (Double.isNaN(b)) {
      return true;
    }
    return m.greaterIsBetter() ? a > b : a < b;
  }

  /** The original table (if any) followed by the labelled rows. */
  Table assemble(TrainingData data, TrainedModel champion) {
    // columns the pipeline never reads as inputs are kept (an expectation may read them); with
    // original data only those it has, so that the two tables append
    Table table = RetrainTables.toTable(data, champion, pipeline.split().column(), pipeline.split().isTimeOrdered(),
        pipeline.profileOrder().column().orElse(null),
        c -> !pipeline.mayBeInput(c) && (original == null || original.has(c)));
    return original == null ? table : RetrainTables.project(original, table.columns()).append(table);
  }

  /**
   * The labelled rows of a table (oldest first, as the loop's label store keeps them): every column,
   * labels as the loop encodes them (the target value for a regressor, the class index of the
   * champion's classes for a classifier). Seeds a loop's label store with the training history.
   *
   * @param table the training table, in time order
   * @param champion the model whose target and classes the labels follow
   * @return the rows
   * @throws IllegalArgumentException if the target is missing or a label is not one of the classes
   */
  public static TrainingData history(Table table, TrainedModel champion) {
    return RetrainTables.history(table, champion);
  }
}

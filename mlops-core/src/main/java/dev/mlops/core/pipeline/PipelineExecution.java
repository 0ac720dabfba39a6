package dev.mlops.core.pipeline;

import dev.mlops.core.contract.ContractDefinition;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.contract.ValidationResult;
import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Sampling;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.core.model.ModelDescriptor;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.split.Split;
import dev.mlops.core.pipeline.TrainingSets.Prepared;
import dev.mlops.core.split.SplitIndices;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.transform.Transforms;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.modeltest.ClassifierTest;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.RegressorTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link Pipeline}: reads, samples, validates, splits, transforms, searches, trains,
 * evaluates, profiles and gates, reporting each stage; holds the per-run state. The definition it
 * runs is the pipeline's, read once in the constructor.
 *
 * <p>Not thread-safe: one instance per run (a pipeline runs concurrently through separate instances).
 */
final class PipelineExecution {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Pipeline pipeline;
  private final String name;
  private final Source source;
  private final String target;
  private final List<String> features;
  private final List<String> excluded;
  private final Sampling sampling;
  private final ContractDefinition contract;
  private final Transforms transforms;
  private final Split split;
  private final ProfileOrder profileOrder;
  private final EstimateRows estimateRows;
  private final Trainer trainer;
  private final HyperparameterSearch<?> search;
  private final UnaryOperator<RegressorTest<Map<String, Object>>> regressorTest;
  private final UnaryOperator<ClassifierTest<Map<String, Object>>> classifierTest;
  private final Gate gate;
  private final long seed;
  private final List<PipelineListener> listeners;
  private final Executor executor;
  private final Clock clock;
  private final TrainingSets sets;
  final RunOptions options;
  final String runId = UUID.randomUUID().toString();
  final List<StageReport> reports = new ArrayList<>();
  final Map<String, Long> seeds = new LinkedHashMap<>();

  PipelineExecution(Pipeline p, RunOptions options) {
    this.pipeline = p;
    this.options = options;
    this.name = p.name;
    this.source = p.source;
    this.target = p.target;
    this.features = p.features;
    this.excluded = p.excluded;
    this.sampling = p.sampling;
    this.contract = p.contract;
    this.transforms = p.transforms;
    this.split = p.split;
    this.profileOrder = p.profileOrder;
    this.estimateRows = p.estimateRows;
    this.trainer = p.trainer;
    this.search = p.search;
    this.regressorTest = p.regressorTest;
    this.classifierTest = p.classifierTest;
    this.gate = p.gate;
    this.seed = p.seed;
    this.listeners = p.listeners;
    this.executor = p.executor;
    this.clock = p.clock;
    this.sets = new TrainingSets(p.target, p.transforms);
  }

  <T> T stage(Stage stage, long rowsIn, Supplier<T> body, Function<T, Long> rowsOut, Function<T, String> detail) {
    for (PipelineListener l : listeners) {
      l.onStageStart(runId, stage);
    }
    LOG.debug("run {}: stage {} starts", runId, stage);
    Instant start = clock.instant();
    T result;
    try {
      result = body.get();
    } catch (PipelineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PipelineException(runId, stage, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    StageReport r = new StageReport(stage, Duration.between(start, clock.instant()), rowsIn,
        rowsOut.apply(result), detail.apply(result));
    reports.add(r);
    LOG.info("run {}: stage {} done in {} ms, rows {} -> {}{}", runId, stage, r.duration().toMillis(),
        r.rowsIn(), r.rowsOut(), r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
    for (PipelineListener l : listeners) {
      l.onStageEnd(runId, r);
    }
    return result;
  }

  PipelineRun execute() {
    Instant started = clock.instant();
    try {
      return doExecute(started);
    } catch (PipelineException e) {
      LOG.warn("{}", e.getMessage());
      for (PipelineListener l : listeners) {
        l.onFailure(runId, e);
      }
      throw e;
    }
  }

  private PipelineRun doExecute(Instant started) {
    Source src = options.source().orElse(source);
    Table read = stage(Stage.READ, 0, src::read, t -> (long) t.rowCount(), t -> src.describe());
    Table sampled = read;
    if (sampling != null) {
      long sampleSeed = seed ^ 0x5A5A5A5AL;
      seeds.put("sampling", sampleSeed);
      sampled = stage(Stage.SAMPLE, read.rowCount(), () -> sampling.apply(read, sampleSeed),
          t -> (long) t.rowCount(), t -> sampling.toString());
    }
    String dataFingerprint = sampled.fingerprint();
    final Table input = sampled;
    Task task = trainer.task();

    // Validation: bad input fails here, before any training.
    Validated v = stage(Stage.VALIDATE, input.rowCount(), () -> validate(input, task),
        x -> (long) x.table.rowCount(), x -> x.result.anomalies().size() + " anomalies");
    Table table = v.table;

    long splitSeed = seed;
    seeds.put("split", splitSeed);
    PipelineRun selected = options.refitOf().orElse(null);
    int lastRows = selected != null ? selected.heldOutRows() : options.holdoutLast();
    String splitName = selected != null ? "refit on every row (the selected run's last " + lastRows + " held out)"
        : lastRows > 0 ? "the last " + lastRows + " rows held out" : split.toString();
    SplitIndices idx = stage(Stage.SPLIT, table.rowCount(),
        () -> lastRows > 0 ? lastRows(table.rowCount(), lastRows, selected != null) : split.apply(table, target, splitSeed),
        s -> (long) s.train().length + s.test().length,
        s -> "train " + s.train().length + ", test " + s.test().length + " by " + splitName);
    Table train = table.rows(idx.train());
    Table test = table.rows(idx.test());

    Prepared p = stage(Stage.TRANSFORM, train.rowCount(), () -> sets.prepare(train, test, v.inputs, v.classes, task),
        x -> (long) x.train().size(), x -> x.train().featureNames().size() + " features");

    Trainer chosen = trainer;
    HyperparameterSearch.SearchResult<?> searched = null;
    if (selected != null) {
      chosen = selected.search().map(x -> (Trainer) x.best()).orElse(trainer);
    } else if (search != null) {
      long searchSeed = seed + 3;
      seeds.put("search", searchSeed);
      searched = stage(Stage.SEARCH, p.train().size(),
          () -> {
            // every candidate must fit the prepared training split before any fold is prepared
            for (HyperparameterSearch.Candidate<?> c : search.candidates(searchSeed)) {
              c.trainer().validate(p.train());
            }
            return search.run(foldData(train, v, p, task), searchSeed, executor, (trial, trials, fold, folds) -> {
              for (PipelineListener l : listeners) {
                l.onProgress(runId, Stage.SEARCH, "trial " + trial + "/" + trials + " fold", fold, folds);
                if (fold == folds) {
                  l.onProgress(runId, Stage.SEARCH, "trial", trial, trials);
                }
              }
            });
          },
          r -> (long) p.train().size(),
          r -> r.trials().size() + " trials, best " + r.bestTrial().values() + " "
              + r.metric().key() + " " + r.bestTrial().meanScore());
      chosen = searched.best();
    }
    final Trainer fitTrainer = chosen;
    long trainSeed = seed + 1;
    seeds.put("train", trainSeed);
    FittedModel fitted = stage(Stage.TRAIN, p.train().size(), () -> {
      fitTrainer.validate(p.train());
      return fitTrainer.fit(p.train(), trainSeed, trainProgress(runId));
    },
        m -> (long) p.train().size(), m -> fitTrainer.name());

    Map<String, String> hyper = new LinkedHashMap<>();
    fitTrainer.hyperparameters().forEach((k, val) -> hyper.put(k, String.valueOf(val)));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("run_id", runId);
    meta.put("pipeline", name);
    meta.put("data_fingerprint", dataFingerprint);
    meta.put("seed", Long.toString(seed));
    meta.put("trainer", fitTrainer.name());
    meta.put("trained_at", clock.instant().toString());
    Versions.all().forEach((k, val) -> meta.put(k + "_version", val));
    if (selected != null) {
      meta.put("refit", "true");
      meta.put("refit_rows", Integer.toString(p.train().size()));
      meta.put("selected_run_id", selected.runId());
      meta.put("holdout_rows", Integer.toString(lastRows));
    } else if (lastRows > 0) {
      meta.put("holdout_rows", Integer.toString(lastRows));
    }
    if (options.selection()) {
      meta.put("selection_run", "true");
    }
    List<String> inputNames = v.inputs.stream().map(Column::name).toList();
    meta.put(TrainedModel.NON_INPUT_COLUMNS, nonInputColumns(table, inputNames));
    options.metadata().forEach(meta::putIfAbsent);
    DataContract inputContract = v.contract.restrictTo(inputNames);
    ModelDescriptor descriptor = new ModelDescriptor(1, fitted.codec(), task, target, v.classes, v.inputs,
        p.transforms().featureNames(), fitTrainer.name(), hyper, meta);
    TrainedModel unprofiled = TrainedModel.of(descriptor, p.transforms(), inputContract, fitted, null);

    Evaluated ev = selected != null ? new Evaluated(selected.report(), selected.heldOut())
        : stage(Stage.EVALUATE, p.test().size(), () -> evaluate(unprofiled, test, p, v.classes),
        e -> (long) p.test().size(), e -> e.report.passed() ? "expectations passed" : e.report.failures().size() + " expectations failed");

    String[] order = {"no row order"};
    String[] sample = {""};
    ReferenceProfile profile = stage(Stage.PROFILE, p.train().size(), () -> {
      ProfileOrder.Resolved o = profileOrder.resolve(train, split, lastRows);
      RowPredictions rows = o == null ? null
          : rowPredictions(train, v, p, task, fitTrainer, trainSeed, unprofiled, o.rows());
      int heldOutRows = ev.heldOut.rows().size();
      // the fold models score the held-out rows too (none of them trained on them), so that their
      // out-of-fold scores can be aligned with the deployed model (FoldAlignment)
      boolean align = selected == null && task != Task.REGRESSION && estimateRows.alignsFolds()
          && estimateRows.keepsHeldOut() && ev.heldOut.probabilities() != null
          && heldOutRows > 0 && heldOutRows == test.rowCount();
      EstimateSampling.Plan planned = EstimateSampling.plan(estimateRows, task,
          options.selection(), heldOutRows, train.rowCount(), o, rows, () -> {
            Table rowsScored = align ? train.append(test) : train;
            int[] labels = align ? IntStream.concat(Arrays.stream(p.train().labels()),
                Arrays.stream(p.test().labels())).toArray() : p.train().labels();
            return RowPredictions.outOfFold(sets.foldData(rowsScored, v.inputs, v.classes, labels, task), fitTrainer,
                IntStream.range(0, train.rowCount()).toArray(), estimateRows.folds(),
                ProfilePredictions.DEFAULT_BLOCKS_PER_FOLD, trainSeed, false,
                align ? IntStream.range(train.rowCount(), rowsScored.rowCount()).toArray()
                    : new int[0]);
          });
      EstimateSampling.Plan plan = FoldAlignment.applyTo(planned, ev.heldOut, p.train().labels(),
          v.classes.size());
      ReferenceProfile r = TrainingProfile.build(train, v.inputs, p.train(), ev.heldOut, task, o, rows,
          plan.rows());
      if (task != Task.REGRESSION) {
        sample[0] = "; " + EstimateSampling.describe(r, plan);
        meta.put(EstimateRows.METADATA_KEY, sample[0].substring(2));
      }
      if (o != null) {
        order[0] = "rows " + o.description() + " (" + r.chunks().map(c -> c.count()).orElse(0)
            + " chunks" + r.chunks().flatMap(c -> c.calendar()).filter(c -> c.spansYear())
                .map(c -> "; a year of " + c.describe() + ", month features " + c.monthFeatures())
                .orElse("")
            + "), " + (rows != null ? rows.description() : options.selection()
            ? "held-out predictions (a selection run: no out-of-fold fits)" : "held-out predictions");
      }
      return r;
    }, r -> r.rows(), r -> r.features().size() + " features, " + order[0] + sample[0]);
    String definition = pipeline.definitionFingerprint(
        ev.report.expectations().stream().map(e -> e.name()).toList());
    meta.put("definition_fingerprint", definition);
    descriptor = new ModelDescriptor(1, fitted.codec(), task, target, v.classes, v.inputs,
        p.transforms().featureNames(), fitTrainer.name(), hyper, meta);
    TrainedModel model = TrainedModel.of(descriptor, p.transforms(), inputContract, fitted, profile.toBytes());

    TrainedModel champion = options.champion().orElse(null);
    GateDecision decision = selected != null ? selected.gate() : stage(Stage.GATE, p.test().size(),
        () -> gate.decide(ev.report, champion, ev.heldOut, seed + 2, options.gateMetric().orElse(null)),
        d -> (long) p.test().size(), d -> d.decision().name());
    for (String reason : decision.reasons()) {
      LOG.info("run {}: gate {}: {}", runId, decision.decision(), reason);
    }
    Instant finished = clock.instant();
    Provenance prov = new Provenance(runId, name, definition, dataFingerprint, seeds,
        Versions.all(), started, finished, reports, fitTrainer.name(), hyper, metrics(ev.report), decision.decision());
    return new PipelineRun(runId, model, v.result, decision, prov, ev.report, profile, searched, ev.heldOut);
  }

  /**
   * The last {@code last} rows held out in table order; for a refit every row trains (the held-out
   * rows are kept only so that the transforms can be applied to them).
   */
  static SplitIndices lastRows(int n, int last, boolean refit) {
    if (last >= n) {
      throw new IllegalArgumentException("holdout rows must be fewer than the rows: " + last + " of " + n);
    }
    int[] train = java.util.stream.IntStream.range(0, refit ? n : n - last).toArray();
    int[] test = java.util.stream.IntStream.range(n - last, n).toArray();
    return new SplitIndices(train, test);
  }

  private Evaluated evaluate(TrainedModel model, Table test, Prepared p, List<String> classes) {
    List<Map<String, Object>> rows = new ArrayList<>(test.rowCount());
    for (int r = 0; r < test.rowCount(); r++) {
      rows.add(test.row(r));
    }
    double[][] x = p.test().features();
    // Each held-out row is predicted once, on the encoded matrix; ModelTest gets those values for
    // the rows it was given and asks the model itself only for rows it builds (perturbations).
    Map<Map<String, Object>, Integer> index = new java.util.IdentityHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      index.put(rows.get(i), i);
    }
    ModelTestReport report;
    Gate.HeldOut heldOut;
    if (model instanceof TrainedClassifier classifier) {
      double[][] proba = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        proba[i] = classifier.probabilitiesOfEncoded(x[i]);
      }
      ClassifierTest<Map<String, Object>> t = ModelTest.<Map<String, Object>>forClassifier(row -> {
        Integer i = index.get(row);
        return i != null ? proba[i].clone() : classifier.probabilities(row);
      }).on(rows, p.test().labels()).classNames(classes).seed(seed);
      if (classifierTest != null) {
        t = classifierTest.apply(t);
      }
      report = t.run();
      heldOut = new Gate.HeldOut(rows, null, p.test().labels(), classes.size(), null, proba);
    } else {
      TrainedRegressor regressor = (TrainedRegressor) model;
      double[] pred = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        pred[i] = regressor.predictEncoded(x[i]);
      }
      RegressorTest<Map<String, Object>> t = ModelTest.<Map<String, Object>>forRegressor(row -> {
        Integer i = index.get(row);
        return i != null ? pred[i] : regressor.predict(row);
      }).on(rows, p.test().values()).seed(seed);
      if (regressorTest != null) {
        t = regressorTest.apply(t);
      }
      report = t.run();
      heldOut = new Gate.HeldOut(rows, p.test().values(), null, 0, pred, null);
    }
    return new Evaluated(report, heldOut);
  }

  private Validated validate(Table t, Task task) {
    if (!t.has(target)) {
      throw new IllegalArgumentException("target column must exist: '" + target + "' (columns: " + t.names() + ")");
    }
    if (t.rowCount() == 0) {
      throw new IllegalArgumentException("data must have at least one row: 0 rows read");
    }
    int tc = t.indexOf(target);
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.isMissing(r, tc)) {
        throw new IllegalArgumentException("target '" + target + "' must have a value in every row: row " + r + " is missing");
      }
    }
    ColumnType targetType = t.columns().get(tc).type();
    if (task == Task.REGRESSION && targetType != ColumnType.NUMERIC) {
      throw new IllegalArgumentException("target '" + target + "' must be numeric for regression: " + targetType);
    }
    List<Column> inputs = inputColumns(t);
    DataContract c = contract.resolve(t);
    ValidationResult result = c.validate(t);
    if (!result.passed()) {
      throw new IllegalArgumentException("data must satisfy the contract:\n  "
          + String.join("\n  ", result.failures().stream().map(a -> a.toText()).toList()));
    }
    for (var a : result.anomalies()) {
      LOG.warn("run {}: data anomaly {}", runId, a.toText());
    }
    Table kept = result.keptRows().length == t.rowCount() ? t : t.rows(result.keptRows());
    List<String> classes = List.of();
    if (task == Task.CLASSIFICATION) {
      classes = TrainingSets.classLabels(kept, tc);
      if (classes.size() < 2) {
        throw new IllegalArgumentException("target '" + target + "' must have at least 2 classes: " + classes);
      }
    }
    return new Validated(kept, result, c, inputs, classes);
  }

  private List<Column> inputColumns(Table t) {
    List<Column> inputs = new ArrayList<>();
    if (features != null) {
      for (String f : features) {
        if (f.equals(target)) {
          throw new IllegalArgumentException("features must not include the target: '" + f + "'");
        }
        inputs.add(t.column(f));
      }
    } else {
      for (Column c : t.columns()) {
        if (!c.name().equals(target) && !excluded.contains(c.name()) && c.type() != ColumnType.TIMESTAMP) {
          inputs.add(c);
        }
      }
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("pipeline must have at least one input column besides the target: " + t.names());
    }
    return inputs;
  }

  /**
   * Progress inside the training fit (the trees of a forest) for the listeners and the debug log. A
   * listener that throws is logged and skipped: progress never fails a fit.
   */
  private Trainer.Progress trainProgress(String runId) {
    if (listeners.isEmpty() && !LOG.isDebugEnabled()) {
      return Trainer.Progress.NONE;
    }
    return (what, done, total) -> {
      LOG.debug("run {}: stage TRAIN {} {}/{}", runId, what, done, total);
      for (PipelineListener l : listeners) {
        try {
          l.onProgress(runId, Stage.TRAIN, what, done, total);
        } catch (RuntimeException e) {
          LOG.warn("pipeline listener failed on progress of run {}", runId, e);
        }
      }
    };
  }

  /**
   * The raw training rows for cross-validation: each fold fits the transforms on its own
   * training rows and applies them to its validation rows, so no validation row leaks into a
   * fitted statistic (the whole-split fit in {@code p} is used for the final model only).
   */
  private HyperparameterSearch.FoldData foldData(Table train, Validated v, Prepared p, Task task) {
    return sets.foldData(train, v.inputs, v.classes, p.train().labels(), task);
  }

  private record Validated(Table table, ValidationResult result, DataContract contract, List<Column> inputs, List<String> classes) {}

  private record Evaluated(ModelTestReport report, Gate.HeldOut heldOut) {}

  /**
   * The predictions an ordered profile holds in its rows ({@link ProfilePredictions}); null for the
   * held-out split's, which a selection run ({@link RunOptions#forSelection()}) always holds: its
   * model is not served, so it pays no out-of-fold fits. Out-of-fold predictions that cannot be made
   * (a fold's training rows hold one class only, fewer rows than folds) fall back to in-sample ones,
   * and the detail says why.
   */
  private RowPredictions rowPredictions(Table train, Validated v, Prepared p, Task task, Trainer fitTrainer,
      long trainSeed, TrainedModel model, int[] order) {
    ProfilePredictions choice = profileOrder.predictions();
    if (choice.isHeldOut() || options.selection()) {
      return null;
    }
    if (choice.folds() > 0) {
      try {
        return RowPredictions.outOfFold(foldData(train, v, p, task), fitTrainer, order, choice.folds(),
            choice.blocksPerFold(), trainSeed, task == Task.REGRESSION);
      } catch (IllegalArgumentException e) {
        LOG.warn("run {}: out-of-fold profile predictions fell back to in-sample: {}", runId, e.getMessage());
        return RowPredictions.inSample(model, p.train().features(),
            " (out-of-fold failed: " + e.getMessage() + ")");
      }
    }
    return RowPredictions.inSample(model, p.train().features(), "");
  }

  /** The table's columns that are neither inputs nor the target, as a JSON array (see TrainedModel). */
  private String nonInputColumns(Table table, List<String> inputNames) {
    List<String> others = table.names().stream().filter(c -> !c.equals(target) && !inputNames.contains(c)).toList();
    try {
      return CoreJson.MAPPER.writeValueAsString(others);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the non-input column names: " + others, e);
    }
  }

  static Map<String, Double> metrics(ModelTestReport report) {
    Map<String, Double> m = new LinkedHashMap<>();
    Evaluation e = report.evaluation().orElse(null);
    if (e != null) {
      for (MetricValue v : e.metrics().values()) {
        m.put(v.metric().key(), v.value());
      }
    }
    return m;
  }
}

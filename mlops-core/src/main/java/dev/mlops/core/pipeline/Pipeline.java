package dev.mlops.core.pipeline;

import dev.mlops.core.contract.ContractDefinition;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.data.Sampling;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.transform.Transforms;
import dev.mlops.metrics.modeltest.ClassifierTest;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.RegressorTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * A reproducible path from raw data to a tested, gated model: read → (sample) → validate → split
 * → transform (fitted on the training split only) → (search) → train → evaluate → profile → gate.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder("bike-demand")
 *     .source(CsvSource.of(path).timestampColumn("dteday").drop("instant", "casual", "registered"))
 *     .target("cnt")
 *     .validate(DataContract.inferred().maxMissingRate(0.05))
 *     .transform(t -> t.oneHot("season", "weathersit").standardize(numeric()))
 *     .split(Split.byTime("dteday").testFraction(0.2))
 *     .train(Trainers.randomForestRegressor().trees(50))
 *     .seed(42)
 *     .build();
 * PipelineRun run = pipeline.run();
 * PipelineRun retrain = pipeline.run(RunOptions.champion(run.model()).withSource(newData));
 * }</pre>
 *
 * <p>The test split never reaches a fitted statistic: the transforms are fitted on the training
 * split. A hyperparameter search cross-validates on the <em>raw</em> training rows and refits the
 * transforms inside every fold on that fold's training rows only (then applies them to the fold's
 * validation rows), like a scikit-learn {@code Pipeline} passed to {@code cross_val_score}, so the
 * fold scores are not biased by imputation, scaling or encoding statistics of the rows they are
 * scored on; the chosen candidate is then fitted on the whole training split with the transforms
 * fitted on the whole training split.
 *
 * <p>Immutable and thread-safe: a pipeline may run several times, also concurrently; each run
 * reads its source anew. Same data + same definition + same seed gives the same model (identical
 * predictions).
 */
public final class Pipeline {

  final String name;
  final Source source;
  final String target;
  final List<String> features;
  final List<String> excluded;
  final Sampling sampling;
  final ContractDefinition contract;
  final Transforms transforms;
  final Split split;
  final ProfileOrder profileOrder;
  final EstimateRows estimateRows;
  final Trainer trainer;
  final HyperparameterSearch<?> search;
  final UnaryOperator<RegressorTest<Map<String, Object>>> regressorTest;
  final UnaryOperator<ClassifierTest<Map<String, Object>>> classifierTest;
  final Gate gate;
  final long seed;
  final List<PipelineListener> listeners;
  final Executor executor;
  final Clock clock;

  private Pipeline(Builder b) {
    this.name = b.name;
    this.source = b.source;
    this.target = b.target;
    this.features = b.features == null ? null : List.copyOf(b.features);
    this.excluded = List.copyOf(b.excluded);
    this.sampling = b.sampling;
    this.contract = b.contract;
    this.transforms = b.transforms;
    this.split = b.split;
    this.profileOrder = b.profileOrder;
    this.estimateRows = b.estimateRows;
    this.trainer = b.trainer;
    this.search = b.search;
    this.regressorTest = b.regressorTest;
    this.classifierTest = b.classifierTest;
    this.gate = b.gate;
    this.seed = b.seed;
    this.listeners = List.copyOf(b.listeners);
    this.executor = b.executor;
    this.clock = b.clock;
  }

  /**
   * Starts a pipeline definition.
   *
   * @param name the pipeline name (recorded in provenance and model metadata)
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The pipeline name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The definition's split (its time or group column is a column a retrain must keep even when it
   * is not a model input).
   *
   * @return the split
   */
  public Split split() {
    return split;
  }

  /**
   * The order in which runs give the training rows to the reference profile (its column is one a
   * retrain must keep even when it is not a model input).
   *
   * @return the profile order
   */
  public ProfileOrder profileOrder() {
    return profileOrder;
  }

  /**
   * Which rows a classifier's profile keeps as its estimate sample.
   *
   * @return the choice
   */
  public EstimateRows estimateRows() {
    return estimateRows;
  }

  /**
   * Whether a run may read this column as an input (an explicit feature list, else any column but the
   * target and the excluded ones); a retrain keeps the others (ids, groups an expectation reads).
   *
   * @param column a column name
   * @return false if the column is never an input of this definition
   */
  public boolean mayBeInput(String column) {
    return features != null ? features.contains(column) : !column.equals(target) && !excluded.contains(column);
  }

  /**
   * The same pipeline reading another source (e.g. for retraining on new data).
   *
   * @param newSource the source
   * @return a new pipeline
   */
  public Pipeline withSource(Source newSource) {
    Builder b = toBuilder();
    b.source = Objects.requireNonNull(newSource, "source");
    return new Pipeline(b);
  }

  /**
   * The trainer of this definition (the search's base trainer when it searches).
   *
   * @return the trainer
   */
  public Trainer trainer() {
    return trainer;
  }

  /**
   * The same pipeline training another model (a candidate model spec: same source, contract,
   * transforms, split, expectations, gate and seed; any hyperparameter search is dropped).
   *
   * @param other the trainer, of the same task as this pipeline's
   * @return a new pipeline
   * @throws IllegalArgumentException if the trainer's task differs from this pipeline's
   */
  public Pipeline withTrainer(Trainer other) {
    Objects.requireNonNull(other, "trainer");
    if (other.task() != trainer.task()) {
      throw new IllegalArgumentException("trainer task must be " + trainer.task() + ": " + other.name() + " ("
          + other.task() + ")");
    }
    Builder b = toBuilder();
    b.trainer = other;
    b.search = null;
    return new Pipeline(b);
  }

  private Builder toBuilder() {
    Builder b = new Builder(name);
    b.source = source;
    b.target = target;
    b.features = features;
    b.excluded.addAll(excluded);
    b.sampling = sampling;
    b.contract = contract;
    b.transforms = transforms;
    b.split = split;
    b.profileOrder = profileOrder;
    b.estimateRows = estimateRows;
    b.trainer = trainer;
    b.search = search;
    b.regressorTest = regressorTest;
    b.classifierTest = classifierTest;
    b.gate = gate;
    b.seed = seed;
    b.listeners.addAll(listeners);
    b.executor = executor;
    b.clock = clock;
    return b;
  }

  /**
   * The SHA-256 of everything that defines this pipeline except its data and its ModelTest
   * expectations (lambdas; a run's provenance adds the expectations' names, see {@link
   * Provenance#definitionFingerprint()}).
   *
   * @return the lower-case hex digest
   */
  public String definitionFingerprint() {
    return definitionFingerprint(List.of());
  }

  String definitionFingerprint(List<String> expectationNames) {
    return DefinitionFingerprint.of(this, expectationNames);
  }

  /**
   * Runs the pipeline on its source, without a champion.
   *
   * @return the run
   * @throws PipelineException naming the stage if any stage fails
   */
  public PipelineRun run() {
    return run(RunOptions.none());
  }

  /**
   * Runs the pipeline with options (a champion for the gate, another source for retraining).
   *
   * @param options the options
   * @return the run
   * @throws PipelineException naming the stage if any stage fails; nothing of a failed run may be
   *     registered or deployed
   */
  public PipelineRun run(RunOptions options) {
    Objects.requireNonNull(options, "options");
    return new PipelineExecution(this, options).execute();
  }

  /**
   * Defines a {@link Pipeline}. Setters validate at once; {@link #build()} checks the rules that
   * span several settings.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private Source source;
    private String target;
    private List<String> features;
    private final List<String> excluded = new ArrayList<>();
    private Sampling sampling;
    private ContractDefinition contract = DataContract.inferred().maxMissingRate(1.0);
    private Transforms transforms = Transforms.none();
    private Split split = Split.random();
    private ProfileOrder profileOrder = ProfileOrder.auto();
    private EstimateRows estimateRows = EstimateRows.auto();
    private Trainer trainer;
    private HyperparameterSearch<?> search;
    private UnaryOperator<RegressorTest<Map<String, Object>>> regressorTest;
    private UnaryOperator<ClassifierTest<Map<String, Object>>> classifierTest;
    private Gate gate = Gate.againstChampion();
    private long seed = 42;
    private final List<PipelineListener> listeners = new ArrayList<>();
    private Executor executor = Runnable::run;
    private Clock clock = Clock.systemUTC();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("pipeline name must not be blank: '" + name + "'");
      }
      this.name = name;
    }

    /**
     * Where the rows come from (required).
     *
     * @param source the source
     * @return this builder
     */
    public Builder source(Source source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The rows, as a fixed table.
     *
     * @param table the rows
     * @return this builder
     */
    public Builder source(Table table) {
      return source(Source.of(table));
    }

    /**
     * The target column (required).
     *
     * @param column the column
     * @return this builder
     */
    public Builder target(String column) {
      Objects.requireNonNull(column, "target");
      if (column.isBlank()) {
        throw new IllegalArgumentException("target must not be blank: '" + column + "'");
      }
      this.target = column;
      return this;
    }

    /**
     * The input columns, in order (default: every column except the target, timestamp columns
     * and excluded ones).
     *
     * @param columns the columns
     * @return this builder
     */
    public Builder features(String... columns) {
      this.features = List.of(columns);
      return this;
    }

    /**
     * Columns never used as inputs (identifiers, leaks of the target).
     *
     * @param columns the columns
     * @return this builder
     */
    public Builder exclude(String... columns) {
      excluded.addAll(List.of(columns));
      return this;
    }

    /**
     * Down-samples the data first (seeded), for fast experiments.
     *
     * @param sampling the sampling
     * @return this builder
     */
    public Builder sample(Sampling sampling) {
      this.sampling = Objects.requireNonNull(sampling, "sampling");
      return this;
    }

    /**
     * The data contract (default: inferred from each batch, any missing rate allowed).
     *
     * @param contract a declared contract or {@link DataContract#inferred()} settings
     * @return this builder
     */
    public Builder validate(ContractDefinition contract) {
      this.contract = Objects.requireNonNull(contract, "contract");
      return this;
    }

    /**
     * The transforms.
     *
     * @param transforms the transforms
     * @return this builder
     */
    public Builder transform(Transforms transforms) {
      this.transforms = Objects.requireNonNull(transforms, "transforms");
      return this;
    }

    /**
     * The transforms, built from {@link Transforms#none()}.
     *
     * @param definition e.g. {@code t -> t.impute("hum", MEDIAN).standardize(numeric())}
     * @return this builder
     */
    public Builder transform(UnaryOperator<Transforms> definition) {
      return transform(Objects.requireNonNull(definition.apply(Transforms.none()), "transforms"));
    }

    /**
     * How the test rows are held out (default: random 20%).
     *
     * @param split the split
     * @return this builder
     */
    public Builder split(Split split) {
      this.split = Objects.requireNonNull(split, "split");
      return this;
    }

    /**
     * In which order the training rows are given to the model's reference profile (default
     * {@link ProfileOrder#auto()}: by the time split's column, in table order for a run that
     * holds out the last rows or refits, by the table's only timestamp column, else none). An
     * ordered profile lets the deployed drift monitor calibrate its thresholds on consecutive
     * reference windows of its own size (the profile's chunks); an unordered one calibrates by
     * resampling, rows taken as independent. A non-default order is part of the {@link
     * #definitionFingerprint() definition}.
     *
     * @param order the order
     * @return this builder
     */
    public Builder profileOrder(ProfileOrder order) {
      this.profileOrder = Objects.requireNonNull(order, "order");
      return this;
    }

    /**
     * Which rows a classifier's profile keeps as the estimate sample that a deployed monitor
     * calibrates its label-free accuracy estimate on (default {@link EstimateRows#auto()}: the
     * training rows' out-of-fold scores with the held-out rows when the held-out split has fewer
     * than {@value EstimateRows#DEFAULT_MIN_HELD_OUT} rows, about 4 extra fits of the model; else
     * the held-out rows). It changes only the estimate sample, not the profile's prediction column
     * or thresholds. A non-default choice is part of the {@link #definitionFingerprint()
     * definition}.
     *
     * <pre>{@code
     * Pipeline.builder("churn").estimateRows(EstimateRows.heldOut())   // no extra fits
     * }</pre>
     *
     * @param rows the choice
     * @return this builder
     */
    public Builder estimateRows(EstimateRows rows) {
      this.estimateRows = Objects.requireNonNull(rows, "rows");
      return this;
    }

    /**
     * The trainer (required).
     *
     * @param trainer the trainer
     * @return this builder
     */
    public Builder train(Trainer trainer) {
      this.trainer = Objects.requireNonNull(trainer, "trainer");
      this.search = null;
      return this;
    }

    /**
     * Searches hyperparameters with cross-validation on the training split, then fits the best
     * candidate on the whole training split (replaces {@link #train(Trainer)}). Inside every fold
     * the transforms are refitted on the fold's training rows only, so no validation fold leaks
     * into the statistics its score depends on.
     *
     * @param search the search
     * @return this builder
     */
    public Builder train(HyperparameterSearch<?> search) {
      this.search = Objects.requireNonNull(search, "search");
      this.trainer = search.base();
      return this;
    }

    /**
     * The ModelTest expectations a regressor must meet on the held-out split.
     *
     * @param expectations e.g. {@code t -> t.expect(Metric.RMSE).atMost(60)}
     * @return this builder
     */
    public Builder evaluateRegressor(UnaryOperator<RegressorTest<Map<String, Object>>> expectations) {
      this.regressorTest = Objects.requireNonNull(expectations, "expectations");
      return this;
    }

    /**
     * The ModelTest expectations a classifier must meet on the held-out split.
     *
     * @param expectations e.g. {@code t -> t.expect(Metric.ROC_AUC).atLeast(0.8)}
     * @return this builder
     */
    public Builder evaluateClassifier(UnaryOperator<ClassifierTest<Map<String, Object>>> expectations) {
      this.classifierTest = Objects.requireNonNull(expectations, "expectations");
      return this;
    }

    /**
     * The promotion gate (default {@link Gate#againstChampion()}: expectations, and at least as
     * good as the champion on the primary metric when one is passed to the run).
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder gate(Gate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The seed every random choice derives from (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Adds a listener for stage and progress events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(PipelineListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The executor cross-validation folds and search trials run on (default: the calling
     * thread). Pass a bounded pool to parallelise.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The clock for timestamps and stage durations (default UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     * @throws IllegalStateException if the source, target or trainer is missing
     */
    public Pipeline build() {
      if (source == null) {
        throw new IllegalStateException("pipeline '" + name + "' must have a source");
      }
      if (target == null) {
        throw new IllegalStateException("pipeline '" + name + "' must have a target");
      }
      if (trainer == null) {
        throw new IllegalStateException("pipeline '" + name + "' must have a trainer");
      }
      if (regressorTest != null && trainer.task() != Task.REGRESSION) {
        throw new IllegalStateException("evaluateRegressor needs a regression trainer: " + trainer.name());
      }
      if (classifierTest != null && trainer.task() != Task.CLASSIFICATION) {
        throw new IllegalStateException("evaluateClassifier needs a classification trainer: " + trainer.name());
      }
      if (excluded.contains(target)) {
        throw new IllegalStateException("target must not be excluded: '" + target + "'");
      }
      return new Pipeline(this);
    }
  }
}

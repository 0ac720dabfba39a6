package dev.mlops.core.train;

import dev.mlops.core.internal.Checks;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.core.split.Folds;
import dev.mlops.core.split.SplitIndices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Grid or random hyperparameter search with k-fold cross-validation on the training split,
 * seeded; the fits run on an executor the host passes (a bounded pool parallelises them). The best
 * candidate (mean fold score; ties to the earlier candidate) is then fitted on the whole training
 * split by the pipeline.
 *
 * <p><b>No leakage across folds.</b> The pipeline runs the search through {@link #run(FoldData,
 * long, Executor, Progress)} on the <em>raw</em> training rows: in every fold the feature
 * transforms (imputation, standardisation, min-max scaling, encoding, ...) are fitted on that
 * fold's training rows only and then applied to its training and validation rows, as
 * scikit-learn's {@code cross_val_score} does with a {@code Pipeline} estimator; no statistic of a
 * validation fold ever reaches the model scored on it. Each fold is prepared once and shared by
 * every candidate. {@link #run(TrainingSet, long, Executor, Progress)} is for data that is already
 * numeric: it only subsets the rows, so if that matrix was produced by transforms fitted on all
 * its rows, the fold scores are optimistically biased (the caller's responsibility).
 *
 * <pre>{@code
 * HyperparameterSearch<RandomForestRegressorTrainer> search =
 *     HyperparameterSearch.grid(Trainers.randomForestRegressor().trees(20))
 *         .vary("max_depth", List.of(4, 8, 16), RandomForestRegressorTrainer::maxDepth)
 *         .vary("mtry", List.of(2, 4), RandomForestRegressorTrainer::mtry)
 *         .folds(5)
 *         .metric(Metric.RMSE);
 * }</pre>
 *
 * <p>Every candidate is built when the search is defined, so a hyperparameter out of range fails
 * there, before any training. Immutable and thread-safe.
 *
 * @param <T> the trainer type
 */
public final class HyperparameterSearch<T extends Trainer> {

  /** One hyperparameter dimension. */
  private record Dimension<T>(String name, List<?> values, BiFunction<T, Object, T> setter) {}

  private final T base;
  private final boolean random;
  private final int trials;
  private final List<Dimension<T>> dimensions;
  private final int folds;
  private final Metric metric;

  private HyperparameterSearch(T base, boolean random, int trials, List<Dimension<T>> dims, int folds, Metric metric) {
    this.base = base;
    this.random = random;
    this.trials = trials;
    this.dimensions = List.copyOf(dims);
    this.folds = folds;
    this.metric = metric;
  }

  /**
   * A grid search: every combination of the values.
   *
   * @param base the trainer the values are applied to
   * @param <T> the trainer type
   * @return the search (5 folds; metric RMSE for regression, log loss for classification)
   */
  public static <T extends Trainer> HyperparameterSearch<T> grid(T base) {
    Objects.requireNonNull(base, "base");
    return new HyperparameterSearch<>(base, false, 0, List.of(), 5, defaultMetric(base));
  }

  /**
   * A random search: {@code trials} combinations drawn uniformly (with the pipeline's seed) from
   * the values.
   *
   * @param base the trainer the values are applied to
   * @param trials at least 1
   * @param <T> the trainer type
   * @return the search
   */
  public static <T extends Trainer> HyperparameterSearch<T> random(T base, int trials) {
    Objects.requireNonNull(base, "base");
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1: " + trials);
    }
    return new HyperparameterSearch<>(base, true, trials, List.of(), 5, defaultMetric(base));
  }

  /**
   * Plain k-fold cross-validation of one trainer (a search with one candidate).
   *
   * @param trainer the trainer
   * @param <T> the trainer type
   * @return the search
   */
  public static <T extends Trainer> HyperparameterSearch<T> crossValidate(T trainer) {
    return grid(trainer);
  }

  private static Metric defaultMetric(Trainer t) {
    return t.task() == Task.REGRESSION ? Metric.RMSE : Metric.LOG_LOSS;
  }

  /**
   * Adds a dimension. Each value is applied to the base trainer at once, so an out-of-range value
   * fails here.
   *
   * @param name the hyperparameter name (for reports)
   * @param values the values, at least one
   * @param setter how to apply a value, e.g. {@code RandomForestRegressorTrainer::maxDepth}
   * @param <V> the value type
   * @return a new search
   * @throws IllegalArgumentException if a value is out of range (from the trainer's setter)
   */
  @SuppressWarnings("unchecked")
  public <V> HyperparameterSearch<T> vary(String name, List<V> values, BiFunction<T, V, T> setter) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(setter, "setter");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values of hyperparameter '" + name + "' must not be empty");
    }
    for (V v : values) {
      try {
        setter.apply(base, v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("hyperparameter '" + name + "' value " + v + " is invalid: " + e.getMessage(), e);
      }
    }
    List<Dimension<T>> d = new ArrayList<>(dimensions);
    d.add(new Dimension<>(name, List.copyOf(values), (BiFunction<T, Object, T>) (BiFunction<T, ?, T>) setter));
    return new HyperparameterSearch<>(base, random, trials, d, folds, metric);
  }

  /**
   * The number of folds.
   *
   * @param k at least 2
   * @return a new search
   */
  public HyperparameterSearch<T> folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be >= 2: " + k);
    }
    return new HyperparameterSearch<>(base, random, trials, dimensions, k, metric);
  }

  /**
   * The metric the candidates are ranked by (its direction comes from the metric).
   *
   * @param metric a metric of the trainer's task
   * @return a new search
   */
  public HyperparameterSearch<T> metric(Metric metric) {
    Objects.requireNonNull(metric, "metric");
    MetricKind want = base.task() == Task.REGRESSION ? MetricKind.REGRESSION : MetricKind.CLASSIFICATION;
    if (metric.kind() != want) {
      throw new IllegalArgumentException("search metric must be a " + want + " metric: " + metric.key());
    }
    return new HyperparameterSearch<>(base, random, trials, dimensions, folds, metric);
  }

  /**
   * The base trainer.
   *
   * @return the trainer
   */
  public T base() {
    return base;
  }

  /**
   * A description for the definition fingerprint.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder s = new StringBuilder(random ? "random(" + trials + ")" : "grid");
    s.append('[').append(base.name()).append(base.hyperparameters());
    for (Dimension<T> d : dimensions) {
      s.append(", ").append(d.name()).append('=').append(d.values());
    }
    return s.append(", folds=").append(folds).append(", metric=").append(metric.key()).append(']').toString();
  }

  /**
   * The candidates, in trial order.
   *
   * @param seed the seed of a random search
   * @return each candidate's varied values and trainer
   */
  public List<Candidate<T>> candidates(long seed) {
    List<Candidate<T>> out = new ArrayList<>();
    if (random) {
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int t = 0; t < trials; t++) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        T trainer = base;
        for (Dimension<T> d : dimensions) {
          Object v = d.values().get(rnd.nextInt(d.values().size()));
          chosen.put(d.name(), v);
          trainer = d.setter().apply(trainer, v);
        }
        out.add(new Candidate<>(chosen, trainer));
      }
      return out;
    }
    grid(0, new LinkedHashMap<>(), base, out);
    return out;
  }

  private void grid(int dim, Map<String, Object> chosen, T trainer, List<Candidate<T>> out) {
    if (dim == dimensions.size()) {
      out.add(new Candidate<>(new LinkedHashMap<>(chosen), trainer));
      return;
    }
    Dimension<T> d = dimensions.get(dim);
    for (Object v : d.values()) {
      chosen.put(d.name(), v);
      grid(dim + 1, chosen, d.setter().apply(trainer, v), out);
      chosen.remove(d.name());
    }
  }

  /**
   * One candidate of the search.
   *
   * @param values the varied hyperparameters
   * @param trainer the trainer with those values
   * @param <T> the trainer type
   */
  public record Candidate<T extends Trainer>(Map<String, Object> values, T trainer) {}

  /** Receives progress of the search. */
  @FunctionalInterface
  public interface Progress {
    /**
     * One fold of one trial finished.
     *
     * @param trial the trial (1-based)
     * @param trials the number of trials
     * @param fold the fold (1-based)
     * @param folds the number of folds
     */
    void foldDone(int trial, int trials, int fold, int folds);
  }

  /**
   * The rows a search cross-validates on, prepared fold by fold so that nothing is fitted on a
   * validation fold. Implementations must be thread-safe ({@link #prepare} may run concurrently
   * for different folds on the search's executor) and deterministic.
   */
  public interface FoldData {
    /**
     * The task.
     *
     * @return the task
     */
    Task task();

    /**
     * The number of rows (indices {@code 0..size()-1} are passed to {@link #prepare}).
     *
     * @return the row count
     */
    int size();

    /**
     * The class index of every row, for stratified folds (classification); ignored for
     * regression (may return null there).
     *
     * @return the labels
     */
    int[] labels();

    /**
     * Fits whatever is fitted from data (e.g. the feature transforms) on the training rows only,
     * and applies it to both row sets.
     *
     * @param fold the 0-based fold number (for messages)
     * @param trainRows the fold's training rows
     * @param validationRows the fold's validation rows (disjoint from {@code trainRows})
     * @return the numeric training and validation sets of the fold
     * @throws IllegalArgumentException if the rows cannot be prepared (e.g. a category of the
     *     validation rows unseen in the training rows with a failing policy)
     */
    Fold prepare(int fold, int[] trainRows, int[] validationRows);

    /**
     * Already-numeric data: {@link #prepare} only takes the rows, fitting nothing. Fold scores
     * are leak-free only if {@code data} was not produced by transforms fitted on its own rows.
     *
     * @param data the numeric training set
     * @return the fold data
     */
    static FoldData prepared(TrainingSet data) {
      Objects.requireNonNull(data, "data");
      return new FoldData() {
        @Override
        public Task task() {
          return data.task();
        }

        @Override
        public int size() {
          return data.size();
        }

        @Override
        public int[] labels() {
          return data.labels();
        }

        @Override
        public Fold prepare(int fold, int[] trainRows, int[] validationRows) {
          return new Fold(data.subset(trainRows), data.subset(validationRows));
        }
      };
    }
  }

  /**
   * One prepared fold.
   *
   * @param train the numeric rows the candidates are fitted on
   * @param validation the numeric rows they are scored on
   */
  public record Fold(TrainingSet train, TrainingSet validation) {
    /**
     * Checks both sets are present.
     *
     * @throws NullPointerException if one is null
     */
    public Fold {
      Checks.nonNull("train", train, "validation", validation);
    }
  }

  /**
   * Runs the search on an already-numeric training set: the folds are plain row subsets of
   * {@code data}. If {@code data} was transformed with statistics fitted on all its rows (as the
   * pipeline's training matrix is), the validation folds leaked into those statistics; use {@link
   * #run(FoldData, long, Executor, Progress)} to refit the transforms per fold (the pipeline does).
   *
   * @param data the training split, already numeric
   * @param seed the seed of the folds, of a random search and of every fit
   * @param executor where the fits run
   * @param progress progress callback (called from the executor's threads)
   * @return every trial's scores and the best trainer
   */
  public SearchResult<T> run(TrainingSet data, long seed, Executor executor, Progress progress) {
    Objects.requireNonNull(data, "data");
    List<Candidate<T>> cands = candidates(seed);
    for (Candidate<T> c : cands) {
      c.trainer().validate(data);
    }
    return run(FoldData.prepared(data), seed, executor, progress);
  }

  /**
   * Runs the search, preparing every fold from its own training rows (no leakage from the
   * validation rows): the folds (stratified for classification) are drawn from {@code seed};
   * each fold is prepared once on the executor, every candidate is checked against every fold's
   * training set before any fit, then each (candidate, fold) pair is fitted on the fold's training
   * set and scored on its validation set. Same data, definition and seed give the same result on
   * any executor.
   *
   * @param data the raw training rows and how to prepare a fold of them
   * @param seed the seed of the folds, of a random search and of every fit
   * @param executor where the preparations and fits run
   * @param progress progress callback (called from the executor's threads)
   * @return every trial's scores and the best trainer
   * @throws IllegalArgumentException if a fold cannot be prepared (the message names the fold)
   *     or a candidate does not fit a fold's training set
   */
  public SearchResult<T> run(FoldData data, long seed, Executor executor, Progress progress) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(progress, "progress");
    List<Candidate<T>> cands = candidates(seed);
    List<SplitIndices> split = data.task() == Task.CLASSIFICATION
        ? Folds.stratifiedKFold(folds, data.labels(), seed)
        : Folds.kFold(folds, data.size(), seed);
    List<CompletableFuture<Fold>> preparing = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      final int ff = f;
      preparing.add(CompletableFuture.supplyAsync(() -> {
        SplitIndices s = split.get(ff);
        try {
          return Objects.requireNonNull(data.prepare(ff, s.train(), s.test()), "prepared fold");
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cross-validation fold " + (ff + 1) + "/" + folds + ": " + e.getMessage(), e);
        }
      }, executor));
    }
    List<Fold> prepared = new ArrayList<>();
    for (CompletableFuture<Fold> f : preparing) {
      prepared.add(join(f));
    }
    for (Candidate<T> c : cands) {
      for (int f = 0; f < folds; f++) {
        try {
          c.trainer().validate(prepared.get(f).train());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "cross-validation fold " + (f + 1) + "/" + folds + ": " + e.getMessage(), e);
        }
      }
    }
    double[][] scores = new double[cands.size()][folds];
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    AtomicInteger[] doneFolds = new AtomicInteger[cands.size()];
    for (int t = 0; t < cands.size(); t++) {
      doneFolds[t] = new AtomicInteger();
      for (int f = 0; f < folds; f++) {
        final int tt = t;
        final int ff = f;
        futures.add(CompletableFuture.runAsync(() -> {
          Fold fold = prepared.get(ff);
          FittedModel m = cands.get(tt).trainer().fit(fold.train(), seed + 1);
          scores[tt][ff] = score(m, fold.validation());
          progress.foldDone(tt + 1, cands.size(), doneFolds[tt].incrementAndGet(), folds);
        }, executor));
      }
    }
    join(CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])));
    List<Trial> trials = new ArrayList<>();
    int best = -1;
    for (int t = 0; t < cands.size(); t++) {
      double mean = 0;
      for (double s : scores[t]) {
        mean += s;
      }
      mean /= folds;
      double var = 0;
      for (double s : scores[t]) {
        var += (s - mean) * (s - mean);
      }
      double std = folds > 1 ? Math.sqrt(var / (folds - 1)) : 0;
      trials.add(new Trial(t + 1, cands.get(t).values(), mean, std, scores[t].clone()));
      if (!Double.isNaN(mean) && (best < 0 || better(mean, trials.get(best).meanScore()))) {
        best = t;
      }
    }
    if (best < 0) {
      throw new IllegalStateException("search must find a candidate with a defined " + metric.key() + ": all were NaN");
    }
    return new SearchResult<>(metric, trials, best, cands.get(best).trainer());
  }

  private static <R> R join(CompletableFuture<R> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private boolean better(double a, double b) {
    return metric.greaterIsBetter() ? a > b : a < b;
  }

  private double score(FittedModel m, TrainingSet va) {
    double[][] x = va.features();
    if (m instanceof FittedRegressor r) {
      double[] p = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        p[i] = r.predict(x[i]);
      }
      return RegressionEvaluation.of(va.values(), p).value(metric);
    }
    FittedClassifier c = (FittedClassifier) m;
    double[][] proba = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      proba[i] = c.probabilities(x[i]);
    }
    if (va.classes().size() == 2) {
      double[] s = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        s[i] = proba[i][1];
      }
      return ClassificationEvaluation.binary(va.labels(), s).evaluate().value(metric);
    }
    return ClassificationEvaluation.multiclass(va.labels(), proba).evaluate().value(metric);
  }

  /**
   * One trial's cross-validated score.
   *
   * @param trial 1-based trial number
   * @param values the varied hyperparameters
   * @param meanScore mean fold score
   * @param stdScore sample standard deviation of the fold scores
   * @param foldScores each fold's score
   */
  public record Trial(int trial, Map<String, Object> values, double meanScore, double stdScore, double[] foldScores) {
    /** Copies. */
    public Trial {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      foldScores = foldScores.clone();
    }

    /**
     * Each fold's score (a copy).
     *
     * @return the scores
     */
    @Override
    public double[] foldScores() {
      return foldScores.clone();
    }
  }

  /**
   * The outcome of a search.
   *
   * @param metric the ranking metric
   * @param trials every trial in order
   * @param bestIndex index of the best trial in {@code trials}
   * @param best the best trainer
   * @param <T> the trainer type
   */
  public record SearchResult<T extends Trainer>(Metric metric, List<Trial> trials, int bestIndex, T best) {
    /** Copies. */
    public SearchResult {
      trials = List.copyOf(trials);
    }

    /**
     * The best trial.
     *
     * @return the trial
     */
    public Trial bestTrial() {
      return trials.get(bestIndex);
    }
  }
}

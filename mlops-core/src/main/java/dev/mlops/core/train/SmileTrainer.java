package dev.mlops.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Base of the Smile adapters: typed, immutable hyperparameters (every setter returns a copy and
 * validates its argument at once), and the conversion of a {@link TrainingSet} to what Smile
 * fits on.
 *
 * @param <T> the concrete trainer
 */
public abstract sealed class SmileTrainer<T extends SmileTrainer<T>> implements Trainer
    permits LogisticRegressionTrainer, DecisionTreeTrainer, TreeEnsembleTrainer, LdaTrainer,
        OlsTrainer, RidgeTrainer, LassoTrainer {

  /** The response column name used in the frames handed to Smile. */
  static final String RESPONSE = "__target__";

  private final Map<String, Object> params;

  SmileTrainer(Map<String, Object> params) {
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  abstract T copy(Map<String, Object> params);

  T with(String name, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(name, Objects.requireNonNull(value, name));
    return copy(p);
  }

  int intParam(String name) {
    return (Integer) params.get(name);
  }

  double doubleParam(String name) {
    return (Double) params.get(name);
  }

  Object param(String name) {
    return params.get(name);
  }

  @Override
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>(params);
    h.remove(THREADS);
    return Collections.unmodifiableMap(h);
  }

  /** Execution setting kept with the parameters but not a hyperparameter: it never changes the model. */
  static final String THREADS = "threads";

  int threads() {
    Object t = params.get(THREADS);
    return t == null ? Runtime.getRuntime().availableProcessors() : (Integer) t;
  }

  /**
   * Runs a Smile fit inside its own single-thread fork-join pool, so the parallel streams Smile
   * uses inside see only this fit's tasks: Smile's trees draw feature subsets from a per-thread
   * generator, and in a shared pool a thread that steals another tree's task mid-way would
   * interleave two trees' draws, making the result depend on scheduling.
   */
  static <R> R isolated(java.util.function.Supplier<R> fit) {
    ForkJoinPool pool = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
        0, 1, 1, p -> true, 30, TimeUnit.SECONDS);
    try {
      // Wait on a CompletableFuture, not on the task: an external join could run the task on the
      // calling thread, whose parallel streams would then go to the common pool.
      return CompletableFuture.supplyAsync(fit, pool).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    } finally {
      pool.shutdown();
    }
  }

  /** Fits the trees {@code [from, from + n)} of a forest. */
  @FunctionalInterface
  interface ShareFit<R> {
    R fit(int from, int n);
  }

  /**
   * Fits a forest as one share of its trees per thread (at most {@code threads} shares, each
   * {@link #isolated}), reports each share's trees to {@code progress} when it is done, and merges
   * the shares in order.
   */
  static <R> R mergedShares(int trees, int threads, Trainer.Progress progress, ShareFit<R> share,
      java.util.function.BinaryOperator<R> merge) {
    int chunks = Math.min(threads, trees);
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<R> parts = isolatedChunks(chunks, c -> {
      int from = (int) ((long) trees * c / chunks);
      int n = (int) ((long) trees * (c + 1) / chunks) - from;
      R part = share.fit(from, n);
      progress.update("tree", done.addAndGet(n), trees);
      return part;
    });
    R forest = parts.get(0);
    for (int c = 1; c < parts.size(); c++) {
      forest = merge.apply(forest, parts.get(c));
    }
    return forest;
  }

  /**
   * Fits {@code chunks} parts concurrently, each {@link #isolated}, and returns them in order.
   */
  private static <R> java.util.List<R> isolatedChunks(int chunks, java.util.function.IntFunction<R> part) {
    java.util.List<CompletableFuture<R>> futures = new java.util.ArrayList<>();
    java.util.List<ForkJoinPool> pools = new java.util.ArrayList<>();
    try {
      for (int c = 0; c < chunks; c++) {
        ForkJoinPool pool = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
            0, 1, 1, p -> true, 30, TimeUnit.SECONDS);
        pools.add(pool);
        final int cc = c;
        futures.add(CompletableFuture.supplyAsync(() -> part.apply(cc), pool));
      }
      java.util.List<R> out = new java.util.ArrayList<>();
      for (CompletableFuture<R> f : futures) {
        try {
          out.add(f.join());
        } catch (java.util.concurrent.CompletionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw e;
        }
      }
      return out;
    } finally {
      pools.forEach(ForkJoinPool::shutdown);
    }
  }

  static int requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
    }
    return value;
  }

  static double requireInRange(String name, double value, double low, boolean lowOpen, double high) {
    boolean ok = (lowOpen ? value > low : value >= low) && value <= high;
    if (!ok || Double.isNaN(value)) {
      throw new IllegalArgumentException(
          name + " must be in " + (lowOpen ? "(" : "[") + low + ", " + high + "]: " + value);
    }
    return value;
  }

  @Override
  public void validate(TrainingSet data) {
    if (data.task() != task()) {
      throw new IllegalArgumentException(
          "trainer " + name() + " must get a " + task() + " training set: " + data.task());
    }
    if (data.size() < 2) {
      throw new IllegalArgumentException("training set must have at least 2 rows: " + data.size());
    }
    if (data.featureNames().isEmpty()) {
      throw new IllegalArgumentException("training set must have at least one feature");
    }
  }

  @Override
  public final FittedModel fit(TrainingSet data, long seed) {
    return fit(data, seed, Progress.NONE);
  }

  @Override
  public final FittedModel fit(TrainingSet data, long seed, Progress progress) {
    java.util.Objects.requireNonNull(progress, "progress");
    validate(data);
    // Smile draws from a per-thread generator for the choices no seed is passed for.
    Object smile = isolated(() -> {
      MathEx.setSeed(seed);
      return fitSmile(data, seed, progress);
    });
    return SmileModel.of(smile, task(), data.classes().size(), data.featureNames());
  }

  abstract Object fitSmile(TrainingSet data, long seed);

  /** {@link #fitSmile(TrainingSet, long)}, reporting progress where the trainer can (default: none). */
  Object fitSmile(TrainingSet data, long seed, Progress progress) {
    return fitSmile(data, seed);
  }

  /** The training set as a Smile frame with the response column {@value #RESPONSE}. */
  static DataFrame frame(TrainingSet data) {
    DataFrame x = DataFrame.of(data.features(), data.featureNames().toArray(new String[0]));
    if (data.task() == Task.CLASSIFICATION) {
      return x.merge(IntVector.of(RESPONSE, data.labels()));
    }
    return x.merge(DoubleVector.of(RESPONSE, data.values()));
  }

  static Formula formula() {
    return Formula.lhs(RESPONSE);
  }

  /**
   * Per-tree seeds derived from the run seed: distinct and greater than 1, because Smile's forests
   * silently skip seeding a tree whose seed is at most 1 (it then draws from whatever state its
   * thread's generator is in) and drop duplicate seeds.
   */
  static long[] treeSeeds(long seed, int trees) {
    return new java.util.SplittableRandom(seed).longs(2, Long.MAX_VALUE).distinct().limit(trees).toArray();
  }

  @Override
  public String toString() {
    return name() + params;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmileTrainer<?> t && t.getClass() == getClass() && t.params.equals(params);
  }

  @Override
  public int hashCode() {
    return getClass().hashCode() * 31 + params.hashCode();
  }
}

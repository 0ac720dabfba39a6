package dev.mlops.core.train;

import java.util.Arrays;
import java.util.Map;

/**
 * What the two random forests share: feature sampling ({@code mtry}), row subsampling, threads,
 * and the fit itself — Smile's own {@code RandomForest.fit} on a share of the per-tree seeds per
 * thread, the shares merged with Smile's {@code merge}. Each tree depends only on its seed, so the
 * forest does not depend on the number of threads.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the concrete trainer
 * @param <F> the Smile forest type
 */
public abstract sealed class RandomForestTrainer<T extends RandomForestTrainer<T, F>, F>
    extends TreeEnsembleTrainer<T>
    permits RandomForestClassifierTrainer, RandomForestRegressorTrainer {

  RandomForestTrainer(Map<String, Object> params) {
    super(params);
  }

  /**
   * The number of features tried at each split (default 0: a third of the features for
   * regression, floor(sqrt(features)) for classification).
   *
   * @param mtry 0 or at least 1 and at most the number of features
   * @return a new trainer
   * @throws IllegalArgumentException if {@code mtry} is negative
   */
  public final T mtry(int mtry) {
    return with("mtry", requireAtLeast("mtry", mtry, 0));
  }

  /**
   * The share of rows each tree is trained on (1.0: bootstrap with replacement, as Smile).
   *
   * @param rate in (0, 1]
   * @return a new trainer
   * @throws IllegalArgumentException if {@code rate} is out of range
   */
  public final T subsample(double rate) {
    return with("subsample", requireInRange("subsample", rate, 0, true, 1));
  }

  /**
   * How many threads fit the trees (default: the available processors). Each thread fits an equal
   * share of the trees with Smile's {@code RandomForest.fit}; each tree depends only on its own
   * seed, so this setting does not change the model and is not a hyperparameter.
   *
   * @param threads at least 1
   * @return a new trainer
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public final T threads(int threads) {
    return with(THREADS, requireAtLeast("threads", threads, 1));
  }

  @Override
  public void validate(TrainingSet data) {
    super.validate(data);
    int p = data.featureNames().size();
    if (intParam("mtry") > p) {
      throw new IllegalArgumentException("mtry must be <= the number of features " + p + ": " + intParam("mtry"));
    }
  }

  /** The Smile default of {@code mtry} for this task and number of features. */
  abstract int defaultMtry(int features);

  /** One call of Smile's {@code RandomForest.fit}: one tree per seed. */
  abstract F fitShare(smile.data.DataFrame frame, int mtry, int maxNodes, long[] seeds);

  /** Smile's {@code RandomForest.merge}. */
  abstract F merge(F a, F b);

  @Override
  final Object fitSmile(TrainingSet data, long seed) {
    return fitSmile(data, seed, Progress.NONE);
  }

  /** Fits the forest, reporting each thread's share of the trees when it is done. */
  @Override
  final Object fitSmile(TrainingSet data, long seed, Progress progress) {
    int p = data.featureNames().size();
    int mtry = intParam("mtry") == 0 ? defaultMtry(p) : intParam("mtry");
    int maxNodes = intParam("max_nodes") == 0 ? Math.max(2, data.size() / 5) : intParam("max_nodes");
    long[] seeds = treeSeeds(seed, intParam("trees"));
    smile.data.DataFrame frame = frame(data);
    return mergedShares(seeds.length, threads(), progress,
        (from, n) -> fitShare(frame, mtry, maxNodes, Arrays.copyOfRange(seeds, from, from + n)), this::merge);
  }
}

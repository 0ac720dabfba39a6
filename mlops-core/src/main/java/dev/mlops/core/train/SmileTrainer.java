package dev.mlops.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    permits LogisticRegressionTrainer, DecisionTreeTrainer, RandomForestClassifierTrainer,
        GradientBoostingClassifierTrainer, AdaBoostTrainer, LdaTrainer, OlsTrainer, RidgeTrainer,
        LassoTrainer, RandomForestRegressorTrainer, GradientBoostingRegressorTrainer {

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
    return params;
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
    validate(data);
    // Smile draws from a per-thread generator for the choices no seed is passed for.
    MathEx.setSeed(seed);
    Object smile = fitSmile(data, seed);
    return new SmileModel(smile, task(), data.classes().size(), data.featureNames());
  }

  abstract Object fitSmile(TrainingSet data, long seed);

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

  /** Per-tree seeds derived from the run seed. */
  static long[] treeSeeds(long seed, int trees) {
    return new java.util.SplittableRandom(seed).longs(trees).toArray();
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

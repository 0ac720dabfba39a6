package dev.mlops.core.serving;

import java.util.List;
import java.util.Map;

/**
 * What {@link ModelEndpoint} needs from a model: validation of a request row against the model's
 * data contract, and a row-wise prediction that applies the model's own fitted transforms.
 *
 * <p>The pipeline's {@code TrainedModel} is adapted to this interface by {@link TrainedModels}; any
 * other model (another ML library, a rule, a test double) can implement it directly.
 *
 * <p>Implementations must be <b>thread-safe for concurrent predictions</b> and must not re-bind a
 * schema per call (Smile's {@code predict(DataFrame)} does, and is not safe for concurrent use).
 */
public interface ServableModel {

  /**
   * Returns the feature names the model reads from a request row, in schema order.
   *
   * @return an unmodifiable list
   */
  List<String> featureNames();

  /**
   * Tells whether this is a classifier ({@link #predictProba}) or a regressor ({@link #predict}).
   *
   * @return {@code true} for a classifier
   */
  boolean isClassifier();

  /**
   * Checks a request row against the model's data contract (presence, types, allowed values).
   * Must not throw for bad rows: it reports them.
   *
   * @param row the request row: feature name to {@code Number}, {@code String} or {@code null}
   * @return the violations, empty when the row is valid (preferably {@code List.of()} so valid rows
   *     allocate nothing)
   */
  List<FieldViolation> validate(Map<String, ?> row);

  /**
   * Predicts class probabilities for a valid row (classifiers only).
   *
   * @param row a row that passed {@link #validate}
   * @return the probability of each class, in class-index order
   * @throws UnsupportedOperationException if this model is a regressor
   */
  double[] predictProba(Map<String, ?> row);

  /**
   * Predicts the value for a valid row (regressors only).
   *
   * @param row a row that passed {@link #validate}
   * @return the predicted value
   * @throws UnsupportedOperationException if this model is a classifier
   */
  double predict(Map<String, ?> row);
}

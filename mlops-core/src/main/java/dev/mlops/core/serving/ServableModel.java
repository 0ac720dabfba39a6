package dev.mlops.core.serving;

import java.util.List;
import java.util.Map;

/**
 * What {@link ModelEndpoint} needs from a model: validation of a request row against the model's
 * data contract, and a row-wise prediction that applies the model's own fitted transforms.
 *
 * <p>A servable model is a {@link ServableClassifier} (class probabilities) or a {@link
 * ServableRegressor} (a number). The pipeline's {@code TrainedClassifier} and {@code
 * TrainedRegressor} are adapted by {@link TrainedModels}; any other model (another ML library, a
 * rule, a test double) can implement one of the two directly.
 *
 * <p>Implementations must be <b>thread-safe for concurrent predictions</b> and must not re-bind a
 * schema per call (Smile's {@code predict(DataFrame)} does, and is not safe for concurrent use).
 */
public sealed interface ServableModel permits ServableClassifier, ServableRegressor {

  /**
   * Returns the feature names the model reads from a request row, in schema order.
   *
   * @return an unmodifiable list
   */
  List<String> featureNames();

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
   * Reads the row's value of every feature once, in {@link #featureNames()} order: the endpoint
   * passes these values to {@link #validate(Map, Object[])}, to the prediction of {@link
   * ServableClassifier} or {@link ServableRegressor} and to the deployment's monitor, so a row is looked up
   * once per request rather than once per consumer. The default reads {@code row.get(name)}.
   *
   * @param row the request row
   * @return {@code values[i] = row.get(featureNames().get(i))}
   */
  default Object[] read(Map<String, ?> row) {
    List<String> names = featureNames();
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(names.get(i));
    }
    return values;
  }

  /**
   * {@link #validate(Map)} given the values {@link #read} took from the row; the default ignores
   * them.
   *
   * @param row the request row
   * @param values what {@link #read} returned for it
   * @return the violations, as {@link #validate(Map)}
   */
  default List<FieldViolation> validate(Map<String, ?> row, Object[] values) {
    return validate(row);
  }

  /**
   * Reads a request row as numbers in {@link #featureNames()} order, when that loses nothing: only
   * if the model would treat the row exactly as the row of those numbers as {@code Double}s (every
   * feature present as a {@code Number}, no other keys, and nothing else of the row read). The
   * endpoint then serves the row through {@link #validate(double[])} and the numeric prediction.
   * The default returns {@code null} (always read the row itself).
   *
   * @param row the request row
   * @return the numbers, or {@code null} when the row must be read as a map
   */
  default double[] numbers(Map<String, ?> row) {
    return null;
  }

  /**
   * Validates a row given as numbers in {@link #featureNames()} order: the same answer as
   * {@link #validate(Map)} on a row holding each value as a {@code Double}. The default asks
   * {@link #validate(Map)} through a map view of the values.
   *
   * @param values one number per feature, in order (NaN is a missing value)
   * @return the violations, empty when the row is valid
   */
  default List<FieldViolation> validate(double[] values) {
    return validate(new VectorRow(featureNames(), values));
  }
}

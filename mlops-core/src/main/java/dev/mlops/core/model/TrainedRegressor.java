package dev.mlops.core.model;

import dev.mlops.core.contract.DataContract;
import dev.mlops.core.train.FittedRegressor;
import dev.mlops.core.transform.FittedTransforms;
import dev.mlops.metrics.Regressor;
import java.util.Map;

/**
 * A trained regressor: a number for a raw row, through the transforms fitted in training. It is a
 * {@link Regressor} of rows, so it can be handed to {@code ModelTest.forRegressor(model)} or
 * {@code RegressionEvaluation} as it is.
 *
 * <pre>{@code
 * TrainedRegressor model = (TrainedRegressor) run.model();
 * double rentals = model.predict(Map.of("temp", 0.5, "hum", 0.6, "season", "2"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainedRegressor extends TrainedModel implements Regressor<Map<String, ?>> {

  private final FittedRegressor model;

  TrainedRegressor(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedRegressor model,
      byte[] profile) {
    super(descriptor, transforms, contract, model, profile);
    this.model = model;
  }

  @Override
  public FittedRegressor fitted() {
    return model;
  }

  /**
   * Predicts the value for one raw row.
   *
   * @param row raw values by input column
   * @return the prediction
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  @Override
  public double predict(Map<String, ?> row) {
    return model.predict(transforms().apply(row));
  }

  /**
   * Predicts the value of a row whose raw input values the caller has already read, in {@link
   * FittedTransforms#inputs()} order ({@code values[i]} is {@code row.get(name)} of input {@code
   * i}); the same result as {@link #predict(Map)} on that row.
   *
   * @param values one raw value per input column
   * @return the predicted value
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(Object[])}
   */
  public double predictValues(Object[] values) {
    return model.predict(transforms().apply(values));
  }

  /**
   * Predicts the value of a row given as numbers in {@link FittedTransforms#inputs()} order; the
   * same result as {@link #predict(Map)} on a row holding each value as a {@code Double}.
   *
   * @param values one number per input column
   * @return the predicted value
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(double[])}
   */
  public double predictInputs(double[] values) {
    return model.predict(transforms().applyReadOnly(values));
  }

  /**
   * Predicts the value for an encoded feature vector (the fast path).
   *
   * @param features the vector in {@link #encodedFeatureNames()} order
   * @return the prediction
   * @throws IllegalArgumentException if the vector has the wrong length
   */
  public double predictEncoded(double[] features) {
    checkLength(features);
    return model.predict(features);
  }
}

package dev.mlops.core.model;

import dev.mlops.core.contract.DataContract;
import dev.mlops.core.train.FittedClassifier;
import dev.mlops.core.transform.FittedTransforms;
import dev.mlops.metrics.ProbabilisticClassifier;
import java.util.List;
import java.util.Map;

/**
 * A trained classifier: class probabilities of a raw row, through the transforms fitted in
 * training. It is a {@link ProbabilisticClassifier} of rows, so it can be handed to {@code
 * ModelTest.forClassifier(model)} or {@code ClassificationEvaluation} as it is.
 *
 * <pre>{@code
 * TrainedClassifier model = (TrainedClassifier) run.model();
 * double[] p = model.probabilities(Map.of("income", 52.0, "region", "north"));
 * String label = model.predictLabel(Map.of("income", 52.0, "region", "north"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainedClassifier extends TrainedModel
    implements ProbabilisticClassifier<Map<String, ?>> {

  private final FittedClassifier model;

  TrainedClassifier(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedClassifier model,
      byte[] profile) {
    super(descriptor, transforms, contract, model, profile);
    this.model = model;
  }

  @Override
  public FittedClassifier fitted() {
    return model;
  }

  /**
   * The class labels, in probability-vector order.
   *
   * @return the labels (at least two)
   */
  public List<String> classes() {
    return descriptor().classes();
  }

  /**
   * Predicts class probabilities for one raw row.
   *
   * @param row raw values by input column
   * @return probabilities in {@link #classes()} order
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  @Override
  public double[] probabilities(Map<String, ?> row) {
    return model.probabilities(transforms().apply(row));
  }

  /**
   * Returns the class probabilities of a row whose raw input values the caller has already read,
   * in {@link FittedTransforms#inputs()} order; the same result as {@link #probabilities(Map)}.
   *
   * @param values one raw value per input column
   * @return the probability of each class
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(Object[])}
   */
  public double[] probabilitiesOfValues(Object[] values) {
    return model.probabilities(transforms().apply(values));
  }

  /**
   * Returns the class probabilities of a row given as numbers in {@link FittedTransforms#inputs()}
   * order; the same result as {@link #probabilities(Map)} on a row holding each value as a
   * {@code Double}.
   *
   * @param values one number per input column
   * @return the probability of each class
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(double[])}
   */
  public double[] probabilitiesOfInputs(double[] values) {
    return model.probabilities(transforms().applyReadOnly(values));
  }

  /**
   * Predicts class probabilities for an encoded feature vector (the fast path).
   *
   * @param features the vector in {@link #encodedFeatureNames()} order
   * @return probabilities in {@link #classes()} order
   * @throws IllegalArgumentException if the vector has the wrong length
   */
  public double[] probabilitiesOfEncoded(double[] features) {
    checkLength(features);
    return model.probabilities(features);
  }

  /**
   * Predicts the most probable class index (ties go to the lowest index).
   *
   * @param row raw values by input column
   * @return the class index into {@link #classes()}
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  public int predictClass(Map<String, ?> row) {
    double[] p = probabilities(row);
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Predicts the most probable class label.
   *
   * @param row raw values by input column
   * @return the label
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  public String predictLabel(Map<String, ?> row) {
    return classes().get(predictClass(row));
  }
}

package dev.mlops.core.train;

import java.io.ObjectInputFilter;
import java.util.List;

/**
 * Reads a {@link FittedModel} back from the bytes it wrote: the persistence half of the {@link
 * Trainer} SPI. The built-in codec {@code "smile"} reads Smile models (Java serialisation) only
 * through the {@link ObjectInputFilter} it is given; other codecs are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.mlops.core.train.ModelCodec}) or passed
 * to {@code TrainedModel.fromParts}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ModelCodec {

  /**
   * The codec name stored with the model.
   *
   * @return the name
   */
  String name();

  /**
   * Reads a model.
   *
   * @param bytes what {@link FittedModel#toBytes()} wrote
   * @param task the task
   * @param numClasses the number of classes (0 for regression)
   * @param featureNames the feature names in vector order
   * @param filter the filter every Java deserialisation must go through
   * @return the model
   * @throws dev.mlops.metrics.MlopsException if the bytes cannot be read or are refused
   */
  FittedModel read(
      byte[] bytes, Task task, int numClasses, List<String> featureNames, ObjectInputFilter filter);
}

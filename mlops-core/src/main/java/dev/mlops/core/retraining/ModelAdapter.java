package dev.mlops.core.retraining;

import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.serving.ServableModel;

/**
 * Turns a registry version into the loop's model type and into something an endpoint can serve.
 *
 * @param <M> the model type (e.g. {@code TrainedModel})
 */
public interface ModelAdapter<M> {

  /**
   * Reads a model from its verified registry parts (reading Java-serialised parts only through the
   * registry's {@code SafeDeserialization} filter).
   *
   * @param version the verified parts
   * @return the model
   */
  M load(LoadedVersion version);

  /**
   * Returns the model as an endpoint serves it (thread-safe, row-wise prediction, data contract).
   *
   * @param model the model
   * @return the servable view
   */
  ServableModel servable(M model);
}

package dev.mlops.core.loop;

import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.serving.ServableModel;
import dev.mlops.core.serving.TrainedModels;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.ObjectInputFilter;
import java.util.Objects;

/**
 * Reads the pipeline's {@link TrainedModel} from registry parts (the Smile part only through the
 * registry's {@link SafeDeserialization} allow-list) and serves it with {@link TrainedModels}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainedModelAdapter implements ModelAdapter<TrainedModel> {

  private final ObjectInputFilter filter;

  private TrainedModelAdapter(ObjectInputFilter filter) {
    this.filter = filter;
  }

  /**
   * An adapter reading through {@link SafeDeserialization#filter()}.
   *
   * @return the adapter
   */
  public static TrainedModelAdapter create() {
    return new TrainedModelAdapter(SafeDeserialization.filter());
  }

  /**
   * An adapter reading through another allow-list (e.g. one extended for a custom codec).
   *
   * @param filter the filter every Java deserialisation goes through
   * @return the adapter
   * @throws NullPointerException if the filter is null
   */
  public static TrainedModelAdapter withFilter(ObjectInputFilter filter) {
    return new TrainedModelAdapter(Objects.requireNonNull(filter, "filter must not be null"));
  }

  /**
   * Returns the reference profile of the model's training inputs (built by the pipeline), for
   * monitoring: {@code DriftMonitoring.factory(TrainedModelAdapter::profile, ...)}.
   *
   * @param model the model
   * @return its reference profile
   * @throws IllegalStateException if the model carries no profile
   */
  public static ReferenceProfile profile(TrainedModel model) {
    byte[] bytes = model.profileBytes();
    if (bytes == null) {
      throw new IllegalStateException("model must carry a reference profile to be monitored: " + model);
    }
    return ReferenceProfile.fromBytes(bytes);
  }

  @Override
  public TrainedModel load(LoadedVersion version) {
    return TrainedModel.fromParts(version.parts(), filter);
  }

  @Override
  public ServableModel servable(TrainedModel model) {
    return TrainedModels.servable(model);
  }
}

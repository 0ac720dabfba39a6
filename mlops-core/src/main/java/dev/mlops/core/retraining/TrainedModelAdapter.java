package dev.mlops.core.retraining;

import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.serving.ServableModel;
import dev.mlops.core.serving.TrainedModels;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.core.train.ModelCodec;
import java.io.ObjectInputFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Reads the pipeline's {@link TrainedModel} from registry parts (the Smile part only through the
 * registry's {@link SafeDeserialization} allow-list) and serves it with {@link TrainedModels}.
 *
 * <p>A pipeline whose transforms apply user functions ({@code Transforms.map(name, column, fn)})
 * persists only their names; give the adapter the same functions by name with {@link
 * #withUserFunctions(Map)} or {@link #withUserFunction(String, DoubleUnaryOperator)}, else loading
 * such a model fails with an {@link IllegalArgumentException} naming the function. Models trained by
 * a plug-in trainer are read with the codecs of {@link #withCodecs(List)} (or those found by {@link
 * java.util.ServiceLoader}).
 *
 * <p>Immutable and thread-safe (the user functions must be stateless and thread-safe).
 */
public final class TrainedModelAdapter implements ModelAdapter<TrainedModel> {

  private final ObjectInputFilter filter;
  private final Map<String, DoubleUnaryOperator> userFunctions;
  private final List<ModelCodec> codecs;

  private TrainedModelAdapter(
      ObjectInputFilter filter, Map<String, DoubleUnaryOperator> userFunctions, List<ModelCodec> codecs) {
    this.filter = filter;
    this.userFunctions = userFunctions;
    this.codecs = codecs;
  }

  /**
   * An adapter reading through {@link SafeDeserialization#filter()}.
   *
   * @return the adapter
   */
  public static TrainedModelAdapter create() {
    return new TrainedModelAdapter(SafeDeserialization.filter(), Map.of(), List.of());
  }

  /**
   * An adapter reading through another allow-list (e.g. one extended for a custom codec).
   *
   * @param filter the filter every Java deserialisation goes through
   * @return the adapter
   * @throws NullPointerException if the filter is null
   */
  public static TrainedModelAdapter withFilter(ObjectInputFilter filter) {
    return new TrainedModelAdapter(Objects.requireNonNull(filter, "filter must not be null"), Map.of(), List.of());
  }

  /**
   * Adds the user functions the models' transforms name (the functions given to {@code
   * Transforms.map} when the pipeline was built, under the same names); a name given before is
   * replaced.
   *
   * @param functions the functions by name
   * @return a new adapter with this adapter's filter, codecs and functions plus these
   * @throws NullPointerException if the map, a name or a function is null
   * @throws IllegalArgumentException if a name is blank
   */
  public TrainedModelAdapter withUserFunctions(Map<String, ? extends DoubleUnaryOperator> functions) {
    Objects.requireNonNull(functions, "user functions must not be null");
    Map<String, DoubleUnaryOperator> all = new LinkedHashMap<>(userFunctions);
    functions.forEach((name, fn) -> {
      Objects.requireNonNull(name, "user function name must not be null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("user function name must not be blank: '" + name + "'");
      }
      all.put(name, Objects.requireNonNull(fn, "user function must not be null: '" + name + "'"));
    });
    return new TrainedModelAdapter(filter, Map.copyOf(all), codecs);
  }

  /**
   * Adds one user function (see {@link #withUserFunctions(Map)}).
   *
   * @param name the name given to {@code Transforms.map}
   * @param function the function
   * @return a new adapter
   * @throws NullPointerException if the name or function is null
   * @throws IllegalArgumentException if the name is blank
   */
  public TrainedModelAdapter withUserFunction(String name, DoubleUnaryOperator function) {
    Objects.requireNonNull(name, "user function name must not be null");
    Objects.requireNonNull(function, "user function must not be null: '" + name + "'");
    return withUserFunctions(Map.of(name, function));
  }

  /**
   * Uses these codecs (in addition to those found by {@link java.util.ServiceLoader}) for models
   * trained by plug-in trainers.
   *
   * @param codecs the codecs
   * @return a new adapter with this adapter's filter and functions and these codecs
   * @throws NullPointerException if the list or a codec is null
   */
  public TrainedModelAdapter withCodecs(List<? extends ModelCodec> codecs) {
    Objects.requireNonNull(codecs, "codecs must not be null");
    return new TrainedModelAdapter(filter, userFunctions, List.copyOf(codecs));
  }

  /**
   * The user function names this adapter can supply.
   *
   * @return the names
   */
  public java.util.Set<String> userFunctionNames() {
    return userFunctions.keySet();
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
    return TrainedModel.fromParts(version.parts(), filter, userFunctions, codecs);
  }

  @Override
  public ServableModel servable(TrainedModel model) {
    return TrainedModels.servable(model);
  }
}

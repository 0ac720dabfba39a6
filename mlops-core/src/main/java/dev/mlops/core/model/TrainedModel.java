package dev.mlops.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.data.Column;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.core.train.FittedClassifier;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.FittedRegressor;
import dev.mlops.core.train.ModelCodec;
import dev.mlops.core.train.ModelCodecs;
import dev.mlops.core.transform.FittedTransforms;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * The servable unit a pipeline run produces: the fitted model, the fitted transforms, the data
 * contract of its inputs, the feature schema and the reference profile of its training data. It is
 * either a {@link TrainedClassifier} (class probabilities of a raw row) or a {@link
 * TrainedRegressor} (a number for a raw row); a raw row is a {@code Map<String, ?>} of {@code
 * Number}, {@code String} or {@code null}, and both apply exactly the transforms fitted in training.
 *
 * <pre>{@code
 * if (run.model() instanceof TrainedRegressor model) {
 *   double rentals = model.predict(Map.of("temp", 0.5, "hum", 0.6, "season", "2"));
 * }
 * Map<String, byte[]> parts = run.model().toParts();    // what the registry stores
 * TrainedModel again = TrainedModel.fromParts(parts, SafeDeserialization.filter());
 * }</pre>
 *
 * <p>Immutable and thread-safe: predictions may be called from many threads at once. Prediction is row-wise on a schema bound once when the model is built or
 * loaded; Smile's {@code predict(DataFrame)}, which rebinds its formula on every call, is never
 * used.
 */
public abstract sealed class TrainedModel permits TrainedClassifier, TrainedRegressor {

  /** Part holding the model bytes written by its codec (Java serialisation for Smile). */
  public static final String PART_MODEL = "model.bin";
  /** Part holding the {@link ModelDescriptor} as JSON. */
  public static final String PART_DESCRIPTOR = "model.json";
  /** Part holding the {@link FittedTransforms} as JSON. */
  public static final String PART_TRANSFORMS = "transforms.json";
  /** Part holding the {@link DataContract} of the inputs as JSON. */
  public static final String PART_CONTRACT = "contract.json";
  /** Part holding the reference profile of the training data (its own versioned format). */
  public static final String PART_PROFILE = "profile.bin";

  /**
   * Metadata key of the training table's columns that were not model inputs (an id, a date the
   * split or the profile order read, an excluded column), as a JSON array of names; a pipeline run
   * writes it ({@link #nonInputColumns()}).
   */
  public static final String NON_INPUT_COLUMNS = "non_input_columns";

  static final ObjectMapper JSON = CoreJson.MAPPER;

  private final ModelDescriptor descriptor;
  private final FittedTransforms transforms;
  private final DataContract contract;
  private final byte[] profile;
  /** Parsed lazily; a benign race parses at most once per thread. */
  private volatile ReferenceProfile parsedProfile;

  TrainedModel(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedModel model,
      byte[] profile) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.transforms = Objects.requireNonNull(transforms, "transforms");
    this.contract = Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(model, "model");
    this.profile = profile == null ? null : profile.clone();
    if (!transforms.featureNames().equals(descriptor.featureNames())) {
      throw new MlopsException(
          "transforms' feature names must equal the model's: " + transforms.featureNames() + " vs "
              + descriptor.featureNames());
    }
    if (FittedModel.taskOf(model) != descriptor.task()) {
      throw new MlopsException(
          "model task must be " + descriptor.task() + ": " + FittedModel.taskOf(model));
    }
  }

  /**
   * The fitted model on the encoded feature vector (what the transforms produce).
   *
   * @return the fitted model
   */
  public abstract FittedModel fitted();

  /**
   * Assembles a model (used by the pipeline; also for models trained outside it).
   *
   * @param descriptor the description
   * @param transforms the fitted transforms
   * @param contract the contract of the input columns
   * @param model the fitted model
   * @param profile the serialised reference profile of the training data, or null
   * @return a {@link TrainedClassifier} for a {@link FittedClassifier}, else a {@link
   *     TrainedRegressor}
   * @throws MlopsException if the parts do not agree
   */
  public static TrainedModel of(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedModel model,
      byte[] profile) {
    if (model instanceof FittedClassifier c) {
      return new TrainedClassifier(descriptor, transforms, contract, c, profile);
    }
    return new TrainedRegressor(descriptor, transforms, contract, (FittedRegressor) model, profile);
  }

  /**
   * The names of the raw input columns a row must provide (the model's features as the endpoint
   * and the drift monitor see them).
   *
   * @return the names, in order
   */
  public List<String> featureNames() {
    return descriptor.inputs().stream().map(Column::name).toList();
  }

  /**
   * The raw input columns with their types.
   *
   * @return the columns
   */
  public List<Column> inputs() {
    return descriptor.inputs();
  }

  /**
   * The names of the encoded features after the transforms (what the model itself sees).
   *
   * @return the names, in vector order
   */
  public List<String> encodedFeatureNames() {
    return descriptor.featureNames();
  }

  /**
   * The target column.
   *
   * @return its name
   */
  public String target() {
    return descriptor.target();
  }

  /**
   * The description (task, schema, trainer, hyperparameters, metadata).
   *
   * @return the descriptor
   */
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /**
   * The run metadata (run id, pipeline name, fingerprints, versions), as strings for a registry.
   *
   * @return the metadata
   */
  public Map<String, String> metadata() {
    return descriptor.metadata();
  }

  /**
   * The columns of the training table that were not model inputs nor the target ({@value
   * #NON_INPUT_COLUMNS} in the metadata): request rows may carry them (e.g. bike sharing's {@code
   * dteday}), so a drift monitor of this model should ignore them rather than count them as unknown
   * features, as {@code DriftMonitoring.factory} does ({@code
   * DriftMonitor.builder(profile).ignoreFields(...)} for a monitor built by hand).
   *
   * @return the names, in table order; empty for a model without the key (not built by a pipeline,
   *     or before the key existed)
   * @throws MlopsException if the key holds something other than a JSON array of names
   */
  public List<String> nonInputColumns() {
    String value = descriptor.metadata().get(NON_INPUT_COLUMNS);
    if (value == null) {
      return List.of();
    }
    try {
      String[] names = JSON.readValue(value, String[].class);
      return List.of(names);
    } catch (IOException | NullPointerException e) {
      throw new MlopsException("model metadata " + NON_INPUT_COLUMNS + " must be a JSON array of names: " + value, e);
    }
  }

  /**
   * The data contract of the input columns, to validate rows at serving time.
   *
   * @return the contract
   */
  public DataContract contract() {
    return contract;
  }

  /**
   * The fitted transforms.
   *
   * @return the transforms
   */
  public FittedTransforms transforms() {
    return transforms;
  }

  /**
   * The reference profile of the training split (inputs, predictions, labels) for a {@code
   * DriftMonitor}.
   *
   * @return the profile
   * @throws IllegalStateException if the model was assembled without one
   */
  public ReferenceProfile profile() {
    ReferenceProfile p = parsedProfile;
    if (p == null) {
      if (profile == null) {
        throw new IllegalStateException("model has no reference profile: " + this);
      }
      p = ReferenceProfile.fromBytes(profile);
      parsedProfile = p;
    }
    return p;
  }

  /**
   * The serialised reference profile of the training inputs, if one was built.
   *
   * @return a copy of the bytes, or null
   */
  public byte[] profileBytes() {
    return profile == null ? null : profile.clone();
  }

  /**
   * Transforms a raw row into the encoded feature vector.
   *
   * @param row raw values by input column
   * @return the feature vector
   * @throws IllegalArgumentException naming the column if a value is of the wrong type, refused,
   *     or missing where nothing imputes it
   */
  public double[] encode(Map<String, ?> row) {
    return transforms.apply(row);
  }

  void checkLength(double[] features) {
    if (features.length != descriptor.featureNames().size()) {
      throw new IllegalArgumentException(
          "feature vector length must be " + descriptor.featureNames().size() + ": " + features.length);
    }
  }

  /**
   * The model as named parts for a registry: {@value #PART_MODEL}, {@value #PART_DESCRIPTOR},
   * {@value #PART_TRANSFORMS}, {@value #PART_CONTRACT} and, if present, {@value #PART_PROFILE}.
   * The same model always gives the same bytes.
   *
   * @return a new mutable map of new arrays
   */
  public Map<String, byte[]> toParts() {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put(PART_MODEL, fitted().toBytes());
    try {
      parts.put(PART_DESCRIPTOR, JSON.writeValueAsBytes(descriptor));
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write model descriptor as JSON", e);
    }
    parts.put(PART_TRANSFORMS, transforms.toJson());
    parts.put(PART_CONTRACT, contract.toJson());
    if (profile != null) {
      parts.put(PART_PROFILE, profile.clone());
    }
    return parts;
  }

  /**
   * Loads a model from its parts; the model part is deserialised only through {@code filter}.
   *
   * @param parts what {@link #toParts()} produced
   * @param filter the allow-list every Java deserialisation goes through (the registry's)
   * @return the model
   * @throws MlopsException if a part is missing, malformed or refused by the filter
   */
  public static TrainedModel fromParts(Map<String, byte[]> parts, ObjectInputFilter filter) {
    return fromParts(parts, filter, Map.of(), List.of());
  }

  /**
   * Loads a model from its parts, with the user functions of its transforms and extra codecs.
   *
   * @param parts what {@link #toParts()} produced
   * @param filter the allow-list every Java deserialisation goes through
   * @param userFunctions the user functions named in the transforms
   * @param codecs codecs for models not trained with Smile (also found by {@link
   *     java.util.ServiceLoader})
   * @return the model
   * @throws MlopsException if a part is missing, malformed or refused by the filter
   * @throws IllegalArgumentException if a user function or codec is missing
   */
  public static TrainedModel fromParts(
      Map<String, byte[]> parts,
      ObjectInputFilter filter,
      Map<String, DoubleUnaryOperator> userFunctions,
      List<ModelCodec> codecs) {
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(filter, "filter");
    ModelDescriptor d;
    try {
      d = JSON.readValue(require(parts, PART_DESCRIPTOR), ModelDescriptor.class);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new MlopsException("model part " + PART_DESCRIPTOR + " cannot be read: " + e.getMessage(), e);
    }
    if (d.formatVersion() != 1) {
      throw new MlopsException("model format version must be 1: " + d.formatVersion());
    }
    FittedTransforms t = FittedTransforms.fromJson(require(parts, PART_TRANSFORMS), userFunctions);
    DataContract c = DataContract.fromJson(require(parts, PART_CONTRACT));
    ModelCodec codec = ModelCodecs.find(d.codec(), codecs);
    FittedModel m =
        codec.read(require(parts, PART_MODEL), d.task(), d.classes().size(), d.featureNames(), filter);
    return of(d, t, c, m, parts.get(PART_PROFILE));
  }

  private static byte[] require(Map<String, byte[]> parts, String name) {
    byte[] b = parts.get(name);
    if (b == null) {
      throw new MlopsException("model part must be present: '" + name + "' (parts: " + parts.keySet() + ")");
    }
    return b;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + descriptor.task() + " of " + descriptor.target() + " by " + descriptor.trainer()
        + ", inputs " + featureNames() + "]";
  }
}

package dev.mlops.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.data.Column;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.ModelCodec;
import dev.mlops.core.train.ModelCodecs;
import dev.mlops.core.train.Task;
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
 * contract of its inputs, the feature schema and the reference profile of its training data.
 * Predicts one raw row at a time ({@code Map<String, ?>} of {@code Number}, {@code String} or
 * {@code null}), applying exactly the transforms fitted in training.
 *
 * <pre>{@code
 * TrainedModel model = run.model();
 * double rentals = model.predict(Map.of("temp", 0.5, "hum", 0.6, "season", "2"));
 * Map<String, byte[]> parts = model.toParts();          // what the registry stores
 * TrainedModel again = TrainedModel.fromParts(parts, SafeDeserialization.filter());
 * }</pre>
 *
 * <p>Immutable and thread-safe: {@code predict}/{@code predictProba} may be called from many
 * threads at once. Prediction is row-wise on a schema bound once when the model is built or
 * loaded; Smile's {@code predict(DataFrame)}, which rebinds its formula on every call, is never
 * used.
 */
public final class TrainedModel {

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

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ModelDescriptor descriptor;
  private final FittedTransforms transforms;
  private final DataContract contract;
  private final FittedModel model;
  private final byte[] profile;
  /** Parsed lazily; a benign race parses at most once per thread. */
  private volatile ReferenceProfile parsedProfile;

  private TrainedModel(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedModel model,
      byte[] profile) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.transforms = Objects.requireNonNull(transforms, "transforms");
    this.contract = Objects.requireNonNull(contract, "contract");
    this.model = Objects.requireNonNull(model, "model");
    this.profile = profile == null ? null : profile.clone();
    if (!transforms.featureNames().equals(descriptor.featureNames())) {
      throw new MlopsException(
          "transforms' feature names must equal the model's: " + transforms.featureNames() + " vs "
              + descriptor.featureNames());
    }
    if (model.task() != descriptor.task()) {
      throw new MlopsException("model task must be " + descriptor.task() + ": " + model.task());
    }
  }

  /**
   * Assembles a model (used by the pipeline; also for models trained outside it).
   *
   * @param descriptor the description
   * @param transforms the fitted transforms
   * @param contract the contract of the input columns
   * @param model the fitted model
   * @param profile the serialised reference profile of the training data, or null
   * @return the trained model
   * @throws MlopsException if the parts do not agree
   */
  public static TrainedModel of(
      ModelDescriptor descriptor,
      FittedTransforms transforms,
      DataContract contract,
      FittedModel model,
      byte[] profile) {
    return new TrainedModel(descriptor, transforms, contract, model, profile);
  }

  /**
   * Whether the model is a classifier.
   *
   * @return true for classification
   */
  public boolean isClassifier() {
    return descriptor.task() == Task.CLASSIFICATION;
  }

  /**
   * The task.
   *
   * @return classification or regression
   */
  public Task task() {
    return descriptor.task();
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
   * The class labels of a classifier, in probability-vector order.
   *
   * @return the labels (empty for a regressor)
   */
  public List<String> classes() {
    return descriptor.classes();
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

  /**
   * Predicts a regression value for one raw row.
   *
   * @param row raw values by input column
   * @return the prediction
   * @throws IllegalStateException if this is a classifier
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  public double predict(Map<String, ?> row) {
    if (isClassifier()) {
      throw new IllegalStateException("predict(row) is for regressors; this model is a classifier: use predictProba");
    }
    return model.predict(transforms.apply(row));
  }

  /**
   * Predicts the value of a row whose raw input values the caller has already read, in
   * {@link FittedTransforms#inputs()} order ({@code values[i]} is {@code row.get(name)} of input
   * {@code i}); the same result as {@link #predict(Map)} on that row.
   *
   * @param values one raw value per input column
   * @return the predicted value
   * @throws IllegalStateException if this model is a classifier
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(Object[])}
   */
  public double predictValues(Object[] values) {
    if (isClassifier()) {
      throw new IllegalStateException("predictValues is for regressors; this model is a classifier: use predictProbaValues");
    }
    return model.predict(transforms.apply(values));
  }

  /**
   * Predicts the value of a row given as numbers in {@link FittedTransforms#inputs()} order; the
   * same result as {@link #predict(Map)} on a row holding each value as a {@code Double}.
   *
   * @param values one number per input column
   * @return the predicted value
   * @throws IllegalStateException if this model is a classifier
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(double[])}
   */
  public double predictInputs(double[] values) {
    if (isClassifier()) {
      throw new IllegalStateException("predictInputs is for regressors; this model is a classifier: use predictProbaInputs");
    }
    return model.predict(transforms.apply(values));
  }

  /**
   * Returns the class probabilities of a row given as numbers in {@link FittedTransforms#inputs()}
   * order; the same result as {@link #predictProba(Map)} on a row holding each value as a
   * {@code Double}.
   *
   * @param values one number per input column
   * @return the probability of each class
   * @throws IllegalStateException if this model is a regressor
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(double[])}
   */
  public double[] predictProbaInputs(double[] values) {
    if (!isClassifier()) {
      throw new IllegalStateException("predictProbaInputs is for classifiers; this model is a regressor: use predictInputs");
    }
    return model.probabilities(transforms.apply(values));
  }

  /**
   * Returns the class probabilities of a row whose raw input values the caller has already read,
   * in {@link FittedTransforms#inputs()} order; the same result as {@link #predictProba(Map)}.
   *
   * @param values one raw value per input column
   * @return the probability of each class
   * @throws IllegalStateException if this model is a regressor
   * @throws IllegalArgumentException as {@link FittedTransforms#apply(Object[])}
   */
  public double[] predictProbaValues(Object[] values) {
    if (!isClassifier()) {
      throw new IllegalStateException("predictProbaValues is for classifiers; this model is a regressor: use predictValues");
    }
    return model.probabilities(transforms.apply(values));
  }

  /**
   * Predicts a regression value for an encoded feature vector (the fast path).
   *
   * @param features the vector in {@link #encodedFeatureNames()} order
   * @return the prediction
   * @throws IllegalStateException if this is a classifier
   * @throws IllegalArgumentException if the vector has the wrong length
   */
  public double predictEncoded(double[] features) {
    if (isClassifier()) {
      throw new IllegalStateException("predictEncoded is for regressors; this model is a classifier");
    }
    checkLength(features);
    return model.predict(features);
  }

  /**
   * Predicts class probabilities for one raw row.
   *
   * @param row raw values by input column
   * @return probabilities in {@link #classes()} order
   * @throws IllegalStateException if this is a regressor
   * @throws IllegalArgumentException naming the column if the row does not fit the transforms
   */
  public double[] predictProba(Map<String, ?> row) {
    if (!isClassifier()) {
      throw new IllegalStateException("predictProba(row) is for classifiers; this model is a regressor: use predict");
    }
    return model.probabilities(transforms.apply(row));
  }

  /**
   * Predicts class probabilities for an encoded feature vector (the fast path).
   *
   * @param features the vector in {@link #encodedFeatureNames()} order
   * @return probabilities in {@link #classes()} order
   * @throws IllegalStateException if this is a regressor
   * @throws IllegalArgumentException if the vector has the wrong length
   */
  public double[] predictProbaEncoded(double[] features) {
    if (!isClassifier()) {
      throw new IllegalStateException("predictProbaEncoded is for classifiers; this model is a regressor");
    }
    checkLength(features);
    return model.probabilities(features);
  }

  /**
   * Predicts the most probable class index (ties go to the lowest index).
   *
   * @param row raw values by input column
   * @return the class index into {@link #classes()}
   */
  public int predictClass(Map<String, ?> row) {
    double[] p = predictProba(row);
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
   */
  public String predictLabel(Map<String, ?> row) {
    return classes().get(predictClass(row));
  }

  private void checkLength(double[] features) {
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
    parts.put(PART_MODEL, model.toBytes());
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
    return new TrainedModel(d, t, c, m, parts.get(PART_PROFILE));
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
    return "TrainedModel[" + descriptor.task() + " of " + descriptor.target() + " by " + descriptor.trainer()
        + ", inputs " + featureNames() + "]";
  }
}

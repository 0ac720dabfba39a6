package dev.mlops.core.model;

import dev.mlops.core.data.Column;
import dev.mlops.core.internal.Checks;
import dev.mlops.core.train.Task;
import java.util.List;
import java.util.Map;

/**
 * The description of a {@link TrainedModel} stored in its {@code model.json} part: task, target,
 * classes, input columns, encoded feature names, trainer, hyperparameters and metadata.
 *
 * <p>Immutable and thread-safe.
 *
 * @param formatVersion the artifact format version (1)
 * @param codec the name of the codec that reads the model part
 * @param task classification or regression
 * @param target the target column
 * @param classes class labels in index order (classification), else empty
 * @param inputs the raw input columns the model reads, in order
 * @param featureNames the encoded feature names after the transforms, in vector order
 * @param trainer the trainer name
 * @param hyperparameters the trainer's hyperparameters as strings
 * @param metadata run metadata (run id, fingerprints, versions...)
 */
public record ModelDescriptor(
    int formatVersion,
    String codec,
    Task task,
    String target,
    List<String> classes,
    List<Column> inputs,
    List<String> featureNames,
    String trainer,
    Map<String, String> hyperparameters,
    Map<String, String> metadata) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if a classifier has fewer than two classes
   */
  public ModelDescriptor {
    Checks.nonNull("codec", codec, "task", task, "target", target, "trainer", trainer);
    classes = List.copyOf(classes);
    inputs = List.copyOf(inputs);
    featureNames = List.copyOf(featureNames);
    hyperparameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(hyperparameters));
    metadata = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metadata));
    if (task == Task.CLASSIFICATION && classes.size() < 2) {
      throw new IllegalArgumentException("classifier must have at least 2 classes: " + classes);
    }
  }
}

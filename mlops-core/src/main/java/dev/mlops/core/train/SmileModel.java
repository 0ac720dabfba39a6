package dev.mlops.core.train;

import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.registry.UnsafeArtifactException;
import dev.mlops.metrics.MlopsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Objects;
import smile.classification.DataFrameClassifier;
import smile.data.Tuple;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.regression.DataFrameRegression;
import smile.regression.Regression;

/**
 * A Smile model behind the {@link FittedModel} types, predicting row by row: {@link Classifier} or
 * {@link Regressor}, created by {@link #of}.
 *
 * <p>Thread-safe: Smile's formula keeps its schema binding in a field that {@code
 * predict(DataFrame)} replaces whenever it sees a new schema, so two threads predicting on
 * different frames can see each other's binding. Here the formula is bound once, in the
 * constructor, to one {@link StructType} instance that every row tuple then shares; later calls
 * find that binding and never rebind. The Smile model is never exposed, so nobody else can rebind
 * it.
 */
abstract sealed class SmileModel {

  static final String CODEC = "smile";

  final Object model;
  final StructType schema;

  private SmileModel(Object model, List<String> featureNames) {
    this.model = Objects.requireNonNull(model, "model");
    StructField[] fields = new StructField[featureNames.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(featureNames.get(i), DataTypes.DoubleType);
    }
    this.schema = DataTypes.struct(fields);
    if (model instanceof DataFrameClassifier dfc) {
      dfc.formula().bind(schema);
    } else if (model instanceof DataFrameRegression dfr) {
      dfr.formula().bind(schema);
    }
  }

  /**
   * Wraps a Smile model of the task's kind.
   *
   * @throws MlopsException if the Smile model is not of that kind (or a classifier is not soft)
   */
  static FittedModel of(Object model, Task task, int numClasses, List<String> featureNames) {
    return task == Task.CLASSIFICATION
        ? new Classifier(model, numClasses, featureNames)
        : new Regressor(model, featureNames);
  }

  Object smile() {
    return model;
  }

  public String codec() {
    return CODEC;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    } catch (IOException e) {
      throw new MlopsException("cannot serialise Smile model " + model.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  /** A Smile classifier (soft: it gives posteriors). */
  static final class Classifier extends SmileModel implements FittedClassifier {

    private final int numClasses;
    /** For each Smile posterior index, our class index (Smile drops classes absent in training). */
    private final int[] classIndex;
    private final boolean identity;
    /**
     * Whether the model takes tuples, decided once: an {@code instanceof} against an interface the
     * class does not implement scans its secondary supertypes on every call (measured ~50 ns a
     * prediction on a logistic regression, docs/benchmarks.md, fifteenth session, fast).
     */
    private final boolean takesTuples;

    Classifier(Object model, int numClasses, List<String> featureNames) {
      super(model, featureNames);
      if (!(model instanceof smile.classification.Classifier<?> c)) {
        throw new MlopsException("Smile model must be a classifier: " + model.getClass().getName());
      }
      if (!c.soft()) {
        throw new MlopsException(
            "Smile classifier must give probabilities (soft): " + model.getClass().getName());
      }
      int[] classes = c.classes();
      for (int k : classes) {
        if (k < 0 || k >= numClasses) {
          throw new MlopsException(
              "Smile classifier class label must be in [0, " + numClasses + "): " + k);
        }
      }
      this.numClasses = numClasses;
      this.classIndex = classes.clone();
      this.identity = classIndex.length == numClasses && isIdentity(classIndex);
      this.takesTuples = model instanceof DataFrameClassifier;
    }

    @Override
    public int numClasses() {
      return numClasses;
    }

    @Override
    @SuppressWarnings("unchecked")
    public double[] probabilities(double[] features) {
      double[] post = new double[classIndex.length];
      if (takesTuples) {
        ((DataFrameClassifier) model).predict(Tuple.of(features, schema), post);
      } else {
        ((smile.classification.Classifier<double[]>) model).predict(features, post);
      }
      if (identity) {
        return post;
      }
      double[] p = new double[numClasses];
      for (int i = 0; i < post.length; i++) {
        p[classIndex[i]] = post[i];
      }
      return p;
    }

    private static boolean isIdentity(int[] a) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] != i) {
          return false;
        }
      }
      return true;
    }
  }

  /** A Smile regression. */
  static final class Regressor extends SmileModel implements FittedRegressor {

    /** Whether the model takes tuples, decided once (see {@code Classifier.takesTuples}). */
    private final boolean takesTuples;

    Regressor(Object model, List<String> featureNames) {
      super(model, featureNames);
      this.takesTuples = model instanceof DataFrameRegression;
      if (!(model instanceof Regression<?>)) {
        throw new MlopsException("Smile model must be a regression: " + model.getClass().getName());
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public double predict(double[] features) {
      if (takesTuples) {
        return ((DataFrameRegression) model).predict(Tuple.of(features, schema));
      }
      return ((Regression<double[]>) model).predict(features);
    }
  }

  /** Reads a Smile model only through the filter passed in. */
  static final class Codec implements ModelCodec {

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public FittedModel read(
        byte[] bytes, Task task, int numClasses, List<String> featureNames,
        ObjectInputFilter filter) {
      Objects.requireNonNull(filter, "filter");
      // through SafeDeserialization.read: besides the filter, arrays must fit the bytes that remain
      // and hash maps may not nest, so a small hostile part costs neither memory nor minutes
      Object model;
      try {
        model = SafeDeserialization.read(bytes, Object.class, filter);
      } catch (UnsafeArtifactException e) {
        throw new MlopsException("Smile model part was refused by the deserialisation filter: "
            + e.getMessage(), e);
      }
      try {
        return SmileModel.of(model, task, numClasses, featureNames);
      } catch (MlopsException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new MlopsException("Smile model part holds no usable " + task + " model: "
            + e.getMessage(), e);
      }
    }
  }
}

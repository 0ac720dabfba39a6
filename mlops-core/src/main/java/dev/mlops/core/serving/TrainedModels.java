package dev.mlops.core.serving;

import dev.mlops.core.contract.Anomaly;
import dev.mlops.core.contract.CompiledContract;
import dev.mlops.core.contract.Policy;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves a pipeline's {@link TrainedModel}: requests are validated against the model's own
 * {@link dev.mlops.core.contract.DataContract} (anomalies whose policy is FAIL or DROP_ROWS refuse
 * the row; WARN anomalies pass and show in the monitor's data quality), then predicted row-wise
 * through the model's fitted transforms and its pre-bound Smile schema.
 *
 * <pre>{@code
 * Deployment v1 = Deployment.builder("bike-demand", 1, TrainedModels.servable(run.model()))
 *     .monitor(monitor)
 *     .build();
 * }</pre>
 */
public final class TrainedModels {

  private TrainedModels() {}

  /**
   * Adapts a trained model to the endpoint.
   *
   * @param model the model (thread-safe for concurrent prediction)
   * @return the servable view; thread-safe
   * @throws NullPointerException if the model is null
   */
  public static ServableModel servable(TrainedModel model) {
    Objects.requireNonNull(model, "model must not be null");
    return model instanceof TrainedClassifier c ? servable(c) : servable((TrainedRegressor) model);
  }

  /**
   * Adapts a trained classifier to the endpoint.
   *
   * @param model the model (thread-safe for concurrent prediction)
   * @return the servable view; thread-safe
   * @throws NullPointerException if the model is null
   */
  public static ServableClassifier servable(TrainedClassifier model) {
    return new Classifier(Objects.requireNonNull(model, "model must not be null"));
  }

  /**
   * Adapts a trained regressor to the endpoint.
   *
   * @param model the model (thread-safe for concurrent prediction)
   * @return the servable view; thread-safe
   * @throws NullPointerException if the model is null
   */
  public static ServableRegressor servable(TrainedRegressor model) {
    return new Regressor(Objects.requireNonNull(model, "model must not be null"));
  }

  /**
   * Whether the model is one of these adapters, whose probabilities are a new array on every call
   * (a {@code FittedClassifier}'s contract): the endpoint then keeps them in its result without a copy.
   */
  static boolean returnsNewArrays(ServableModel model) {
    return model instanceof Servable;
  }

  /** What both kinds share: the contract check, the read-once row and the numeric fast path. */
  private abstract static class Servable {
    final TrainedModel model;
    final List<String> featureNames;
    final String[] names;
    private final CompiledContract check;
    /** Whether the inputs of the fitted transforms are the feature names, in order (the read-once path). */
    final boolean readOnce;
    /**
     * Whether a row of numbers can be served as a vector: every input numeric and every contract
     * field an input (so the contract reads nothing else of the row).
     */
    private final boolean numericRows;

    Servable(TrainedModel model) {
      this.model = model;
      this.featureNames = List.copyOf(model.featureNames());
      // interned: rows keyed by literals or by JSON field names (interned by Jackson) then match
      // by reference in HashMap.get
      this.names = featureNames.stream().map(String::intern).toArray(String[]::new);
      this.check = model.contract().compile(featureNames);
      this.readOnce = model.transforms().inputs().stream().map(c -> c.name()).toList().equals(featureNames);
      this.numericRows = readOnce
          && model.transforms().inputs().stream().noneMatch(c -> c.type() == ColumnType.CATEGORICAL)
          && featureNames.containsAll(model.contract().fields().stream().map(f -> f.name()).toList());
    }

    public double[] numbers(Map<String, ?> row) {
      if (!numericRows || row.size() != names.length) {
        return null;
      }
      double[] x = new double[names.length];
      for (int i = 0; i < x.length; i++) {
        if (!(row.get(names[i]) instanceof Number n)) {
          return null;
        }
        x[i] = n.doubleValue();
      }
      return x;
    }

    public Object[] read(Map<String, ?> row) {
      Object[] values = new Object[names.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(names[i]);
      }
      return values;
    }

    public List<String> featureNames() {
      return featureNames;
    }

    public List<FieldViolation> validate(Map<String, ?> row) {
      return validate(row, null);
    }

    public List<FieldViolation> validate(Map<String, ?> row, Object[] values) {
      Object[] read = values != null && values.length == names.length ? values : null;
      if (!check.mayRefuse(row, read)) {
        // fast path: no anomaly, or only WARN ones, which never refuse a row
        return List.of();
      }
      List<Anomaly> anomalies = check.validate(row, read);
      if (anomalies.isEmpty()) {
        return List.of();
      }
      List<FieldViolation> out = null;
      for (Anomaly a : anomalies) {
        if (a.policy() == Policy.WARN) {
          continue;
        }
        if (out == null) {
          out = new ArrayList<>(anomalies.size());
        }
        out.add(new FieldViolation(a.column(), rule(a), row.get(a.column())));
      }
      return out == null ? List.of() : out;
    }

    private static String rule(Anomaly a) {
      return switch (a.kind()) {
        case MISSING_COLUMN -> "must be present";
        case MISSING_VALUES -> "must not be missing";
        case TYPE_MISMATCH -> "must be " + a.allowed();
        case NON_FINITE -> "must be finite";
        case OUT_OF_RANGE -> "must be in " + a.allowed();
        case UNSEEN_CATEGORY -> "must be one of " + a.allowed();
      };
    }

    public List<FieldViolation> validate(double[] values) {
      if (values.length == names.length && !check.mayRefuse(values)) {
        return List.of();
      }
      return validate(new VectorRow(featureNames, values));
    }

    /** The fitted transforms refused a value the contract let through (e.g. an unseen category). */
    InvalidRowException refused(Map<String, ?> row, IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      // every field the message names (several features can be missing at once), in feature order
      List<FieldViolation> named = new ArrayList<>();
      boolean missing = message.contains(" must not be missing after the transforms");
      String rule = missing ? "must not be missing (add an impute step to the pipeline to allow it)"
          : "was refused by the fitted transforms (" + message + ")";
      for (String name : featureNames) {
        if (message.contains("'" + name + "'") || message.contains("\"" + name + "\"")
            || message.startsWith(name + " ") || message.contains(" " + name + ":")) {
          named.add(new FieldViolation(name, rule, row.get(name)));
        }
      }
      if (!named.isEmpty()) {
        InvalidRowException refused = new InvalidRowException(-1, named);
        refused.initCause(e);
        return refused;
      }
      InvalidRowException refused = new InvalidRowException(-1,
          List.of(new FieldViolation("row", "was refused by the fitted transforms (" + message + ")", null)));
      refused.initCause(e);
      return refused;
    }

    @Override
    public String toString() {
      return "TrainedModels.servable(" + model + ')';
    }
  }

  private static final class Classifier extends Servable implements ServableClassifier {
    private final TrainedClassifier classifier;

    Classifier(TrainedClassifier model) {
      super(model);
      this.classifier = model;
    }

    @Override
    public double[] probabilities(Map<String, ?> row) {
      try {
        return classifier.probabilities(row);
      } catch (IllegalArgumentException e) {
        throw refused(row, e);
      }
    }

    @Override
    public double[] probabilities(double[] values) {
      if (!readOnce || values.length != names.length) {
        return probabilities(new VectorRow(featureNames, values));
      }
      try {
        return classifier.probabilitiesOfInputs(values);
      } catch (IllegalArgumentException e) {
        throw refused(new VectorRow(featureNames, values), e);
      }
    }

    @Override
    public double[] probabilities(Map<String, ?> row, Object[] values) {
      if (!readOnce || values == null || values.length != names.length) {
        return probabilities(row);
      }
      try {
        return classifier.probabilitiesOfValues(values);
      } catch (IllegalArgumentException e) {
        throw refused(row, e);
      }
    }
  }

  private static final class Regressor extends Servable implements ServableRegressor {
    private final TrainedRegressor regressor;

    Regressor(TrainedRegressor model) {
      super(model);
      this.regressor = model;
    }

    @Override
    public double predict(Map<String, ?> row) {
      try {
        return regressor.predict(row);
      } catch (IllegalArgumentException e) {
        throw refused(row, e);
      }
    }

    @Override
    public double predict(double[] values) {
      if (!readOnce || values.length != names.length) {
        return predict(new VectorRow(featureNames, values));
      }
      try {
        return regressor.predictInputs(values);
      } catch (IllegalArgumentException e) {
        throw refused(new VectorRow(featureNames, values), e);
      }
    }

    @Override
    public double predict(Map<String, ?> row, Object[] values) {
      if (!readOnce || values == null || values.length != names.length) {
        return predict(row);
      }
      try {
        return regressor.predictValues(values);
      } catch (IllegalArgumentException e) {
        throw refused(row, e);
      }
    }
  }
}

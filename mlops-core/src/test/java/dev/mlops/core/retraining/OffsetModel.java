package dev.mlops.core.retraining;

import dev.mlops.core.serving.ServableRegressor;
import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.serving.FieldViolation;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServableModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A tiny regressor for loop tests: predicts {@code x + offset}; stored as the part "offset". */
record OffsetModel(double offset) implements ServableRegressor {

  static Map<String, byte[]> parts(double offset) {
    return Map.of("offset", Double.toString(offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads and serves OffsetModels. */
  static final ModelAdapter<OffsetModel> ADAPTER = new ModelAdapter<>() {
    @Override
    public OffsetModel load(LoadedVersion version) {
      return new OffsetModel(Double.parseDouble(new String(version.part("offset"), StandardCharsets.UTF_8)));
    }

    @Override
    public ServableModel servable(OffsetModel model) {
      return model;
    }
  };

  /** Mean absolute error: mean of |label - prediction|. */
  static final PerformanceMeasure MAE = new PerformanceMeasure() {
    @Override
    public String name() {
      return "mae";
    }

    @Override
    public boolean greaterIsBetter() {
      return false;
    }

    @Override
    public double measure(double[] labels, List<PredictionResult> predictions) {
      double sum = 0;
      for (int i = 0; i < labels.length; i++) {
        sum += Math.abs(labels[i] - predictions.get(i).value());
      }
      return sum / labels.length;
    }
  };

  @Override
  public List<String> featureNames() {
    return List.of("x");
  }

  @Override
  public List<FieldViolation> validate(Map<String, ?> row) {
    return row.get("x") instanceof Number ? List.of() : List.of(new FieldViolation("x", "must be numeric", row.get("x")));
  }

  @Override
  public double predict(Map<String, ?> row) {
    return ((Number) row.get("x")).doubleValue() + offset;
  }
}

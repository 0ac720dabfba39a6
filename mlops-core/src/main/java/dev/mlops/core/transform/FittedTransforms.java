package dev.mlops.core.transform;

import dev.mlops.core.internal.CoreJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.metrics.MlopsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Transforms fitted on a training split: turns a raw row (the input columns) into the numeric
 * feature vector the model was trained on. Part of the model artifact (JSON), so serving applies
 * exactly what training applied.
 *
 * <p>Immutable and thread-safe: {@link #apply(Map)} may be called concurrently (user functions
 * passed to {@link Transforms#map} must be thread-safe themselves).
 */
public final class FittedTransforms {

  /** The {@code transforms.json} format written by {@link #toJson()}. */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper JSON = CoreJson.MAPPER;

  private final List<Column> inputs;
  private final List<FittedStep> steps;
  private final Map<String, DoubleUnaryOperator> functions;
  private final FittedStep.Op[] ops;
  private final List<String> featureNames;
  private final List<String> userFunctionNames;
  private final String[] inputNames;
  private final boolean[] categorical;
  private final boolean anyCategorical;
  /**
   * When the transforms are one affine step (standardisation, min-max scaling) on numeric inputs
   * only: that step, so {@link #apply(double[])} scales a copy of the numbers without a {@link
   * Row} (the step's own arithmetic); otherwise null.
   */
  private final FittedStep.Affine.Scaling affine;

  FittedTransforms(List<Column> inputs, List<FittedStep> steps, Map<String, DoubleUnaryOperator> functions) {
    this.inputs = List.copyOf(inputs);
    this.inputNames = new String[this.inputs.size()];
    this.categorical = new boolean[this.inputs.size()];
    for (int i = 0; i < inputNames.length; i++) {
      // interned, so rows keyed by literals or JSON field names match by reference in HashMap.get
      inputNames[i] = this.inputs.get(i).name().intern();
      categorical[i] = this.inputs.get(i).type() == ColumnType.CATEGORICAL;
    }
    boolean any = false;
    for (boolean c : categorical) {
      any |= c;
    }
    this.anyCategorical = any;
    this.steps = List.copyOf(steps);
    this.functions = Map.copyOf(functions);
    List<FittedStep.Op> bound = new ArrayList<>();
    List<Column> layout = this.inputs;
    List<String> names = new ArrayList<>();
    for (FittedStep s : this.steps) {
      FittedStep.Op op = s.bind(layout, this.functions);
      bound.add(op);
      layout = op.out();
      if (s instanceof FittedStep.UserFunction u) {
        names.add(u.name());
      }
    }
    for (Column c : layout) {
      if (c.type() == ColumnType.CATEGORICAL) {
        throw new IllegalArgumentException(
            "categorical column must be encoded (oneHot or ordinal) before training: '" + c.name() + "'");
      }
    }
    this.ops = bound.toArray(new FittedStep.Op[0]);
    this.affine =
        !anyCategorical && this.steps.size() == 1 && this.steps.get(0) instanceof FittedStep.Affine a
            ? a.scaling(this.inputs) : null;
    this.featureNames = layout.stream().map(Column::name).toList();
    this.userFunctionNames = List.copyOf(names);
  }

  /**
   * The input columns a raw row must provide, in order.
   *
   * @return the columns
   */
  public List<Column> inputs() {
    return inputs;
  }

  /**
   * The names of the output features, in vector order.
   *
   * @return the names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * The names of the user functions these transforms need when loaded back.
   *
   * @return the names
   */
  public List<String> userFunctionNames() {
    return userFunctionNames;
  }

  /**
   * Transforms one raw row.
   *
   * @param row input values by column: {@code Number} (numeric), {@code String} (categorical) or
   *     {@code null}/absent (missing)
   * @return the feature vector
   * @throws IllegalArgumentException naming the column if a value has the wrong type, a category
   *     is refused, or a feature is still missing after the transforms
   */
  public double[] apply(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    Row r = new Row(inputNames.length);
    for (int i = 0; i < inputNames.length; i++) {
      read(r, i, row.get(inputNames[i]));
    }
    return finish(r);
  }

  /**
   * Transforms one raw row whose input values the caller has already read, in {@link #inputs()}
   * order: {@code values[i]} is what {@code row.get(inputs().get(i).name())} gives. The same result
   * as {@link #apply(Map)} on that row (a serving endpoint reads each value once for validation,
   * prediction and monitoring).
   *
   * @param values one value per input column, in order: {@code Number}, {@code String} or {@code null}
   * @return the feature vector
   * @throws IllegalArgumentException if the array's length is not the number of inputs, or as
   *     {@link #apply(Map)}
   */
  public double[] apply(Object[] values) {
    requireOnePerInput(Objects.requireNonNull(values, "values").length);
    Row r = new Row(inputNames.length);
    for (int i = 0; i < inputNames.length; i++) {
      read(r, i, values[i]);
    }
    return finish(r);
  }

  /**
   * Transforms one raw row given as numbers, in {@link #inputs()} order: the same result as
   * {@link #apply(Map)} on a row holding each value as a {@code Double} (a categorical input takes
   * the category the number names, as a {@code Number} in a row does; NaN in a numeric input is
   * missing).
   *
   * @param values one value per input column, in order
   * @return the feature vector
   * @throws IllegalArgumentException if the array's length is not the number of inputs, or as
   *     {@link #apply(Map)}
   */
  public double[] apply(double[] values) {
    requireOnePerInput(Objects.requireNonNull(values, "values").length);
    if (ops.length == 0 && !anyCategorical) {
      // no step: the numbers are the features
      return checked(values.clone());
    }
    if (affine != null) {
      // one affine step on numbers: the step's arithmetic on a copy, no Row (the serving path)
      double[] x = values.clone();
      affine.applyTo(x);
      return checked(x);
    }
    Row r = new Row(inputNames.length);
    for (int i = 0; i < inputNames.length; i++) {
      if (categorical[i]) {
        r.cat[i] = Column.category(values[i]);
      } else {
        r.num[i] = values[i];
      }
    }
    return finish(r);
  }

  /**
   * As {@link #apply(double[])}, but without a copy when there is nothing to transform (no step,
   * no categorical input): then the (checked) array passed in is itself the feature vector. For a
   * caller that hands the vector to a fitted model during the call only (models must not modify
   * it), such as a serving endpoint, whose request then allocates no second vector.
   *
   * @param values one value per input column, in order; not modified
   * @return the feature vector: {@code values} itself, or a new array when a step or a category applies
   * @throws IllegalArgumentException as {@link #apply(double[])}
   */
  public double[] applyReadOnly(double[] values) {
    requireOnePerInput(Objects.requireNonNull(values, "values").length);
    return ops.length == 0 && !anyCategorical ? checked(values) : apply(values);
  }

  private void requireOnePerInput(int length) {
    if (length != inputNames.length) {
      throw new IllegalArgumentException(
          "values must hold one value per input column (" + inputNames.length + "): " + length);
    }
  }

  private void read(Row r, int i, Object v) {
    if (categorical[i]) {
      if (v == null || v instanceof String) {
        r.cat[i] = (String) v;
      } else if (v instanceof Number n) {
        r.cat[i] = Column.category(n.doubleValue());
      } else {
        throw new IllegalArgumentException(
            "value of categorical feature '" + inputNames[i] + "' must be a String or a Number: "
                + v.getClass().getName());
      }
    } else {
      if (v == null) {
        r.num[i] = Double.NaN;
      } else if (v instanceof Number n) {
        r.num[i] = n.doubleValue();
      } else {
        throw new IllegalArgumentException(
            "value of numeric feature '" + inputNames[i] + "' must be a Number: '" + v + "'");
      }
    }
  }

  /**
   * Transforms every row of a table.
   *
   * @param table a table holding at least the input columns
   * @return one feature vector per row
   * @throws IllegalArgumentException naming the column and row as {@link #apply(Map)}
   */
  public double[][] apply(Table table) {
    List<Row> rows = rowsOf(table, inputs);
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = finish(rows.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Feature vectors of rows already through every step, checked as {@link #apply(Table)} checks them. */
  double[][] features(List<Row> transformed) {
    double[][] out = new double[transformed.size()][];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = checked(transformed.get(i).num);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private double[] finish(Row r) {
    for (FittedStep.Op op : ops) {
      r = op.apply(r);
    }
    return checked(r.num);
  }

  /** The vector, or an error naming every feature missing after the transforms (not only the first). */
  private double[] checked(double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        throw missing(x, i);
      }
    }
    return x;
  }

  private IllegalArgumentException missing(double[] x, int first) {
    List<String> names = new ArrayList<>();
    for (int i = first; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        names.add("'" + featureNames.get(i) + "'");
      }
    }
    return new IllegalArgumentException((names.size() == 1 ? "feature " : "features ") + String.join(", ", names)
        + " must not be missing after the transforms (add an impute step): NaN");
  }

  static List<Row> rowsOf(Table table, List<Column> inputs) {
    int n = table.rowCount();
    int[] idx = new int[inputs.size()];
    List<String> absent = new ArrayList<>();
    for (Column c : inputs) {
      if (!table.names().contains(c.name())) {
        absent.add("'" + c.name() + "'");
      }
    }
    if (!absent.isEmpty()) {
      // every absent input at once, not only the first
      throw new IllegalArgumentException((absent.size() == 1 ? "column must exist in the table: "
          : "columns must exist in the table: ") + String.join(", ", absent) + " (columns: " + table.names() + ")");
    }
    for (int i = 0; i < idx.length; i++) {
      idx[i] = table.indexOf(inputs.get(i).name());
      ColumnType actual = table.columns().get(idx[i]).type();
      boolean wantCat = inputs.get(i).type() == ColumnType.CATEGORICAL;
      if (wantCat != (actual == ColumnType.CATEGORICAL)) {
        throw new IllegalArgumentException(
            "column '" + inputs.get(i).name() + "' must be " + inputs.get(i).type() + ": " + actual);
      }
    }
    List<Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      Row row = new Row(idx.length);
      for (int i = 0; i < idx.length; i++) {
        if (inputs.get(i).type() == ColumnType.CATEGORICAL) {
          row.cat[i] = table.categorical(r, idx[i]);
        } else {
          row.num[i] = table.numeric(r, idx[i]);
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * The persistent form ({@code transforms.json}): UTF-8 JSON in snake_case, format version
   * {@value #FORMAT_VERSION}: {@code {"format_version": 2, "inputs": [{"name", "type"}...], "steps":
   * [{"kind": "impute" | "affine" | "one_hot" | "ordinal" | "elementwise" | "user_function", ...}]}};
   * each step holds its fitted statistics (an affine step its shift and scale per column, an
   * encoder its categories, a clip its bounds — an absent bound as {@code null}). User functions
   * are stored by name only. Numbers are never written as strings. {@link #fromJson} also reads
   * format version 1 (absent clip bounds as the strings {@code "-Infinity"} / {@code "Infinity"}).
   *
   * @return UTF-8 JSON bytes
   */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(new Persisted(FORMAT_VERSION, inputs, steps));
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write fitted transforms as JSON", e);
    }
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param json the bytes
   * @param functions the user functions by name (empty if none were used)
   * @return the fitted transforms
   * @throws MlopsException if the JSON cannot be read
   * @throws IllegalArgumentException if a user function is missing
   */
  public static FittedTransforms fromJson(byte[] json, Map<String, DoubleUnaryOperator> functions) {
    Persisted p;
    try {
      p = JSON.readValue(json, Persisted.class);
    } catch (java.io.IOException e) {
      throw new MlopsException("fitted transforms JSON cannot be read: " + e.getMessage(), e);
    }
    if (p.formatVersion() != 1 && p.formatVersion() != FORMAT_VERSION) {
      throw new MlopsException("fitted transforms format version must be 1 or " + FORMAT_VERSION + ": "
          + p.formatVersion());
    }
    try {
      return new FittedTransforms(p.inputs(), p.steps(), functions);
    } catch (IllegalArgumentException e) {
      throw e; // a missing user function, or a step the JSON describes with invalid values
    } catch (RuntimeException e) {
      // a structurally incomplete step (a field missing from corrupt or forged JSON)
      throw new MlopsException("fitted transforms JSON is incomplete: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "FittedTransforms" + new String(toJson(), StandardCharsets.UTF_8);
  }

  record Persisted(int formatVersion, List<Column> inputs, List<FittedStep> steps) {}
}

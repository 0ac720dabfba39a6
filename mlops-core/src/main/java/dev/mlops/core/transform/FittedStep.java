package dev.mlops.core.transform;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** A transform step with its fitted state; persisted as JSON with the model. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FittedStep.Impute.class, name = "impute"),
  @JsonSubTypes.Type(value = FittedStep.Affine.class, name = "affine"),
  @JsonSubTypes.Type(value = FittedStep.OneHot.class, name = "one_hot"),
  @JsonSubTypes.Type(value = FittedStep.Ordinal.class, name = "ordinal"),
  @JsonSubTypes.Type(value = FittedStep.Elementwise.class, name = "elementwise"),
  @JsonSubTypes.Type(value = FittedStep.UserFunction.class, name = "user_function")
})
sealed interface FittedStep {

  /**
   * The step bound to rows of a fixed layout.
   *
   * @param out the layout of the rows it returns
   * @param step what it does to a row (it may change the row in place and return it)
   */
  record Op(List<Column> out, UnaryOperator<Row> step) {
    Row apply(Row row) {
      return step.apply(row);
    }
  }

  Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> userFunctions);

  static int index(List<Column> layout, String name) {
    for (int i = 0; i < layout.size(); i++) {
      if (layout.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "column must exist for the transform: '" + name + "' (columns: "
            + layout.stream().map(Column::name).toList() + ")");
  }

  /**
   * The training code of the category in column {@code i} of a row (a numeric column's value is
   * read as its category), or null when the category is missing or unseen and that is allowed.
   *
   * @throws IllegalArgumentException if it is missing or unseen and {@code unseen} is FAIL
   */
  static Integer code(Row r, int i, Column column, Map<String, Integer> codes, UnseenCategory unseen) {
    String v = column.type() == ColumnType.CATEGORICAL
        ? r.cat[i]
        : (Double.isNaN(r.num[i]) ? null : Column.category(r.num[i]));
    Integer code = v == null ? null : codes.get(v);
    if (code == null && unseen == UnseenCategory.FAIL) {
      throw new IllegalArgumentException(
          "category of column '" + column.name() + "' must be one seen in training "
              + codes.keySet().stream().sorted().toList() + ": "
              + (v == null ? "missing" : "'" + v + "'"));
    }
    return code;
  }

  /** Fills missing values; numeric fills in {@code numeric}, categorical in {@code categorical}. */
  record Impute(Map<String, Double> numeric, Map<String, String> categorical) implements FittedStep {
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      int[] ni = new int[numeric.size()];
      double[] nv = new double[numeric.size()];
      int k = 0;
      for (var e : numeric.entrySet()) {
        ni[k] = index(layout, e.getKey());
        nv[k++] = e.getValue();
      }
      int[] ci = new int[categorical.size()];
      String[] cv = new String[categorical.size()];
      k = 0;
      for (var e : categorical.entrySet()) {
        ci[k] = index(layout, e.getKey());
        cv[k++] = e.getValue();
      }
      return new Op(
          layout,
          r -> {
            for (int i = 0; i < ni.length; i++) {
              if (Double.isNaN(r.num[ni[i]])) {
                r.num[ni[i]] = nv[i];
              }
            }
            for (int i = 0; i < ci.length; i++) {
              if (r.cat[ci[i]] == null) {
                r.cat[ci[i]] = cv[i];
              }
            }
            return r;
          });
    }
  }

  /** {@code (x - shift) / scale} per column: standardisation and min-max scaling. */
  record Affine(String name, Map<String, double[]> shiftScale) implements FittedStep {
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      Scaling s = scaling(layout);
      return new Op(
          layout,
          r -> {
            s.applyTo(r.num);
            return r;
          });
    }

    /** This step on {@code layout}: the columns it scales, with their shifts and scales. */
    Scaling scaling(List<Column> layout) {
      int[] idx = new int[shiftScale.size()];
      double[] shift = new double[idx.length];
      double[] scale = new double[idx.length];
      int k = 0;
      for (var e : shiftScale.entrySet()) {
        idx[k] = index(layout, e.getKey());
        shift[k] = e.getValue()[0];
        scale[k++] = e.getValue()[1];
      }
      return new Scaling(idx, shift, scale);
    }

    /** An affine step bound to a layout; {@link #applyTo} scales the numbers in place. */
    static final class Scaling {
      private final int[] idx;
      private final double[] shift;
      private final double[] scale;

      private Scaling(int[] idx, double[] shift, double[] scale) {
        this.idx = idx;
        this.shift = shift;
        this.scale = scale;
      }

      void applyTo(double[] num) {
        for (int i = 0; i < idx.length; i++) {
          num[idx[i]] = (num[idx[i]] - shift[i]) / scale[i];
        }
      }
    }
  }

  /** Stateless per-value functions: log1p, clip. */
  record Elementwise(String function, List<String> columns, double low, double high)
      implements FittedStep {

    /**
     * Reads a stored step: an absent clip bound is null (transforms format 2, where non-finite
     * numbers are null) or an infinite number (format 1).
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Elementwise read(
        @com.fasterxml.jackson.annotation.JsonProperty("function") String function,
        @com.fasterxml.jackson.annotation.JsonProperty("columns") List<String> columns,
        @com.fasterxml.jackson.annotation.JsonProperty("low") Double low,
        @com.fasterxml.jackson.annotation.JsonProperty("high") Double high) {
      return new Elementwise(function, columns, low == null ? Double.NEGATIVE_INFINITY : low,
          high == null ? Double.POSITIVE_INFINITY : high);
    }
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      int[] idx = columns.stream().mapToInt(c -> index(layout, c)).toArray();
      DoubleUnaryOperator f =
          switch (function) {
            case "log1p" -> Math::log1p;
            case "log" -> x -> {
              if (x <= 0) {
                throw new IllegalArgumentException("value of a log-transformed feature must be > 0: " + x
                    + " (columns " + columns + ")");
              }
              return Math.log(x);
            };
            case "clip" -> x -> Double.isNaN(x) ? x : Math.max(low, Math.min(high, x));
            default -> throw new IllegalArgumentException("unknown function: " + function);
          };
      return new Op(
          layout,
          r -> {
            for (int i : idx) {
              r.num[i] = f.applyAsDouble(r.num[i]);
            }
            return r;
          });
    }
  }

  /** A user lambda on one numeric column; only its name is persisted. */
  record UserFunction(String name, String column) implements FittedStep {
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      DoubleUnaryOperator f = fns.get(name);
      if (f == null) {
        throw new IllegalArgumentException(
            "user function must be supplied when loading the model: '" + name
                + "' (pass it to TrainedModel.fromParts)");
      }
      int i = index(layout, column);
      return new Op(
          layout,
          r -> {
            r.num[i] = f.applyAsDouble(r.num[i]);
            return r;
          });
    }
  }

  /** Replaces each categorical column by one indicator column per training category. */
  record OneHot(Map<String, List<String>> categories, UnseenCategory unseen) implements FittedStep {
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      List<Column> out = new ArrayList<>();
      // For each input column: -1 = copy, else the encoded column's slot.
      int n = layout.size();
      int[] target = new int[n];
      List<Map<String, Integer>> codes = new ArrayList<>();
      int[] encodedIndex = new int[n];
      Arrays.fill(encodedIndex, -1);
      for (String c : categories.keySet()) {
        index(layout, c);
      }
      for (int i = 0; i < n; i++) {
        Column c = layout.get(i);
        List<String> cats = categories.get(c.name());
        target[i] = out.size();
        if (cats == null) {
          out.add(c);
        } else {
          Map<String, Integer> m = new HashMap<>();
          for (int j = 0; j < cats.size(); j++) {
            m.put(cats.get(j), j);
            out.add(Column.numeric(c.name() + "=" + cats.get(j)));
          }
          encodedIndex[i] = codes.size();
          codes.add(m);
        }
      }
      List<Column> outLayout = List.copyOf(out);
      return new Op(
          outLayout,
          r -> {
            Row o = new Row(outLayout.size());
            for (int i = 0; i < n; i++) {
              int t = target[i];
              if (encodedIndex[i] < 0) {
                o.num[t] = r.num[i];
                o.cat[t] = r.cat[i];
                continue;
              }
              Integer code = code(r, i, layout.get(i), codes.get(encodedIndex[i]), unseen);
              // Indicator slots are zero-initialised; set the one that matches.
              if (code != null) {
                o.num[t + code] = 1.0;
              }
            }
            return o;
          });
    }
  }

  /** Replaces each categorical column by the index of its value among the training categories. */
  record Ordinal(Map<String, List<String>> categories, UnseenCategory unseen) implements FittedStep {
    @Override
    public Op bind(List<Column> layout, Map<String, DoubleUnaryOperator> fns) {
      List<Column> out = new ArrayList<>(layout);
      Map<Integer, Map<String, Integer>> codes = new LinkedHashMap<>();
      for (var e : categories.entrySet()) {
        int i = index(layout, e.getKey());
        out.set(i, Column.numeric(e.getKey()));
        Map<String, Integer> m = new HashMap<>();
        for (int j = 0; j < e.getValue().size(); j++) {
          m.put(e.getValue().get(j), j);
        }
        codes.put(i, m);
      }
      int[] idx = codes.keySet().stream().mapToInt(Integer::intValue).toArray();
      @SuppressWarnings("unchecked")
      Map<String, Integer>[] maps = codes.values().toArray(new Map[0]);
      List<Column> outLayout = List.copyOf(out);
      return new Op(
          outLayout,
          r -> {
            for (int k = 0; k < idx.length; k++) {
              int i = idx[k];
              Integer code = code(r, i, layout.get(i), maps[k], unseen);
              r.num[i] = code == null ? -1.0 : code;
              r.cat[i] = null;
            }
            return r;
          });
    }
  }
}

package dev.mlops.core.transform;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * An ordered list of feature transforms, not yet fitted. {@link #fit(Table, List)} fits each step
 * on the output of the previous ones over the <em>training split only</em> and returns the
 * {@link FittedTransforms} that travel with the model, so serving applies exactly what training
 * applied.
 *
 * <pre>{@code
 * Transforms t = Transforms.none()
 *     .impute(named("hum"), Imputation.MEDIAN)
 *     .oneHot(named("season", "weathersit"), UnseenCategory.IGNORE)
 *     .standardize(numeric());
 * }</pre>
 *
 * <p>Immutable and thread-safe: every method returns a new instance.
 */
public final class Transforms {

  private final List<Spec> specs;

  private Transforms(List<Spec> specs) {
    this.specs = List.copyOf(specs);
  }

  /**
   * No transforms (numeric columns pass through unchanged).
   *
   * @return the empty list
   */
  public static Transforms none() {
    return new Transforms(List.of());
  }

  private Transforms plus(Spec s) {
    List<Spec> l = new ArrayList<>(specs);
    l.add(s);
    return new Transforms(l);
  }

  /**
   * Imputes missing values with a statistic of the training split.
   *
   * @param columns the columns
   * @param strategy mean, median (numeric) or most frequent (numeric or categorical)
   * @return a new list
   */
  public Transforms impute(ColumnSelector columns, Imputation strategy) {
    Objects.requireNonNull(strategy, "strategy");
    return plus(new Spec("impute(" + columns + ", " + strategy + ")", Kind.IMPUTE, columns, strategy, null, 0, 0, null));
  }

  /**
   * Imputes missing values of one column with a statistic of the training split.
   *
   * @param column the column
   * @param strategy the strategy
   * @return a new list
   */
  public Transforms impute(String column, Imputation strategy) {
    return impute(ColumnSelector.named(column), strategy);
  }

  /**
   * Imputes missing values with a constant (a {@code Number} for numeric columns, a {@code String}
   * for categorical ones).
   *
   * @param columns the columns
   * @param constant the fill value
   * @return a new list
   */
  public Transforms imputeConstant(ColumnSelector columns, Object constant) {
    Objects.requireNonNull(constant, "constant");
    if (!(constant instanceof Number) && !(constant instanceof String)) {
      throw new IllegalArgumentException(
          "imputation constant must be a Number or a String: " + constant.getClass().getName());
    }
    return plus(new Spec("imputeConstant(" + columns + ", " + constant + ")", Kind.IMPUTE_CONSTANT, columns, null, null, 0, 0, constant));
  }

  /**
   * Standardises to zero mean and unit variance (population standard deviation; a constant
   * column is only centred), as scikit-learn's {@code StandardScaler}.
   *
   * @param columns numeric columns
   * @return a new list
   */
  public Transforms standardize(ColumnSelector columns) {
    return plus(new Spec("standardize(" + columns + ")", Kind.STANDARDIZE, columns, null, null, 0, 0, null));
  }

  /**
   * Scales to [0, 1] with the training minimum and maximum (a constant column is only shifted),
   * as scikit-learn's {@code MinMaxScaler}; values outside the training range map outside [0, 1].
   *
   * @param columns numeric columns
   * @return a new list
   */
  public Transforms minMax(ColumnSelector columns) {
    return plus(new Spec("minMax(" + columns + ")", Kind.MIN_MAX, columns, null, null, 0, 0, null));
  }

  /**
   * One-hot encodes: each column becomes one indicator column {@code name=category} per training
   * category (sorted). Numeric columns are encoded by their values ({@code 1.0} reads as
   * {@code "1"}).
   *
   * @param columns the columns
   * @param unseen what to do with a category not seen in training
   * @return a new list
   */
  public Transforms oneHot(ColumnSelector columns, UnseenCategory unseen) {
    Objects.requireNonNull(unseen, "unseen");
    return plus(new Spec("oneHot(" + columns + ", " + unseen + ")", Kind.ONE_HOT, columns, null, unseen, 0, 0, null));
  }

  /**
   * One-hot encodes the named columns, ignoring unseen categories (all-zero indicators).
   *
   * @param columns column names
   * @return a new list
   */
  public Transforms oneHot(String... columns) {
    return oneHot(ColumnSelector.named(columns), UnseenCategory.IGNORE);
  }

  /**
   * Ordinal-encodes: each category becomes its index among the sorted training categories.
   *
   * @param columns the columns
   * @param unseen what to do with a category not seen in training ({@code IGNORE} gives -1)
   * @return a new list
   */
  public Transforms ordinal(ColumnSelector columns, UnseenCategory unseen) {
    Objects.requireNonNull(unseen, "unseen");
    return plus(new Spec("ordinal(" + columns + ", " + unseen + ")", Kind.ORDINAL, columns, null, unseen, 0, 0, null));
  }

  /**
   * Applies the natural logarithm; a value that is not positive (in training or at serving) is
   * refused with an {@link IllegalArgumentException} (use {@link #log1p} for counts with zeros).
   *
   * @param columns numeric columns
   * @return a new list
   */
  public Transforms log(ColumnSelector columns) {
    return plus(new Spec("log(" + columns + ")", Kind.LOG, columns, null, null, 0, 0, null));
  }

  /**
   * Applies {@code log(1 + x)}.
   *
   * @param columns numeric columns
   * @return a new list
   */
  public Transforms log1p(ColumnSelector columns) {
    return plus(new Spec("log1p(" + columns + ")", Kind.LOG1P, columns, null, null, 0, 0, null));
  }

  /**
   * Clips to {@code [low, high]}.
   *
   * @param columns numeric columns
   * @param low the lower bound
   * @param high the upper bound, at least {@code low}
   * @return a new list
   */
  public Transforms clip(ColumnSelector columns, double low, double high) {
    if (!(low <= high)) {
      throw new IllegalArgumentException("clip low must be <= high: " + low + " > " + high);
    }
    return plus(new Spec("clip(" + columns + ", " + low + ", " + high + ")", Kind.CLIP, columns, null, null, low, high, null));
  }

  /**
   * Applies a user function to one numeric column. Only the name is persisted with the model: the
   * same function must be passed (by name) to {@code TrainedModel.fromParts} when loading.
   *
   * @param name a unique name for the function
   * @param column the column
   * @param function the function; must be stateless and thread-safe
   * @return a new list
   */
  public Transforms map(String name, String column, DoubleUnaryOperator function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    for (Spec s : specs) {
      if (s.kind == Kind.MAP && s.constant.equals(name)) {
        throw new IllegalArgumentException("user function name must be unique: '" + name + "'");
      }
    }
    return plus(new Spec("map(" + name + ", " + column + ")", Kind.MAP, ColumnSelector.named(column), null, null, 0, 0, name).withFunction(function));
  }

  /**
   * The steps' descriptions, for the pipeline's definition fingerprint.
   *
   * @return one string per step
   */
  public List<String> describe() {
    return specs.stream().map(s -> s.description).toList();
  }

  /**
   * Fits every step on the training rows.
   *
   * @param train the training split (feature columns only)
   * @param featureColumns the input columns in order
   * @return the fitted transforms
   * @throws IllegalArgumentException if a step does not fit the columns (e.g. a mean of a
   *     categorical column) or a categorical column is left unencoded
   */
  public FittedTransforms fit(Table train, List<Column> featureColumns) {
    return fitAndApply(train, featureColumns).transforms();
  }

  /**
   * Fits the steps on the training rows and returns the transformed training rows with them, in one
   * pass: the same as {@link #fit(Table, List)} followed by {@link FittedTransforms#apply(Table)} on
   * {@code train}, without transforming the training rows a second time.
   *
   * @param train the training rows
   * @param featureColumns the input columns, in order (the target excluded)
   * @return the fitted transforms and one feature vector per training row
   * @throws IllegalArgumentException as {@link #fit(Table, List)} and {@link FittedTransforms#apply(Table)}
   */
  public Fitted fitAndApply(Table train, List<Column> featureColumns) {
    Map<String, DoubleUnaryOperator> fns = new HashMap<>();
    List<Row> rows = FittedTransforms.rowsOf(train, featureColumns);
    List<Column> layout = List.copyOf(featureColumns);
    List<FittedStep> fitted = new ArrayList<>();
    for (Spec s : specs) {
      if (s.function != null) {
        fns.put((String) s.constant, s.function);
      }
      FittedStep step = s.fit(layout, rows);
      FittedStep.Op op = step.bind(layout, fns);
      List<Row> next = new ArrayList<>(rows.size());
      for (Row r : rows) {
        next.add(op.apply(r));
      }
      rows = next;
      layout = op.out();
      fitted.add(step);
    }
    FittedTransforms ft = new FittedTransforms(featureColumns, fitted, fns);
    return new Fitted(ft, ft.features(rows));
  }

  /**
   * Fitted transforms with the training rows they transformed.
   *
   * @param transforms the fitted transforms
   * @param trainingFeatures one feature vector per training row, in row order
   */
  public record Fitted(FittedTransforms transforms, double[][] trainingFeatures) {}

  private enum Kind { IMPUTE, IMPUTE_CONSTANT, STANDARDIZE, MIN_MAX, ONE_HOT, ORDINAL, LOG, LOG1P, CLIP, MAP }

  private static final class Spec {
    final String description;
    final Kind kind;
    final ColumnSelector columns;
    final Imputation imputation;
    final UnseenCategory unseen;
    final double low;
    final double high;
    final Object constant;
    DoubleUnaryOperator function;

    Spec(String description, Kind kind, ColumnSelector columns, Imputation imputation,
        UnseenCategory unseen, double low, double high, Object constant) {
      this.description = description;
      this.kind = kind;
      this.columns = Objects.requireNonNull(columns, "columns");
      this.imputation = imputation;
      this.unseen = unseen;
      this.low = low;
      this.high = high;
      this.constant = constant;
    }

    Spec withFunction(DoubleUnaryOperator f) {
      this.function = f;
      return this;
    }

    FittedStep fit(List<Column> layout, List<Row> rows) {
      List<String> cols = columns.resolve(layout);
      switch (kind) {
        case IMPUTE, IMPUTE_CONSTANT -> {
          Map<String, Double> num = new LinkedHashMap<>();
          Map<String, String> cat = new LinkedHashMap<>();
          for (String c : cols) {
            int i = FittedStep.index(layout, c);
            boolean numeric = layout.get(i).type() != ColumnType.CATEGORICAL;
            if (kind == Kind.IMPUTE_CONSTANT) {
              if (numeric && constant instanceof Number n) {
                num.put(c, n.doubleValue());
              } else if (!numeric && constant instanceof String s) {
                cat.put(c, s);
              } else {
                throw new IllegalArgumentException(
                    "imputation constant must match the type of column '" + c + "' ("
                        + layout.get(i).type() + "): " + constant);
              }
            } else if (numeric) {
              num.put(c, numericStatistic(c, values(rows, i), imputation));
            } else {
              if (imputation != Imputation.MOST_FREQUENT) {
                throw new IllegalArgumentException(
                    "imputation of categorical column '" + c + "' must be MOST_FREQUENT or a constant: "
                        + imputation);
              }
              cat.put(c, mostFrequent(c, rows, i));
            }
          }
          return new FittedStep.Impute(num, cat);
        }
        case STANDARDIZE, MIN_MAX -> {
          Map<String, double[]> m = new LinkedHashMap<>();
          for (String c : cols) {
            int i = numericIndex(layout, c);
            double[] v = present(values(rows, i));
            if (v.length == 0) {
              throw new IllegalArgumentException(
                  "column '" + c + "' must have a non-missing value in the training split to be scaled");
            }
            if (kind == Kind.STANDARDIZE) {
              double mean = Arrays.stream(v).sum() / v.length;
              double ss = 0;
              for (double x : v) {
                ss += (x - mean) * (x - mean);
              }
              double std = Math.sqrt(ss / v.length);
              m.put(c, new double[] {mean, std == 0 ? 1.0 : std});
            } else {
              double min = Arrays.stream(v).min().orElseThrow();
              double max = Arrays.stream(v).max().orElseThrow();
              m.put(c, new double[] {min, max == min ? 1.0 : max - min});
            }
          }
          return new FittedStep.Affine(kind == Kind.STANDARDIZE ? "standardize" : "min_max", m);
        }
        case ONE_HOT, ORDINAL -> {
          Map<String, List<String>> cats = new LinkedHashMap<>();
          for (String c : cols) {
            int i = FittedStep.index(layout, c);
            TreeMap<String, Boolean> seen = new TreeMap<>();
            boolean categorical = layout.get(i).type() == ColumnType.CATEGORICAL;
            for (Row r : rows) {
              String v = categorical ? r.cat[i] : (Double.isNaN(r.num[i]) ? null : Column.category(r.num[i]));
              if (v != null) {
                seen.put(v, Boolean.TRUE);
              }
            }
            if (seen.isEmpty()) {
              throw new IllegalArgumentException(
                  "column '" + c + "' must have a non-missing value in the training split to be encoded");
            }
            cats.put(c, List.copyOf(seen.keySet()));
          }
          return kind == Kind.ONE_HOT ? new FittedStep.OneHot(cats, unseen) : new FittedStep.Ordinal(cats, unseen);
        }
        case LOG, LOG1P, CLIP -> {
          for (String c : cols) {
            numericIndex(layout, c);
          }
          String f = kind == Kind.LOG ? "log" : kind == Kind.LOG1P ? "log1p" : "clip";
          return new FittedStep.Elementwise(f, cols, low, high);
        }
        case MAP -> {
          numericIndex(layout, cols.get(0));
          return new FittedStep.UserFunction((String) constant, cols.get(0));
        }
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    }
  }

  private static int numericIndex(List<Column> layout, String c) {
    int i = FittedStep.index(layout, c);
    if (layout.get(i).type() == ColumnType.CATEGORICAL) {
      throw new IllegalArgumentException("column must be numeric for this transform: '" + c + "'");
    }
    return i;
  }

  private static double[] values(List<Row> rows, int i) {
    double[] v = new double[rows.size()];
    for (int r = 0; r < v.length; r++) {
      v[r] = rows.get(r).num[i];
    }
    return v;
  }

  /** The non-missing values in order: {@code v} itself when none is missing (callers pass a copy). */
  private static double[] present(double[] v) {
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        n++;
      }
    }
    if (n == v.length) {
      return v;
    }
    double[] out = new double[n];
    int j = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        out[j++] = x;
      }
    }
    return out;
  }

  static double numericStatistic(String column, double[] all, Imputation strategy) {
    double[] v = present(all);
    if (v.length == 0) {
      throw new IllegalArgumentException(
          "column '" + column + "' must have a non-missing value in the training split to impute " + strategy);
    }
    switch (strategy) {
      case MEAN:
        return Arrays.stream(v).sum() / v.length;
      case MEDIAN: {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
      }
      case MOST_FREQUENT: {
        double[] s = v.clone();
        Arrays.sort(s);
        double best = s[0];
        int bestCount = 0;
        int i = 0;
        while (i < s.length) {
          int j = i;
          while (j < s.length && s[j] == s[i]) {
            j++;
          }
          if (j - i > bestCount) {
            bestCount = j - i;
            best = s[i];
          }
          i = j;
        }
        return best;
      }
      default:
        throw new IllegalStateException("unknown strategy " + strategy);
    }
  }

  private static String mostFrequent(String column, List<Row> rows, int i) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (Row r : rows) {
      if (r.cat[i] != null) {
        counts.merge(r.cat[i], 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException(
          "column '" + column + "' must have a non-missing value in the training split to impute MOST_FREQUENT");
    }
    String best = null;
    int bestCount = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}

package dev.mlops.core.retraining;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The tables {@link PipelineRetrainer} gives its pipeline, from the loop's labelled rows and back. Stateless. */
final class RetrainTables {

  private RetrainTables() {}

  /**
   * Builds the table the pipeline reads: the champion's input columns (with their types), the
   * split column and the profile order column if they are not inputs, every other column of the
   * rows that {@code keepAside} accepts (columns the pipeline never uses as inputs: identifiers,
   * groups an expectation reads; numeric when every value is a number, else categorical), and the
   * target column.
   *
   * @throws IllegalArgumentException if a value does not fit its column's type, naming row and column
   */
  static Table toTable(TrainingData data, TrainedModel champion, String splitColumn, boolean timeOrdered,
      String orderColumn, Predicate<String> keepAside) {
    int n = data.size();
    Table.Builder b = Table.builder();
    List<Column> columns = new ArrayList<>(champion.inputs());
    keep(columns, splitColumn, champion, data, timeOrdered ? ColumnType.TIMESTAMP : ColumnType.CATEGORICAL);
    keep(columns, orderColumn, champion, data, ColumnType.TIMESTAMP);
    Set<String> others = new LinkedHashSet<>();
    for (Map<String, ?> row : data.rows()) {
      others.addAll(row.keySet());
    }
    for (String name : others) {
      if (keepAside.test(name)) {
        keep(columns, name, champion, data, ColumnType.CATEGORICAL);
      }
    }
    for (Column c : columns) {
      if (c.type() == ColumnType.CATEGORICAL) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          Object o = data.rows().get(i).get(c.name());
          v[i] = o == null ? null : o instanceof Number num ? Column.category(num.doubleValue()) : o.toString();
        }
        b.categorical(c.name(), v);
      } else {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = number(data.rows().get(i).get(c.name()), c, i);
        }
        if (c.type() == ColumnType.TIMESTAMP) {
          b.timestamp(c.name(), v);
        } else {
          b.numeric(c.name(), v);
        }
      }
    }
    double[] labels = data.labels();
    if (champion instanceof TrainedClassifier classifier) {
      List<String> classes = classifier.classes();
      String[] y = new String[n];
      for (int i = 0; i < n; i++) {
        int k = (int) labels[i];
        if (k != labels[i] || k < 0 || k >= classes.size()) {
          throw new IllegalArgumentException("label must be a class index in [0, " + classes.size() + "): row " + i
              + ", " + labels[i]);
        }
        y[i] = classes.get(k);
      }
      b.categorical(champion.target(), y);
    } else {
      b.numeric(champion.target(), labels);
    }
    return b.build();
  }

  /**
   * Adds a column a run needs that is not a model input: numeric when every value is a number or
   * missing, else of type {@code otherwise} (a time split's column is always a timestamp).
   */
  private static void keep(List<Column> columns, String name, TrainedModel champion, TrainingData data,
      ColumnType otherwise) {
    if (name == null || name.equals(champion.target()) || columns.stream().anyMatch(c -> c.name().equals(name))) {
      return;
    }
    boolean numbers = data.rows().stream().map(r -> r.get(name)).allMatch(v -> v == null || v instanceof Number);
    columns.add(new Column(name, numbers && otherwise != ColumnType.TIMESTAMP ? ColumnType.NUMERIC : otherwise));
  }

  /** A numeric or timestamp cell: a Number, or for a timestamp an ISO date / date-time / instant. */
  private static double number(Object o, Column c, int row) {
    if (o == null) {
      return Double.NaN;
    }
    if (o instanceof Number num) {
      return num.doubleValue();
    }
    if (c.type() == ColumnType.TIMESTAMP) {
      String s = o.toString();
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e1) {
        try {
          return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e2) {
          try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
          } catch (DateTimeParseException e3) {
            throw new IllegalArgumentException("value of timestamp column '" + c.name()
                + "' must be a number or an ISO date-time: row " + row + ", '" + s + "'", e3);
          }
        }
      }
    }
    throw new IllegalArgumentException("value of numeric column '" + c.name() + "' must be a Number: row " + row
        + ", '" + o + "'");
  }

  private static String canonical(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The original table's columns in the assembled table's order (types must agree). */
  static Table project(Table original, List<Column> columns) {
    Table.Builder b = Table.builder();
    for (Column c : columns) {
      if (!original.has(c.name())) {
        throw new IllegalArgumentException("original data must have the column '" + c.name() + "': " + original.names());
      }
      Column o = original.column(c.name());
      if (o.type() != c.type()) {
        throw new IllegalArgumentException("original data column '" + c.name() + "' must be " + c.type() + ": " + o.type());
      }
      switch (c.type()) {
        case CATEGORICAL -> b.categorical(c.name(), original.categoricalColumn(c.name()));
        case TIMESTAMP -> b.timestamp(c.name(), original.numericColumn(c.name()));
        default -> b.numeric(c.name(), original.numericColumn(c.name()));
      }
    }
    return b.build();
  }

  /** See {@link PipelineRetrainer#history}. */
  static TrainingData history(Table table, TrainedModel champion) {
    Objects.requireNonNull(table, "table must not be null");
    String target = champion.target();
    if (!table.has(target)) {
      throw new IllegalArgumentException("history must have the target column '" + target + "': " + table.names());
    }
    int n = table.rowCount();
    int tc = table.indexOf(target);
    List<Map<String, ?>> rows = new ArrayList<>(n);
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      Map<String, Object> row = new LinkedHashMap<>(table.row(r));
      row.remove(target);
      rows.add(row);
      if (champion instanceof TrainedClassifier classifier) {
        String label = table.columns().get(tc).type() == ColumnType.CATEGORICAL ? table.categorical(r, tc)
            : canonical(table.numeric(r, tc));
        int k = classifier.classes().indexOf(label);
        if (k < 0) {
          throw new IllegalArgumentException("history label must be one of the classes " + classifier.classes() + ": row "
              + r + ", '" + label + "'");
        }
        y[r] = k;
      } else {
        y[r] = table.numeric(r, tc);
      }
    }
    return new TrainingData(rows, y, 0, 0);
  }
}

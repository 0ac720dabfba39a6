package dev.mlops.metrics.internal;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.SliceEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Aligned plain-text rendering of evaluations. Not API. Stateless, thread-safe. */
public final class TextTables {

  private TextTables() {}

  /**
   * Renders a confusion matrix, actual classes as rows.
   *
   * @param m the matrix
   * @return the table
   */
  public static String confusionMatrix(ConfusionMatrix m) {
    int k = m.size();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("actual \\ predicted");
    header.addAll(m.classNames());
    rows.add(header);
    for (int i = 0; i < k; i++) {
      List<String> row = new ArrayList<>();
      row.add(m.classNames().get(i));
      for (int j = 0; j < k; j++) {
        row.add(Long.toString(m.count(i, j)));
      }
      rows.add(row);
    }
    return align(rows, 2);
  }

  /**
   * Renders a classification evaluation: header, metric table, per-class table, confusion matrix.
   *
   * @param e the evaluation
   * @return the text
   */
  public static String classification(ClassificationEvaluation e) {
    EvaluationSettings s = e.settings();
    StringBuilder out = new StringBuilder();
    out.append(e.isBinary() ? "Binary" : "Multiclass").append(" classification evaluation (n = ").append(e.n());
    if (e.isBinary()) {
      out.append(", threshold = ").append(number(s.threshold()));
    }
    out.append(", classes = ").append(e.classNames());
    appendCommon(out, s);
    out.append(metricTable(e.metrics()));
    out.append('\n').append("Per class\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("class", "precision", "recall", "f1", "support"));
    for (int c = 0; c < e.classCount(); c++) {
      Map<Metric, MetricValue> m = e.classMetrics().get(c);
      rows.add(List.of(e.classNames().get(c), cell(m.get(Metric.PRECISION)), cell(m.get(Metric.RECALL)),
          cell(m.get(Metric.F1)), Long.toString(e.confusionMatrix().support(c))));
    }
    out.append(align(rows, 2)).append('\n');
    out.append("Confusion matrix (rows: actual, columns: predicted)\n");
    out.append(confusionMatrix(e.confusionMatrix()));
    return out.toString();
  }

  /**
   * Renders a regression evaluation.
   *
   * @param e the evaluation
   * @return the text
   */
  public static String regression(RegressionEvaluation e) {
    StringBuilder out = new StringBuilder();
    out.append("Regression evaluation (n = ").append(e.n());
    appendCommon(out, e.settings());
    out.append(metricTable(e.metrics()));
    return out.toString();
  }

  private static void appendCommon(StringBuilder out, EvaluationSettings s) {
    if (s.weighted()) {
      out.append(", weighted");
    }
    if (s.bootstrapResamples() > 0) {
      out.append(", bootstrap B = ").append(s.bootstrapResamples()).append(" seed = ").append(s.seed());
    }
    out.append(")\n");
  }

  /**
   * Renders slices: key, n, then value and interval of each metric.
   *
   * @param slices the slices
   * @param metrics the columns
   * @return the table
   */
  public static String slices(SliceEvaluation<?> slices, List<Metric> metrics) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("slice");
    header.add("n");
    for (Metric m : metrics) {
      header.add(m.key());
      header.add("ci");
    }
    rows.add(header);
    rows.add(sliceRow("(all)", slices.overall().n(), slices.overall(), metrics));
    for (SliceEvaluation.Slice<?> slice : slices.slices()) {
      rows.add(sliceRow(slice.key(), slice.n(), slice.evaluation(), metrics));
    }
    return align(rows, 2);
  }

  private static List<String> sliceRow(String key, long n, Evaluation e, List<Metric> metrics) {
    List<String> row = new ArrayList<>();
    row.add(key);
    row.add(Long.toString(n));
    for (Metric m : metrics) {
      MetricValue v = e.metric(m);
      row.add(cell(v));
      row.add(v.ci() == null ? "" : interval(v.ci()));
    }
    return row;
  }

  private static String metricTable(Map<Metric, MetricValue> metrics) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("metric", "value", "ci", "method", "n", "note"));
    for (MetricValue v : metrics.values()) {
      String note = !v.defined() ? "undefined: " + v.reason() : v.zeroDivision() ? "zero division: " + v.reason() : "";
      rows.add(List.of(v.metric().key(), cell(v), v.ci() == null ? "" : interval(v.ci()),
          v.ci() == null ? "" : v.ci().method() + " " + percent(v.ci().level()), Long.toString(v.n()), note));
    }
    return align(rows, 2);
  }

  private static String cell(MetricValue v) {
    return v == null ? "" : v.defined() ? number(v.value()) : "undefined";
  }

  private static String interval(Interval ci) {
    return "[" + number(ci.lower()) + ", " + number(ci.upper()) + "]";
  }

  private static String percent(double level) {
    return String.format(Locale.ROOT, "%.4g%%", level * 100).replaceAll("\\.?0+%$", "%");
  }

  private static String number(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(x);
    if (a != 0 && (a >= 1e6 || a < 1e-4)) {
      return String.format(Locale.ROOT, "%.4e", x);
    }
    return String.format(Locale.ROOT, "%.4f", x);
  }

  // a column whose body cells are all numeric (or intervals) is right-aligned, header included;
  // other columns are left-aligned; trailing blanks are stripped
  private static String align(List<List<String>> rows, int gap) {
    int columns = 0;
    for (List<String> row : rows) {
      columns = Math.max(columns, row.size());
    }
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    java.util.Arrays.fill(numeric, true);
    numeric[0] = false;
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
        if (r > 0 && isText(row.get(c))) {
          numeric[c] = false;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        if (c > 0) {
          line.append(" ".repeat(gap));
        }
        String pad = " ".repeat(width[c] - cell.length());
        line.append(numeric[c] ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static boolean isText(String cell) {
    return !cell.isEmpty() && !(Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-' || cell.charAt(0) == '['
        || cell.equals("undefined") || cell.equals("NaN") || cell.equals("inf"));
  }
}

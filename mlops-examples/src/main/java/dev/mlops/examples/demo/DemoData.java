package dev.mlops.examples.demo;

import dev.mlops.drift.fairness.SensitiveAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data of one demo run: labelled history to train the first model on, then live traffic in
 * batches (each batch is one monitoring window; its labels become known after it was served).
 *
 * @param name short name, used as the registered model's name
 * @param description one paragraph for the console and the report
 * @param classification true for binary classification, false for regression
 * @param label the label column
 * @param numeric numeric feature columns
 * @param categorical categorical feature columns
 * @param classNames class names by label value (classification) or empty
 * @param history labelled rows to train the first model on
 * @param live live traffic, in order
 * @param retrainWithHistory whether continuous training adds the history to the recent labelled
 *     rows (for seasonal data, where two recent months alone miss the rest of the year)
 * @param driftWindows retrain after dataset drift in this many consecutive windows
 * @param windowConstant features constant within every live window by construction (calendar codes
 *     when traffic is windowed by calendar month): still model inputs, but their drift against the
 *     whole-year reference is an artefact of windowing, so it is not counted in the dataset-drift share
 * @param fairness the sensitive attributes the monitor watches (fields of the rows, sent with each
 *     request), or {@code null} for none
 */
record DemoData(String name, String description, boolean classification, String label, List<String> numeric,
    List<String> categorical, List<String> classNames, List<Map<String, Object>> history, List<Batch> live,
    boolean retrainWithHistory, int driftWindows, List<String> windowConstant, SensitiveAttributes fairness) {

  DemoData {
    Objects.requireNonNull(name, "name");
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    classNames = List.copyOf(classNames);
    history = List.copyOf(history);
    live = List.copyOf(live);
    windowConstant = List.copyOf(windowConstant);
  }

  /** @return numeric then categorical feature names */
  List<String> features() {
    return java.util.stream.Stream.concat(numeric.stream(), categorical.stream()).toList();
  }

  /** @return the feature values of a row (without the label and bookkeeping columns) */
  Map<String, Object> features(Map<String, Object> row) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String f : features()) {
      out.put(f, row.get(f));
    }
    return out;
  }

  /** @return the request of a row: its features and the sensitive attributes the monitor watches */
  Map<String, Object> request(Map<String, Object> row) {
    Map<String, Object> out = features(row);
    if (fairness != null) {
      fairness.names().forEach(a -> out.put(a, row.get(a)));
    }
    return out;
  }

  /** @return the label of a row as a double (0/1 for classification) */
  double labelOf(Map<String, Object> row) {
    return ((Number) row.get(label)).doubleValue();
  }

  /**
   * One batch of live traffic.
   *
   * @param name e.g. "month 9"
   * @param rows the rows, with labels
   */
  record Batch(String name, List<Map<String, Object>> rows) {
    Batch {
      rows = List.copyOf(rows);
    }
  }
}

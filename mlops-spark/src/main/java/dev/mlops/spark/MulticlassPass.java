package dev.mlops.spark;

import dev.mlops.metrics.MulticlassMetrics;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition's share of a multiclass evaluation: the k x k confusion counts of the arg-max
 * class, and the sums of the per-row log loss, Brier score and top-2 hits, each row computed by
 * {@link MulticlassMetrics} itself (so the semantics, clipping and validation are the one-JVM
 * ones). Invalid rows are counted, with the first one's reason, not thrown from an executor.
 * Mutable while its partition is read, then merged; not thread-safe.
 */
final class MulticlassPass implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The k of the top-k accuracy, as the one-JVM evaluation's default. */
  static final int TOP_K = 2;

  final int k;
  final long[][] confusion;
  double logLoss;
  double brier;
  long topKHits;
  long rows;
  long bad;
  String firstBad;

  MulticlassPass(int k) {
    this.k = k;
    this.confusion = new long[k][k];
  }

  /** Reads the rows (label, probability array) of one partition. */
  static Iterator<MulticlassPass> of(int k, Iterator<Row> it) {
    MulticlassPass p = new MulticlassPass(k);
    while (it.hasNext()) {
      p.add(it.next());
    }
    return List.of(p).iterator();
  }

  private void add(Row row) {
    String problem = problem(row);
    if (problem != null) {
      bad++;
      if (firstBad == null) {
        firstBad = problem;
      }
      return;
    }
    int[] label = {(int) ((Number) row.get(0)).doubleValue()};
    double[][] probabilities = {toArray(row.getList(1))};
    try {
      logLoss += MulticlassMetrics.logLoss(label, probabilities).value();
    } catch (IllegalArgumentException e) {
      bad++;
      if (firstBad == null) {
        firstBad = e.getMessage();
      }
      return;
    }
    brier += MulticlassMetrics.brier(label, probabilities).value();
    topKHits += (long) MulticlassMetrics.topKAccuracy(label, probabilities, TOP_K).value();
    confusion[label[0]][MulticlassMetrics.argmax(probabilities)[0]]++;
    rows++;
  }

  private String problem(Row row) {
    Object y = row.get(0);
    if (!(y instanceof Number n)) {
      return "label " + y + " is not a class index";
    }
    double v = n.doubleValue();
    if (v != Math.rint(v) || v < 0 || v >= k) {
      return "label " + y + " is not a class index in [0, " + k + ")";
    }
    if (row.isNullAt(1)) {
      return "probabilities are null";
    }
    List<Object> p = row.getList(1);
    if (p.size() != k) {
      return "a row has " + p.size() + " probabilities, not " + k;
    }
    if (p.contains(null)) {
      return "a probability is null: " + p;
    }
    return null;
  }

  private static double[] toArray(List<Object> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).doubleValue();
    }
    return out;
  }

  /** This pass with another partition's added (returns this). */
  MulticlassPass merge(MulticlassPass other) {
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        confusion[i][j] += other.confusion[i][j];
      }
    }
    logLoss += other.logLoss;
    brier += other.brier;
    topKHits += other.topKHits;
    rows += other.rows;
    bad += other.bad;
    if (firstBad == null) {
      firstBad = other.firstBad;
    }
    return this;
  }
}

package dev.mlops.drift.monitor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class probabilities of multiclass predictions that wait for their label, kept only when the
 * monitor computes {@link LabelOptions#realisedMetrics(dev.mlops.metrics.Metric...) declared
 * realised metrics} (a top-k accuracy or a cost-weighted log loss needs the probabilities, not only
 * the predicted class), so that a monitor without such a metric pays nothing. Keyed by request id;
 * bounded by entries (the pending-prediction limit) and by bytes (the pending-label byte limit),
 * the oldest entry going first; an entry whose prediction expired in the pending store goes when
 * the bounds reach it. A label whose probabilities were evicted joins with its class only, and the
 * window states that its metrics lacked probabilities for some pairs. Not part of the monitor's
 * snapshot: predictions pending at a snapshot are restored without their probabilities.
 *
 * <p>Thread-safe (one lock; taken only by monitors that keep probabilities).
 */
final class KeptProbabilities {

  /** More classes than this are not kept (the label-pair sample would grow by as many doubles). */
  static final int MAX_CLASSES = 64;
  /** Bytes counted per entry besides its id and probabilities (map entry, array header). */
  private static final long ENTRY_OVERHEAD = 96;

  private final int classes;
  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<String, double[]> byId = new LinkedHashMap<>();
  private long bytes;
  private long evicted;

  /**
   * @param classes probabilities per prediction (the declared classes)
   * @param maxEntries most predictions kept
   * @param maxBytes most bytes of ids and probabilities kept
   */
  KeptProbabilities(int classes, int maxEntries, long maxBytes) {
    this.classes = classes;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * How many probabilities a monitor keeps per label pair: the declared classes when a realised
   * metric is declared and the classes are 3 to {@link #MAX_CLASSES}, else 0 (binary predictions
   * already carry their score).
   */
  static int columns(MonitorConfig config, Schema schema) {
    int k = schema.declaredClasses;
    return config.realisedMetrics().isEmpty() || k < 3 || k > MAX_CLASSES ? 0 : k;
  }

  /** Keeps a prediction's probabilities when it has exactly the declared number of classes. */
  void keep(String requestId, Prediction prediction) {
    if (prediction.classes() != classes) {
      return;
    }
    double[] p = prediction.probabilities();
    long size = size(requestId);
    synchronized (this) {
      double[] old = byId.put(requestId, p);
      bytes += size - (old == null ? 0 : size);
      Iterator<Map.Entry<String, double[]>> it = byId.entrySet().iterator();
      while ((byId.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
        Map.Entry<String, double[]> eldest = it.next();
        bytes -= size(eldest.getKey());
        it.remove();
        evicted++;
      }
    }
  }

  /** Removes and returns a request's probabilities, or null when none are kept. */
  synchronized double[] take(String requestId) {
    double[] p = byId.remove(requestId);
    if (p != null) {
      bytes -= size(requestId);
    }
    return p;
  }

  /** Writes kept probabilities (or NaN for none) into {@code row[offset ..]}. */
  void write(double[] probabilities, double[] row, int offset) {
    if (probabilities == null) {
      java.util.Arrays.fill(row, offset, offset + classes, Double.NaN);
    } else {
      System.arraycopy(probabilities, 0, row, offset, classes);
    }
  }

  synchronized int size() {
    return byId.size();
  }

  synchronized long evicted() {
    return evicted;
  }

  private long size(String id) {
    return ENTRY_OVERHEAD + 2L * id.length() + 8L * classes;
  }
}

package dev.mlops.drift.monitor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class probabilities of multiclass predictions that wait for their label, kept only when the
 * monitor computes {@link LabelOptions#realisedMetrics(dev.mlops.metrics.Metric...) declared
 * realised metrics} (a top-k accuracy or a cost-weighted log loss needs the probabilities, not only
 * the predicted class), so that a monitor without such a metric pays nothing. Keyed by request id;
 * bounded by entries (the pending-prediction limit) and by bytes (the pending-label byte limit),
 * the oldest entry going first; an entry whose prediction expired in the pending store goes when
 * the bounds reach it. A label whose probabilities were evicted joins with its class only, and the
 * window states that its metrics lacked probabilities for some pairs. Ids are stored as the pending
 * store stores them ({@link PendingPredictions#key(String)}: a long id by its SHA-256). Part of the
 * monitor's snapshot (state format version 5; see {@link #write} and {@link #read}), so predictions
 * pending at a snapshot keep their probabilities through a restore or merge.
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

  /** A request's kept probabilities, as the state format stores them. */
  record Saved(String id, double[] probabilities) {}

  /**
   * Keeps a prediction's probabilities when it has exactly the declared number of classes; a
   * prediction of the same id without them drops any kept for an earlier one.
   */
  void keep(String requestId, Prediction prediction) {
    String id = PendingPredictions.key(requestId);
    if (prediction.classes() != classes) {
      take(id);
      return;
    }
    put(id, prediction.probabilities());
  }

  private synchronized void put(String id, double[] p) {
    double[] old = byId.remove(id); // re-inserted last: the newest goes last
    bytes += size(id) - (old == null ? 0 : size(id));
    byId.put(id, p);
    Iterator<Map.Entry<String, double[]>> it = byId.entrySet().iterator();
    while ((byId.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
      Map.Entry<String, double[]> eldest = it.next();
      bytes -= size(eldest.getKey());
      it.remove();
      evicted++;
    }
  }

  /** Removes and returns a request's probabilities, or null when none are kept. */
  synchronized double[] take(String requestId) {
    String id = PendingPredictions.key(requestId);
    double[] p = byId.remove(id);
    if (p != null) {
      bytes -= size(id);
    }
    return p;
  }

  /** The kept probabilities, oldest first (a copy). */
  synchronized List<Saved> oldestFirst() {
    List<Saved> out = new ArrayList<>(byId.size());
    byId.forEach((id, p) -> out.add(new Saved(id, p)));
    return out;
  }

  /**
   * Replaces the kept probabilities with {@code saved} (oldest first), or, when {@code keep}, adds
   * them after the current ones; the bounds apply as to new predictions.
   */
  synchronized void load(List<Saved> saved, boolean keep) {
    if (!keep) {
      byId.clear();
      bytes = 0;
    }
    for (Saved s : saved) {
      put(s.id(), s.probabilities());
    }
  }

  /**
   * Writes kept probabilities: columns (int), entries (int), then per entry its id (UTF) and as
   * many probabilities (doubles) as columns.
   */
  static void write(DataOutputStream out, int columns, List<Saved> saved) throws IOException {
    out.writeInt(columns);
    out.writeInt(saved.size());
    for (Saved s : saved) {
      out.writeUTF(s.id());
      for (double p : s.probabilities()) {
        out.writeDouble(p);
      }
    }
  }

  /**
   * Reads what {@link #write} wrote, refusing (with {@link MonitorStateException}) other columns
   * than this monitor keeps, a count whose bytes are not there (before anything is allocated), an
   * id longer than the pending store keeps, and a probability outside [0, 1].
   */
  static List<Saved> read(DataInputStream in, int columns) throws IOException {
    int written = in.readInt();
    int n = in.readInt();
    if (written != columns) {
      throw new MonitorStateException("monitor state kept probabilities must have " + columns
          + " columns (the declared classes of a monitor with realised metrics): " + written);
    }
    if (n < 0) {
      throw new MonitorStateException("monitor state kept probability count must not be negative: "
          + n);
    }
    StateCodec.remaining(in, (2L + 8L * columns) * n, n + " kept probability rows");
    List<Saved> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      if (id.length() > PendingPredictions.MAX_ID_CHARS) {
        throw new MonitorStateException("monitor state kept probability id must have at most "
            + PendingPredictions.MAX_ID_CHARS + " characters: " + id.length());
      }
      double[] p = new double[columns];
      for (int c = 0; c < columns; c++) {
        p[c] = in.readDouble();
        if (!(p[c] >= 0 && p[c] <= 1)) {
          throw new MonitorStateException("monitor state kept probability " + c + " of row " + i
              + " must be in [0, 1]: " + p[c]);
        }
      }
      out.add(new Saved(id, p));
    }
    return out;
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

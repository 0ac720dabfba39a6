package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.QuantileSketch;
import dev.mlops.drift.internal.Reservoir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The binary format of monitor state (no Java serialisation). Big-endian
 * ({@link DataOutputStream}):
 *
 * <pre>
 * magic "MLDM" (4 bytes) | format version (int, 7 with unsampled rows, else 6) | payload length (int) | payload |
 * CRC-32 of everything before it (long)
 * payload: schema fingerprint (long); header: window sequence, consecutive drifted windows (int),
 *   cooldown left (int), closed records, window start (epoch ms), alerts;
 *   window: start, end, rows, rows with unknown features, non-finite predictions, predictions,
 *   labels, expired, unmatched, pending, (version 3:) labels outside the declared classes; counts (int n, n longs); quality (int n, n longs);
 *   reservoirs (int n, then each: capacity int, width int, size int, seen long, size x width
 *   doubles); row sample (boolean, reservoir); label pairs (reservoir); unseen offenders per
 *   feature (int n, then maps); unknown feature offenders (map); confidence sums (int n, doubles);
 *   quantile sketches (boolean, then int n and per sketch its weighted sorted view: int m, then
 *   m x (double item, long weight > 0); a restored sketch is rebuilt from it by weighted
 *   updates; zero-weight entries of older writers are skipped).
 *   (version 2:) pending predictions (int n, then n x (UTF id, double value, int class index,
 *   byte kind, long time)); (version 4:) fairness (boolean, then {@link FairnessState}'s layout);
 *   (version 5:) the class probabilities kept for pending predictions ({@link
 *   KeptProbabilities#write}: columns, int n, then n x (UTF id, columns doubles));
 *   (version 6:) the window's late labels, labels beyond the label horizon, late labels outside
 *   the declared classes (3 longs); the pending predictions' window ages (int n, n longs: windows
 *   closed since each was recorded); the closed windows' late labels ({@link LateLabels#write}).
 *   (version 7:) the rows a sampled monitor counted without recording them, and of those the
 *   rows with a prediction (2 longs); written only for a window with such rows (else version 6).
 *   A map is (int n, then n x (UTF key, long count)).
 * </pre>
 *
 * <p>The decoder trusts nothing but the checksum's absence of accidents: a checksum is easy to
 * recompute, so every length is checked against the bytes that remain before anything of that size
 * is allocated, every counter must be non-negative, and every failure is a {@link
 * MonitorStateException}.
 */
final class StateCodec {

  static final int MAGIC = 0x4D4C444D;
  static final int VERSION = 7;

  private StateCodec() {}

  /** Monitor counters stored with the window. */
  record Header(long windowSeq, int consecutive, int cooldownLeft, long closedRecords,
      long windowStart, long alerts) {}

  /** A decoded state. */
  /**
   * A decoded state; the pending predictions' {@code pane} is an age (windows closed since each
   * was recorded), as are the late labels' panes.
   */
  record Decoded(Header header, WindowState state, List<PendingPredictions.Saved> pending,
      List<KeptProbabilities.Saved> probabilities, LateLabels.Saved late) {}

  /** As {@link #encode(Schema, WindowState, Header, List, List, LateLabels)} without late labels. */
  static byte[] encode(Schema schema, WindowState w, Header h,
      List<PendingPredictions.Saved> pending, List<KeptProbabilities.Saved> probabilities) {
    return encode(schema, w, h, pending, probabilities, null);
  }

  /**
   * Encodes a state; the open window's number is {@code w.pane}, from which the pending
   * predictions' and late labels' window numbers are written as ages.
   */
  static byte[] encode(Schema schema, WindowState w, Header h,
      List<PendingPredictions.Saved> pending, List<KeptProbabilities.Saved> probabilities,
      LateLabels late) {
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(payload);
      out.writeLong(schema.fingerprint);
      out.writeLong(h.windowSeq());
      out.writeInt(h.consecutive());
      out.writeInt(h.cooldownLeft());
      out.writeLong(h.closedRecords());
      out.writeLong(h.windowStart());
      out.writeLong(h.alerts());
      for (long v : new long[] {w.start, w.end, w.rows, w.rowsWithUnknown,
          w.nonFinitePredictions, w.predictions, w.labels, w.expired, w.unmatched, w.pending,
          w.outsideClasses}) {
        out.writeLong(v);
      }
      longs(out, w.counts);
      longs(out, w.quality);
      out.writeInt(w.reservoirs.length);
      for (Reservoir r : w.reservoirs) {
        reservoir(out, r);
      }
      out.writeBoolean(w.rowSample != null);
      if (w.rowSample != null) {
        reservoir(out, w.rowSample);
      }
      reservoir(out, w.labelPairs);
      out.writeInt(w.unseen.length);
      for (TopOffenders t : w.unseen) {
        map(out, t.snapshot());
      }
      map(out, w.unknown.snapshot());
      out.writeInt(w.confidence.length);
      for (double d : w.confidence) {
        out.writeDouble(d);
      }
      out.writeBoolean(w.sketches != null);
      if (w.sketches != null) {
        out.writeInt(w.sketches.length);
        for (QuantileSketch k : w.sketches) {
          // the weighted sorted view (DataSketches' own byte format needs jdk.incubator.foreign
          // on Java 17, which a host cannot be asked to add; and its KLL was not reproducible)
          QuantileSketch.SortedView view = k.sortedView();
          double[] items = view.items();
          long[] cumulative = view.cumulativeWeights();
          out.writeInt(items.length);
          long previous = 0;
          for (int i = 0; i < items.length; i++) {
            out.writeDouble(items[i]);
            out.writeLong(cumulative[i] - previous);
            previous = cumulative[i];
          }
        }
      }
      out.writeInt(pending.size());
      for (PendingPredictions.Saved p : pending) {
        out.writeUTF(PendingPredictions.key(p.id()));
        out.writeDouble(p.value());
        out.writeInt(p.classIndex());
        out.writeByte(p.kind());
        out.writeLong(p.time());
      }
      out.writeBoolean(w.fairnessState != null);
      if (w.fairnessState != null) {
        w.fairnessState.write(out);
      }
      KeptProbabilities.write(out, probabilityColumns(w), probabilities);
      out.writeLong(w.lateLabels);
      out.writeLong(w.labelsBeyondHorizon);
      out.writeLong(w.lateOutsideClasses);
      out.writeInt(pending.size());
      for (PendingPredictions.Saved p : pending) {
        out.writeLong(Math.max(0, w.pane - p.pane()));
      }
      if (late == null) {
        LateLabels.writeNone(out);
      } else {
        late.write(out, w.pane);
      }
      // version 7 only for a window with unsampled rows: other states keep version 6's bytes, so
      // a reader of version 6 still reads every state of a monitor that does not sample
      int version = w.unsampled > 0 ? VERSION : 6;
      if (version >= 7) {
        out.writeLong(w.unsampled);
        out.writeLong(w.unsampledPredictions);
      }
      out.flush();
      byte[] body = payload.toByteArray();
      ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + 20);
      DataOutputStream o = new DataOutputStream(all);
      o.writeInt(MAGIC);
      o.writeInt(version);
      o.writeInt(body.length);
      o.write(body);
      o.flush();
      CRC32 crc = new CRC32();
      crc.update(all.toByteArray());
      o.writeLong(crc.getValue());
      o.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new MonitorStateException("monitor state could not be written", e);
    }
  }

  static Decoded decode(Schema schema, byte[] bytes, Supplier<WindowState> fresh) {
    if (bytes.length < 20) {
      throw new MonitorStateException("monitor state is truncated: " + bytes.length + " bytes");
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new MonitorStateException(
            "monitor state must start with magic MLDM: " + Integer.toHexString(magic));
      }
      int version = in.readInt();
      if (version > VERSION) {
        throw new MonitorStateException("monitor state format version " + version
            + " is newer than this library reads (" + VERSION + ")");
      }
      if (version < 1) {
        throw new MonitorStateException("monitor state format version must be positive: "
            + version);
      }
      int length = in.readInt();
      if (length < 0 || 12L + length + 8 != bytes.length) {
        throw new MonitorStateException("monitor state length must match its header: header "
            + length + ", actual " + (bytes.length - 20));
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - 8);
      long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
      if (stored != crc.getValue()) {
        throw new MonitorStateException("monitor state checksum must match: stored "
            + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()));
      }
      long fingerprint = in.readLong();
      if (fingerprint != schema.fingerprint) {
        throw new MonitorStateException("monitor state must come from a monitor with the same "
            + "features, bins and categories: fingerprint " + Long.toHexString(fingerprint)
            + ", expected " + Long.toHexString(schema.fingerprint));
      }
      Header h = new Header(in.readLong(), in.readInt(), in.readInt(), in.readLong(),
          in.readLong(), in.readLong());
      if (h.windowSeq() < 0 || h.consecutive() < 0 || h.cooldownLeft() < 0
          || h.closedRecords() < 0 || h.alerts() < 0) {
        throw new MonitorStateException("monitor state counters must not be negative: " + h);
      }
      WindowState w = fresh.get();
      w.start = in.readLong();
      w.end = in.readLong();
      w.rows = in.readLong();
      w.rowsWithUnknown = in.readLong();
      w.nonFinitePredictions = in.readLong();
      w.predictions = in.readLong();
      w.labels = in.readLong();
      w.expired = in.readLong();
      w.unmatched = in.readLong();
      w.pending = in.readLong();
      w.outsideClasses = version >= 3 ? in.readLong() : 0;
      for (long v : new long[] {w.rows, w.rowsWithUnknown, w.nonFinitePredictions, w.predictions,
          w.labels, w.expired, w.unmatched, w.pending, w.outsideClasses}) {
        if (v < 0) {
          throw new MonitorStateException("monitor state window counters must not be negative: "
              + v);
        }
      }
      readLongs(in, w.counts, "counts");
      readLongs(in, w.quality, "quality counters");
      int n = in.readInt();
      if (n != w.reservoirs.length) {
        throw new MonitorStateException(
            "monitor state reservoirs must number " + w.reservoirs.length + ": " + n);
      }
      for (Reservoir r : w.reservoirs) {
        readReservoir(in, r);
      }
      boolean rows = in.readBoolean();
      if (rows != (w.rowSample != null)) {
        throw new MonitorStateException("monitor state must match the multivariate setting: "
            + (rows ? "state has" : "state lacks") + " a row sample");
      }
      if (rows) {
        readReservoir(in, w.rowSample);
      }
      readReservoir(in, w.labelPairs);
      int u = in.readInt();
      if (u != w.unseen.length) {
        throw new MonitorStateException("monitor state unseen tables must number "
            + w.unseen.length + ": " + u);
      }
      for (TopOffenders t : w.unseen) {
        readMap(in, t);
      }
      readMap(in, w.unknown);
      int c = in.readInt();
      // 7 sums before the estimate's variance sum was added (the missing one reads as 0)
      if (c != w.confidence.length && c != WindowState.CB_VAR) {
        throw new MonitorStateException("monitor state confidence sums must number "
            + w.confidence.length + ": " + c);
      }
      for (int i = 0; i < c; i++) {
        w.confidence[i] = in.readDouble();
        if (!(w.confidence[i] >= 0) || w.confidence[i] == Double.POSITIVE_INFINITY) {
          throw new MonitorStateException("monitor state confidence sums must be finite and not "
              + "negative: " + w.confidence[i]);
        }
      }
      boolean sketched = in.readBoolean();
      if (sketched != (w.sketches != null)) {
        throw new MonitorStateException("monitor state must match the quantile-sketch setting: "
            + (sketched ? "state has" : "state lacks") + " sketches");
      }
      if (sketched) {
        int k = in.readInt();
        if (k != w.sketches.length) {
          throw new MonitorStateException("monitor state sketches must number "
              + w.sketches.length + ": " + k);
        }
        for (int i = 0; i < k; i++) {
          int items = in.readInt();
          if (items < 0) {
            throw new MonitorStateException("monitor state sketch size is invalid: " + items);
          }
          remaining(in, 16L * items, items + " sketch items");
          long total = 0;
          for (int j = 0; j < items; j++) {
            double item = in.readDouble();
            long weight = in.readLong();
            if (weight < 0 || !Double.isFinite(item) || total + weight < total) {
              throw new MonitorStateException("monitor state sketch item is invalid: " + item
                  + " with weight " + weight);
            }
            total += weight;
            if (weight > 0) { // zero-weight entries (older writers' sorted views) carry nothing
              w.sketches[i].update(item, weight);
            }
          }
        }
      }
      List<PendingPredictions.Saved> pending = new ArrayList<>();
      if (version >= 2) {
        int count = in.readInt();
        // each entry takes at least 2 + 8 + 4 + 1 + 8 bytes
        if (count < 0) {
          throw new MonitorStateException("monitor state pending prediction count is invalid: "
              + count);
        }
        remaining(in, 23L * count, count + " pending predictions");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
          String id = in.readUTF();
          double value = in.readDouble();
          int classIndex = in.readInt();
          int kind = in.readByte();
          long time = in.readLong();
          if (kind < 0 || kind >= Prediction.Kind.values().length || classIndex < -1
              || time < previous) {
            throw new MonitorStateException("monitor state pending prediction " + i
                + " is invalid: kind " + kind + ", class index " + classIndex + ", time " + time
                + " (previous " + previous + ")");
          }
          previous = time;
          pending.add(new PendingPredictions.Saved(id, value, classIndex, kind, time));
        }
      }
      if (version >= 4 && in.readBoolean()) {
        w.fairnessState = FairnessState.read(in);
        if (w.fairnessState.rows() > w.rows || w.fairnessState.skipped() > w.rows - w.fairnessState.rows()) {
          throw new MonitorStateException("monitor state fairness rows must not exceed the window's "
              + w.rows + ": " + w.fairnessState.rows() + " counted and " + w.fairnessState.skipped()
              + " skipped");
        }
      }
      List<KeptProbabilities.Saved> probabilities = version >= 5
          ? KeptProbabilities.read(in, probabilityColumns(w)) : List.of();
      LateLabels.Saved late = LateLabels.Saved.NONE;
      if (version >= 6) {
        w.lateLabels = in.readLong();
        w.labelsBeyondHorizon = in.readLong();
        w.lateOutsideClasses = in.readLong();
        if (w.lateLabels < 0 || w.labelsBeyondHorizon < 0 || w.lateOutsideClasses < 0
            || w.lateLabels + w.labelsBeyondHorizon > w.labels
            || w.lateOutsideClasses > Math.min(w.lateLabels, w.outsideClasses)) {
          throw new MonitorStateException("monitor state late label counts must be within the"
              + " window's " + w.labels + " labels: late " + w.lateLabels + ", beyond the horizon "
              + w.labelsBeyondHorizon + ", late outside the classes " + w.lateOutsideClasses);
        }
        int ages = in.readInt();
        if (ages != pending.size()) {
          throw new MonitorStateException("monitor state pending window ages must number "
              + pending.size() + ": " + ages);
        }
        List<PendingPredictions.Saved> aged = new ArrayList<>(ages);
        for (PendingPredictions.Saved p : pending) {
          long age = in.readLong();
          if (age < 0) {
            throw new MonitorStateException("monitor state pending window age must not be"
                + " negative: " + age);
          }
          aged.add(new PendingPredictions.Saved(p.id(), p.value(), p.classIndex(), p.kind(),
              p.time(), age));
        }
        pending = aged;
        late = LateLabels.read(in, w.labelPairs.width(), w.labelPairs.capacity(), 0);
      }
      if (version >= 7) {
        w.unsampled = in.readLong();
        w.unsampledPredictions = in.readLong();
        if (w.unsampled < 0 || w.unsampledPredictions < 0
            || w.unsampledPredictions > w.unsampled) {
          throw new MonitorStateException("monitor state unsampled rows must not be negative and"
              + " must hold their predictions: " + w.unsampled + " rows, "
              + w.unsampledPredictions + " predictions");
        }
      }
      if (in.available() != 8) {
        throw new MonitorStateException("monitor state payload must end before the checksum: "
            + (in.available() - 8) + " bytes left");
      }
      return new Decoded(h, w, pending, probabilities, late);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MonitorStateException m) {
        throw m;
      }
      throw new MonitorStateException("monitor state is corrupt: " + e.getMessage(), e);
    }
  }

  /** The class probabilities a state's label pairs carry (0 unless a realised metric needs them). */
  private static int probabilityColumns(WindowState w) {
    return w.labelPairs.width() - WindowState.PAIR_WIDTH;
  }

  /** Refuses a length whose bytes are not there, before anything of that size is allocated. */
  static void remaining(DataInputStream in, long needed, String what) throws IOException {
    int left = in.available() - 8; // exact for a byte-array stream; the checksum follows
    if (needed > left) {
      throw new MonitorStateException("monitor state is corrupt: " + what + " need at least "
          + needed + " bytes, " + left + " remain");
    }
  }

  private static void longs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  private static void readLongs(DataInputStream in, long[] into, String what) throws IOException {
    int n = in.readInt();
    if (n != into.length) {
      throw new MonitorStateException(
          "monitor state " + what + " must number " + into.length + ": " + n);
    }
    for (int i = 0; i < n; i++) {
      into[i] = in.readLong();
      if (into[i] < 0) {
        throw new MonitorStateException(
            "monitor state " + what + " must not be negative: " + into[i] + " at " + i);
      }
    }
  }

  static void reservoir(DataOutputStream out, Reservoir r) throws IOException {
    out.writeInt(r.capacity());
    out.writeInt(r.width());
    out.writeInt(r.size());
    out.writeLong(r.seen());
    double[] values = r.values();
    for (int i = 0; i < r.size() * r.width(); i++) {
      out.writeDouble(values[i]);
    }
  }

  static void readReservoir(DataInputStream in, Reservoir r) throws IOException {
    int capacity = in.readInt();
    int width = in.readInt();
    int size = in.readInt();
    long seen = in.readLong();
    if (capacity != r.capacity() || width != r.width() || size < 0 || size > capacity
        || seen < size) {
      throw new MonitorStateException("monitor state reservoir must have capacity " + r.capacity()
          + " and width " + r.width() + ": capacity " + capacity + ", width " + width + ", size "
          + size + ", seen " + seen);
    }
    remaining(in, 8L * size * width, "a reservoir of " + size + " x " + width + " values");
    double[] sample = new double[size * width];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = in.readDouble();
    }
    r.restore(sample, size, seen);
  }

  private static void map(DataOutputStream out, Map<String, Long> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, Long> e : m.entrySet()) {
      String key = e.getKey();
      out.writeUTF(key.length() > 1000 ? key.substring(0, 1000) : key);
      out.writeLong(e.getValue());
    }
  }

  private static void readMap(DataInputStream in, TopOffenders t) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > TopOffenders.CAPACITY) {
      throw new MonitorStateException("monitor state offender table must have at most "
          + TopOffenders.CAPACITY + " entries: " + n);
    }
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      long count = in.readLong();
      if (count < 0) {
        throw new MonitorStateException("monitor state offender count must not be negative: "
            + count);
      }
      t.offer(key, count);
    }
  }
}

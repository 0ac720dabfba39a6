package dev.mlops.drift.monitor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The group fairness part of a monitor's snapshot (format version 4): the group names of every
 * sensitive attribute, the open window's selections, the outcome counts of the recent windows and
 * the predictions awaiting a label with their groups. Groups are stored by name, so a monitor that
 * numbered them in another order (or met them in another order) reads them right.
 *
 * <p>Decoding refuses, with a {@link MonitorStateException}, any count or length whose bytes are
 * not there (before anything of that size is allocated), a negative counter, a window's rows or
 * labels beyond 2^31 - 1, a group code outside its attribute's groups, repeated names, and counts
 * that do not add up (each attribute's selections sum to the rows, each window's outcomes to its
 * labelled rows; {@link StateCodec} checks the rows against the window's). The receiving tracker
 * then applies its own bounds (groups, pending predictions, label windows). Not API; the arrays
 * are not copied (the record is built and read once).
 *
 * @param attributes the attribute names, in the monitor's order
 * @param groups the group names of each attribute, in code order
 * @param rows the rows of the open window counted for fairness
 * @param skipped the rows of the open window without a class
 * @param selected per attribute, 4 counts per group (cells 0 and 1: not selected, selected)
 * @param pane the open pane's number
 * @param unmatched labels without a prediction since the last report
 * @param outcomes the outcome counts of the recent panes, oldest first
 * @param pending the predictions awaiting a label, oldest first
 */
record FairnessState(List<String> attributes, List<List<String>> groups, long rows, long skipped,
    long[][] selected, long pane, long unmatched, List<Outcome> outcomes, List<Waiting> pending) {

  /**
   * The outcome counts of one pane's predictions.
   *
   * @param pane the pane the predictions were made in
   * @param window the window that pane was reported in, -1 while open
   * @param labelled labels joined
   * @param changed whether labels arrived since the last report
   * @param counts per attribute, 4 counts per group; null when no label arrived
   * @param alerted the alerts already raised for the pane ({@code attribute + '\0' + disparity})
   */
  record Outcome(long pane, long window, long labelled, boolean changed, long[][] counts,
      List<String> alerted) {}

  /**
   * A prediction awaiting its label.
   *
   * @param key the request id's key
   * @param groups the group code of each attribute
   * @param decision 1 if favourable, else 0
   * @param pane the pane it was made in
   */
  record Waiting(String key, int[] groups, int decision, long pane) {}

  void write(DataOutputStream out) throws IOException {
    out.writeInt(attributes.size());
    for (int a = 0; a < attributes.size(); a++) {
      out.writeUTF(attributes.get(a));
      out.writeInt(groups.get(a).size());
      for (String g : groups.get(a)) {
        out.writeUTF(g);
      }
    }
    out.writeLong(rows);
    out.writeLong(skipped);
    counts(out, selected);
    out.writeLong(pane);
    out.writeLong(unmatched);
    out.writeInt(outcomes.size());
    for (Outcome o : outcomes) {
      out.writeLong(o.pane());
      out.writeLong(o.window());
      out.writeLong(o.labelled());
      out.writeBoolean(o.changed());
      out.writeBoolean(o.counts() != null);
      if (o.counts() != null) {
        counts(out, o.counts());
      }
      out.writeInt(o.alerted().size());
      for (String s : o.alerted()) {
        out.writeUTF(s);
      }
    }
    out.writeInt(pending.size());
    for (Waiting w : pending) {
      out.writeUTF(w.key());
      out.writeByte(w.decision());
      out.writeLong(w.pane());
      for (int g : w.groups()) {
        out.writeInt(g);
      }
    }
  }

  private void counts(DataOutputStream out, long[][] counts) throws IOException {
    for (int a = 0; a < counts.length; a++) {
      for (int i = 0; i < 4 * groups.get(a).size(); i++) {
        out.writeLong(i < counts[a].length ? counts[a][i] : 0);
      }
    }
  }

  static FairnessState read(DataInputStream in) throws IOException {
    int attributeCount = count(in, 6, "fairness attributes");
    List<String> attributes = new ArrayList<>();
    List<List<String>> groups = new ArrayList<>();
    for (int a = 0; a < attributeCount; a++) {
      attributes.add(in.readUTF());
      int g = count(in, 2, "groups of a sensitive attribute");
      List<String> names = new ArrayList<>();
      for (int k = 0; k < g; k++) {
        names.add(in.readUTF());
      }
      groups.add(unique(names, "group names of attribute '" + attributes.get(a) + "'"));
    }
    unique(attributes, "fairness attribute names");
    long rows = belowIntRange(in.readLong(), "fairness rows");
    long skipped = nonNegative(in.readLong(), "fairness skipped rows");
    long[][] selected = readCounts(in, groups, rows, "selections");
    for (long[] c : selected) {
      for (int i = 2; i < c.length; i += 4) {
        if (c[i] != 0 || c[i + 1] != 0) {
          throw new MonitorStateException("monitor state fairness selections must not hold labels: cell " + i);
        }
      }
    }
    long pane = nonNegative(in.readLong(), "fairness pane");
    long unmatched = nonNegative(in.readLong(), "fairness unmatched labels");
    int outcomeCount = count(in, 30, "fairness outcome windows");
    List<Outcome> outcomes = new ArrayList<>();
    long previous = -1;
    for (int k = 0; k < outcomeCount; k++) {
      long p = in.readLong();
      long window = in.readLong();
      long labelled = belowIntRange(in.readLong(), "fairness labelled rows");
      boolean changed = in.readBoolean();
      long[][] counts = in.readBoolean() ? readCounts(in, groups, labelled, "outcomes") : null;
      if (p <= previous || p > pane || window < -1 || (counts == null && labelled != 0)) {
        throw new MonitorStateException("monitor state fairness outcome window is invalid: pane " + p
            + " (previous " + previous + ", open " + pane + "), window " + window + ", labelled " + labelled);
      }
      previous = p;
      int alerts = count(in, 2, "fairness alerts of a window");
      List<String> alerted = new ArrayList<>();
      for (int j = 0; j < alerts; j++) {
        alerted.add(in.readUTF());
      }
      outcomes.add(new Outcome(p, window, labelled, changed, counts, alerted));
    }
    int waiting = count(in, 11L + 4L * attributeCount, "fairness pending predictions");
    List<Waiting> pending = new ArrayList<>();
    long last = 0;
    for (int k = 0; k < waiting; k++) {
      String key = in.readUTF();
      int decision = in.readByte();
      long p = in.readLong();
      int[] codes = new int[attributeCount];
      for (int a = 0; a < attributeCount; a++) {
        codes[a] = in.readInt();
        if (codes[a] < 0 || codes[a] >= groups.get(a).size()) {
          throw new MonitorStateException("monitor state fairness group code must be in [0, "
              + groups.get(a).size() + "): " + codes[a]);
        }
      }
      if ((decision & ~1) != 0 || p < last || p > pane) {
        throw new MonitorStateException("monitor state fairness pending prediction " + k + " is invalid: decision "
            + decision + ", pane " + p + " (previous " + last + ", open " + pane + ")");
      }
      last = p;
      pending.add(new Waiting(key, codes, decision, p));
    }
    return new FairnessState(attributes, groups, rows, skipped, selected, pane, unmatched, outcomes, pending);
  }

  /** Reads a count of entries of at least {@code bytesEach} bytes, refusing one whose bytes are not there. */
  private static int count(DataInputStream in, long bytesEach, String what) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new MonitorStateException("monitor state " + what + " must not be negative: " + n);
    }
    StateCodec.remaining(in, bytesEach * n, n + " " + what);
    return n;
  }

  private static long[][] readCounts(DataInputStream in, List<List<String>> groups, long total, String what)
      throws IOException {
    long[][] counts = new long[groups.size()][];
    for (int a = 0; a < counts.length; a++) {
      StateCodec.remaining(in, 32L * groups.get(a).size(), groups.get(a).size() + " groups' " + what);
      counts[a] = new long[4 * groups.get(a).size()];
      long sum = 0;
      for (int i = 0; i < counts[a].length; i++) {
        counts[a][i] = nonNegative(in.readLong(), "fairness " + what);
        sum = Math.addExact(sum, counts[a][i]);
      }
      if (sum != total) {
        throw new MonitorStateException("monitor state fairness " + what + " of attribute " + a
            + " must add up to " + total + ": " + sum);
      }
    }
    return counts;
  }

  private static long nonNegative(long v, String what) {
    if (v < 0) {
      throw new MonitorStateException("monitor state " + what + " must not be negative: " + v);
    }
    return v;
  }

  /** A window's group counts are resampled as binomials of int size (a window of 2^31 rows is not one). */
  private static long belowIntRange(long v, String what) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new MonitorStateException("monitor state " + what + " must be in [0, 2^31): " + v);
    }
    return v;
  }

  private static List<String> unique(List<String> names, String what) {
    Set<String> seen = new HashSet<>(names);
    if (seen.size() != names.size()) {
      throw new MonitorStateException("monitor state " + what + " must be unique: " + names);
    }
    return names;
  }
}

package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.LabelledFairness;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupFairness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The group fairness engine of a {@link DriftMonitor}: per sensitive attribute, the confusion
 * counts of each group — selections of the open window from its predictions, and outcomes per
 * prediction window from the labels as they arrive (joined by request id to the groups, decision
 * and window of their prediction) — evaluated with mlops-metrics' {@link GroupFairness} when a
 * window is reported.
 *
 * <p>Memory is bounded: at most {@code maxGroups} groups per attribute (later values count as
 * {@code "(other)"}; a value longer than {@link PendingPredictions#MAX_ID_CHARS} characters is the
 * group named by its SHA-256, as a long request id), the monitor's pending bound of predictions awaiting a label (the oldest is
 * dropped) and the outcome counts of the last {@code labelWindows} windows. Never throws on bad
 * input: a missing attribute is the group {@code "(missing)"}.
 *
 * <p>Thread-safe: recording, labelling and harvesting synchronise on the tracker (one short
 * critical section each; recording runs under the caller's stripe lock, harvesting under all of
 * them, so a window's selections are exactly its rows); evaluation runs outside the lock.
 */
final class FairnessTracker {

  static final String MISSING = "(missing)";
  static final String OTHER = "(other)";
  static final String UNSEEN = "(unseen)";

  /** A prediction awaiting its label: group code per attribute, decision, pane it was made in. */
  private record Pending(int[] groups, int decision, long pane) {}

  /** The outcome counts of one pane's predictions. */
  private static final class Outcomes {
    long[][] counts;
    long labelled;
    boolean changed;
    long window = -1;
    final Set<String> alerted = new HashSet<>();
  }

  /** The selections of one harvested pane (or of merged panes of a sliding window). */
  record Selection(long pane, long[][] counts, long rows, long skipped) {
    Selection merge(Selection later) {
      long[][] sum = new long[counts.length][];
      for (int a = 0; a < counts.length; a++) {
        long[] x = counts[a];
        long[] y = later.counts[a];
        long[] s = Arrays.copyOf(x.length >= y.length ? x : y, Math.max(x.length, y.length));
        long[] other = x.length >= y.length ? y : x;
        for (int i = 0; i < other.length; i++) {
          s[i] += other[i];
        }
        sum[a] = s;
      }
      return new Selection(Math.max(pane, later.pane), sum, rows + later.rows, skipped + later.skipped);
    }
  }

  private final SensitiveAttributes spec;
  private final List<String> names;
  private final int[] featureOf;
  private final Schema schema;
  private final int maxPending;
  private final double threshold;

  // guarded by this
  private final List<Map<String, Integer>> codes = new ArrayList<>();
  private final List<List<String>> groups = new ArrayList<>();
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final TreeMap<Long, Outcomes> outcomes = new TreeMap<>();
  private long[][] selected;
  private long rows;
  private long skipped;
  private long pane;
  private long unmatched;

  FairnessTracker(SensitiveAttributes spec, Schema schema, MonitorConfig config) {
    this.spec = spec;
    this.names = spec.names();
    this.schema = schema;
    this.maxPending = config.maxPending();
    this.threshold = config.classificationThreshold();
    this.featureOf = new int[names.size()];
    for (int a = 0; a < names.size(); a++) {
      Integer i = schema.index.get(names.get(a));
      featureOf[a] = i == null ? -1 : i;
      codes.add(new HashMap<>());
      groups.add(new ArrayList<>());
    }
    selected = emptyCounts();
    outcomes.put(0L, new Outcomes());
  }

  SensitiveAttributes spec() {
    return spec;
  }

  /**
   * Counts one admitted row (called under the recording thread's stripe lock): {@code row} when
   * not null, else {@code vector} in schema order.
   */
  synchronized void record(Map<String, ?> row, double[] vector, Prediction prediction, String requestId) {
    int decision = decision(prediction);
    if (decision < 0) {
      skipped++;
      return;
    }
    int[] g = new int[names.size()];
    for (int a = 0; a < g.length; a++) {
      g[a] = code(a, row != null ? row.get(names.get(a)) : vectorValue(a, vector));
      selected[a] = grow(selected[a], g[a]);
      selected[a][4 * g[a] + decision]++;
    }
    rows++;
    if (requestId != null) {
      String key = PendingPredictions.key(requestId);
      if (pending.put(key, new Pending(g, decision, pane)) == null && pending.size() > maxPending) {
        pending.remove(pending.keySet().iterator().next());
      }
    }
  }

  /** Joins a label to its prediction's groups, in the outcome counts of the prediction's window. */
  synchronized void label(String requestId, double label) {
    Pending p = requestId == null ? null : pending.remove(PendingPredictions.key(requestId));
    Outcomes o = p == null ? null : outcomes.get(p.pane());
    if (o == null) {
      unmatched++;
      return;
    }
    if (o.counts == null) {
      o.counts = emptyCounts();
    }
    int positive = label == spec.favourableClass() ? 1 : 0;
    for (int a = 0; a < names.size(); a++) {
      int g = p.groups()[a];
      o.counts[a] = grow(o.counts[a], g);
      o.counts[a][4 * g + 2 * positive + p.decision()]++;
    }
    o.labelled++;
    o.changed = true;
  }

  /**
   * Takes the open pane's selections and opens the next pane (called with every stripe locked, so
   * no row is between the two).
   */
  synchronized Selection harvest() {
    Selection s = new Selection(pane, selected, rows, skipped);
    selected = emptyCounts();
    rows = 0;
    skipped = 0;
    pane++;
    outcomes.put(pane, new Outcomes());
    return s;
  }

  /**
   * Evaluates a reported window (on the evaluation thread): its selections, and the outcomes of
   * every window whose predictions received labels since the previous report.
   */
  FairnessWindow evaluate(Selection selection, long window) {
    List<List<String>> groupNames = new ArrayList<>();
    List<long[][]> changedCounts = new ArrayList<>();
    List<Outcomes> changed = new ArrayList<>();
    long unmatchedLabels;
    synchronized (this) {
      for (List<String> g : groups) {
        groupNames.add(List.copyOf(g));
      }
      for (Map.Entry<Long, Outcomes> e : outcomes.entrySet()) {
        Outcomes o = e.getValue();
        if (o.window < 0 && e.getKey() <= selection.pane()) {
          o.window = window;
        }
        if (o.changed && o.window >= 0) {
          o.changed = false;
          changed.add(o);
          long[][] copy = new long[o.counts.length][];
          for (int a = 0; a < copy.length; a++) {
            copy[a] = o.counts[a].clone();
          }
          changedCounts.add(copy);
        }
      }
      unmatchedLabels = unmatched;
      unmatched = 0;
      forgetBefore(selection.pane() + 1 - spec.labelWindows());
    }
    long seed = window;
    FairnessEvaluation sel = evaluation(groupNames, selection.counts(), false, seed);
    List<FairnessAlert> alerts = new ArrayList<>();
    alerts(window, sel, false, alerts);
    List<LabelledFairness> labelled = new ArrayList<>();
    for (int i = 0; i < changed.size(); i++) {
      Outcomes o = changed.get(i);
      FairnessEvaluation e = evaluation(groupNames, changedCounts.get(i), true, seed);
      labelled.add(new LabelledFairness(o.window, e.rows(), e));
      List<FairnessAlert> raised = new ArrayList<>();
      alerts(o.window, e, true, raised);
      synchronized (this) {
        for (FairnessAlert a : raised) {
          // a window's label-based alert is raised once, not again each time more labels arrive
          if (o.alerted.add(a.attribute() + '\u0000' + a.disparity())) {
            alerts.add(a);
          }
        }
      }
    }
    labelled.sort((x, y) -> Long.compare(x.window(), y.window()));
    return new FairnessWindow(window, selection.rows(), sel, labelled, alerts, selection.skipped(),
        unmatchedLabels);
  }

  /**
   * The tracker's whole state by group name (for a snapshot: called with every stripe locked, so
   * the selections are exactly the open window's rows).
   */
  synchronized FairnessState save() {
    List<List<String>> groupNames = new ArrayList<>();
    for (List<String> g : groups) {
      groupNames.add(List.copyOf(g));
    }
    List<FairnessState.Outcome> saved = new ArrayList<>();
    for (Map.Entry<Long, Outcomes> e : outcomes.entrySet()) {
      Outcomes o = e.getValue();
      saved.add(new FairnessState.Outcome(e.getKey(), o.window, o.labelled, o.changed,
          o.counts == null ? null : copy(o.counts), List.copyOf(o.alerted)));
    }
    List<FairnessState.Waiting> waiting = new ArrayList<>();
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      waiting.add(new FairnessState.Waiting(e.getKey(), p.groups().clone(), p.decision(), p.pane()));
    }
    return new FairnessState(names, groupNames, rows, skipped, copy(selected), pane, unmatched, saved, waiting);
  }

  /**
   * Refuses a saved state of other attributes, before anything is changed.
   *
   * @throws MonitorStateException if the attribute names differ
   */
  void check(FairnessState state) {
    if (!state.attributes().equals(names)) {
      throw new MonitorStateException("monitor state must watch the same sensitive attributes: "
          + state.attributes() + ", expected " + names);
    }
  }

  /**
   * Replaces the whole state (a restore): groups, the open window's selections, the recent
   * windows' outcomes and the pending predictions, within this tracker's bounds (groups beyond
   * {@code maxGroups} count as {@code "(other)"}, the oldest pending predictions beyond the pending
   * bound and outcomes older than the label windows are dropped). {@code null} empties it.
   */
  synchronized void restore(FairnessState state) {
    for (int a = 0; a < names.size(); a++) {
      codes.get(a).clear();
      groups.get(a).clear();
    }
    selected = emptyCounts();
    rows = 0;
    skipped = 0;
    unmatched = 0;
    pending.clear();
    outcomes.clear();
    if (state == null) {
      outcomes.put(pane, new Outcomes());
      return;
    }
    int[][] map = codeMap(state);
    pane = state.pane();
    for (FairnessState.Outcome saved : state.outcomes()) {
      Outcomes o = new Outcomes();
      o.window = saved.window();
      o.changed = saved.changed() && saved.counts() != null;
      o.alerted.addAll(saved.alerted());
      add(o, saved, map);
      outcomes.put(saved.pane(), o);
    }
    outcomes.putIfAbsent(pane, new Outcomes());
    addSelections(state, map);
    for (FairnessState.Waiting w : state.pending()) {
      addPending(w, map, w.pane());
    }
    forgetBefore(pane - spec.labelWindows());
  }

  /**
   * Adds another monitor's open window (a merge): its selections, the outcomes of its open
   * window's predictions and its predictions awaiting a label, as if recorded here in the open
   * window (of two pending predictions with one request id, this monitor's is kept). Its closed
   * windows' outcomes and their pending predictions are history, not merged.
   */
  synchronized void merge(FairnessState state) {
    int[][] map = codeMap(state);
    for (FairnessState.Outcome saved : state.outcomes()) {
      if (saved.pane() == state.pane() && saved.counts() != null) {
        Outcomes o = outcomes.get(pane);
        add(o, saved, map);
        o.changed |= saved.changed();
      }
    }
    addSelections(state, map);
    for (FairnessState.Waiting w : state.pending()) {
      if (w.pane() == state.pane()) {
        addPending(w, map, pane);
      }
    }
  }

  /**
   * Adds only the open window's selections of a saved state (what a {@link MonitorState} carries:
   * its rows' groups and decisions, no outcomes or pending predictions).
   */
  synchronized void mergeSelections(FairnessState state) {
    addSelections(state, codeMap(state));
  }

  private void addSelections(FairnessState state, int[][] map) {
    for (int a = 0; a < names.size(); a++) {
      long[] from = state.selected()[a];
      for (int g = 0; g < map[a].length; g++) {
        int to = map[a][g];
        selected[a] = grow(selected[a], to);
        for (int cell = 0; cell < 4; cell++) {
          selected[a][4 * to + cell] += from[4 * g + cell];
        }
      }
    }
    rows += state.rows();
    skipped += state.skipped();
    unmatched += state.unmatched();
  }

  private void add(Outcomes o, FairnessState.Outcome saved, int[][] map) {
    if (saved.counts() == null) {
      return;
    }
    if (o.counts == null) {
      o.counts = emptyCounts();
    }
    for (int a = 0; a < names.size(); a++) {
      long[] from = saved.counts()[a];
      for (int g = 0; g < map[a].length; g++) {
        int to = map[a][g];
        o.counts[a] = grow(o.counts[a], to);
        for (int cell = 0; cell < 4; cell++) {
          o.counts[a][4 * to + cell] += from[4 * g + cell];
        }
      }
    }
    o.labelled += saved.labelled();
  }

  private void addPending(FairnessState.Waiting w, int[][] map, long at) {
    int[] g = new int[names.size()];
    for (int a = 0; a < g.length; a++) {
      g[a] = map[a][w.groups()[a]];
    }
    if (pending.putIfAbsent(w.key(), new Pending(g, w.decision(), at)) == null && pending.size() > maxPending) {
      pending.remove(pending.keySet().iterator().next());
    }
  }

  /** This tracker's code of each saved group (registering new names, within the group bound). */
  private int[][] codeMap(FairnessState state) {
    int[][] map = new int[names.size()][];
    for (int a = 0; a < map.length; a++) {
      List<String> saved = state.groups().get(a);
      map[a] = new int[saved.size()];
      for (int g = 0; g < map[a].length; g++) {
        map[a][g] = code(a, saved.get(g));
      }
    }
    return map;
  }

  private static long[][] copy(long[][] counts) {
    long[][] c = new long[counts.length][];
    for (int a = 0; a < c.length; a++) {
      c[a] = counts[a].clone();
    }
    return c;
  }

  /** Stops collecting the labels of panes before {@code first} (called after their last report). */
  private void forgetBefore(long first) {
    while (!outcomes.isEmpty() && outcomes.firstKey() < first) {
      outcomes.pollFirstEntry();
    }
    // predictions are pending in the order they were made: those of forgotten panes come first
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      if (it.next().pane() >= first) {
        break;
      }
      it.remove();
    }
  }

  private FairnessEvaluation evaluation(List<List<String>> groupNames, long[][] counts, boolean labelled,
      long seed) {
    GroupFairness.Builder b = GroupFairness.builder().minGroupSize(spec.minGroupSize())
        .bootstrap(spec.resamples(), 0.95, seed);
    for (int a = 0; a < names.size(); a++) {
      List<String> g = groupNames.get(a);
      b.counts(names.get(a), g, Arrays.copyOf(counts[a], 4 * g.size()), labelled);
    }
    return b.evaluate();
  }

  private void alerts(long window, FairnessEvaluation evaluation, boolean fromLabels, List<FairnessAlert> out) {
    for (AttributeFairness a : evaluation.attributes()) {
      for (DisparityValue d : a.disparities()) {
        if (!d.defined() || d.disparity().needsLabels() != fromLabels) {
          continue;
        }
        Double min = spec.alertsBelow().get(d.disparity());
        Double max = spec.alertsAbove().get(d.disparity());
        Double bound = min != null && d.value() < min ? min : max != null && d.value() > max ? max : null;
        if (bound != null) {
          out.add(new FairnessAlert(window, a.attribute(), d.disparity(), d.value(), bound, d.highGroup(),
              d.lowGroup(), fromLabels));
        }
      }
    }
  }

  /** The favourable decision (1) or not (0), or -1 when the prediction has no class. */
  private int decision(Prediction p) {
    if (p == null) {
      return -1;
    }
    int cls;
    switch (p.kind()) {
      case CLASS -> cls = p.classIndex();
      case PROBABILITIES -> cls = p.classes() == 2 ? (p.probability(1) >= threshold ? 1 : 0) : p.classIndex();
      default -> cls = -1;
    }
    return cls < 0 ? -1 : cls == spec.favourableClass() ? 1 : 0;
  }

  /** The value of a sensitive attribute in a schema-order row (fast path): only features have one. */
  private Object vectorValue(int attribute, double[] vector) {
    int i = featureOf[attribute];
    if (i < 0 || vector == null || i >= vector.length || Double.isNaN(vector[i])) {
      return null;
    }
    FeatureSpec f = schema.features[i];
    double v = vector[i];
    if (f.numeric) {
      return v;
    }
    int k = (int) v;
    return k == v && k >= 0 && k < f.categories.length ? f.categories[k] : UNSEEN;
  }

  private int code(int attribute, Object value) {
    // a caller's huge value is held (for as long as the monitor lives) by its bounded key
    String group = value == null ? MISSING : PendingPredictions.key(String.valueOf(value));
    Map<String, Integer> known = codes.get(attribute);
    Integer code = known.get(group);
    if (code != null) {
      return code;
    }
    List<String> list = groups.get(attribute);
    if (list.size() >= spec.maxGroups() - 1) {
      group = OTHER;
      code = known.get(OTHER);
      if (code != null) {
        return code;
      }
    }
    code = list.size();
    known.put(group, code);
    list.add(group);
    return code;
  }

  private long[][] emptyCounts() {
    long[][] c = new long[names.size()][];
    for (int a = 0; a < c.length; a++) {
      c[a] = new long[16];
    }
    return c;
  }

  private static long[] grow(long[] counts, int group) {
    return 4 * group < counts.length ? counts : Arrays.copyOf(counts, Math.max(4 * group + 4, 2 * counts.length));
  }
}

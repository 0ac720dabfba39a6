package dev.mlops.drift.fairness;

import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupFairness;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the group fairness of served decisions, window by window: per sensitive attribute, the
 * selection-rate disparities from the predictions alone, and the disparities that need the truth
 * (equal opportunity, equalized odds, predictive parity) from the labels as they arrive. A
 * disparity that crosses its declared bound raises a {@link FairnessAlert} through the listeners;
 * {@code FairnessMonitorMetrics} exposes the latest window to Micrometer.
 *
 * <pre>{@code
 * FairnessMonitor fairness = FairnessMonitor.builder("region", "channel")
 *     .windowSize(1_000)
 *     .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8)          // the four-fifths rule
 *     .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.1)
 *     .listener(w -> w.alerts().forEach(a -> LOG.warn("{}", a.toText())))
 *     .build();
 * fairness.record("req-1", requestRow, predictedClass);   // e.g. from the endpoint's PredictionListener
 * fairness.recordLabel("req-1", actualClass);             // when the truth arrives
 * }</pre>
 *
 * <p>Memory is bounded: at most {@code maxGroups} groups per attribute (later values are counted
 * as {@code "(other)"}) and {@code maxPending} predictions awaiting a label (the oldest is dropped
 * and counted). Recording never throws on bad input: a missing attribute is the group
 * {@code "(missing)"}, an unusable request id is counted as skipped. A label is counted in the
 * window open when it arrives, with the group and decision of its prediction.
 *
 * <p>Thread-safe: every method synchronises on the monitor (one short critical section per
 * record; the window's evaluation runs on the thread that closes it).
 */
public final class FairnessMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(FairnessMonitor.class);
  static final String MISSING = "(missing)";
  static final String OTHER = "(other)";
  private static final int MAX_ID_LENGTH = 256;

  private final List<String> attributes;
  private final int windowSize;
  private final int favourable;
  private final int minGroupSize;
  private final int maxGroups;
  private final int maxPending;
  private final int resamples;
  private final Map<Disparity, Double> below;
  private final Map<Disparity, Double> above;
  private final List<FairnessListener> listeners;

  private final List<Map<String, Integer>> codes = new ArrayList<>();
  private final List<List<String>> names = new ArrayList<>();
  private final LinkedHashMap<String, int[]> pending = new LinkedHashMap<>();
  private long[][] selected;
  private long[][] outcomes;
  private long rows;
  private long labelled;
  private long skipped;
  private long index;
  private long expired;
  private FairnessWindow latest;

  private FairnessMonitor(Builder b) {
    this.attributes = List.copyOf(b.attributes);
    this.windowSize = b.windowSize;
    this.favourable = b.favourable;
    this.minGroupSize = b.minGroupSize;
    this.maxGroups = b.maxGroups;
    this.maxPending = b.maxPending;
    this.resamples = b.resamples;
    this.below = new EnumMap<>(b.below);
    this.above = new EnumMap<>(b.above);
    this.listeners = List.copyOf(b.listeners);
    for (int a = 0; a < attributes.size(); a++) {
      codes.add(new HashMap<>());
      names.add(new ArrayList<>());
    }
    resetCounts();
  }

  /**
   * Starts a monitor of one or more sensitive attributes (request fields).
   *
   * @param attributes the attribute names, read from each request row
   * @return the builder
   * @throws IllegalArgumentException if none is given, one is blank or they repeat
   */
  public static Builder builder(String... attributes) {
    return new Builder(List.of(attributes));
  }

  /**
   * Records one served decision.
   *
   * @param requestId the request's id (joins the label later)
   * @param row the request row holding the sensitive attributes
   * @param predictedClass the class the model decided; {@code favourableClass} counts as selected
   * @return {@code false} if the record was skipped (null or over-long id, null row), counted
   */
  public synchronized boolean record(String requestId, Map<String, ?> row, int predictedClass) {
    if (requestId == null || requestId.length() > MAX_ID_LENGTH || row == null) {
      skipped++;
      return false;
    }
    int decision = predictedClass == favourable ? 1 : 0;
    int[] entry = new int[attributes.size() + 1];
    for (int a = 0; a < attributes.size(); a++) {
      int g = code(a, row.get(attributes.get(a)));
      entry[a] = g;
      selected[a] = grow(selected[a], g);
      selected[a][4 * g + decision]++;
    }
    entry[attributes.size()] = decision;
    if (pending.put(requestId, entry) == null && pending.size() > maxPending) {
      pending.remove(pending.keySet().iterator().next());
      expired++;
    }
    rows++;
    if (rows >= windowSize) {
      closeWindow();
    }
    return true;
  }

  /**
   * Joins the true class of an earlier decision.
   *
   * @param requestId the id given to {@link #record}
   * @param actualClass the true class; {@code favourableClass} counts as a positive
   * @return {@code false} if no pending decision has that id (counted as skipped)
   */
  public synchronized boolean recordLabel(String requestId, int actualClass) {
    int[] entry = requestId == null ? null : pending.remove(requestId);
    if (entry == null) {
      skipped++;
      return false;
    }
    int label = actualClass == favourable ? 1 : 0;
    int decision = entry[attributes.size()];
    for (int a = 0; a < attributes.size(); a++) {
      outcomes[a] = grow(outcomes[a], entry[a]);
      outcomes[a][4 * entry[a] + 2 * label + decision]++;
    }
    labelled++;
    return true;
  }

  /**
   * Closes the open window (also done after every {@code windowSize} records), evaluates it and
   * tells the listeners.
   *
   * @return the window, or empty if it recorded nothing (an empty window is never reported)
   */
  public synchronized Optional<FairnessWindow> closeWindow() {
    if (rows == 0 && labelled == 0) {
      return Optional.empty();
    }
    GroupFairness.Builder sel = GroupFairness.builder().minGroupSize(minGroupSize).bootstrap(resamples, 0.95, index);
    GroupFairness.Builder out = GroupFairness.builder().minGroupSize(minGroupSize).bootstrap(resamples, 0.95, index);
    for (int a = 0; a < attributes.size(); a++) {
      List<String> groups = List.copyOf(names.get(a));
      sel.counts(attributes.get(a), groups, padded(selected[a], groups.size()), false);
      out.counts(attributes.get(a), groups, padded(outcomes[a], groups.size()), true);
    }
    FairnessEvaluation selection = rows > 0 ? sel.evaluate() : emptySelection();
    FairnessEvaluation outcome = labelled > 0 ? out.evaluate() : null;
    List<FairnessAlert> alerts = new ArrayList<>();
    alerts(selection, false, alerts);
    if (outcome != null) {
      alerts(outcome, true, alerts);
    }
    FairnessWindow window = new FairnessWindow(index++, rows, labelled, selection, outcome, alerts, skipped);
    latest = window;
    rows = 0;
    labelled = 0;
    skipped = 0;
    resetCounts();
    for (FairnessListener listener : listeners) {
      try {
        listener.onWindow(window);
      } catch (RuntimeException e) {
        LOG.error("fairness listener {} failed on window {}", listener, window.index(), e);
      }
    }
    return Optional.of(window);
  }

  /**
   * The latest closed window.
   *
   * @return the window, or empty before the first
   */
  public synchronized Optional<FairnessWindow> latest() {
    return Optional.ofNullable(latest);
  }

  /**
   * Decisions dropped from the label join because more than {@code maxPending} awaited a label.
   *
   * @return the count since the monitor started
   */
  public synchronized long expiredPredictions() {
    return expired;
  }

  /**
   * The monitored attributes.
   *
   * @return the names, in order
   */
  public List<String> attributes() {
    return attributes;
  }

  private void alerts(FairnessEvaluation evaluation, boolean fromLabels, List<FairnessAlert> out) {
    for (AttributeFairness a : evaluation.attributes()) {
      for (DisparityValue d : a.disparities()) {
        if (!d.defined() || d.disparity().needsLabels() != fromLabels) {
          continue;
        }
        Double min = below.get(d.disparity());
        Double max = above.get(d.disparity());
        if (min != null && d.value() < min) {
          out.add(new FairnessAlert(a.attribute(), d.disparity(), d.value(), min, d.highGroup(), d.lowGroup(),
              fromLabels));
        } else if (max != null && d.value() > max) {
          out.add(new FairnessAlert(a.attribute(), d.disparity(), d.value(), max, d.highGroup(), d.lowGroup(),
              fromLabels));
        }
      }
    }
  }

  private FairnessEvaluation emptySelection() {
    GroupFairness.Builder b = GroupFairness.builder().minGroupSize(minGroupSize).bootstrap(0, 0.95, index);
    for (String attribute : attributes) {
      b.counts(attribute, List.of(), new long[0], false);
    }
    return b.evaluate();
  }

  private int code(int attribute, Object value) {
    String group = value == null ? MISSING : String.valueOf(value);
    Map<String, Integer> known = codes.get(attribute);
    Integer code = known.get(group);
    if (code != null) {
      return code;
    }
    List<String> list = names.get(attribute);
    if (list.size() >= maxGroups - 1) {
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

  private static long[] grow(long[] counts, int group) {
    return 4 * group < counts.length ? counts : java.util.Arrays.copyOf(counts, Math.max(4 * group + 4, 2 * counts.length));
  }

  private static long[] padded(long[] counts, int groups) {
    return java.util.Arrays.copyOf(counts, 4 * groups);
  }

  private void resetCounts() {
    selected = new long[attributes.size()][16];
    outcomes = new long[attributes.size()][16];
  }

  /** Configures a {@link FairnessMonitor}. Not thread-safe. */
  public static final class Builder {
    private final List<String> attributes;
    private int windowSize = 1_000;
    private int favourable = 1;
    private int minGroupSize = 30;
    private int maxGroups = 1_000;
    private int maxPending = 100_000;
    private int resamples = 0;
    private final Map<Disparity, Double> below = new EnumMap<>(Disparity.class);
    private final Map<Disparity, Double> above = new EnumMap<>(Disparity.class);
    private final List<FairnessListener> listeners = new ArrayList<>();

    private Builder(List<String> attributes) {
      if (attributes.isEmpty()) {
        throw new IllegalArgumentException("fairness monitor must watch at least one attribute");
      }
      for (String a : attributes) {
        if (a == null || a.isBlank()) {
          throw new IllegalArgumentException("attribute name must not be blank: " + a);
        }
      }
      if (attributes.stream().distinct().count() != attributes.size()) {
        throw new IllegalArgumentException("attribute names must be unique: " + attributes);
      }
      this.attributes = attributes;
    }

    /**
     * Sets the window size in records (default 1,000).
     *
     * @param rows at least 1
     * @return this builder
     */
    public Builder windowSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("window size must be at least 1: " + rows);
      }
      this.windowSize = rows;
      return this;
    }

    /**
     * Sets the favourable class (default 1): a decision of it is a selection, a label of it a positive.
     *
     * @param classIndex the class index, not negative
     * @return this builder
     */
    public Builder favourableClass(int classIndex) {
      if (classIndex < 0) {
        throw new IllegalArgumentException("favourable class must not be negative: " + classIndex);
      }
      this.favourable = classIndex;
      return this;
    }

    /**
     * Sets the minimum group size of a judged group (default 30).
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder minGroupSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("min group size must be at least 1: " + size);
      }
      this.minGroupSize = size;
      return this;
    }

    /**
     * Bounds the groups kept per attribute, "(other)" included (default 1,000; values beyond count as
     * "(other)").
     *
     * @param groups at least 2
     * @return this builder
     */
    public Builder maxGroups(int groups) {
      if (groups < 2) {
        throw new IllegalArgumentException("max groups must be at least 2: " + groups);
      }
      this.maxGroups = groups;
      return this;
    }

    /**
     * Bounds the decisions awaiting a label (default 100,000; the oldest is dropped and counted).
     *
     * @param predictions at least 1
     * @return this builder
     */
    public Builder maxPending(int predictions) {
      if (predictions < 1) {
        throw new IllegalArgumentException("max pending must be at least 1: " + predictions);
      }
      this.maxPending = predictions;
      return this;
    }

    /**
     * Adds bootstrap intervals to every window (default 0: none; intervals cost O(groups) per
     * resample, not O(rows)).
     *
     * @param resamples 0 or at least 100
     * @return this builder
     */
    public Builder bootstrap(int resamples) {
      if (resamples != 0 && resamples < 100) {
        throw new IllegalArgumentException("resamples must be 0 or at least 100: " + resamples);
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * Alerts when a disparity falls below a bound (for the disparate impact ratio: 0.8).
     *
     * @param disparity the disparity
     * @param bound the smallest acceptable value
     * @return this builder
     */
    public Builder alertBelow(Disparity disparity, double bound) {
      if (Double.isNaN(bound)) {
        throw new IllegalArgumentException("alert bound must not be NaN: " + disparity);
      }
      below.put(Objects.requireNonNull(disparity, "disparity"), bound);
      return this;
    }

    /**
     * Alerts when a disparity rises above a bound.
     *
     * @param disparity the disparity
     * @param bound the largest acceptable value
     * @return this builder
     */
    public Builder alertAbove(Disparity disparity, double bound) {
      if (Double.isNaN(bound)) {
        throw new IllegalArgumentException("alert bound must not be NaN: " + disparity);
      }
      above.put(Objects.requireNonNull(disparity, "disparity"), bound);
      return this;
    }

    /**
     * Adds a listener of closed windows.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(FairnessListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     */
    public FairnessMonitor build() {
      return new FairnessMonitor(this);
    }
  }
}

package dev.mlops.metrics.fairness;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The entry point of group fairness: per-group rates and the disparities between groups of one or
 * more sensitive attributes, with bootstrap intervals and a minimum group size below which a group
 * is reported, not judged. Class 1 is the favourable ("selected") outcome.
 *
 * <pre>{@code
 * FairnessEvaluation fairness = GroupFairness.builder()
 *     .predictions(approved)                      // 0/1 decisions
 *     .labels(repaid)                             // 0/1 truth (optional: without it, selection rates only)
 *     .attribute("region", regionOfRow)           // String per row, or int codes + names
 *     .attribute("sex", sexOfRow)
 *     .intersection("region", "sex")              // groups "north & f", ...
 *     .minGroupSize(50)
 *     .evaluate();
 * double di = fairness.attribute("region").disparity(Disparity.DISPARATE_IMPACT_RATIO).value();
 * }</pre>
 *
 * <p>Intervals come from a bootstrap stratified by group and label (each group keeps its size and
 * its count of positives) that resamples the groups' confusion counts exactly (binomial draws), so
 * their cost does not grow with the number of rows. Thread-safe (stateless); the builder is not.
 */
public final class GroupFairness {

  private GroupFairness() {}

  /**
   * Starts an evaluation.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the decisions, labels and attributes. Not thread-safe. */
  public static final class Builder {
    private int[] predicted;
    private int[] labels;
    private final Map<String, GroupCodes> attributes = new LinkedHashMap<>();
    private final List<String[]> intersections = new ArrayList<>();
    private final Map<String, CountedAttribute> counted = new LinkedHashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private double[] scores;
    private double threshold = Double.NaN;
    private int minGroupSize = 30;
    private int resamples = 1000;
    private double level = 0.95;
    private long seed = 42L;

    private Builder() {}

    /**
     * Sets the 0/1 decisions (1 = selected / favourable).
     *
     * @param predicted one decision per row
     * @return this builder
     * @throws NullPointerException if predicted is null
     * @throws IllegalStateException if decisions were already set
     */
    public Builder predictions(int[] predicted) {
      Objects.requireNonNull(predicted, "predicted");
      if (this.predicted != null) {
        throw new IllegalStateException("predictions were already set");
      }
      this.predicted = predicted;
      return this;
    }

    /**
     * Sets the decisions from the probabilities of class 1: {@code score >= threshold} is selected.
     * Per-group {@link #metric(Metric) metrics} then see the scores too (ROC AUC by group).
     *
     * @param scores the probability of class 1 per row, in [0, 1]
     * @param threshold the decision threshold, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if a score is NaN or the threshold is outside [0, 1]
     */
    public Builder scores(double[] scores, double threshold) {
      Objects.requireNonNull(scores, "scores");
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException("threshold must be finite: " + threshold);
      }
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
      }
      int[] decided = new int[scores.length];
      for (int i = 0; i < scores.length; i++) {
        if (Double.isNaN(scores[i])) {
          throw new IllegalArgumentException("scores must not be NaN: scores[" + i + "]");
        }
        decided[i] = scores[i] >= threshold ? 1 : 0;
      }
      predictions(decided);
      this.scores = scores;
      this.threshold = threshold;
      return this;
    }

    /**
     * Sets the 0/1 true labels (optional: without them only selection-rate disparities are defined).
     *
     * @param labels one label per row
     * @return this builder
     */
    public Builder labels(int[] labels) {
      this.labels = Objects.requireNonNull(labels, "labels");
      return this;
    }

    /**
     * Adds a sensitive attribute given as one group name per row.
     *
     * @param name the attribute's name
     * @param groupOfRow the group of each row (null is a group named "null")
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder attribute(String name, String[] groupOfRow) {
      return attribute(name, GroupCodes.of(groupOfRow));
    }

    /**
     * Adds a sensitive attribute as a key function of the rows (any type; the key's
     * {@code String.valueOf} names the group).
     *
     * @param name the attribute's name
     * @param rows the rows, in the order of the decisions
     * @param key the attribute of a row
     * @param <T> the row type
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public <T> Builder attribute(String name, List<T> rows, Function<? super T, ?> key) {
      return attribute(name, GroupCodes.of(rows, key));
    }

    /**
     * Adds a sensitive attribute already encoded as group codes (not copied: read, and checked,
     * when evaluated; to evaluate one dataset several times, encode it once with {@link
     * GroupCodes#of(int[], List)}, which checks the codes once).
     *
     * @param name the attribute's name
     * @param codes the group code of each row, in [0, groupNames.size())
     * @param groupNames the name of each code
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or used, or names repeat (a code out of
     *     range is refused by {@link #evaluate()}, naming the row)
     */
    public Builder attribute(String name, int[] codes, List<String> groupNames) {
      return attribute(name, GroupCodes.borrow(codes, groupNames));
    }

    /**
     * Adds a sensitive attribute encoded once per dataset (the fastest form: nothing is encoded or
     * checked again, the evaluation only counts).
     *
     * @param name the attribute's name
     * @param groups the group of every row
     * @return this builder
     * @throws NullPointerException if groups is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder attribute(String name, GroupCodes groups) {
      Objects.requireNonNull(groups, "groups");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("attribute name must not be blank: " + name);
      }
      if (attributes.containsKey(name)) {
        throw new IllegalArgumentException("attribute name must be unique: " + name);
      }
      attributes.put(name, groups);
      return this;
    }

    /**
     * Adds an attribute already reduced to confusion counts (what a monitor keeps per window): for
     * group {@code g}, {@code confusion[4g]} true negatives, {@code [4g+1]} false positives,
     * {@code [4g+2]} false negatives, {@code [4g+3]} true positives; without labels every row is
     * counted as label 0 (cells 0 and 1: not selected, selected). Needs no decisions.
     *
     * @param name the attribute's name
     * @param groups the name of each group
     * @param confusion 4 counts per group, none negative
     * @param labelled whether the counts know the labels
     * @return this builder
     * @throws IllegalArgumentException if the lengths disagree, a count is negative, or labels are
     *     missing but positives were counted
     */
    public Builder counts(String name, List<String> groups, long[] confusion, boolean labelled) {
      List<String> names = List.copyOf(groups);
      if (confusion.length != 4 * names.size()) {
        throw new IllegalArgumentException("confusion counts of attribute '" + name + "' must hold 4 per group: "
            + confusion.length + " for " + names.size() + " groups");
      }
      for (int i = 0; i < confusion.length; i++) {
        if (confusion[i] < 0 || (!labelled && i % 4 >= 2 && confusion[i] != 0)) {
          throw new IllegalArgumentException("confusion count of attribute '" + name + "' must be "
              + (confusion[i] < 0 ? "non-negative" : "0 without labels") + ": [" + i + "] = " + confusion[i]);
        }
      }
      if (name == null || name.isBlank() || attributes.containsKey(name) || counted.containsKey(name)) {
        throw new IllegalArgumentException("attribute name must be non-blank and unique: " + name);
      }
      counted.put(name, new CountedAttribute(names, confusion.clone(), labelled));
      return this;
    }

    /**
     * Adds the intersection of two attributes added before (groups named {@code "a & b"}).
     *
     * @param first an attribute's name
     * @param second another attribute's name
     * @return this builder
     */
    public Builder intersection(String first, String second) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (first.equals(second)) {
        throw new IllegalArgumentException("an intersection must name two different attributes: " + first);
      }
      intersections.add(new String[] {first, second});
      return this;
    }

    /**
     * Adds a classification metric computed per group (a built-in such as {@link Metric#F1} or a
     * user-defined {@link dev.mlops.metrics.CustomMetric}); it needs labels, and scores for the
     * metrics that rank ({@link #scores(double[], double)}). Reported under its key; undefined in a
     * group (e.g. ROC AUC of a group with one class) gives NaN ({@code null} in JSON).
     *
     * @param metric the metric
     * @return this builder
     * @throws IllegalArgumentException if it is not a classification metric or its key is used
     */
    public Builder metric(Metric metric) {
      Objects.requireNonNull(metric, "metric");
      if (metric.kind() != MetricKind.CLASSIFICATION) {
        throw new IllegalArgumentException("group metric must be a classification metric: " + metric.key());
      }
      if (metrics.containsKey(metric.key())) {
        throw new IllegalArgumentException("group metric keys must be unique: " + metric.key());
      }
      metrics.put(metric.key(), metric);
      return this;
    }

    /**
     * Sets the minimum size of a judged group (default 30): smaller groups are reported, not judged.
     *
     * @param size the minimum, at least 1
     * @return this builder
     */
    public Builder minGroupSize(int size) {
      this.minGroupSize = Checks.minGroupSize(size);
      return this;
    }

    /**
     * Sets the bootstrap (default 1000 resamples, 95%, seed 42); 0 resamples computes no interval.
     *
     * @param resamples the number of resamples, 0 or at least 100
     * @param level the confidence level in (0, 1)
     * @param seed the seed
     * @return this builder
     */
    public Builder bootstrap(int resamples, double level, long seed) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
      }
      this.resamples = Checks.fairnessResamples(resamples);
      this.level = level;
      this.seed = seed;
      return this;
    }

    /**
     * Computes the evaluation.
     *
     * @return the evaluation
     * @throws IllegalStateException if no decisions or no attribute were given
     * @throws IllegalArgumentException if lengths differ or a value is not 0/1, naming the array and row
     */
    public FairnessEvaluation evaluate() {
      if (predicted == null && !attributes.isEmpty()) {
        throw new IllegalStateException("predictions (or scores) must be set before evaluate()");
      }
      if (attributes.isEmpty() && counted.isEmpty()) {
        throw new IllegalStateException("at least one attribute must be added before evaluate()");
      }
      if (predicted == null) {
        return fromCounts();
      }
      int n = predicted.length;
      if (!metrics.isEmpty() && labels == null) {
        throw new IllegalStateException("group metrics " + metrics.keySet() + " need labels");
      }
      if (labels != null && labels.length != n) {
        throw new IllegalArgumentException("labels must have one value per prediction: " + labels.length
            + " labels, " + n + " predictions");
      }
      Map<String, GroupCodes> all = new LinkedHashMap<>(attributes);
      for (String[] pair : intersections) {
        all.put(pair[0] + " & " + pair[1], known(pair[0]).intersect(known(pair[1])));
      }
      List<AttributeFairness> out = new ArrayList<>();
      for (Map.Entry<String, GroupCodes> e : all.entrySet()) {
        GroupCodes attribute = e.getValue();
        if (attribute.rows() != n) {
          throw new IllegalArgumentException("attribute '" + e.getKey() + "' must have one value per prediction: "
              + attribute.rows() + " values, " + n + " predictions");
        }
        out.add(evaluate(e.getKey(), attribute));
      }
      if (!counted.isEmpty()) {
        throw new IllegalStateException("an evaluation takes rows or counts, not both: counted "
            + counted.keySet());
      }
      return new FairnessEvaluation(n, labels != null, out, level, resamples, seed);
    }

    private AttributeFairness evaluate(String name, GroupCodes attribute) {
      List<String> names = attribute.groupNames();
      long[] counts = GroupCounts.count(attribute, labels, predicted);
      Map<Integer, Map<String, Double>> perGroup = metrics.isEmpty() ? Map.of()
          : groupMetrics(attribute.codes(), names.size());
      return AttributeEvaluator.evaluate(name, names, counts, labels != null, perGroup, minGroupSize, resamples,
          level, seed);
    }

    private Map<Integer, Map<String, Double>> groupMetrics(int[] codes, int groups) {
      int[] sizes = new int[groups];
      for (int c : codes) {
        sizes[c]++;
      }
      int[][] rowsOf = new int[groups][];
      for (int g = 0; g < groups; g++) {
        rowsOf[g] = new int[sizes[g]];
      }
      int[] fill = new int[groups];
      for (int i = 0; i < codes.length; i++) {
        int g = codes[i];
        rowsOf[g][fill[g]++] = i;
      }
      MetricData all = scores != null ? MetricData.binary(labels, scores).withThreshold(threshold)
          : MetricData.classes(labels, predicted, 2);
      Map<Integer, Map<String, Double>> out = new HashMap<>();
      for (int g = 0; g < groups; g++) {
        if (sizes[g] == 0) {
          continue;
        }
        MetricData group = all.select(rowsOf[g]);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Metric> m : metrics.entrySet()) {
          MetricValue v = m.getValue().evaluate(group);
          values.put(m.getKey(), v.defined() ? v.value() : Double.NaN);
        }
        out.put(g, values);
      }
      return out;
    }

    private FairnessEvaluation fromCounts() {
      if (!metrics.isEmpty() || !intersections.isEmpty()) {
        throw new IllegalStateException("group metrics and intersections need rows, not counts");
      }
      List<AttributeFairness> out = new ArrayList<>();
      long rows = -1;
      boolean labelled = true;
      for (Map.Entry<String, CountedAttribute> e : counted.entrySet()) {
        CountedAttribute c = e.getValue();
        long total = Arrays.stream(c.confusion()).sum();
        if (rows >= 0 && total != rows) {
          throw new IllegalArgumentException("counted attributes must cover the same rows: '" + e.getKey() + "' has "
              + total + ", the first " + rows);
        }
        rows = total;
        labelled &= c.labelled();
        out.add(AttributeEvaluator.evaluate(e.getKey(), c.groups(), c.confusion(), c.labelled(), Map.of(),
            minGroupSize, resamples, level, seed));
      }
      return new FairnessEvaluation(rows, labelled, out, level, resamples, seed);
    }

    private GroupCodes known(String name) {
      GroupCodes a = attributes.get(name);
      if (a == null) {
        throw new IllegalArgumentException("intersection must name attributes added before: " + name
            + " (added: " + attributes.keySet() + ")");
      }
      return a;
    }
  }

  /** An attribute given as confusion counts. */
  private record CountedAttribute(List<String> groups, long[] confusion, boolean labelled) {}
}

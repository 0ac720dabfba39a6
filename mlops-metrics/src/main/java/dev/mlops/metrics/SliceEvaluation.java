package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.EvaluationJson;
import dev.mlops.metrics.internal.TextTables;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The same evaluation computed on every slice (group) of the data, plus the evaluation of all rows,
 * built by {@link Slices}. Slices are ordered by key. Immutable and thread-safe.
 *
 * @param overall the evaluation of all rows
 * @param slices one evaluation per distinct key
 * @param <E> the evaluation type
 */
public record SliceEvaluation<E extends Evaluation>(E overall, List<Slice<E>> slices) {

  /**
   * One slice: its key, its row count and its evaluation.
   *
   * @param key the group key
   * @param n the number of rows in the slice
   * @param evaluation the evaluation of those rows
   * @param <E> the evaluation type
   */
  public record Slice<E extends Evaluation>(String key, long n, E evaluation) {
    /**
     * Validates the slice.
     *
     * @throws NullPointerException if the key or evaluation is null
     */
    public Slice {
      Checks.nonNull("key", key, "evaluation", evaluation);
    }
  }

  /**
   * Freezes the slice list.
   *
   * @throws NullPointerException if an argument is null
   */
  public SliceEvaluation {
    Objects.requireNonNull(overall, "overall");
    slices = List.copyOf(slices);
  }

  /**
   * Finds a slice by key.
   *
   * @param key the key
   * @return the slice, or empty
   */
  public Optional<Slice<E>> slice(String key) {
    return slices.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /**
   * Returns the slice where a metric is worst (lowest if greater is better, highest otherwise),
   * among the slices where it is defined. Ties go to the larger slice, then the smaller key.
   *
   * @param metric the metric
   * @return the worst slice, or empty if the metric is defined on no slice
   * @throws IllegalArgumentException if the evaluations do not compute the metric
   */
  public Optional<Slice<E>> worst(Metric metric) {
    return worst(metric, 1);
  }

  /**
   * Returns the worst slice among those with at least {@code minSize} rows.
   *
   * @param metric the metric
   * @param minSize the smallest slice size considered, at least 1
   * @return the worst slice, or empty
   * @throws IllegalArgumentException if {@code minSize < 1} or the metric is not computed
   */
  public Optional<Slice<E>> worst(Metric metric, long minSize) {
    if (minSize < 1) {
      throw new IllegalArgumentException("min slice size must be at least 1: " + minSize);
    }
    overall.metric(metric);
    Comparator<Slice<E>> byBadness = Comparator.comparingDouble(s -> s.evaluation().value(metric));
    if (metric.greaterIsBetter()) {
      byBadness = byBadness.reversed();
    }
    Comparator<Slice<E>> order = byBadness.thenComparingLong(Slice<E>::n).thenComparing(Slice::key, Comparator.reverseOrder());
    return slices.stream()
        .filter(s -> s.n() >= minSize && s.evaluation().metric(metric).defined())
        .max(order);
  }

  /**
   * Renders one line per slice with n and the given metrics (value and interval).
   *
   * @param metrics the columns
   * @return an aligned table
   */
  public String toText(Metric... metrics) {
    return TextTables.slices(this, List.of(metrics));
  }

  /**
   * Renders the slices as JSON: {@code {"overall": {...}, "slices": [{"key", "n", "evaluation"}]}}.
   *
   * @return a JSON object
   */
  public String toJson() {
    return EvaluationJson.slices(this);
  }
}

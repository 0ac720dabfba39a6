package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Evaluates a model on every slice (group) of the data: by a categorical feature's value or any
 * key function of the row.
 *
 * <pre>{@code
 * String[] keys = Slices.keys(rows, r -> r.season());
 * SliceEvaluation<ClassificationEvaluation> bySeason = Slices.byKey(keys, labels, scores);
 * bySeason.worst(Metric.RECALL).ifPresent(s -> log.info("worst season: {}", s.key()));
 * }</pre>
 *
 * <p>The optional {@code configure} function configures each slice's builder (threshold,
 * bootstrap, level...); it must not set weights (a slice's rows differ from the full data's).
 * Stateless and thread-safe.
 */
public final class Slices {

  private Slices() {}

  /**
   * Computes the key of every row.
   *
   * @param rows the rows
   * @param key the key function; must not return null
   * @param <T> the row type
   * @return one key per row
   * @throws IllegalArgumentException if the function returns null for a row (naming its index)
   */
  public static <T> String[] keys(List<T> rows, Function<? super T, String> key) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(key, "key");
    String[] keys = new String[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key.apply(rows.get(i));
      if (keys[i] == null) {
        throw new IllegalArgumentException("slice key must not be null: row " + i);
      }
    }
    return keys;
  }

  /**
   * Binary classification per slice, default settings.
   *
   * @param keys one slice key per row
   * @param labels 0/1 labels
   * @param scores P(class 1)
   * @return the per-slice evaluations
   */
  public static SliceEvaluation<ClassificationEvaluation> byKey(String[] keys, int[] labels, double[] scores) {
    return byKey(keys, labels, scores, UnaryOperator.identity());
  }

  /**
   * Binary classification per slice.
   *
   * @param keys one slice key per row
   * @param labels 0/1 labels
   * @param scores P(class 1)
   * @param configure configures each slice's builder
   * @return the per-slice evaluations
   * @throws IllegalArgumentException on bad arrays or a null key (naming its index)
   */
  public static SliceEvaluation<ClassificationEvaluation> byKey(String[] keys, int[] labels, double[] scores,
      UnaryOperator<ClassificationEvaluation.Builder> configure) {
    ClassificationEvaluation overall = configure.apply(ClassificationEvaluation.binary(labels, scores)).evaluate();
    TreeMap<String, List<Integer>> groups = group(keys, labels.length);
    List<SliceEvaluation.Slice<ClassificationEvaluation>> slices = new ArrayList<>();
    for (var e : groups.entrySet()) {
      int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      int[] l = new int[idx.length];
      double[] s = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        l[i] = labels[idx[i]];
        s[i] = scores[idx[i]];
      }
      ClassificationEvaluation.Builder b = ClassificationEvaluation.binary(l, s)
          .classNames(overall.classNames());
      slices.add(new SliceEvaluation.Slice<>(e.getKey(), idx.length, configure.apply(b).evaluate()));
    }
    return new SliceEvaluation<>(overall, slices);
  }

  /**
   * Multiclass classification per slice.
   *
   * @param keys one slice key per row
   * @param labels class labels
   * @param probabilities probability rows
   * @param configure configures each slice's builder
   * @return the per-slice evaluations
   * @throws IllegalArgumentException on bad arrays or a null key (naming its index)
   */
  public static SliceEvaluation<ClassificationEvaluation> byKey(String[] keys, int[] labels,
      double[][] probabilities, UnaryOperator<ClassificationEvaluation.Builder> configure) {
    ClassificationEvaluation overall = configure.apply(ClassificationEvaluation.multiclass(labels, probabilities)).evaluate();
    TreeMap<String, List<Integer>> groups = group(keys, labels.length);
    List<SliceEvaluation.Slice<ClassificationEvaluation>> slices = new ArrayList<>();
    for (var e : groups.entrySet()) {
      int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      int[] l = new int[idx.length];
      double[][] p = new double[idx.length][];
      for (int i = 0; i < idx.length; i++) {
        l[i] = labels[idx[i]];
        p[i] = probabilities[idx[i]];
      }
      ClassificationEvaluation.Builder b = ClassificationEvaluation.multiclass(l, p)
          .classNames(overall.classNames());
      slices.add(new SliceEvaluation.Slice<>(e.getKey(), idx.length, configure.apply(b).evaluate()));
    }
    return new SliceEvaluation<>(overall, slices);
  }

  /**
   * Regression per slice, default settings.
   *
   * @param keys one slice key per row
   * @param actual true values
   * @param predicted predictions
   * @return the per-slice evaluations
   */
  public static SliceEvaluation<RegressionEvaluation> byKey(String[] keys, double[] actual, double[] predicted) {
    return byKey(keys, actual, predicted, UnaryOperator.identity());
  }

  /**
   * Regression per slice.
   *
   * @param keys one slice key per row
   * @param actual true values
   * @param predicted predictions
   * @param configure configures each slice's builder
   * @return the per-slice evaluations
   * @throws IllegalArgumentException on bad arrays or a null key (naming its index)
   */
  public static SliceEvaluation<RegressionEvaluation> byKey(String[] keys, double[] actual, double[] predicted,
      UnaryOperator<RegressionEvaluation.Builder> configure) {
    RegressionEvaluation overall = configure.apply(RegressionEvaluation.builder(actual, predicted)).evaluate();
    TreeMap<String, List<Integer>> groups = group(keys, actual.length);
    List<SliceEvaluation.Slice<RegressionEvaluation>> slices = new ArrayList<>();
    for (var e : groups.entrySet()) {
      int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      double[] a = new double[idx.length];
      double[] p = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        a[i] = actual[idx[i]];
        p[i] = predicted[idx[i]];
      }
      slices.add(new SliceEvaluation.Slice<>(e.getKey(), idx.length,
          configure.apply(RegressionEvaluation.builder(a, p)).evaluate()));
    }
    return new SliceEvaluation<>(overall, slices);
  }

  private static TreeMap<String, List<Integer>> group(String[] keys, int n) {
    Objects.requireNonNull(keys, "keys");
    Checks.sameLength("labels", n, "keys", keys.length);
    TreeMap<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        throw new IllegalArgumentException("keys must not contain null: keys[" + i + "] = null");
      }
      groups.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
    }
    return groups;
  }
}

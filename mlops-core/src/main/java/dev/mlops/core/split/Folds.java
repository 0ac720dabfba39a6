package dev.mlops.core.split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * K-fold cross-validation folds over the rows of a training split, seeded; stratified by class
 * when labels are given (each class's rows are dealt round-robin over the folds after a seeded
 * shuffle, so every fold has each class's share within one row).
 *
 * <pre>{@code
 * List<SplitIndices> folds = Folds.kFold(5, n, 42);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Folds {

  private Folds() {}

  /**
   * Plain k-fold: shuffled rows cut into k folds of sizes differing by at most one.
   *
   * @param k the number of folds, at least 2 and at most n
   * @param n the number of rows
   * @param seed the shuffle seed
   * @return k (train, validation) index pairs
   * @throws IllegalArgumentException if k is out of range
   */
  public static List<SplitIndices> kFold(int k, int n, long seed) {
    check(k, n);
    int[] perm = Split.permutation(n, new SplittableRandom(seed));
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      fold[perm[i]] = i % k;
    }
    return build(k, fold);
  }

  /**
   * Stratified k-fold.
   *
   * @param k the number of folds, at least 2 and at most n
   * @param labels class index per row
   * @param seed the shuffle seed
   * @return k (train, validation) index pairs
   * @throws IllegalArgumentException if k is out of range
   */
  public static List<SplitIndices> stratifiedKFold(int k, int[] labels, long seed) {
    int n = labels.length;
    check(k, n);
    SplittableRandom rnd = new SplittableRandom(seed);
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
    }
    int[] fold = new int[n];
    int next = 0;
    for (List<Integer> rows : byClass.values()) {
      int[] perm = Split.permutation(rows.size(), rnd);
      for (int p : perm) {
        fold[rows.get(p)] = next;
        next = (next + 1) % k;
      }
    }
    return build(k, fold);
  }

  private static void check(int k, int n) {
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("number of folds must be in [2, " + n + "]: " + k);
    }
  }

  private static List<SplitIndices> build(int k, int[] fold) {
    List<SplitIndices> out = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      final int ff = f;
      int[] val = java.util.stream.IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray();
      int[] train = java.util.stream.IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray();
      out.add(new SplitIndices(train, val));
    }
    return out;
  }
}

package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rows with the smallest keys seen so far, at most a capacity of them (a bottom-k sample;
 * ties keep the earlier row). Not thread-safe.
 */
final class SampleHeap {

  private record Row(long key, long order, double[] values, double score, int outcome,
      String predicted, String label, String[] categories) {}

  private static final Comparator<Row> BY_KEY =
      Comparator.comparingLong(Row::key).thenComparingLong(Row::order);

  private final int capacity;
  /** Largest key on top, so the row to drop is at hand. */
  private final PriorityQueue<Row> rows;
  private long order;

  SampleHeap(int capacity) {
    this.capacity = capacity;
    this.rows = new PriorityQueue<>(BY_KEY.reversed());
  }

  /** Whether a row of this key would be kept (tested before building its values). */
  boolean wants(long key) {
    return rows.size() < capacity || key < rows.peek().key();
  }

  void offer(long key, double[] values, double score, int outcome) {
    offer(key, values, score, outcome, null, null);
  }

  /**
   * Offers a row with its predicted class and label (canonical text, {@code null}: unknown).
   */
  void offer(long key, double[] values, double score, int outcome, String predicted,
      String label) {
    offer(key, values, score, outcome, predicted, label, null);
  }

  /**
   * Offers a row with its predicted class and label and its categorical features' values ({@code
   * categories[feature]}, {@code null} for a numeric or missing value; the array {@code null} when
   * the row has none).
   */
  void offer(long key, double[] values, double score, int outcome, String predicted,
      String label, String[] categories) {
    if (!wants(key)) {
      return;
    }
    rows.add(new Row(key, order++, values, score, outcome, predicted, label, categories));
    if (rows.size() > capacity) {
      rows.poll();
    }
  }

  /**
   * The sample, rows by ascending key, each row padded with {@code NaN} to the names' width; its
   * classes are the kept rows' predicted classes and labels in {@link EstimateSample#CLASS_ORDER}.
   */
  EstimateSample toSample(boolean topLabel, List<String> features, long offered) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(BY_KEY);
    int n = sorted.size();
    java.util.TreeSet<String> names = new java.util.TreeSet<>(EstimateSample.CLASS_ORDER);
    for (Row r : sorted) {
      if (r.predicted() != null) {
        names.add(r.predicted());
      }
      if (r.label() != null) {
        names.add(r.label());
      }
    }
    List<String> classes = new ArrayList<>(names);
    java.util.Map<String, Integer> at = new java.util.HashMap<>();
    for (String c : classes) {
      at.put(c, at.size());
    }
    int[] predicted = new int[n];
    int[] labels = new int[n];
    long[] keys = new long[n];
    double[][] values = new double[n][];
    double[] scores = new double[n];
    int[] outcomes = new int[n];
    String[][] categories = null;
    for (Row r : sorted) {
      if (r.categories() != null) {
        categories = new String[n][];
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      Row r = sorted.get(i);
      keys[i] = r.key();
      double[] v = java.util.Arrays.copyOf(r.values(), features.size());
      for (int j = r.values().length; j < v.length; j++) {
        v[j] = Double.NaN;
      }
      values[i] = v;
      scores[i] = r.score();
      outcomes[i] = r.outcome();
      predicted[i] = r.predicted() == null ? -1 : at.get(r.predicted());
      labels[i] = r.label() == null ? -1 : at.get(r.label());
      if (categories != null) {
        categories[i] = r.categories() == null ? new String[features.size()]
            : java.util.Arrays.copyOf(r.categories(), features.size());
      }
    }
    return new EstimateSample(topLabel, features, keys, values, scores, outcomes, offered,
        classes, predicted, labels, categories);
  }
}

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

  private record Row(long key, long order, double[] values, double score, int outcome) {}

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
    if (!wants(key)) {
      return;
    }
    rows.add(new Row(key, order++, values, score, outcome));
    if (rows.size() > capacity) {
      rows.poll();
    }
  }

  /** The sample, rows by ascending key, each row padded with {@code NaN} to the names' width. */
  EstimateSample toSample(boolean topLabel, List<String> features, long offered) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(BY_KEY);
    int n = sorted.size();
    long[] keys = new long[n];
    double[][] values = new double[n][];
    double[] scores = new double[n];
    int[] outcomes = new int[n];
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
    }
    return new EstimateSample(topLabel, features, keys, values, scores, outcomes, offered);
  }
}

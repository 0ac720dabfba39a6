package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merge of two {@link EstimateSample}s: the bottom-k sample of the union of their populations,
 * the rows realigned to the union of their feature names (a feature one side lacks is {@code NaN}
 * on its rows), their classes and categorical values by name. Stateless.
 */
final class SampleMerge {

  private SampleMerge() {}

  /** The sample of both samples' populations; the kinds must have been checked equal. */
  static EstimateSample of(EstimateSample a, EstimateSample b) {
    Map<String, Integer> names = new LinkedHashMap<>();
    for (String f : a.features) {
      names.putIfAbsent(f, names.size());
    }
    for (String f : b.features) {
      names.putIfAbsent(f, names.size());
    }
    SampleHeap heap = new SampleHeap(EstimateSample.CAPACITY);
    offerAll(heap, a, names);
    offerAll(heap, b, names);
    return heap.toSample(a.topLabel, new ArrayList<>(names.keySet()), a.offered + b.offered);
  }

  private static void offerAll(SampleHeap heap, EstimateSample s, Map<String, Integer> names) {
    int[] at = new int[s.features.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = names.get(s.features.get(j));
    }
    for (int i = 0; i < s.rows(); i++) {
      double[] v = new double[names.size()];
      Arrays.fill(v, Double.NaN);
      String[] c = s.categories == null ? null : new String[names.size()];
      for (int j = 0; j < at.length; j++) {
        v[at[j]] = s.values[i][j];
        if (c != null) {
          c[at[j]] = s.categories[i][j];
        }
      }
      heap.offer(s.keys[i], v, s.scores[i], s.outcomes[i],
          s.predicted[i] < 0 ? null : s.classes.get(s.predicted[i]),
          s.labels[i] < 0 ? null : s.classes.get(s.labels[i]), c);
    }
  }
}

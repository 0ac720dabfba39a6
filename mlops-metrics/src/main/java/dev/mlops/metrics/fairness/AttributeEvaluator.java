package dev.mlops.metrics.fairness;

import dev.mlops.metrics.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns one attribute's confusion counts into its {@link AttributeFairness}. Stateless; not API. */
final class AttributeEvaluator {

  private AttributeEvaluator() {}

  static AttributeFairness evaluate(String name, List<String> names, long[] counts, boolean labelled,
      Map<Integer, Map<String, Double>> extra, int minGroupSize, int resamples, double level, long seed) {
    Map<String, Integer> byName = new TreeMap<>();
    for (int g = 0; g < names.size(); g++) {
      byName.put(names.get(g), g);
    }
    List<Integer> judgedList = new ArrayList<>();
    List<GroupRates> rates = new ArrayList<>();
    for (int g : byName.values()) {
      long tn = counts[4 * g];
      long fp = counts[4 * g + 1];
      long fn = counts[4 * g + 2];
      long tp = counts[4 * g + 3];
      long size = tn + fp + fn + tp;
      if (size == 0) {
        continue;
      }
      boolean judged = size >= minGroupSize;
      if (judged) {
        judgedList.add(g);
      }
      rates.add(new GroupRates(names.get(g), size, fp + tp, labelled ? tp : 0, labelled ? fp : 0,
          labelled ? tn : 0, labelled ? fn : 0, labelled, judged, extra.getOrDefault(g, Map.of())));
    }
    int[] judged = judgedList.stream().mapToInt(Integer::intValue).toArray();
    List<DisparityValue> values = new ArrayList<>();
    List<Disparity> resampled = new ArrayList<>();
    for (Disparity d : Disparity.values()) {
      double[] v = d.needsLabels() && !labelled ? new double[] {Double.NaN} : Disparities.value(d, counts, judged);
      if (Double.isNaN(v[0])) {
        values.add(DisparityValue.undefined(d, Disparities.reason(d, counts, judged, labelled)));
      } else {
        values.add(new DisparityValue(d, v[0], null, names.get((int) v[1]), names.get((int) v[2]), true, null));
        resampled.add(d);
      }
    }
    if (resamples > 0 && !resampled.isEmpty()) {
      Disparity[] which = resampled.toArray(Disparity[]::new);
      Interval[] cis = new CountBootstrap(seed).intervals(counts, judged, which, resamples, level);
      for (int k = 0; k < which.length; k++) {
        int at = which[k].ordinal();
        values.set(at, values.get(at).withCi(cis[k]));
      }
    }
    return new AttributeFairness(name, rates, values, minGroupSize);
  }
}

package dev.mlops.report;

import dev.mlops.drift.monitor.FeatureQuantiles;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.NumericProfile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link FeatureHistogram}s on bins that cover the reference and the window alike. Stateless.
 *
 * <p>The reference side comes from the profile's distribution summary: its exact sorted values when
 * it keeps them, otherwise its quantile sketch (the share of a bin is the difference of the
 * interpolated distribution function at the bin's edges).
 */
final class Histograms {

  /** Equal-width bins over the union of both ranges. */
  static final int NUMERIC_BINS = 20;
  /** Ranks at which a sketched distribution is read. */
  private static final double[] GRID = grid(200);

  private Histograms() {}

  static FeatureHistogram numeric(String name, NumericProfile reference, Collection<?> values) {
    double[] current = values.stream().filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
        .filter(Double::isFinite).sorted().toArray();
    double lo = Math.min(reference.count() > 0 ? reference.min() : Double.POSITIVE_INFINITY,
        current.length > 0 ? current[0] : Double.POSITIVE_INFINITY);
    double hi = Math.max(reference.count() > 0 ? reference.max() : Double.NEGATIVE_INFINITY,
        current.length > 0 ? current[current.length - 1] : Double.NEGATIVE_INFINITY);
    if (!(lo <= hi)) {
      return null;
    }
    double[] edges = edges(lo, hi);
    return new FeatureHistogram(name, "numeric", labels(edges), referenceShares(reference, edges),
        exactShares(current, edges), current.length, "values");
  }

  static FeatureHistogram numeric(String name, NumericProfile reference, FeatureQuantiles window) {
    double[] q = window.values();
    if (window.n() == 0 || q.length < 2 || !Double.isFinite(q[0]) || !Double.isFinite(q[q.length - 1])) {
      return null;
    }
    double lo = Math.min(reference.count() > 0 ? reference.min() : q[0], q[0]);
    double hi = Math.max(reference.count() > 0 ? reference.max() : q[q.length - 1], q[q.length - 1]);
    double[] edges = edges(lo, hi);
    return new FeatureHistogram(name, "numeric", labels(edges), referenceShares(reference, edges),
        sketchShares(window.ranks(), q, edges), window.n(), "quantile sketch");
  }

  static FeatureHistogram categorical(String name, CategoricalProfile reference, Collection<?> values) {
    Map<String, long[]> counts = new LinkedHashMap<>(); // category -> {reference, current}
    List<String> categories = reference.categories();
    long[] refCounts = reference.counts();
    for (int i = 0; i < categories.size(); i++) {
      counts.put(categories.get(i), new long[] {refCounts[i], 0});
    }
    long current = 0;
    for (Object v : values) {
      if (v == null || v instanceof Double d && d.isNaN()) {
        continue;
      }
      counts.computeIfAbsent(CategoricalProfile.key(v), k -> new long[2])[1]++;
      current++;
    }
    if (reference.other() > 0) {
      // Categories beyond the profile's top-k are summed by the reference; they cannot be told apart.
      counts.put("(other)", new long[] {reference.other(), 0});
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
        .thenComparingLong(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey));
    long refTotal = Math.max(1, reference.count());
    long curTotal = Math.max(1, current);
    List<String> bins = new ArrayList<>();
    double[] ref = new double[sorted.size()];
    double[] cur = new double[sorted.size()];
    for (int i = 0; i < sorted.size(); i++) {
      Map.Entry<String, long[]> e = sorted.get(i);
      bins.add(e.getValue()[0] == 0 ? e.getKey() + " (new)" : e.getKey());
      ref[i] = (double) e.getValue()[0] / refTotal;
      cur[i] = (double) e.getValue()[1] / curTotal;
    }
    return new FeatureHistogram(name, "categorical", bins, ref, cur, current, "values");
  }

  static double[] edges(double lo, double hi) {
    if (lo == hi) {
      double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    double[] edges = new double[NUMERIC_BINS + 1];
    for (int i = 0; i <= NUMERIC_BINS; i++) {
      edges[i] = lo + (hi - lo) * i / NUMERIC_BINS;
    }
    edges[NUMERIC_BINS] = hi;
    return edges;
  }

  /** Shares of sorted values in {@code [e_i, e_i+1)}, the last bin closed. */
  static double[] exactShares(double[] sorted, double[] edges) {
    int bins = edges.length - 1;
    double[] out = new double[bins];
    if (sorted.length == 0) {
      return out;
    }
    int previous = 0;
    for (int i = 1; i <= bins; i++) {
      int below = i == bins ? sorted.length : lowerBound(sorted, edges[i]);
      out[i - 1] = (double) (below - previous) / sorted.length;
      previous = below;
    }
    return out;
  }

  private static double[] referenceShares(NumericProfile reference, double[] edges) {
    if (reference.count() == 0) {
      return new double[edges.length - 1];
    }
    if (reference.isExact()) {
      return exactShares(reference.sortedValues(), edges);
    }
    return sketchShares(GRID, reference.quantiles(GRID), edges);
  }

  /** Shares from a quantile function given at ascending ranks: F(e_i+1) - F(e_i), F linear between grid points. */
  static double[] sketchShares(double[] ranks, double[] quantiles, double[] edges) {
    int bins = edges.length - 1;
    double[] out = new double[bins];
    double previous = 0;
    for (int i = 1; i <= bins; i++) {
      double f = i == bins ? 1 : cdf(ranks, quantiles, edges[i]);
      out[i - 1] = Math.max(0, f - previous);
      previous = Math.max(previous, f);
    }
    return out;
  }

  /** The distribution function at x, interpolated in the quantile function's grid. */
  static double cdf(double[] ranks, double[] quantiles, double x) {
    int n = quantiles.length;
    if (x < quantiles[0]) {
      return 0;
    }
    if (x >= quantiles[n - 1]) {
      return 1;
    }
    int j = n - 1;
    while (j > 0 && quantiles[j] > x) {
      j--;
    }
    // quantiles[j] <= x < quantiles[j + 1]
    double span = quantiles[j + 1] - quantiles[j];
    return ranks[j] + (ranks[j + 1] - ranks[j]) * (span == 0 ? 0 : (x - quantiles[j]) / span);
  }

  private static int lowerBound(double[] sorted, double x) {
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == x) {
      i--;
    }
    return i;
  }

  private static List<String> labels(double[] edges) {
    List<String> out = new ArrayList<>(edges.length - 1);
    for (int i = 0; i + 1 < edges.length; i++) {
      out.add(shortNumber(edges[i]) + " – " + shortNumber(edges[i + 1]));
    }
    return out;
  }

  static String shortNumber(double v) {
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static double[] grid(int steps) {
    double[] g = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      g[i] = (double) i / steps;
    }
    return g;
  }
}

package dev.mlops.bench.decisions;

import dev.mlops.drift.internal.QuantileSketch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Seeded probe (twelfth session, repro): the rank error of the profile's deterministic KLL sketch
 * ({@link QuantileSketch}, k = 400) against exact ranks, beside DataSketches 7.0.1's {@code
 * KllDoublesSketch} (k = 400, the summary profiles kept before) on the same values, on real and
 * synthetic columns: bike sharing's hourly {@code temp, atemp, hum, windspeed, casual,
 * registered, cnt} (17,379 rows, many ties) in the file's order and in seeded shuffles, the
 * electricity stream's {@code nswdemand} and {@code nswprice} (100,000 rows, time order), and
 * 1,000,000 log-normal values. The error of a quantile at rank {@code r} is the distance from
 * {@code r} to the exact rank interval {@code [share below q, share at or below q]} of the
 * returned value {@code q}; 999 ranks 0.001-0.999 per column.
 *
 * <pre>{@code
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.QuantileSketchAccuracy \
 *     ../shared/data/bike-sharing/hour.csv 20
 * }</pre>
 */
public final class QuantileSketchAccuracy {

  private static final int K = 400;

  private QuantileSketchAccuracy() {}

  /**
   * Runs the probe.
   *
   * @param args the bike sharing hour.csv, and the number of seeded orders per column (default 20)
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path bike = Path.of(args.length > 0 ? args[0] : "../shared/data/bike-sharing/hour.csv");
    int orders = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<String> lines = Files.readAllLines(bike);
    String[] header = lines.get(0).split(",");
    String[] wanted = {"temp", "atemp", "hum", "windspeed", "casual", "registered", "cnt"};
    List<String> names = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    for (String w : wanted) {
      int c = Arrays.asList(header).indexOf(w);
      double[] x = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        x[i - 1] = Double.parseDouble(lines.get(i).split(",")[c]);
      }
      names.add("bike " + w);
      columns.add(x);
    }
    ElectricityStream e = new ElectricityStream(1101, Long.MAX_VALUE);
    double[] demand = new double[100_000];
    double[] price = new double[100_000];
    int at = 0;
    while (at < demand.length) {
      for (java.util.Map<String, Object> row : e.next(Math.min(4_800, demand.length - at))) {
        demand[at] = ((Number) row.get("nswdemand")).doubleValue();
        price[at++] = ((Number) row.get("nswprice")).doubleValue();
      }
    }
    names.add("electricity nswdemand");
    columns.add(demand);
    names.add("electricity nswprice");
    columns.add(price);
    SplittableRandom r = new SplittableRandom(5);
    double[] ln = new double[1_000_000];
    for (int i = 0; i < ln.length; i++) {
      ln[i] = Math.exp(SyntheticStream.gaussian(r));
    }
    names.add("log-normal 1e6");
    columns.add(ln);

    double bound = QuantileSketch.normalizedRankError(K);
    System.out.printf(Locale.ROOT, "k = %d, stated 99%% single-rank bound %.5f%n", K, bound);
    System.out.printf(Locale.ROOT, "%-24s %6s | %-34s | %-34s%n", "column", "orders",
        "deterministic KLL: mean / p99 / max err, share > bound",
        "DataSketches KLL: mean / p99 / max err, share > bound");
    double[] ranks = new double[999];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = (i + 1) / 1000.0;
    }
    for (int c = 0; c < columns.size(); c++) {
      double[] x = columns.get(c);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      int runs = x.length >= 1_000_000 ? Math.min(orders, 5) : orders;
      double[] ours = new double[runs * ranks.length];
      double[] theirs = new double[runs * ranks.length];
      long keptOurs = 0;
      long keptTheirs = 0;
      for (int o = 0; o < runs; o++) {
        double[] order = o == 0 ? x : shuffled(x, 1000 + o);
        QuantileSketch q = new QuantileSketch(K);
        KllDoublesSketch d = KllDoublesSketch.newHeapInstance(K);
        for (double v : order) {
          q.update(v);
          d.update(v);
        }
        keptOurs += q.retained();
        keptTheirs += d.getNumRetained();
        double[] qq = q.quantiles(ranks);
        double[] dq = d.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
        for (int i = 0; i < ranks.length; i++) {
          ours[o * ranks.length + i] = error(sorted, qq[i], ranks[i]);
          theirs[o * ranks.length + i] = error(sorted, dq[i], ranks[i]);
        }
      }
      System.out.printf(Locale.ROOT, "%-24s %6d | %s, kept %d | %s, kept %d%n", names.get(c),
          runs, summary(ours, bound), keptOurs / runs, summary(theirs, bound), keptTheirs / runs);
    }
  }

  private static String summary(double[] errors, double bound) {
    double[] s = errors.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(Double.NaN);
    long over = Arrays.stream(s).filter(v -> v > bound).count();
    return String.format(Locale.ROOT, "%.5f / %.5f / %.5f, %5.2f%%", mean,
        s[(int) Math.floor(0.99 * (s.length - 1))], s[s.length - 1], 100.0 * over / s.length);
  }

  /** Distance from {@code rank} to the exact rank interval of {@code q}. */
  private static double error(double[] sorted, double q, double rank) {
    double n = sorted.length;
    double below = lower(sorted, q) / n;
    double atOrBelow = upper(sorted, q) / n;
    return rank < below ? below - rank : rank > atOrBelow ? rank - atOrBelow : 0;
  }

  private static int lower(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upper(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double[] shuffled(double[] x, long seed) {
    double[] y = x.clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = y.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return y;
  }
}

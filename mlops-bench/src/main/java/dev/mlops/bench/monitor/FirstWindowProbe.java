package dev.mlops.bench.monitor;

import dev.mlops.bench.monitor.WindowEvaluationBenchmark.Laws;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.MonitorState;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A wide monitor's first window against its later ones (twelfth session, "wide"): for each of
 * {@code monitors} fresh monitors built on one profile ({@link WindowEvaluationBenchmark}'s laws,
 * an ordered 10,000-row reference, seed 11; default options, calibrated thresholds), the
 * evaluation ({@code DriftMonitor.evaluate(state)}) of a first clean window of 1,000 rows and of
 * {@code steady} later ones (seed 12 onwards), each timed once with {@code System.nanoTime}. The
 * first window pays what is computed once per window size (the features' threshold and scale
 * calibrations, the swap check's reference windows, own spreads and look-alike pairs); a later
 * window of the same size looks them up. The first monitor also pays the JIT's warm-up, so the
 * summary gives the first window of monitor 1 apart and the mean and the largest (as p99, with a
 * handful of samples) of the others; the later windows' mean and largest over every monitor.
 *
 * <p>Run (wall-clock: alone on the machine):
 * {@code java -cp benchmarks.jar dev.mlops.bench.monitor.FirstWindowProbe 500 distinct 3 5}
 * (features, {@code distinct} or {@code alike}, monitors, later windows per monitor).
 */
public final class FirstWindowProbe {

  private FirstWindowProbe() {}

  /**
   * Runs the probe.
   *
   * @param args features, laws, monitors, later windows
   */
  public static void main(String[] args) {
    int features = Integer.parseInt(args[0]);
    boolean alike = "alike".equals(args[1]);
    int monitors = Integer.parseInt(args[2]);
    int steady = Integer.parseInt(args[3]);
    Laws laws = new Laws(features, alike);
    ReferenceProfile profile = laws.profile(WindowEvaluationBenchmark.REFERENCE_ROWS, 11);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    double[] first = new double[monitors];
    double[] later = new double[monitors * steady];
    for (int m = 0; m < monitors; m++) {
      DriftMonitor monitor = DriftMonitor.builder(profile)
          .window(Window.tumblingTime(Duration.ofDays(365))).clock(clock).build();
      List<String> order = monitor.featureNames();
      SplittableRandom r = new SplittableRandom(12);
      for (int w = 0; w <= steady; w++) {
        MonitorState s = monitor.newState();
        double[] values = new double[features];
        for (int i = 0; i < WindowEvaluationBenchmark.WINDOW_ROWS; i++) {
          double[] row = laws.row(r);
          for (int k = 0; k < features; k++) {
            values[k] = row[Integer.parseInt(order.get(k).substring(1))];
          }
          s.update(values, null);
        }
        long t0 = System.nanoTime();
        monitor.evaluate(s);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (w == 0) {
          first[m] = ms;
        } else {
          later[m * steady + w - 1] = ms;
        }
      }
      System.out.printf(Locale.ROOT, "monitor %d: first window %.0f ms, later %s ms%n", m + 1,
          first[m], Arrays.toString(Arrays.stream(later, m * steady, (m + 1) * steady)
              .map(Math::rint).toArray()));
    }
    double[] others = Arrays.copyOfRange(first, 1, monitors);
    System.out.printf(Locale.ROOT, "%d %s: first window of monitor 1 %.0f ms; of monitors 2-%d"
            + " mean %.0f ms, largest %.0f ms; later windows mean %.1f ms, largest %.1f ms;"
            + " first (monitors 2-) / later mean %.1fx%n", features, args[1], first[0], monitors,
        mean(others), max(others), mean(later), max(later), mean(others) / mean(later));
  }

  private static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return v.length == 0 ? Double.NaN : Arrays.stream(v).max().orElse(Double.NaN);
  }
}

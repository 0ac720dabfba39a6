package dev.mlops.bench.monitor;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Seeded Gaussian data and monitors for the monitor benchmarks. */
final class MonitorFixture {

  /** Features of the recorded rows. */
  static final int FEATURES = 20;

  /** Rows in the pool the recording benchmarks cycle through (a power of two). */
  static final int POOL = 4096;

  /** The clock of every benchmark monitor: fixed, so a time window never closes on its own. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** The two-class prediction recorded with every row. */
  static final Prediction PREDICTION = Prediction.ofProbabilities(new double[] {0.3, 0.7});

  private MonitorFixture() {}

  /**
   * A monitor of {@code features} columns (reference: 5,000 seeded rows) whose one-year time
   * window never closes during a run, for steady-state recording.
   */
  static DriftMonitor.Builder steadyMonitor(int features) {
    return DriftMonitor.builder(profile(features, 5_000, 1))
        .window(Window.tumblingTime(Duration.ofDays(365)))
        .clock(CLOCK);
  }

  /** Records 20,000 rows from the pool (with {@link #PREDICTION}): every reservoir is then full. */
  static void fillReservoirs(DriftMonitor monitor, double[][] rows) {
    for (int i = 0; i < 20_000; i++) {
      monitor.record(rows[i % rows.length], PREDICTION, null);
    }
  }

  static String[] names(int features) {
    String[] names = new String[features];
    for (int f = 0; f < features; f++) {
      names[f] = "f" + f;
    }
    return names;
  }

  /** A profile of {@code features} numeric columns of {@code rows} N(0, 1) values. */
  static ReferenceProfile profile(int features, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] names = names(features);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(names);
    for (String name : names) {
      double[] col = new double[rows];
      for (int i = 0; i < rows; i++) {
        col[i] = gaussian(r);
      }
      b.addColumn(name, col);
    }
    return b.build();
  }

  /** {@code n} rows of {@code features} N(0, 1) values. */
  static double[][] rows(int n, int features, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[n][features];
    for (double[] row : rows) {
      for (int f = 0; f < features; f++) {
        row[f] = gaussian(r);
      }
    }
    return rows;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}

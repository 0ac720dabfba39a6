package dev.mlops.bench.monitor;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the pending-label store: {@code DriftMonitor.record} of a 20-feature row with a request
 * id (the prediction waits for its delayed label), against the same record without an id,
 * measured in the same run. {@code recordRow20WithId} keeps the store at its count bound (1,024
 * pending, 4,096 distinct ids cycling), so every put also evicts the oldest prediction;
 * {@code recordRow20WithIdAndLabel} joins the label of the request made 1,024 calls earlier, so
 * about 1,024 predictions stay pending. Targets (issue 6): 0 B/op with {@code -prof gc} for
 * {@code recordRow20WithId}; the ratio {@code recordRow20WithId / recordRow20NoId} in time per
 * operation shows the store's share of the overhead (issue 8).
 *
 * <p>The ids are drawn before the run (the caller owns its id strings). The window never closes
 * (a fixed clock and a one-year time window).
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar MonitorPendingBenchmark -prof gc}
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MonitorPendingBenchmark extends AverageTimeBenchmark {

  static final int FEATURES = MonitorFixture.FEATURES;
  static final int POOL = MonitorFixture.POOL;
  static final int MAX_PENDING = 1024;
  static final int LAG = 1024;

  /** One monitor, the rows and the request ids. */
  @State(Scope.Thread)
  public static class Fixture {
    DriftMonitor monitor;
    double[][] rows;
    String[] ids;
    Prediction prediction;
    int i;

    /** Builds the monitor, fills its reservoirs and draws the rows and ids. */
    @Setup(Level.Trial)
    public void setUp() {
      monitor = MonitorFixture.steadyMonitor(FEATURES).pendingLabels(MAX_PENDING, Duration.ofHours(1)).build();
      rows = MonitorFixture.rows(POOL, FEATURES, 2);
      ids = new String[POOL];
      for (int k = 0; k < POOL; k++) {
        ids[k] = "req-" + Integer.toHexString(0x9E3779B9 * (k + 1));
        ids[k].hashCode();
      }
      prediction = MonitorFixture.PREDICTION;
      MonitorFixture.fillReservoirs(monitor, rows);
    }

    int next() {
      i = (i + 1) & (POOL - 1);
      return i;
    }
  }

  /** Baseline: the same row and prediction without a request id (nothing stored). */
  @Benchmark
  public DriftMonitor recordRow20NoId(Fixture f) {
    f.monitor.record(f.rows[f.next()], f.prediction, null);
    return f.monitor;
  }

  /** With a request id, the store at its count bound: a put plus an eviction per call. */
  @Benchmark
  public DriftMonitor recordRow20WithId(Fixture f) {
    int k = f.next();
    f.monitor.record(f.rows[k], f.prediction, f.ids[k]);
    return f.monitor;
  }

  /** With a request id, then the label of the request made {@code LAG} calls earlier. */
  @Benchmark
  public boolean recordRow20WithIdAndLabel(Fixture f) {
    int k = f.next();
    f.monitor.record(f.rows[k], f.prediction, f.ids[k]);
    return f.monitor.recordLabel(f.ids[(k - LAG) & (POOL - 1)], 1.0);
  }
}

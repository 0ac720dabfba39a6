package dev.mlops.bench.monitor;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of closing a window: harvesting the stripes, sorting each numeric feature's full
 * 10,000-value reservoir, testing every feature against a 5,000-row reference (normed Wasserstein
 * by Evidently's defaults, plus the effect size), correcting and building the report. Each
 * invocation first records 10,000 fresh rows (not measured). Targets (issue 6): {@code features =
 * 20} under 50 ms; {@code features = 1000} at most 11x {@code features = 100}. The in-run
 * baseline {@link #sortReservoirsBaseline()} copies and sorts the same number of 10,000-value
 * samples.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar MonitorCloseBenchmark}
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class MonitorCloseBenchmark extends AverageTimeBenchmark {

  /** Monitored features. */

  @Param({"20", "100", "1000"})
  public int features;

  private DriftMonitor monitor;
  private double[][] rows;
  private double[][] columns;
  private double[][] work;

  /** Builds the monitor and the row pool. */
  @Setup(Level.Trial)
  public void setUp() {
    monitor = DriftMonitor.builder(MonitorFixture.profile(features, 5_000, 1))
        .window(Window.tumblingCount(Long.MAX_VALUE)).clock(MonitorFixture.CLOCK).history(1).build();
    rows = MonitorFixture.rows(10_000, features, 2);
    columns = new double[features][10_000];
    work = new double[features][10_000];
    for (int i = 0; i < rows.length; i++) {
      for (int f = 0; f < features; f++) {
        columns[f][i] = rows[i][f];
      }
    }
  }

  /**
   * Baseline: copying and sorting one 10,000-value sample per feature, the irreducible part of a
   * close (the exact-sample tests need sorted samples).
   */
  @Benchmark
  public double[][] sortReservoirsBaseline() {
    for (int f = 0; f < features; f++) {
      System.arraycopy(columns[f], 0, work[f], 0, columns[f].length);
      java.util.Arrays.sort(work[f]);
    }
    return work;
  }

  /** Fills the open window with 10,000 rows: every reservoir holds 10,000 values. */
  @Setup(Level.Invocation)
  public void fill() {
    for (double[] row : rows) {
      monitor.record(row, null, null);
    }
  }

  /** Closes the window and computes its report. */
  @Benchmark
  public DriftReport closeWindow() {
    return monitor.closeWindow().orElseThrow();
  }
}

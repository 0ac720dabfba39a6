package dev.mlops.bench.monitor;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@code DriftMonitor.record} for a 20-feature row (plus a two-class probability
 * prediction), against the baseline of 20 HdrHistogram {@code recordValue} calls (one histogram
 * per feature) on the same values, measured in the same run. Targets (issue 6): record per value
 * at most 3x recordValue, i.e. {@code recordRow20 / hdrRecordValue20 <= 3} in time per operation;
 * 0 B/op with {@code -prof gc}; {@code recordRow20Threads2} at least 1.6x the throughput of
 * {@code recordRow20}. {@code hdrRecordValue20Threads2 / hdrRecordValue20Own} shows how much a second
 * thread can give on the machine at all (no shared state).
 *
 * <p>The monitor's time window never closes during the run (a fixed clock), so the benchmark
 * measures steady-state recording: reservoirs full, Algorithm L skipping.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar MonitorRecordBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MonitorRecordBenchmark {

  static final int FEATURES = MonitorFixture.FEATURES;
  static final int POOL = MonitorFixture.POOL;

  /** The monitor and inputs shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    DriftMonitor monitor;
    double[][] rows;
    long[][] longRows;
    List<Map<String, Object>> maps;
    Prediction prediction;
    Histogram[] histograms;

    /**
     * The window's quantile sketch ({@code DriftMonitor.Builder.quantileSketch(k)}; 0: none, the
     * default).
     */
    @Param({"0"})
    public int sketchK;

    /**
     * The sampled monitor's k ({@code DriftMonitor.Builder.sampleOneIn(k)}: every row counted, 1
     * in k recorded in full; 1, the default, records every row).
     */
    @Param({"1"})
    public int sampleOneIn;

    /** Builds the monitor, fills its reservoirs and draws the rows. */
    @Setup(Level.Trial)
    public void setUp() {
      DriftMonitor.Builder builder = MonitorFixture.steadyMonitor(FEATURES);
      monitor = (sketchK > 0 ? builder.quantileSketch(sketchK) : builder).sampleOneIn(sampleOneIn).build();
      rows = MonitorFixture.rows(POOL, FEATURES, 2);
      longRows = new long[POOL][FEATURES];
      maps = new java.util.ArrayList<>();
      String[] names = MonitorFixture.names(FEATURES);
      for (int i = 0; i < POOL; i++) {
        Map<String, Object> m = new HashMap<>();
        for (int f = 0; f < FEATURES; f++) {
          longRows[i][f] = (long) ((rows[i][f] + 10) * 1_000);
          m.put(names[f], rows[i][f]);
        }
        maps.add(m);
      }
      prediction = MonitorFixture.PREDICTION;
      histograms = new Histogram[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        histograms[f] = new Histogram(100_000, 3);
      }
      MonitorFixture.fillReservoirs(monitor, rows);
    }
  }

  /** Each thread's position in the row pool, and its own histograms (for the scaling baseline). */
  @State(Scope.Thread)
  public static class Cursor {
    int i;
    final Histogram[] own = new Histogram[FEATURES];

    /** Allocates this thread's histograms. */
    @Setup(Level.Trial)
    public void setUp() {
      for (int f = 0; f < FEATURES; f++) {
        own[f] = new Histogram(100_000, 3);
      }
    }

    int next() {
      i = (i + 1) & (POOL - 1);
      return i;
    }
  }

  /** Baseline: 20 HdrHistogram recordValue calls, one per feature value. */
  @Benchmark
  public Histogram hdrRecordValue20(Shared s, Cursor c) {
    return recordValues(s.histograms, s.longRows[c.next()]);
  }

  /**
   * Scaling baseline: the same 20 recordValue calls from two threads, each on its own histograms
   * (no sharing at all), i.e. what two threads can give on this machine at best.
   */
  @Benchmark
  @Threads(2)
  public Histogram hdrRecordValue20Threads2(Shared s, Cursor c) {
    return recordValues(c.own, s.longRows[c.next()]);
  }

  /** The same baseline from one thread on its own histograms. */
  @Benchmark
  public Histogram hdrRecordValue20Own(Shared s, Cursor c) {
    return recordValues(c.own, s.longRows[c.next()]);
  }

  /** One recordValue per feature, each value into its feature's histogram. */
  private static Histogram recordValues(Histogram[] h, long[] row) {
    for (int f = 0; f < FEATURES; f++) {
      h[f].recordValue(row[f]);
    }
    return h[0];
  }

  /** The fast path: values in schema order. */
  @Benchmark
  public DriftMonitor recordRow20(Shared s, Cursor c) {
    s.monitor.record(s.rows[c.next()], s.prediction, null);
    return s.monitor;
  }

  /** The fast path from two threads on one monitor. */
  @Benchmark
  @Threads(2)
  public DriftMonitor recordRow20Threads2(Shared s, Cursor c) {
    s.monitor.record(s.rows[c.next()], s.prediction, null);
    return s.monitor;
  }

  /** The by-name path: a {@code Map<String, ?>} row. */
  @Benchmark
  public DriftMonitor recordMap20(Shared s, Cursor c) {
    s.monitor.record(s.maps.get(c.next()), s.prediction, null);
    return s.monitor;
  }
}

package dev.mlops.bench.monitor;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.MonitorState;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One window's evaluation on wide data: {@code DriftMonitor.evaluate(state)} of a clean 1,000-row
 * window of {@code features} numeric features against an ordered 10,000-row reference (calibrated
 * thresholds, the default), with the default checks ({@link #evaluate()}) against the same
 * evaluation {@code withoutSwapCheck()} ({@link #evaluateWithoutSwapCheck()}, the in-run
 * baseline): the difference is what the pairwise swap check costs. Both monitors have evaluated
 * the window once before measuring, so the swap check's per-column and per-pair caches are
 * filled (the steady state of a long-running monitor).
 *
 * <p>{@code laws}: {@code distinct}, each feature its own law (normal, log-normal or uniform by
 * feature number, each with its own seeded location and scale), as the columns of a tabular model
 * are; {@code alike}, every feature standard normal (standardised embeddings, sensor arrays),
 * where every pair looks alike and passes the whole-reference filter. Seeds: reference 11, window
 * 12, laws 13. The window's state is decoded afresh before each call (not measured), since an
 * evaluation sorts the state's samples in place.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar WindowEvaluationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class WindowEvaluationBenchmark {

  /** Reference rows. */
  static final int REFERENCE_ROWS = 10_000;
  /** Rows of the evaluated window. */
  static final int WINDOW_ROWS = 1_000;

  /** Numeric features. */
  @Param({"10", "50", "200", "500"})
  public int features;

  /** The features' laws: {@code distinct} or {@code alike} (see the class). */
  @Param({"distinct", "alike"})
  public String laws;

  private DriftMonitor withSwap;
  private DriftMonitor withoutSwap;
  private byte[] window;
  private MonitorState stateWith;
  private MonitorState stateWithout;

  /** Builds the profile, both monitors and the window, and evaluates it once on each. */
  @Setup(Level.Trial)
  public void setUp() {
    Laws l = new Laws(features, "alike".equals(laws));
    ReferenceProfile profile = l.profile(REFERENCE_ROWS, 11);
    withSwap = builder(profile).build();
    withoutSwap = builder(profile).withoutSwapCheck().build();
    MonitorState s = withSwap.newState();
    SplittableRandom r = new SplittableRandom(12);
    java.util.List<String> order = withSwap.featureNames();
    double[] values = new double[features];
    for (int i = 0; i < WINDOW_ROWS; i++) {
      double[] row = l.row(r);
      for (int k = 0; k < features; k++) {
        values[k] = row[Integer.parseInt(order.get(k).substring(1))];
      }
      s.update(values, null);
    }
    window = s.toByteArray();
    withSwap.evaluate(withSwap.state(window));
    withoutSwap.evaluate(withoutSwap.state(window));
  }

  private static DriftMonitor.Builder builder(ReferenceProfile profile) {
    return DriftMonitor.builder(profile).window(Window.tumblingTime(Duration.ofDays(365)))
        .clock(MonitorFixture.CLOCK);
  }

  /** Decodes a fresh copy of the window for each monitor (not measured). */
  @Setup(Level.Invocation)
  public void decode() {
    stateWith = withSwap.state(window);
    stateWithout = withoutSwap.state(window);
  }

  /**
   * The window's evaluation with every default check.
   *
   * @return the report
   */
  @Benchmark
  public DriftReport evaluate() {
    return withSwap.evaluate(stateWith);
  }

  /**
   * Baseline: the same evaluation without the swap check.
   *
   * @return the report
   */
  @Benchmark
  public DriftReport evaluateWithoutSwapCheck() {
    return withoutSwap.evaluate(stateWithout);
  }

  /** The seeded laws of the features (feature names {@code f0}, {@code f1}, ...). */
  public static final class Laws {
    private final int features;
    private final boolean alike;
    private final double[] location;
    private final double[] scale;

    /**
     * The laws of {@code features} features.
     *
     * @param features the feature count
     * @param alike every feature standard normal, else each its own law
     */
    public Laws(int features, boolean alike) {
      this.features = features;
      this.alike = alike;
      this.location = new double[features];
      this.scale = new double[features];
      SplittableRandom r = new SplittableRandom(13);
      for (int f = 0; f < features; f++) {
        location[f] = alike ? 0 : 100 * (r.nextDouble() - 0.5);
        scale[f] = alike ? 1 : Math.exp(3 * (r.nextDouble() - 0.5));
      }
    }

    double value(int f, SplittableRandom r) {
      double z = MonitorFixture.gaussian(r);
      if (alike) {
        return z;
      }
      double x = switch (f % 3) {
        case 0 -> z;
        case 1 -> Math.exp(0.5 * z);
        default -> r.nextDouble() * 3.4641016151377544; // uniform of standard deviation 1
      };
      return location[f] + scale[f] * x;
    }

    /**
     * One row, feature {@code f} at index {@code f}.
     *
     * @param r the draws
     * @return the row
     */
    public double[] row(SplittableRandom r) {
      double[] row = new double[features];
      for (int f = 0; f < features; f++) {
        row[f] = value(f, r);
      }
      return row;
    }

    /**
     * An ordered profile of {@code rows} rows (column by column, each in row order).
     *
     * @param rows reference rows
     * @param seed the draws' seed
     * @return the profile
     */
    public ReferenceProfile profile(int rows, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      String[] names = MonitorFixture.names(features);
      ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(names);
      for (int f = 0; f < features; f++) {
        double[] col = new double[rows];
        for (int i = 0; i < rows; i++) {
          col[i] = value(f, r);
        }
        b.addColumn(names[f], col);
      }
      return b.build();
    }
  }
}

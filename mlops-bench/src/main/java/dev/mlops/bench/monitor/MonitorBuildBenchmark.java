package dev.mlops.bench.monitor;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * What {@code DriftMonitor.builder(profile).build()} costs for a binary classifier's profile that
 * carries an estimate sample, so that the monitor fits its default label-free estimate (isotonic
 * calibration, the kNN local correction with its cross-fitting, the model beyond the reference):
 * {@link #buildWithEstimate()}, against {@link #buildWithoutEstimate()}, the same build of the
 * same profile with {@code withoutProfileEstimate()} (the in-run baseline: schema, thresholds and
 * the monitor's own objects). The binary profile ({@code classes = 2}): {@code features}
 * standard-normal features, a label
 * drawn from {@code sigmoid(2 x0 - x1 + 0.5 x2)} (the terms whose feature exists), the model's
 * score that probability rounded to tenths, {@value #ROWS} rows (the sample keeps 10,000), seed
 * {@value #SEED}. Time windows, so no window calibration is queued on the monitor's thread behind
 * the measured call. {@code classes = 3}: the multinomial profile of {@link #profile3} (a
 * top-label sample, so the estimate fits the multinomial candidates beyond the reference). Above
 * 20 features the model beyond the reference is not fitted (the estimate keeps the local
 * correction). Every call's time is sampled (JMH SampleTime: mean, p50, p99). Since the twelfth
 * session {@code build()} starts the estimate's fit and returns: {@link #buildWithEstimate()} is
 * that call, {@link #buildAndFit()} the build with the fit (until the estimate is available).
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar MonitorBuildBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g"})
public class MonitorBuildBenchmark {

  /** Reference rows in the profile. */
  static final int ROWS = 20_000;
  /** The profile's seed. */
  static final long SEED = 20261207L;

  /** Numeric features of the profile. */
  @Param({"4", "12", "20", "50"})
  public int features;

  /** The classifier's classes: 2 (a binary score) or 3 (the top class and its probability). */
  @Param({"2", "3"})
  public int classes;

  private ReferenceProfile profile;

  /** Builds the profile (not measured). */
  @Setup(Level.Trial)
  public void setUp() {
    profile = classes == 2 ? profile(features, ROWS, SEED) : profile3(features, ROWS, SEED);
  }

  /**
   * The seeded binary classifier profile described on the class.
   *
   * @param features numeric features
   * @param rows reference rows
   * @param seed the draws' seed
   * @return the profile, with its estimate sample
   */
  public static ReferenceProfile profile(int features, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .numeric(ReferenceProfile.PREDICTION).categorical(ReferenceProfile.LABEL);
    double[] weight = {2, -1, 0.5};
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = new HashMap<>();
      double logit = 0;
      for (int j = 0; j < features; j++) {
        double x = gaussian(r);
        row.put("x" + j, x);
        logit += j < weight.length ? weight[j] * x : 0;
      }
      double p = 1 / (1 + Math.exp(-logit));
      row.put(ReferenceProfile.PREDICTION, Math.round(10 * p) / 10.0);
      row.put(ReferenceProfile.LABEL, r.nextDouble() < p ? "1" : "0");
      b.add(row);
    }
    return b.build();
  }

  /**
   * The 3-class profile: features as in {@link #profile}, class logits {@code 0}, {@code 2 x0 - x1
   * + 0.5 x2} and {@code -x0 + x1 + x2} (the terms whose feature exists), the label drawn from
   * their softmax, the model's prediction the most probable class with that probability rounded
   * to tenths as its confidence: a top-label estimate sample.
   *
   * @param features numeric features
   * @param rows reference rows
   * @param seed the draws' seed
   * @return the profile, with its top-label estimate sample
   */
  public static ReferenceProfile profile3(int features, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    double[][] weight = {{2, -1, 0.5}, {-1, 1, 1}};
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = new HashMap<>();
      double[] logit = new double[3];
      for (int j = 0; j < features; j++) {
        double x = gaussian(r);
        row.put("x" + j, x);
        for (int c = 1; c < 3; c++) {
          logit[c] += j < weight[c - 1].length ? weight[c - 1][j] * x : 0;
        }
      }
      double[] p = new double[3];
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        p[c] = Math.exp(logit[c]);
        sum += p[c];
      }
      int top = 0;
      for (int c = 0; c < 3; c++) {
        p[c] /= sum;
        top = p[c] > p[top] ? c : top;
      }
      double u = r.nextDouble();
      int label = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
      row.put(ReferenceProfile.PREDICTION, Integer.toString(top));
      row.put(ReferenceProfile.CONFIDENCE, Math.round(10 * p[top]) / 10.0);
      row.put(ReferenceProfile.LABEL, Integer.toString(label));
      b.add(row);
    }
    return b.build();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller, one value per pair of uniforms
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private DriftMonitor.Builder builder() {
    return DriftMonitor.builder(profile).window(Window.tumblingTime(Duration.ofHours(1)));
  }

  /**
   * The monitor with its default estimate: {@code build()} as a user pays it since the twelfth
   * session, which starts the estimate's fit rather than running it (here on a host executor that
   * drops it, so that no fit of an earlier call competes with the measured ones; by default it
   * runs on a thread of its own).
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor buildWithEstimate() {
    return builder().executor(task -> { }).build();
  }

  /**
   * The build and the estimate's fit, on the calling thread (a host executor that runs the fit at
   * once): the time until the estimate is available, what {@code build()} alone cost before the
   * fit left it.
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor buildAndFit() {
    return builder().executor(Runnable::run).build();
  }

  /**
   * Baseline: the same build without the estimate.
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor buildWithoutEstimate() {
    return builder().withoutProfileEstimate().build();
  }
}

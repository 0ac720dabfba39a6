package dev.mlops.bench.monitor;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Where a record's nanoseconds go on the endpoint's path ({@code record(double[], Prediction,
 * null)} of 8 numeric features and a binary classifier's probabilities, as {@code
 * MonitorListener.recordVector} calls it), part by part, one thread, average time per call:
 *
 * <ul>
 *   <li>{@code predictionOfProbabilities}: the endpoint's {@code Prediction.ofProbabilities(p)}
 *       (validation, a copy of the array, the object);
 *   <li>{@code stripeLock}: the stripe lock's CAS and its release (a padded int through a
 *       VarHandle, as {@code Recorder} does);
 *   <li>{@code sharedIncrement}: the count window's shared {@code AtomicLong.incrementAndGet};
 *   <li>{@code copyRow}: the row's 8 values copied into a 64-row buffer with the finite check;
 *   <li>{@code record} / {@code recordSampled}: the whole record on a monitor with count windows
 *       of 10,000 rows (closing during the run; evaluated on the monitor's thread), every row or
 *       {@code sampleOneIn(k)} (the prediction built outside the timed part: {@code
 *       predictionOfProbabilities} adds to it on the endpoint before this session);
 *   <li>{@code recordProbabilities}: the whole record as the endpoint now calls it, {@code
 *       record(double[], double[] probabilities, null, -1)} (no prediction object).
 * </ul>
 *
 * <p>The parts are the JVM's costs of the same operations outside the monitor (a guide, not a
 * decomposition that sums exactly). Run: {@code java -jar mlops-bench/target/benchmarks.jar
 * RecordPartsBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecordPartsBenchmark {

  private static final int FEATURES = 8;
  private static final int POOL = 1_024;
  private static final VarHandle LOCK;

  static {
    try {
      LOCK = MethodHandles.lookup().findVarHandle(Padded.class, "lock", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A lock word on its own cache line. */
  static final class Padded {
    long p1, p2, p3, p4, p5, p6, p7;
    int lock;
    long q1, q2, q3, q4, q5, q6, q7;
  }

  /** The sampled monitor's k for {@link #recordSampled}. */
  @Param({"10"})
  public int sampleOneIn;

  private final Padded padded = new Padded();
  private final AtomicLong claimed = new AtomicLong();
  private final double[] buffer = new double[64 * (FEATURES + 1) + 32];
  private double[][] rows;
  private double[][] probabilities;
  private Prediction[] predictions;
  private DriftMonitor monitor;
  private DriftMonitor sampled;
  private int next;
  private int fill;

  /** Builds the monitors (count windows of 10,000 rows) and draws the rows. */
  @Setup(Level.Trial)
  public void setUp() {
    rows = MonitorFixture.rows(POOL, FEATURES, 3);
    probabilities = new double[POOL][];
    predictions = new Prediction[POOL];
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    for (int i = 0; i < POOL; i++) {
      double q = r.nextDouble();
      probabilities[i] = new double[] {1 - q, q};
      predictions[i] = Prediction.ofProbabilities(probabilities[i]);
    }
    monitor = DriftMonitor.builder(MonitorFixture.profile(FEATURES, 5_000, 1))
        .window(Window.tumblingCount(10_000)).build();
    sampled = DriftMonitor.builder(MonitorFixture.profile(FEATURES, 5_000, 1))
        .window(Window.tumblingCount(10_000)).sampleOneIn(sampleOneIn).build();
  }

  /**
   * The endpoint's prediction object.
   *
   * @return the prediction
   */
  @Benchmark
  public Prediction predictionOfProbabilities() {
    return Prediction.ofProbabilities(probabilities[next++ & (POOL - 1)]);
  }

  /**
   * The stripe lock's CAS and release.
   *
   * @return the lock word
   */
  @Benchmark
  public int stripeLock() {
    if (!LOCK.compareAndSet(padded, 0, 1)) {
      throw new IllegalStateException();
    }
    LOCK.setRelease(padded, 0);
    return padded.lock;
  }

  /**
   * The count window's shared increment.
   *
   * @return the count
   */
  @Benchmark
  public long sharedIncrement() {
    return claimed.incrementAndGet();
  }

  /**
   * The row's copy into the stripe buffer with the finite check.
   *
   * @return the buffer
   */
  @Benchmark
  public double[] copyRow() {
    double[] v = rows[next++ & (POOL - 1)];
    int base = fill * (FEATURES + 1);
    for (int i = 0; i < FEATURES; i++) {
      double d = v[i];
      buffer[base + i] = d - d == 0 ? d : Double.NaN;
    }
    fill = (fill + 1) & 63;
    return buffer;
  }

  /**
   * The whole record, every row.
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor record() {
    int i = next++ & (POOL - 1);
    monitor.record(rows[i], predictions[i], null);
    return monitor;
  }

  /**
   * The whole record of the row and its probabilities as the endpoint now records them ({@code
   * record(double[], double[], null, -1)}: no prediction object).
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor recordProbabilities() {
    int i = next++ & (POOL - 1);
    monitor.record(rows[i], probabilities[i], null, -1);
    return monitor;
  }

  /**
   * The whole record on the sampled monitor.
   *
   * @return the monitor
   */
  @Benchmark
  public DriftMonitor recordSampled() {
    int i = next++ & (POOL - 1);
    sampled.record(rows[i], predictions[i], null);
    return sampled;
  }
}

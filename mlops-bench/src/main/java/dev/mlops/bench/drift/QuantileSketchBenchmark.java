package dev.mlops.bench.drift;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.internal.QuantileSketch;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the profile's and the window's quantile sketch: {@code values} seeded log-normal
 * values into the deterministic KLL sketch ({@link QuantileSketch}, k = 400; one value at a time
 * as a window's records arrive, and in blocks as a profile's columns arrive), against DataSketches
 * 7.0.1's {@code KllDoublesSketch} (k = 400, the sketch profiles and windows kept up to the twelfth
 * session) doing the same work in the same run; and the sorted view a profile is built from.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar QuantileSketchBenchmark -f 1 -wi 3 -i
 * 5 -w 1 -r 1}
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QuantileSketchBenchmark extends AverageTimeBenchmark {

  /** Values per operation. */
  @Param({"1000000"})
  public int values;

  private double[] x;
  private QuantileSketch full;
  private KllDoublesSketch fullKll;

  /** Draws the values and fills one sketch of each kind for the view benchmarks. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom r = new SplittableRandom(7);
    x = new double[values];
    for (int i = 0; i < values; i++) {
      x[i] = Math.exp(Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
          * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    full = new QuantileSketch(400);
    full.update(x, 0, values);
    fullKll = KllDoublesSketch.newHeapInstance(400);
    fullKll.update(x, 0, values);
  }

  /** The deterministic sketch, one value per call (a window's records). */
  @Benchmark
  public long deterministicOneByOne() {
    QuantileSketch s = new QuantileSketch(400);
    for (double v : x) {
      s.update(v);
    }
    return s.n();
  }

  /** DataSketches' KLL, one value per call. */
  @Benchmark
  public long dataSketchesOneByOne() {
    KllDoublesSketch s = KllDoublesSketch.newHeapInstance(400);
    for (double v : x) {
      s.update(v);
    }
    return s.getN();
  }

  /** The deterministic sketch, blocks of 8,192 values (a profile's column chunks). */
  @Benchmark
  public long deterministicBlocks() {
    QuantileSketch s = new QuantileSketch(400);
    for (int i = 0; i < x.length; i += 8_192) {
      s.update(x, i, Math.min(8_192, x.length - i));
    }
    return s.n();
  }

  /** DataSketches' KLL, blocks of 8,192 values. */
  @Benchmark
  public long dataSketchesBlocks() {
    KllDoublesSketch s = KllDoublesSketch.newHeapInstance(400);
    for (int i = 0; i < x.length; i += 8_192) {
      s.update(x, i, Math.min(8_192, x.length - i));
    }
    return s.getN();
  }

  /** The deterministic sketch's sorted view (what a profile stores). */
  @Benchmark
  public int deterministicSortedView() {
    return full.sortedView().items().length;
  }

  /** DataSketches' sorted view. */
  @Benchmark
  public int dataSketchesSortedView() {
    return fullKll.getSortedView().getQuantiles().length;
  }
}

package dev.mlops.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH settings of the latency benchmarks: one state per benchmark, every call's time sampled
 * (so JMH reports percentiles beside the mean) in microseconds, one fork. JMH inherits class-level
 * annotations from a superclass (as {@link AverageTimeBenchmark} explains); a benchmark extending
 * this class adds its own warm-up and measurement.
 *
 * <p>Not thread-safe (JMH state holder, as its subclasses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public abstract class SampleTimeBenchmark {

  /** For subclasses only. */
  protected SampleTimeBenchmark() {}
}

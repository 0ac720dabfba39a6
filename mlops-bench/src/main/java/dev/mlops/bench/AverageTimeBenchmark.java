package dev.mlops.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH settings most benchmarks here share: one state per benchmark, average time per operation
 * in milliseconds, one fork. JMH inherits class-level annotations from a superclass (as in its
 * sample {@code JMHSample_24_Inheritance}); a benchmark extending this class adds its own warm-up
 * and measurement and may override any of these (e.g. a {@code @Fork} with a larger heap).
 *
 * <p>Not thread-safe (JMH state holder, as its subclasses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public abstract class AverageTimeBenchmark {

  /** For subclasses only. */
  protected AverageTimeBenchmark() {}
}

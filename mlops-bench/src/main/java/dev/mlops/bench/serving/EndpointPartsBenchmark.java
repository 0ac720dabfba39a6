package dev.mlops.bench.serving;

import dev.mlops.bench.ServedSmileModel;
import dev.mlops.bench.decisions.ServedClassifier;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import dev.mlops.core.serving.ServableClassifier;
import dev.mlops.core.serving.TrainedModels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the unmonitored endpoint's nanoseconds go on a vector request of the 0.2 us logistic
 * regression of {@code MonitoredEndpointBenchmark.pairedClassifier -p request=vector} (the same
 * pipeline, seed 601: 8 numeric features standardised, Smile's logistic regression), part by part,
 * one thread, average time per call:
 *
 * <ul>
 *   <li>{@code smileEncoded}: Smile's posteriors into a new array on a row standardised before the run;
 *   <li>{@code bareFair}: the paired benchmark's baseline: the standardisation by hand into a new
 *       array, then the same Smile call;
 *   <li>{@code transforms}: the pipeline's fitted transforms on the raw numbers ({@code
 *       FittedTransforms.applyReadOnly});
 *   <li>{@code fittedEncoded}: the pipeline's fitted Smile model ({@code FittedClassifier}) on the
 *       row standardised before the run (its posteriors array, the class mapping);
 *   <li>{@code probabilitiesOfInputs}: the trained model on the raw numbers (transforms, then {@code
 *       fittedEncoded}'s call);
 *   <li>{@code servableProbabilities}: the endpoint's model call ({@code TrainedModels}' adapter
 *       around {@code probabilitiesOfInputs});
 *   <li>{@code contractCheck}: the data contract on the numbers ({@code validate(double[])});
 *   <li>{@code clockPair}: two {@code System.nanoTime()} reads (the endpoint's latency);
 *   <li>{@code latencyRecordTwice}: the latency histogram's record for the deployment and the
 *       endpoint (a copy of {@code LatencyHistogram.record}: the bucket and an atomic add, twice);
 *   <li>{@code requestNumber}: the generated id's shared {@code AtomicLong.incrementAndGet};
 *   <li>{@code predictionResult}: the result object with its copy of the probabilities;
 *   <li>{@code adderTwice}: two {@code LongAdder.increment()} (answered counts without the histogram);
 *   <li>{@code sampleDraw}: {@code ThreadLocalRandom}'s draw deciding whether to time a request;
 *   <li>{@code endpoint}: the whole unmonitored vector request.
 * </ul>
 *
 * <p>The parts are the JVM's costs of the same operations outside the endpoint (a guide, not a
 * decomposition that sums exactly: the whole request shares caches and the JIT's inlining). Run:
 * {@code java -jar mlops-bench/target/benchmarks.jar EndpointPartsBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}.
 * Not thread-safe (JMH state, one thread).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EndpointPartsBenchmark {

  private static final int POOL = 1_024;
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] histogramA = new long[960];
  private final long[] histogramB = new long[960];
  private final AtomicLong requests = new AtomicLong();
  private final LongAdder answeredA = new LongAdder();
  private final LongAdder answeredB = new LongAdder();

  private TrainedClassifier classifier;
  private ServableClassifier servable;
  private ModelEndpoint endpoint;
  private List<String> featureNames;
  private smile.classification.Classifier<double[]> smile;
  private double[][] raw;
  private double[][] encoded;
  private double[] shift;
  private double[] scale;
  private int next;
  private long elapsed = 100;

  /** Trains the logistic regression and builds the endpoint (no monitor). */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() throws java.io.IOException {
    SplittableRandom rnd = new SplittableRandom(601);
    classifier = (TrainedClassifier) ServedClassifier.train("logistic", true, rnd).model();
    servable = TrainedModels.servable(classifier);
    endpoint = ModelEndpoint.builder(Deployment.builder("bench", 1, servable).build()).build();
    featureNames = servable.featureNames();
    smile = (smile.classification.Classifier<double[]>) ServedSmileModel.of(classifier.fitted())
        .model();
    com.fasterxml.jackson.databind.JsonNode affine = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(classifier.transforms().toJson()).get("steps").get(0).get("shift_scale");
    int n = featureNames.size();
    shift = new double[n];
    scale = new double[n];
    for (int j = 0; j < n; j++) {
      shift[j] = affine.get(featureNames.get(j)).get(0).asDouble();
      scale[j] = affine.get(featureNames.get(j)).get(1).asDouble();
    }
    raw = ServedClassifier.numericRows(featureNames, POOL, rnd);
    encoded = new double[POOL][];
    for (int i = 0; i < POOL; i++) {
      encoded[i] = classifier.transforms().apply(raw[i]);
      if (!java.util.Arrays.equals(bare(i), endpoint.predict(featureNames, raw[i]).probabilities())) {
        throw new IllegalStateException("the baseline must predict what the endpoint predicts: row " + i);
      }
    }
  }

  private double[] bare(int i) {
    double[] x = new double[shift.length];
    double[] r = raw[i];
    for (int j = 0; j < x.length; j++) {
      x[j] = (r[j] - shift[j]) / scale[j];
    }
    double[] post = new double[2];
    smile.predict(x, post);
    return post;
  }

  /**
   * Smile on a row standardised before the run.
   *
   * @return the posteriors
   */
  @Benchmark
  public double[] smileEncoded() {
    double[] post = new double[2];
    smile.predict(encoded[next++ & (POOL - 1)], post);
    return post;
  }

  /**
   * The paired benchmark's fair baseline.
   *
   * @return the posteriors
   */
  @Benchmark
  public double[] bareFair() {
    return bare(next++ & (POOL - 1));
  }

  /**
   * The pipeline's fitted transforms on the raw numbers.
   *
   * @return the feature vector
   */
  @Benchmark
  public double[] transforms() {
    return classifier.transforms().applyReadOnly(raw[next++ & (POOL - 1)]);
  }

  /**
   * The fitted Smile model on a row standardised before the run.
   *
   * @return the probabilities
   */
  @Benchmark
  public double[] fittedEncoded() {
    return classifier.fitted().probabilities(encoded[next++ & (POOL - 1)]);
  }

  /**
   * The trained model on the raw numbers.
   *
   * @return the probabilities
   */
  @Benchmark
  public double[] probabilitiesOfInputs() {
    return classifier.probabilitiesOfInputs(raw[next++ & (POOL - 1)]);
  }

  /**
   * The endpoint's model call.
   *
   * @return the probabilities
   */
  @Benchmark
  public double[] servableProbabilities() {
    return servable.probabilities(raw[next++ & (POOL - 1)]);
  }

  /**
   * The data contract on the numbers.
   *
   * @return the violations (none)
   */
  @Benchmark
  public Object contractCheck() {
    return servable.validate(raw[next++ & (POOL - 1)]);
  }

  /**
   * Two clock reads.
   *
   * @return their difference
   */
  @Benchmark
  public long clockPair() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }

  /**
   * The latency histogram's record, for the deployment and for the endpoint.
   *
   * @return a count
   */
  @Benchmark
  public long latencyRecordTwice() {
    long v = elapsed = (elapsed * 5 + 3) & 1023;
    int b = bucketOf(v + 100);
    COUNT.getAndAdd(histogramA, b, 1L);
    COUNT.getAndAdd(histogramB, b, 1L);
    return v;
  }

  /**
   * The generated id's number.
   *
   * @return the number
   */
  @Benchmark
  public long requestNumber() {
    return requests.incrementAndGet();
  }

  /**
   * The result object (its probabilities copied).
   *
   * @return the result
   */
  @Benchmark
  public PredictionResult predictionResult() {
    return new PredictionResult("req-1", "bench", 1, Role.CHAMPION, 0, encoded[next++ & (POOL - 1)]);
  }

  /**
   * Two striped counters.
   *
   * @return nothing useful
   */
  @Benchmark
  public LongAdder adderTwice() {
    answeredA.increment();
    answeredB.increment();
    return answeredB;
  }

  /**
   * The draw of a 1-in-16 timing sample.
   *
   * @return whether to time
   */
  @Benchmark
  public boolean sampleDraw() {
    return (ThreadLocalRandom.current().nextInt() & 15) == 0;
  }

  /**
   * The whole unmonitored vector request.
   *
   * @return the result
   */
  @Benchmark
  public PredictionResult endpoint() {
    return endpoint.predict(featureNames, raw[next++ & (POOL - 1)]);
  }

  private static int bucketOf(long value) {
    if (value < 16) {
      return (int) Math.max(0, value);
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int sub = (int) (value >>> (exponent - 4)) & 15;
    return (exponent - 3) * 16 + sub;
  }
}

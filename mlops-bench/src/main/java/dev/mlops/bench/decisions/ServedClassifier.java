package dev.mlops.bench.decisions;

import dev.mlops.bench.ServedSmileModel;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.TrainedModels;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.split.Split;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * The classifier of {@code MonitoredEndpointBenchmark.pairedClassifier}: a model trained through
 * the pipeline on {@link CheckerStreams}' balanced stream (10,000 rows, 8 numeric features and a
 * categorical, one-hot and standardised by the pipeline; seed 601), deployed as a user deploys it:
 * {@code run.profile()} (which carries the estimate sample) and a monitor with the defaults (the
 * profile estimate, count windows of 10,000 rows, so windows close and are evaluated during the
 * run). Each call of a variant timed alone into its own histogram, the variants in a pseudo-random
 * order per call:
 *
 * <ul>
 *   <li>{@code -p request=map} (default): {@code bare} = {@code classifier.probabilities(row)}
 *       (the pipeline's transforms and Smile's posteriors on the row as a map), {@code estimate} =
 *       the same plus {@code record(map)} on the default monitor, {@code plain} = the same plus
 *       {@code record} on a monitor built {@code withoutProfileEstimate()}.
 *   <li>{@code -p request=vector}: the model on the 8 numeric features only; {@code bare} =
 *       the model's work on the request's numbers without the endpoint: the fitted standardisation
 *       by hand into a new array, then Smile's own call (the served Smile model, its posteriors
 *       into a new array; {@code -p baseline=encoded}: Smile on an encoded row built before the
 *       run, the fourteenth session's baseline), {@code endpoint} = a {@code ModelEndpoint} without a monitor
 *       on the row as names and numbers, {@code plain} / {@code estimate} = the endpoint with the
 *       monitor (which records the numbers the endpoint decoded, {@code record(double[], ...)}).
 *   <li>{@code -p sampleOneIn=k} (k > 0) adds {@code sampled}: the default monitor built {@code
 *       sampleOneIn(k)}, on either path.
 * </ul>
 *
 * <p>Logs p50, p99, p99.9 and the mean of each per iteration and for the trial, with the ratios
 * to {@code bare} and issue 14 item 6's verdict (p99 at most 1.3x, mean at most 1.05x).
 *
 * <p>Not thread-safe (a JMH thread state).
 */
@State(Scope.Thread)
public class ServedClassifier {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServedClassifier.class);
  private static final int ROWS = 4_096;

  /**
   * The model: {@code forest} (100 trees, ~30 us a call), {@code boosted} (gradient-boosted trees,
   * 200) or {@code logistic} (~0.2 us).
   */
  @Param({"forest", "logistic"})
  public String model;

  /**
   * The request path: {@code map} (default) times {@code classifier.probabilities(map)} alone
   * (bare) against the same plus {@code record(map)} beside it, as a user calling the monitor
   * next to the model; {@code vector} serves the row as names and numbers through a {@link
   * ModelEndpoint} ({@code predict(featureNames, double[])}: the endpoint's monitor records the
   * numbers it decoded once, {@code record(double[], ...)}) against the model's own work on the
   * same numbers (see {@link #baseline}). The
   * vector path trains on the 8 numeric features only (a categorical feature makes the endpoint
   * read the row by name), so its model differs from the map path's.
   */
  @Param({"map"})
  public String request;

  /**
   * The vector path's baseline: {@code fair} (default) does the model work the endpoint does on
   * the request's raw numbers: the fitted standardisation ({@code (x - shift) / scale} with the
   * pipeline's own fitted shift and scale, read from the transforms' JSON, into a new array,
   * written by hand as a user calling Smile would), a tuple on the served model's schema when the
   * model takes tuples, and Smile's posteriors into a new array; {@code encoded} (the fourteenth
   * session's) calls Smile on an encoded row (and tuple) built before the run, so the
   * standardisation the endpoint does counted as the endpoint's overhead. Whatever this choice,
   * the vector path also runs the encoded call as its own variant {@code encoded}, and logs every
   * variant's ratios and verdicts against both baselines from the same run.
   */
  @Param({"fair"})
  public String baseline;

  /**
   * The vector path's variants beside {@code bare}: {@code all} (default: endpoint, plain,
   * estimate, and sampled when {@link #sampleOneIn} > 0) or a {@code +}-separated subset, e.g.
   * {@code endpoint+estimate}. Each monitored variant's monitor has its own evaluation and hand-off
   * thread; on a 2-core machine two recording monitors' threads and the benchmark's thread
   * oversubscribe the cores, which a service with one monitored deployment does not: a subset
   * with one monitor measures that service.
   */
  @Param({"all"})
  public String variants;

  /** The sampled monitor's k (records 1 row in k fully, counts every row); 0 leaves it out. */
  @Param({"0"})
  public int sampleOneIn;

  private TrainedClassifier classifier;
  private DriftMonitor estimate;
  private DriftMonitor plain;
  private DriftMonitor sampled;
  private Map<String, Object>[] rows;
  private int next;
  private long calls;
  private boolean vector;
  /** Variant names; index 0 is the baseline. */
  private String[] names;
  private Histogram[] now;
  private Histogram[] total;
  private final int[] order = new int[8];
  /**
   * Per variant slot of the vector path, what it runs: 0 bare, 1 endpoint, 2 plain, 3 estimate, 4
   * sampled, {@link #ENCODED} Smile on the pre-encoded row (the fourteenth session's baseline).
   */
  private int[] kinds;
  private static final int ENCODED = 5;
  /** The slot of the encoded baseline on the vector path, -1 on the map path. */
  private int encodedSlot = -1;

  // the vector path
  private List<String> featureNames;
  private double[][] vectors;
  private double[][] encoded;
  private Tuple[] tuples;
  private Object smile;
  private int smileClasses;
  private ModelEndpoint bareEndpoint;
  private ModelEndpoint estimateEndpoint;
  private ModelEndpoint plainEndpoint;
  private ModelEndpoint sampledEndpoint;
  private boolean fair;
  /**
   * Whether the Smile model takes tuples, decided once: a failing {@code instanceof} against an
   * interface scans the class's secondary supertypes on every call (tens of ns), which is no part
   * of the model's work.
   */
  private boolean takesTuples;
  private StructType smileSchema;
  /** The fitted standardisation per raw feature: {@code (x - shift[j]) / scale[j]}. */
  private double[] shift;
  private double[] scale;

  /** Trains the model through the pipeline and builds the monitors (and endpoints). */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    vector = switch (request) {
      case "map" -> false;
      case "vector" -> true;
      default -> throw new IllegalArgumentException("request must be map or vector: " + request);
    };
    SplittableRandom rnd = new SplittableRandom(601);
    PipelineRun run = train(model, vector, rnd);
    classifier = (TrainedClassifier) run.model();
    ReferenceProfile profile = run.profile();
    if (profile.estimateSample().isEmpty()) {
      throw new IllegalStateException("the pipeline's profile must carry an estimate sample");
    }
    estimate = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000)).build();
    plain = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .withoutProfileEstimate().build();
    sampled = sampleOneIn > 0 ? DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .sampleOneIn(sampleOneIn).build() : null;
    rows = new Map[ROWS];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = CheckerTables.row(CheckerTables.Truth.BALANCED, CheckerTables.Shift.MEAN, 0,
          rnd).values();
    }
    if (vector) {
      setUpVector();
      List<String> all = sampled == null ? List.of("bare", "endpoint", "plain", "estimate")
          : List.of("bare", "endpoint", "plain", "estimate", "sampled");
      List<String> chosen = new java.util.ArrayList<>(List.of("bare"));
      if (variants.equals("all")) {
        chosen = new java.util.ArrayList<>(all);
      } else {
        for (String v : variants.split("\\+")) {
          if (!all.contains(v) || v.equals("bare") || chosen.contains(v)) {
            throw new IllegalArgumentException("variants must be all or distinct ones of " + all.subList(1, all.size())
                + " joined by +: " + variants);
          }
          chosen.add(v);
        }
      }
      // the fourteenth session's baseline beside the fair one, in the same run: ratios to both
      chosen.add("encoded");
      names = chosen.toArray(new String[0]);
      kinds = new int[names.length];
      for (int v = 0; v < names.length; v++) {
        kinds[v] = names[v].equals("encoded") ? ENCODED : all.indexOf(names[v]);
      }
      encodedSlot = names.length - 1;
    } else {
      names = sampled == null ? new String[] {"bare", "estimate", "plain"}
          : new String[] {"bare", "estimate", "plain", "sampled"};
    }
    now = new Histogram[names.length];
    total = new Histogram[names.length];
    for (int v = 0; v < names.length; v++) {
      now[v] = new Histogram(3);
      total[v] = new Histogram(3);
    }
  }

  /**
   * Trains the benchmark's classifier through the pipeline on {@link CheckerTables}' balanced
   * stream (10,000 rows; on the 8 numeric features only, standardised, when {@code numericOnly}).
   *
   * @param model {@code forest}, {@code boosted} or {@code logistic}
   * @param numericOnly whether to drop the categorical feature (the vector path's model)
   * @param rnd the stream's random source (seed 601 in the benchmarks), advanced by the draw
   * @return the pipeline's run
   */
  public static PipelineRun train(String model, boolean numericOnly, SplittableRandom rnd) {
    Table data = CheckerTables.table(CheckerTables.Truth.BALANCED, 10_000, rnd);
    if (numericOnly) {
      data = data.drop(List.of(CheckerTables.PLAN));
    }
    CheckerStreams.Model m = switch (model) {
      case "forest" -> CheckerStreams.Model.FOREST;
      case "boosted" -> CheckerStreams.Model.BOOSTED;
      case "logistic" -> CheckerStreams.Model.LOGISTIC;
      default -> throw new IllegalArgumentException("model must be forest, boosted or logistic: "
          + model);
    };
    return Pipeline.builder("served-classifier").source(data).target("y")
        .transform(t -> numericOnly ? t.standardize(ColumnSelector.numeric())
            : t.oneHot(CheckerTables.PLAN).standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2))
        .train(CheckerStreams.trainer(m))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(601)
        .build()
        .run();
  }

  /**
   * Draws request rows of the benchmark's stream (unshifted) as numbers in the given feature order.
   *
   * @param featureNames numeric features of the stream
   * @param n the number of rows
   * @param rnd the random source
   * @return one row per element
   */
  public static double[][] numericRows(List<String> featureNames, int n, SplittableRandom rnd) {
    double[][] out = new double[n][featureNames.size()];
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = CheckerTables.row(CheckerTables.Truth.BALANCED, CheckerTables.Shift.MEAN, 0,
          rnd).values();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = ((Number) row.get(featureNames.get(j))).doubleValue();
      }
    }
    return out;
  }

  private void setUpVector() {
    featureNames = classifier.featureNames();
    vectors = new double[ROWS][];
    encoded = new double[ROWS][];
    tuples = new Tuple[ROWS];
    ServedSmileModel own = ServedSmileModel.of(classifier.fitted());
    smile = own.model();
    StructType schema = own.schema();
    smileClasses = ((smile.classification.Classifier<?>) smile).numClasses();
    smileSchema = schema;
    takesTuples = smile instanceof smile.classification.DataFrameClassifier;
    fair = switch (baseline) {
      case "fair" -> true;
      case "encoded" -> false;
      default -> throw new IllegalArgumentException("baseline must be fair or encoded: " + baseline);
    };
    readStandardisation(classifier.transforms().toJson());
    for (int i = 0; i < ROWS; i++) {
      double[] x = new double[featureNames.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = ((Number) rows[i].get(featureNames.get(j))).doubleValue();
      }
      vectors[i] = x;
      encoded[i] = classifier.transforms().applyReadOnly(x);
      tuples[i] = Tuple.of(encoded[i], schema);
    }
    bareEndpoint = endpoint(null);
    estimateEndpoint = endpoint(estimate);
    plainEndpoint = endpoint(plain);
    sampledEndpoint = sampled == null ? null : endpoint(sampled);
    for (int i = 0; i < ROWS; i++) {
      double[] bare = bareSmile(i);
      double[] served = estimateEndpoint.predict(featureNames, vectors[i]).probabilities();
      if (!java.util.Arrays.equals(bare, served)) {
        throw new IllegalStateException("the endpoint must predict what Smile predicts: row " + i + ": "
            + java.util.Arrays.toString(served) + " vs " + java.util.Arrays.toString(bare));
      }
    }
  }

  private ModelEndpoint endpoint(DriftMonitor monitor) {
    Deployment.Builder d = Deployment.builder("bench", 1, TrainedModels.servable(classifier));
    if (monitor != null) {
      d.monitor(monitor, false);
    }
    return ModelEndpoint.builder(d.build()).build();
  }

  /**
   * The baseline: Smile's own call, its posteriors into a new array; on the raw numbers
   * standardised by hand into a new array (and a tuple of them when the model takes tuples) with
   * {@code -p baseline=fair}, on the pre-built encoded row and tuple with {@code encoded}.
   */
  @SuppressWarnings("unchecked")
  private double[] bareSmile(int i) {
    if (!fair) {
      return encodedSmile(i);
    }
    double[] post = new double[smileClasses];
    double[] raw = vectors[i];
    double[] x = new double[raw.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = (raw[j] - shift[j]) / scale[j];
    }
    if (takesTuples) {
      smile.classification.DataFrameClassifier c = (smile.classification.DataFrameClassifier) smile;
      c.predict(Tuple.of(x, smileSchema), post);
    } else {
      ((smile.classification.Classifier<double[]>) smile).predict(x, post);
    }
    return post;
  }

  /** Smile's own call on the encoded row (and tuple) built before the run: its posteriors into a new array. */
  @SuppressWarnings("unchecked")
  private double[] encodedSmile(int i) {
    double[] post = new double[smileClasses];
    if (takesTuples) {
      smile.classification.DataFrameClassifier c = (smile.classification.DataFrameClassifier) smile;
      c.predict(tuples[i], post);
    } else {
      ((smile.classification.Classifier<double[]>) smile).predict(encoded[i], post);
    }
    return post;
  }

  /**
   * Reads the one affine step of the vector path's transforms (the standardisation of every
   * numeric feature) from their JSON: the shift and scale of each feature, in feature order.
   */
  private void readStandardisation(byte[] json) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      com.fasterxml.jackson.databind.JsonNode steps = root.get("steps");
      if (steps.size() != 1 || !"affine".equals(steps.get(0).get("kind").asText())) {
        throw new IllegalStateException("the vector path's transforms must be one affine step: " + steps);
      }
      com.fasterxml.jackson.databind.JsonNode shiftScale = steps.get(0).get("shift_scale");
      shift = new double[featureNames.size()];
      scale = new double[featureNames.size()];
      for (int j = 0; j < shift.length; j++) {
        com.fasterxml.jackson.databind.JsonNode s = shiftScale.get(featureNames.get(j));
        shift[j] = s.get(0).asDouble();
        scale[j] = s.get(1).asDouble();
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the transforms' JSON", e);
    }
  }

  /**
   * One call of each variant in a pseudo-random order (SplitMix64 of the call count), each on the
   * next row, each timed alone.
   *
   * @return a sum of the probabilities
   */
  public double paired() {
    long z = (++calls) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    int n = names.length;
    for (int v = 0; v < n; v++) {
      order[v] = v;
    }
    // Fisher-Yates on the mixed bits: every order of the variants about equally often
    for (int v = n - 1; v > 0; v--) {
      int j = (int) Long.remainderUnsigned(z, v + 1);
      z = Long.divideUnsigned(z, v + 1);
      int t = order[v];
      order[v] = order[j];
      order[j] = t;
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      int v = order[j];
      int i = next++ & (ROWS - 1);
      if (vector) {
        long t0 = System.nanoTime();
        double p = switch (kinds[v]) {
          case 0 -> bareSmile(i)[0];
          case ENCODED -> encodedSmile(i)[0];
          case 1 -> bareEndpoint.predict(featureNames, vectors[i]).probability(0);
          case 2 -> plainEndpoint.predict(featureNames, vectors[i]).probability(0);
          case 3 -> estimateEndpoint.predict(featureNames, vectors[i]).probability(0);
          default -> sampledEndpoint.predict(featureNames, vectors[i]).probability(0);
        };
        now[v].recordValue(System.nanoTime() - t0);
        sum += p;
      } else {
        Map<String, Object> row = rows[i];
        long t0 = System.nanoTime();
        double[] p = classifier.probabilities(row);
        if (v == 1) {
          estimate.record(row, Prediction.ofProbabilities(p), null);
        } else if (v == 2) {
          plain.record(row, Prediction.ofProbabilities(p), null);
        } else if (v == 3) {
          sampled.record(row, Prediction.ofProbabilities(p), null);
        }
        now[v].recordValue(System.nanoTime() - t0);
        sum += p[0];
      }
    }
    return sum;
  }

  /**
   * Logs the iteration's figures; adds a measurement iteration's to the trial's.
   *
   * @param iteration the iteration
   */
  @TearDown(Level.Iteration)
  public void iteration(IterationParams iteration) {
    boolean measured = iteration.getType() == IterationType.MEASUREMENT;
    if (now[0].getTotalCount() > 0) {
      LOG.info("classifier {} {} iteration: {}", model, measured ? "measurement" : "warm-up",
          compare(now));
    }
    for (int v = 0; v < names.length; v++) {
      if (measured) {
        total[v].add(now[v]);
      }
      now[v].reset();
    }
  }

  /** Logs the trial's figures and the verdicts against issue 14 item 6's targets. */
  @TearDown(Level.Trial)
  public void trial() {
    if (total[0].getTotalCount() > 0) {
      StringBuilder verdicts = new StringBuilder();
      for (int v = 1; v < names.length; v++) {
        if (v != encodedSlot) {
          verdicts.append(v == 1 ? "" : ", ").append(names[v]).append(' ').append(verdict(total[v], total[0]));
        }
      }
      if (encodedSlot > 0) {
        verdicts.append("; against encoded:");
        for (int v = 1; v < encodedSlot; v++) {
          verdicts.append(' ').append(names[v]).append(' ').append(verdict(total[v], total[encodedSlot]));
        }
      }
      LOG.info("classifier {} {} trial total: {}; target (p99 <= 1.3x, mean <= 1.05x): {}; "
          + "inline applies: estimate {}, plain {}{}", model, request + (vector ? " " + variants : ""), compare(total), verdicts,
          estimate.inlineFlushes(), plain.inlineFlushes(),
          sampled == null ? "" : ", sampled " + sampled.inlineFlushes());
    }
  }

  private static String verdict(Histogram a, Histogram b) {
    boolean p99 = a.getValueAtPercentile(99) <= 1.3 * b.getValueAtPercentile(99);
    boolean mean = Math.round(1000 * a.getMean() / b.getMean()) <= 1050;
    return p99 && mean ? "met" : "not met (" + (p99 ? "" : "p99 ") + (mean ? "" : "mean") + ")";
  }

  private String compare(Histogram[] h) {
    StringBuilder s = new StringBuilder();
    for (int v = 0; v < names.length; v++) {
      s.append(v == 0 ? "" : " | ").append(names[v]).append(' ').append(line(h[v]));
    }
    for (int v = 1; v < names.length; v++) {
      s.append(" | ").append(names[v]).append("/bare ").append(ratios(h[v], h[0]));
    }
    for (int v = 0; v < encodedSlot; v++) {
      s.append(" | ").append(names[v]).append("/encoded ").append(ratios(h[v], h[encodedSlot]));
    }
    return s.append("; n ").append(h[0].getTotalCount()).toString();
  }

  private static String line(Histogram h) {
    return String.format(Locale.ROOT, "p50 %d p99 %d p99.9 %d mean %.0f ns",
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
        h.getMean());
  }

  private static String ratios(Histogram a, Histogram b) {
    return String.format(Locale.ROOT, "p50 %.3f p99 %.3f p99.9 %.3f mean %.3f",
        a.getValueAtPercentile(50) / (double) b.getValueAtPercentile(50),
        a.getValueAtPercentile(99) / (double) b.getValueAtPercentile(99),
        a.getValueAtPercentile(99.9) / (double) b.getValueAtPercentile(99.9),
        a.getMean() / b.getMean());
  }
}

package dev.mlops.bench.pipeline;

import dev.mlops.bench.AverageTimeBenchmark;
import static dev.mlops.core.transform.ColumnSelector.numeric;

import dev.mlops.core.data.CsvSource;
import dev.mlops.core.pipeline.Gate;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.transform.InvertibleColumnTransform;
import smile.feature.transform.Standardizer;
import smile.io.Read;
import smile.regression.RandomForest;

/**
 * The pipeline's overhead over calling Smile directly with the same data and hyperparameters:
 * read the bike-sharing CSV, standardise the 12 features on the training split, hold out the last
 * 20% of days, train a random forest regressor on {@code cnt}, predict the test split.
 *
 * <p>{@link #smileDirect()} does exactly that with Smile's own CSV reader, {@code Standardizer}
 * and {@code RandomForest.fit}; {@link #pipeline()} runs {@code Pipeline.run()}, which also infers
 * and checks the data contract, evaluates through ModelTest (with bootstrap confidence intervals),
 * builds the reference profile and gates; {@link #pipelineWithoutBootstrap()} is the same run
 * without the bootstrap intervals. Both fit the same number of trees with the same mtry, depth,
 * leaf limits and per-tree seeds with Smile's own {@code RandomForest.fit}, on two threads (one
 * call in Smile's common-pool parallel stream on two cores vs the pipeline's two calls, each on
 * half of the seeds in its own single-thread pool, merged); Smile logs each tree the same way on
 * both sides.
 *
 * <p>Data: {@code -Dmlops.bench.data=/path/to/hour.csv}, else {@code ../shared/data/bike-sharing/hour.csv}
 * or {@code /work/shared/data/bike-sharing/hour.csv}; if none exists, a seeded synthetic file with
 * the same columns and row count is generated.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar PipelineOverheadBenchmark -f 1 -wi 2 -i 5}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineOverheadBenchmark extends AverageTimeBenchmark {

  private static final String[] FEATURES = {
    "season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit", "temp", "atemp", "hum", "windspeed"
  };

  /** Trees of the random forest both sides train. */

  @Param({"30"})
  public int trees;

  private Path csv;
  private Pipeline pipeline;
  private Pipeline sameWork;
  private int mtry;
  private int maxDepth = 12;
  private int nodeSize = 5;
  private long[] seeds;

  /** Locates (or generates) the data and defines the pipeline. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    csv = locate();
    mtry = FEATURES.length / 3;
    // The pipeline's per-tree seeds for its train seed (42 + 1): distinct, > 1.
    seeds = new SplittableRandom(43).longs(2, Long.MAX_VALUE).distinct().limit(trees).toArray();
    pipeline = Pipeline.builder("bench")
        .source(CsvSource.of(csv).timestampColumn("dteday").drop("instant", "casual", "registered"))
        .target("cnt")
        .transform(t -> t.standardize(numeric()))
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(trees).mtry(mtry).maxDepth(maxDepth).nodeSize(nodeSize).threads(2))
        .gate(Gate.expectationsOnly())
        .seed(42)
        .build();
    // Metrics on the test split without bootstrap confidence intervals: the work the Smile
    // baseline does (it predicts the test split and computes nothing else).
    sameWork = Pipeline.builder("bench")
        .source(CsvSource.of(csv).timestampColumn("dteday").drop("instant", "casual", "registered"))
        .target("cnt")
        .transform(t -> t.standardize(numeric()))
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(trees).mtry(mtry).maxDepth(maxDepth).nodeSize(nodeSize).threads(2))
        .evaluateRegressor(t -> t.bootstrap(0))
        .gate(Gate.expectationsOnly())
        .seed(42)
        .build();
  }

  /** The pipeline run without ModelTest's 1000 bootstrap resamples for confidence intervals. */
  @Benchmark
  public PipelineRun pipelineWithoutBootstrap() {
    return sameWork.run();
  }

  /** The whole pipeline run with its defaults (ModelTest with 1000-resample bootstrap intervals). */
  @Benchmark
  public PipelineRun pipeline() {
    return pipeline.run();
  }

  /** The same work calling Smile directly. */
  @Benchmark
  public double[] smileDirect() throws IOException {
    DataFrame all = Read.csv(csv, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get());
    int n = all.nrow();
    // Rows are in time order; the last 20% (rounded) are the test set, moved back to a day boundary.
    int nTrain = n - (int) Math.round(n * 0.2);
    while (nTrain > 0 && all.get(nTrain - 1, "dteday").equals(all.get(nTrain, "dteday"))) {
      nTrain--;
    }
    String[] columns = Arrays.copyOf(FEATURES, FEATURES.length + 1);
    columns[FEATURES.length] = "cnt";
    DataFrame data = all.select(columns);
    DataFrame train = data.slice(0, nTrain);
    DataFrame test = data.slice(nTrain, n);
    InvertibleColumnTransform scaler = Standardizer.fit(train, FEATURES);
    DataFrame trainX = scaler.apply(train);
    DataFrame testX = scaler.apply(test);
    RandomForest forest = RandomForest.fit(Formula.lhs("cnt"), trainX, trees, mtry, maxDepth,
        Math.max(2, nTrain / 5), nodeSize, 1.0, Arrays.stream(seeds));
    double[] predictions = new double[testX.nrow()];
    for (int i = 0; i < predictions.length; i++) {
      predictions[i] = forest.predict(testX.get(i));
    }
    return predictions;
  }

  /**
   * Paired timings: the machine running this is shared, and its load drifts over the seconds
   * between two benchmark methods; timing both variants back to back inside one operation (order
   * alternating) lets the ratio of the summed times cancel most of that drift.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class PairedTimes {
    /** Nanoseconds spent in {@link #smileDirect()}. */
    public long smileNanos;
    /** Nanoseconds spent in {@link #pipelineWithoutBootstrap()}. */
    public long pipelineNanos;
    /** Nanoseconds spent in {@link #pipeline()} (with bootstrap intervals). */
    public long fullPipelineNanos;
    private long calls;

    /** Clears the sums before each iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      smileNanos = 0;
      pipelineNanos = 0;
      fullPipelineNanos = 0;
    }
  }

  /**
   * Runs the Smile baseline, the same-work pipeline and the full pipeline back to back, in an order
   * that rotates each call, adding their times to {@link PairedTimes}.
   *
   * @param times the sums
   * @return the last run, against dead-code elimination
   * @throws IOException if the CSV cannot be read
   */
  @Benchmark
  public Object paired(PairedTimes times) throws IOException {
    Object last = null;
    long k = times.calls++;
    for (int j = 0; j < 3; j++) {
      int which = (int) ((k + j) % 3);
      long t0 = System.nanoTime();
      last = which == 0 ? smileDirect() : which == 1 ? sameWork.run() : pipeline.run();
      long dt = System.nanoTime() - t0;
      if (which == 0) {
        times.smileNanos += dt;
      } else if (which == 1) {
        times.pipelineNanos += dt;
      } else {
        times.fullPipelineNanos += dt;
      }
    }
    return last;
  }

  private static Path locate() throws IOException {
    String given = System.getProperty("mlops.bench.data");
    for (String candidate : new String[] {given, "../shared/data/bike-sharing/hour.csv", "/work/shared/data/bike-sharing/hour.csv"}) {
      if (candidate != null && Files.exists(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return synthetic();
  }

  /** 17,379 hourly rows with the bike-sharing columns, from a seeded generator. */
  private static Path synthetic() throws IOException {
    Path p = Files.createTempFile("hour-synthetic", ".csv");
    p.toFile().deleteOnExit();
    SplittableRandom r = new SplittableRandom(1);
    try (Writer w = Files.newBufferedWriter(p)) {
      w.write("instant,dteday,season,yr,mnth,hr,holiday,weekday,workingday,weathersit,temp,atemp,hum,windspeed,casual,registered,cnt\n");
      LocalDate day = LocalDate.of(2011, 1, 1);
      for (int i = 0; i < 17_379; i++) {
        int hr = i % 24;
        if (i > 0 && hr == 0) {
          day = day.plusDays(1);
        }
        int season = (day.getMonthValue() - 1) / 3 + 1;
        double temp = 0.5 + 0.3 * Math.sin(day.getDayOfYear() / 58.0) + 0.05 * r.nextDouble();
        int cnt = (int) (20 + 300 * temp * (hr >= 7 && hr <= 19 ? 1.5 : 0.3) + 30 * r.nextDouble());
        w.write(String.join(",", Integer.toString(i + 1), day.toString(), Integer.toString(season),
            Integer.toString(day.getYear() - 2011), Integer.toString(day.getMonthValue()), Integer.toString(hr), "0",
            Integer.toString(day.getDayOfWeek().getValue() % 7), "1", Integer.toString(1 + r.nextInt(3)),
            Double.toString(temp), Double.toString(temp * 0.95), Double.toString(r.nextDouble()),
            Double.toString(r.nextDouble() * 0.5), "0", Integer.toString(cnt), Integer.toString(cnt)));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}

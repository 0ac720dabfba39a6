package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.CheckerStreams.Model;
import dev.mlops.bench.decisions.CheckerTables.Shift;
import dev.mlops.bench.decisions.CheckerTables.Truth;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 14 item 5, eleventh session "weights": would an importance-weighted accuracy estimate fix
 * the library estimator's bias on {@link CheckerStreams}? Measured beside the library's figure on
 * the same windows, without changing library code.
 *
 * <p>Under covariate shift the accuracy of a window is {@code E_ref[w(x) correct(x)]} with {@code
 * w(x) = p_window(x) / p_ref(x)}. Per window, a logistic regression of "window row (1) vs estimate
 * sample row (0)" on the sample's numeric features, standardised by the sample (ridge 1 on the
 * slopes; {@code linear}: the features; {@code squares}: the features and their squares) gives
 * {@code w = exp(eta)} for every sample row. The estimate is the self-normalised weighted mean of
 * the sample rows' correctness (binary: {@code (score >= 0.5) == label}; top-label: the outcome).
 * The interval: {@code est +- 1.96 sqrt(est (1 - est) (1 / ess + 1 / n))} with the Kish effective
 * sample size {@code ess = (sum w)^2 / sum w^2} and {@code n} the window's rows (its own sampling
 * noise), clipped to [0, 1]. The pipeline's estimate sample keeps a categorical feature as {@code
 * NaN}, so {@code plan} cannot enter the weight model (a shift of the plan mix is invisible to it).
 *
 * <p>Each window also gives the share of its rows beyond the sample's range in some feature and
 * the time of its weight fit (a figure, not a claim: no warm-up, a busy machine).
 *
 * <pre>
 * java -DfirstSeed=531 -Dseeds=1 -Dmodels=FOREST -Dtruths=BALANCED -Drefs=10000 -Dshifts=MEAN \
 *     -Dsizes=200,1000 -Dcsv=/tmp/weights/531.csv -cp benchmarks.jar \
 *     dev.mlops.bench.decisions.WeightedEstimate
 * java -cp benchmarks.jar dev.mlops.bench.decisions.WeightedEstimate table a.csv b.csv
 * </pre>
 *
 * <p>Stateless.
 */
public final class WeightedEstimate {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      WeightedEstimate.class);

  private WeightedEstimate() {}

  /**
   * One window: the library's estimate and the two weighted estimates.
   *
   * @param seed the seed
   * @param model the model
   * @param truth the truth
   * @param ref rows given to the pipeline
   * @param shift the shift
   * @param rows rows per window
   * @param window the window's index
   * @param realised the realised accuracy (the monitor's)
   * @param oracle the mean true chance that the predicted class is right
   * @param lib the monitor's estimate, lower, upper
   * @param linear the weighted estimate on the features: estimate, lower, upper, ess
   * @param squares the same with squares: estimate, lower, upper, ess
   * @param beyond the share of the window's rows beyond the sample's range in some feature
   * @param fitMillis the time of the squares weight fit, ms
   * @param sampleRows the estimate sample's rows
   */
  record Result(long seed, Model model, Truth truth, int ref, Shift shift, int rows, int window,
      double realised, double oracle, double[] lib, double[] linear, double[] squares,
      double beyond, double fitMillis, int sampleRows) {

    static final String HEADER = "seed,model,truth,ref,shift,rows,window,realised,oracle,lib,"
        + "libLo,libHi,lin,linLo,linHi,linEss,sq,sqLo,sqHi,sqEss,beyond,fitMs,sample";

    String toCsv() {
      return String.format(Locale.ROOT,
          "%d,%s,%s,%d,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.2f,%.6f,%.6f,%.6f,%.2f,"
              + "%.4f,%.3f,%d",
          seed, model, truth, ref, shift, rows, window, realised, oracle, lib[0], lib[1], lib[2],
          linear[0], linear[1], linear[2], linear[3], squares[0], squares[1], squares[2],
          squares[3], beyond, fitMillis, sampleRows);
    }

    static Result parse(String line) {
      String[] f = line.split(",");
      double[] d = new double[f.length];
      for (int i = 7; i < f.length; i++) {
        d[i] = Double.parseDouble(f[i]);
      }
      return new Result(Long.parseLong(f[0]), Model.valueOf(f[1]), Truth.valueOf(f[2]),
          Integer.parseInt(f[3]), Shift.valueOf(f[4]), Integer.parseInt(f[5]),
          Integer.parseInt(f[6]), d[7], d[8], new double[] {d[9], d[10], d[11]},
          new double[] {d[12], d[13], d[14], d[15]}, new double[] {d[16], d[17], d[18], d[19]},
          d[20], d[21], (int) d[22]);
    }
  }

  /**
   * Trains the model as {@link CheckerStreams} does (same seeds, so the same data, model and
   * windows) and replays each shift and window size through a default monitor, estimating each
   * window also by importance weights.
   */
  static List<Result> run(Model model, Truth truth, int ref, List<Shift> shifts, int[] sizes,
      long seed) {
    PipelineRun run = CheckerStreams.train(model, truth, ref, CheckerStreams.Profile.DEFAULT, seed);
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    ReferenceProfile reference = run.profile();
    EstimateSample s = reference.estimateSample().orElseThrow();
    Sample sample = Sample.of(s);
    List<Result> out = new ArrayList<>();
    for (Shift shift : shifts) {
      for (int rows : sizes) {
        SplittableRandom stream = new SplittableRandom(seed * 31 + shift.ordinal() * 101L + rows);
        out.addAll(replay(classifier, reference, sample, truth, shift, rows, stream, seed, model,
            ref));
      }
    }
    return out;
  }

  /** The estimate sample's numeric columns, standardised, and each row's correctness. */
  record Sample(String[] names, double[] mean, double[] sd, double[][] z, double[] correct,
      double[] min, double[] max) {

    static Sample of(EstimateSample s) {
      double[][] x = s.featureRows();
      List<String> kept = new ArrayList<>();
      List<Integer> cols = new ArrayList<>();
      for (int j = 0; j < s.features().size(); j++) {
        boolean numeric = true;
        for (double[] r : x) {
          numeric &= !Double.isNaN(r[j]);
        }
        if (numeric) {
          kept.add(s.features().get(j));
          cols.add(j);
        }
      }
      int d = cols.size();
      int n = x.length;
      double[] mean = new double[d];
      double[] sd = new double[d];
      double[] min = new double[d];
      double[] max = new double[d];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < d; j++) {
        for (double[] r : x) {
          double v = r[cols.get(j)];
          mean[j] += v / n;
          min[j] = Math.min(min[j], v);
          max[j] = Math.max(max[j], v);
        }
        for (double[] r : x) {
          double v = r[cols.get(j)] - mean[j];
          sd[j] += v * v / (n - 1);
        }
        sd[j] = Math.sqrt(sd[j]) > 0 ? Math.sqrt(sd[j]) : 1;
      }
      double[][] z = new double[n][d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          z[i][j] = (x[i][cols.get(j)] - mean[j]) / sd[j];
        }
      }
      double[] scores = s.scores();
      int[] outcomes = s.outcomes();
      double[] correct = new double[n];
      for (int i = 0; i < n; i++) {
        correct[i] = s.topLabel() ? outcomes[i] : ((scores[i] >= 0.5 ? 1 : 0) == outcomes[i] ? 1 : 0);
      }
      LOG.info("estimate sample: {} rows, weight features {} of {}", n, kept, s.features());
      return new Sample(kept.toArray(String[]::new), mean, sd, z, correct, min, max);
    }

    double[] standardise(Map<String, Object> values) {
      double[] out = new double[names.length];
      for (int j = 0; j < names.length; j++) {
        out[j] = (((Number) values.get(names[j])).doubleValue() - mean[j]) / sd[j];
      }
      return out;
    }

    boolean beyond(Map<String, Object> values) {
      for (int j = 0; j < names.length; j++) {
        double v = ((Number) values.get(names[j])).doubleValue();
        if (v < min[j] || v > max[j]) {
          return true;
        }
      }
      return false;
    }
  }

  private static List<Result> replay(TrainedClassifier classifier, ReferenceProfile reference,
      Sample sample, Truth truth, Shift shift, int rows, SplittableRandom rnd, long seed,
      Model model, int ref) {
    int windows = CheckerStreams.WINDOWS;
    double[][] linear = new double[windows][];
    double[][] squares = new double[windows][];
    double[] beyond = new double[windows];
    double[] fit = new double[windows];
    String setting = String.format(Locale.ROOT, "seed %d %s %s %s %d rows", seed, model, truth,
        shift, rows);
    CheckerStreams.Replayed replayed = CheckerStreams.replay(classifier, reference, truth, shift,
        rows, rnd, setting, (w, window, p) -> {
          double[][] z = new double[window.size()][];
          int out = 0;
          for (int i = 0; i < z.length; i++) {
            z[i] = sample.standardise(window.get(i).values());
            out += sample.beyond(window.get(i).values()) ? 1 : 0;
          }
          beyond[w] = (double) out / z.length;
          linear[w] = ImportanceWeights.estimate(sample.z(), sample.correct(), z, false);
          long t0 = System.nanoTime();
          squares[w] = ImportanceWeights.estimate(sample.z(), sample.correct(), z, true);
          fit[w] = (System.nanoTime() - t0) / 1e6;
        });
    List<Result> results = new ArrayList<>();
    for (int w = 0; w < replayed.windows().size(); w++) {
      AccuracyEstimate e = replayed.windows().get(w).performance().accuracyEstimate();
      results.add(new Result(seed, model, truth, ref, shift, rows, w, e.realised(),
          replayed.oracle()[w], new double[] {e.estimate(), e.lower(), e.upper()}, linear[w],
          squares[w], beyond[w], fit[w], sample.z().length));
    }
    return results;
  }

  /**
   * One markdown row per setting: the library's MAE, bias, coverage and width against the
   * realised accuracy, the same for the two weighted estimates with their mean effective sample
   * size, the mean share of rows beyond the sample's range, and the median weight fit time.
   *
   * @param results the windows
   * @return the table
   */
  static String table(List<Result> results) {
    Map<String, List<Result>> by = new LinkedHashMap<>();
    results.stream().sorted(java.util.Comparator.comparing((Result r) -> r.truth())
            .thenComparing(Result::model).thenComparingInt(Result::ref)
            .thenComparing(Result::shift).thenComparingInt(Result::rows))
        .forEach(r -> by.computeIfAbsent(r.truth() + "|" + r.model() + "|" + r.ref() + "|"
            + r.shift() + "|" + r.rows(), k -> new ArrayList<>()).add(r));
    StringBuilder sb = new StringBuilder();
    sb.append("| truth | model | ref | shift | rows | n | library MAE / bias / cov / width"
        + " | linear MAE / bias / cov / width / ESS | squares MAE / bias / cov / width / ESS"
        + " | ESS min (squares) | beyond | fit ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    int[] met = new int[3];
    int[] covered = new int[3];
    for (List<Result> s : by.values()) {
      Result f = s.get(0);
      double[][] stats = new double[3][];
      stats[0] = stats(s, r -> r.lib());
      stats[1] = stats(s, r -> r.linear());
      stats[2] = stats(s, r -> r.squares());
      for (int k = 0; k < 3; k++) {
        met[k] += stats[k][0] <= 0.03 ? 1 : 0;
        covered[k] += stats[k][2] >= 0.9 ? 1 : 0;
      }
      double essMin = s.stream().mapToDouble(r -> r.squares()[3]).min().orElse(Double.NaN);
      double beyond = s.stream().mapToDouble(Result::beyond).average().orElse(Double.NaN);
      double[] fits = s.stream().mapToDouble(Result::fitMillis).sorted().toArray();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %d | %s | %s | %s | %.0f | %.1f%% | %.1f |%n",
          f.truth().name().toLowerCase(Locale.ROOT), f.model().name().toLowerCase(Locale.ROOT),
          f.ref(), f.shift().name().toLowerCase(Locale.ROOT), f.rows(), s.size(),
          cell(stats[0], false), cell(stats[1], true), cell(stats[2], true), essMin,
          100 * beyond, fits[fits.length / 2]));
    }
    sb.append(String.format(Locale.ROOT,
        "%nsettings %d: MAE <= 0.03 library %d, linear %d, squares %d; coverage >= 90%% library %d,"
            + " linear %d, squares %d%n", by.size(), met[0], met[1], met[2], covered[0],
        covered[1], covered[2]));
    return sb.toString();
  }

  private static String cell(double[] s, boolean ess) {
    String c = String.format(Locale.ROOT, "%s%.4f%s / %+.4f / %.0f%% / %.3f",
        s[0] > 0.03 ? "**" : "", s[0], s[0] > 0.03 ? "**" : "", s[1], 100 * s[2], s[3]);
    return ess ? c + String.format(Locale.ROOT, " / %.0f", s[4]) : c;
  }

  /** {MAE, bias, coverage, width, mean ESS} against the realised accuracy. */
  private static double[] stats(List<Result> s, java.util.function.Function<Result, double[]> f) {
    double abs = 0;
    double bias = 0;
    double cov = 0;
    double width = 0;
    double ess = 0;
    int n = 0;
    for (Result r : s) {
      if (Double.isNaN(r.realised())) {
        continue;
      }
      double[] e = f.apply(r);
      abs += Math.abs(e[0] - r.realised());
      bias += e[0] - r.realised();
      cov += e[1] <= r.realised() && r.realised() <= e[2] ? 1 : 0;
      width += e[2] - e[1];
      ess += e.length > 3 ? e[3] : 0;
      n++;
    }
    return new double[] {abs / n, bias / n, cov / n, width / n, ess / n};
  }

  /**
   * The same comparison on {@link EstimateStreams} (binary logit truth, 4 features, a 10,000-row
   * reference scored out of sample, the estimator as {@code EstimateStreams} builds it with its
   * local correction): the same seeds give the same model, reference and windows. One markdown row
   * per (shift, size): library MAE / bias / coverage / width, then the same for the weighted
   * estimate with squares and its mean and lowest ESS, the mean share of rows beyond the reference.
   */
  static String estimateStreams(EstimateStreams.Model model, EstimateStreams.Shift[] shifts,
      int[] sizes, long firstSeed, int seeds) {
    int windows = EstimateStreams.WINDOWS;
    int f = EstimateStreams.FEATURES;
    Map<String, List<double[]>> by = new LinkedHashMap<>();
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      EstimateStreams.Scorer scorer = EstimateStreams.train(model, 2, rnd, seed,
          EstimateStreams.Truth.LOGIT);
      double[][] ref = EstimateStreams.features(rnd, 10_000, EstimateStreams.Shift.MEAN, 0);
      int[] refY = EstimateStreams.labels(ref, 2, rnd, EstimateStreams.Truth.LOGIT);
      double[][] refP = scorer.probabilities(ref);
      dev.mlops.drift.decision.PerformanceEstimator estimator = EstimateStreams.corrected(
          EstimateStreams.estimator(2, refP, refY), 2, ref, refP, refY);
      String[] names = new String[f];
      double[] mean = new double[f];
      double[] sd = new double[f];
      double[] min = new double[f];
      double[] max = new double[f];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (int j = 0; j < f; j++) {
        names[j] = "x" + j;
        for (double[] r : ref) {
          mean[j] += r[j] / ref.length;
          min[j] = Math.min(min[j], r[j]);
          max[j] = Math.max(max[j], r[j]);
        }
        for (double[] r : ref) {
          sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / (ref.length - 1);
        }
        sd[j] = Math.sqrt(sd[j]);
      }
      double[][] z = new double[ref.length][f];
      double[] correct = new double[ref.length];
      for (int i = 0; i < ref.length; i++) {
        for (int j = 0; j < f; j++) {
          z[i][j] = (ref[i][j] - mean[j]) / sd[j];
        }
        correct[i] = EstimateStreams.predicted(refP[i]) == refY[i] ? 1 : 0;
      }
      Sample sample = new Sample(names, mean, sd, z, correct, min, max);
      for (EstimateStreams.Shift shift : shifts) {
        for (int rows : sizes) {
          for (int t = 0; t < windows; t++) {
            double[][] x = EstimateStreams.features(rnd, rows, shift, t / (windows - 1.0));
            int[] y = EstimateStreams.labels(x, 2, rnd, EstimateStreams.Truth.LOGIT);
            double[][] p = scorer.probabilities(x);
            int right = 0;
            int outside = 0;
            double[] scores = new double[rows];
            int[] classOf = new int[rows];
            double[][] wz = new double[rows][f];
            for (int i = 0; i < rows; i++) {
              classOf[i] = EstimateStreams.predicted(p[i]);
              right += classOf[i] == y[i] ? 1 : 0;
              scores[i] = p[i][1];
              boolean out = false;
              for (int j = 0; j < f; j++) {
                wz[i][j] = (x[i][j] - mean[j]) / sd[j];
                out |= x[i][j] < min[j] || x[i][j] > max[j];
              }
              outside += out ? 1 : 0;
            }
            double share = (double) outside / rows;
            double realised = (double) right / rows;
            AccuracyEstimate e = estimator.estimate(scores, classOf, x, share);
            double[] w = ImportanceWeights.estimate(sample.z(), sample.correct(), wz, true);
            by.computeIfAbsent(shift + "|" + rows, k -> new ArrayList<>()).add(new double[] {
                realised, e.estimate(), e.lower(), e.upper(), w[0], w[1], w[2], w[3], share});
          }
        }
      }
    }
    StringBuilder sb = new StringBuilder("| model | shift | rows | windows | library MAE / bias /"
        + " cov / width | weighted (squares) MAE / bias / cov / width | ESS mean / min | beyond |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<double[]>> en : by.entrySet()) {
      List<double[]> s = en.getValue();
      double[] a = new double[8];
      double essMin = Double.POSITIVE_INFINITY;
      for (double[] r : s) {
        for (int k = 0; k < 2; k++) {
          int o = 1 + 3 * k;
          a[4 * k] += Math.abs(r[o] - r[0]) / s.size();
          a[4 * k + 1] += (r[o] - r[0]) / s.size();
          a[4 * k + 2] += (r[o + 1] <= r[0] && r[0] <= r[o + 2] ? 1.0 : 0) / s.size();
          a[4 * k + 3] += (r[o + 2] - r[o + 1]) / s.size();
        }
        essMin = Math.min(essMin, r[7]);
      }
      String[] key = en.getKey().split("\\|");
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.4f / %+.4f / %.0f%% / %.3f"
              + " | %.4f / %+.4f / %.0f%% / %.3f | %.0f / %.0f | %.1f%% |%n",
          model.name().toLowerCase(Locale.ROOT), key[0].toLowerCase(Locale.ROOT), key[1],
          s.size(), a[0], a[1], 100 * a[2], a[3], a[4], a[5], 100 * a[6], a[7],
          s.stream().mapToDouble(r -> r[7]).average().orElse(Double.NaN), essMin,
          100 * s.stream().mapToDouble(r -> r[8]).average().orElse(Double.NaN)));
    }
    return sb.toString();
  }

  /**
   * Runs the settings the properties name ({@code firstSeed, seeds, models, truths, refs, shifts,
   * sizes, csv}), or with {@code table file...} pools earlier CSV files.
   *
   * @param args empty, or {@code table} and CSV files
   * @throws java.io.IOException if a CSV file cannot be read or written
   */
  public static void main(String[] args) throws java.io.IOException {
    List<Result> all = new ArrayList<>();
    if (args.length > 0 && args[0].equals("streams")) {
      // streams MODEL SHIFT,SHIFT SIZE,SIZE FIRST_SEED SEEDS
      System.out.println(estimateStreams(EstimateStreams.Model.valueOf(args[1]),
          CheckerStreams.enums(EstimateStreams.Shift.class, args[2])
              .toArray(EstimateStreams.Shift[]::new),
          CheckerStreams.ints(args[3]), Long.parseLong(args[4]), Integer.parseInt(args[5])));
      return;
    }
    if (args.length > 0 && args[0].equals("table")) {
      for (int i = 1; i < args.length; i++) {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[i]))) {
          if (!line.isBlank() && !line.startsWith("seed,")) {
            all.add(Result.parse(line));
          }
        }
      }
      System.out.println(table(all));
      return;
    }
    long first = Long.getLong("firstSeed", 531);
    int seeds = Integer.getInteger("seeds", 1);
    List<Model> models = CheckerStreams.enums(Model.class,
        System.getProperty("models", "FOREST,BOOSTED,LOGISTIC"));
    List<Truth> truths = CheckerStreams.enums(Truth.class,
        System.getProperty("truths", "BALANCED,THREE"));
    List<Shift> shifts = CheckerStreams.enums(Shift.class,
        System.getProperty("shifts", "MEAN,VARIANCE,MIXTURE,CATEGORY,BEYOND"));
    int[] sizes = CheckerStreams.ints(System.getProperty("sizes", "200,1000"));
    int[] refs = CheckerStreams.ints(System.getProperty("refs", "10000,2000"));
    String csv = System.getProperty("csv");
    java.io.PrintWriter writer = csv == null ? null
        : new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(csv)));
    if (writer != null) {
      writer.println(Result.HEADER);
    }
    try {
      for (long seed = first; seed < first + seeds; seed++) {
        for (Truth truth : truths) {
          for (int ref : refs) {
            for (Model model : models) {
              long t0 = System.nanoTime();
              List<Result> part = run(model, truth, ref, shifts, sizes, seed);
              LOG.info("seed {} {} {} ref {}: {} windows, {} s", seed, model, truth, ref,
                  part.size(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
              all.addAll(part);
              if (writer != null) {
                part.forEach(r -> writer.println(r.toCsv()));
                writer.flush();
              }
            }
          }
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    System.out.println(table(all));
  }
}

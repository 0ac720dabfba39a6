package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.CheckerStreams.Model;
import dev.mlops.bench.decisions.CheckerStreams.Profile;
import dev.mlops.bench.decisions.CheckerTables.Row;
import dev.mlops.bench.decisions.CheckerTables.Shift;
import dev.mlops.bench.decisions.CheckerTables.Truth;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.PipelineRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@link CheckerStreams}' diagnosis of a missed setting ({@code CheckerStreams diagnose ...}):
 * estimators built from the profile's estimate sample by hand, each window's error against its
 * oracle. Split out of {@code CheckerStreams} unchanged in the thirteenth session.
 *
 * <p>Stateless.
 */
final class CheckerDiagnosis {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      CheckerDiagnosis.class);

  private CheckerDiagnosis() {}

  /**
   * Why a binary setting misses: the same windows estimated by estimators built directly from the
   * pipeline profile's estimate sample through the public API, with the calibration alone, with the
   * local correction over every numeric feature (what the monitor does), and over named subsets
   * of the features; each line gives the MAE and bias against the oracle (the true expected
   * accuracy of the window's rows). Logged.
   *
   * @param model the model
   * @param truth a binary truth
   * @param referenceRows rows given to the pipeline
   * @param profile which estimate sample the profile holds
   * @param shift the shift
   * @param rows rows per window
   * @param seed the seed
   * @param subsets feature subsets to correct on (each a list of names)
   */
  public static void diagnose(Model model, Truth truth, int referenceRows, Profile profile,
      Shift shift, int rows, long seed, List<List<String>> subsets) {
    PipelineRun run = CheckerStreams.train(model, truth, referenceRows, profile, seed);
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    dev.mlops.drift.profile.EstimateSample s = run.profile().estimateSample().orElseThrow();
    List<String> names = s.features();
    double[][] x = s.featureRows();
    double[] scores = s.scores();
    int[] outcomes = s.outcomes();
    dev.mlops.drift.decision.PerformanceEstimator plain =
        dev.mlops.drift.decision.PerformanceEstimator.of(
            dev.mlops.drift.decision.ProbabilityCalibration.isotonic(scores, outcomes), 0.5, 0.95);
    List<String> labels = new ArrayList<>();
    List<dev.mlops.drift.decision.PerformanceEstimator> estimators = new ArrayList<>();
    List<int[]> columns = new ArrayList<>();
    labels.add("calibration only");
    estimators.add(plain);
    columns.add(new int[0]);
    List<List<String>> all = new ArrayList<>();
    all.add(names);
    all.addAll(subsets);
    for (List<String> subset : all) {
      int[] cols = subset.stream().mapToInt(names::indexOf).toArray();
      double[][] sub = new double[x.length][cols.length];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < cols.length; j++) {
          sub[i][j] = x[i][cols[j]];
        }
      }
      labels.add("corrected on " + subset);
      estimators.add(plain.withLocalCorrection(subset, sub, scores, outcomes));
      columns.add(cols);
    }
    double[][] err = new double[estimators.size()][2];
    SplittableRandom stream = new SplittableRandom(seed * 31 + shift.ordinal() * 101L + rows);
    for (int w = 0; w < CheckerStreams.WINDOWS; w++) {
      double t = (double) w / (CheckerStreams.WINDOWS - 1);
      double[] score = new double[rows];
      double[][] features = new double[rows][];
      double chance = 0;
      for (int i = 0; i < rows; i++) {
        Row r = CheckerTables.row(truth, shift, t, stream);
        double[] p = classifier.probabilities(r.values());
        score[i] = p[1];
        chance += r.truth()[CheckerTables.predicted(p)];
        features[i] = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
          features[i][j] = r.values().get(names.get(j)) instanceof Number v ? v.doubleValue()
              : Double.NaN;
        }
      }
      double oracle = chance / rows;
      for (int e = 0; e < estimators.size(); e++) {
        int[] cols = columns.get(e);
        double estimate;
        if (cols.length == 0) {
          estimate = estimators.get(e).estimate(score).estimate();
        } else {
          double[][] sub = new double[rows][cols.length];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols.length; j++) {
              sub[i][j] = features[i][cols[j]];
            }
          }
          estimate = estimators.get(e).estimate(score, sub, 0).estimate();
        }
        err[e][0] += Math.abs(estimate - oracle) / CheckerStreams.WINDOWS;
        err[e][1] += (estimate - oracle) / CheckerStreams.WINDOWS;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int e = 0; e < estimators.size(); e++) {
      sb.append(String.format(Locale.ROOT,
          "%n  %-70s |estimate - oracle| %.4f, bias %+.4f, allowance %.4f", labels.get(e),
          err[e][0], err[e][1], estimators.get(e).allowance()));
      if (Boolean.getBoolean("describe")) {
        sb.append(String.format(Locale.ROOT, "%n    %s", estimators.get(e).describe()));
      }
    }
    LOG.info("diagnosis seed {} {} {} ref {} {} {} {} rows (sample {} rows, features {}):{}", seed,
        model, truth, referenceRows, profile, shift, rows, s.rows(), names, sb);
  }
}

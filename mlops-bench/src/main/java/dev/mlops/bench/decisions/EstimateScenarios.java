package dev.mlops.bench.decisions;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The label-free estimate under covariate shift: features {@code x0, x1} independent normal with
 * unit variance around a mean that moves from window to window ({@code (1.5 sin(2 pi t / T), 2 t
 * / T)} for window {@code t} of {@code T}); the label is Bernoulli({@code sigmoid(2 x0 - x1)})
 * whatever the mean (same conditional distribution); the model's score is the overconfident,
 * biased {@code sigmoid(4 x0 - 2 x1 + 0.8)}, thresholded at 0.5. The estimator's isotonic
 * calibration is fitted on 10,000 reference rows at mean (0, 0); each window is recorded through a
 * {@code DriftMonitor} with that estimator and its {@code Performance.accuracyEstimate()} read.
 * Stateless.
 */
public final class EstimateScenarios {

  private EstimateScenarios() {}

  /**
   * The estimate's figures over all windows of all runs.
   *
   * @param windows windows
   * @param meanAbsoluteError mean |estimate - realised| of the calibrated estimate
   * @param maxAbsoluteError largest |estimate - realised|
   * @param coverage share of windows whose interval contains the realised accuracy
   * @param uncalibratedMeanAbsoluteError the same MAE with the raw scores taken as probabilities
   */
  public record Figures(int windows, double meanAbsoluteError, double maxAbsoluteError,
      double coverage, double uncalibratedMeanAbsoluteError) {}

  /**
   * Runs the scenario.
   *
   * @param runs seeded runs (run {@code i} uses {@code seed + i})
   * @param windows windows per run
   * @param rows rows per window
   * @param seed the first seed
   * @return the figures
   */
  public static Figures run(int runs, int windows, int rows, long seed) {
    double sumAbs = 0;
    double maxAbs = 0;
    double sumRaw = 0;
    int covered = 0;
    int total = 0;
    for (int r = 0; r < runs; r++) {
      SplittableRandom rnd = new SplittableRandom(seed + r);
      int n = 10_000;
      double[] refScores = new double[n];
      int[] refLabels = new int[n];
      for (int i = 0; i < n; i++) {
        double[] x = {SyntheticStream.gaussian(rnd), SyntheticStream.gaussian(rnd)};
        refScores[i] = score(x);
        refLabels[i] = label(x, rnd);
      }
      PerformanceEstimator estimator =
          PerformanceEstimator.of(ProbabilityCalibration.isotonic(refScores, refLabels), 0.5,
              0.95);
      // the monitor's own estimate: each window's Performance.accuracyEstimate()
      ReferenceProfile.Builder pb = ReferenceProfile.builder().numeric("x0", "x1");
      for (int i = 0; i < 1_000; i++) {
        pb.add(Map.of("x0", SyntheticStream.gaussian(rnd), "x1", SyntheticStream.gaussian(rnd)));
      }
      DriftMonitor monitor = DriftMonitor.builder(pb.build())
          .window(Window.tumblingCount(Long.MAX_VALUE / 4))
          .performanceEstimator(estimator)
          .build();
      long id = 0;
      for (int t = 0; t < windows; t++) {
        double m0 = 1.5 * Math.sin(2 * Math.PI * t / windows);
        double m1 = 2.0 * t / windows;
        double[] scores = new double[rows];
        for (int i = 0; i < rows; i++) {
          double[] x = {m0 + SyntheticStream.gaussian(rnd), m1 + SyntheticStream.gaussian(rnd)};
          scores[i] = score(x);
          String rid = Long.toString(id++);
          monitor.record(Map.of("x0", x[0], "x1", x[1]),
              Prediction.ofProbabilities(new double[] {1 - scores[i], scores[i]}), rid);
          monitor.recordLabel(rid, label(x, rnd));
        }
        AccuracyEstimate e = monitor.closeWindow().orElseThrow().performance()
            .accuracyEstimate();
        double abs = Math.abs(e.error());
        sumAbs += abs;
        maxAbs = Math.max(maxAbs, abs);
        covered += e.covers() ? 1 : 0;
        sumRaw += Math.abs(estimator.uncalibrated(scores) - e.realised());
        total++;
      }
    }
    return new Figures(total, sumAbs / total, maxAbs, (double) covered / total, sumRaw / total);
  }

  private static double score(double[] x) {
    return 1 / (1 + Math.exp(-(4 * x[0] - 2 * x[1] + 0.8)));
  }

  private static int label(double[] x, SplittableRandom rnd) {
    double p = 1 / (1 + Math.exp(-(2 * x[0] - x[1])));
    return rnd.nextDouble() < p ? 1 : 0;
  }
}

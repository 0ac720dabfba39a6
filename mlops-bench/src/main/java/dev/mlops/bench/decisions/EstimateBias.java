package dev.mlops.bench.decisions;

import dev.mlops.drift.decision.PerformanceEstimator;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where the label-free estimate's error lies (eleventh session, "estimate"): for one seed and
 * model of {@link EstimateStreams}, each window's rows are split into those beyond the
 * reference's per-feature range (the extrapolation model's chance) and those inside (calibrated
 * score plus local correction), and each part's summed chance is compared with the oracle's
 * (the true {@code P(y = predicted | x)}). Inside rows are also split into the calibration's part
 * (calibrated chance - oracle) and what the local correction adds. Figures are contributions to
 * the window's accuracy error (sums over the part divided by the window's rows).
 *
 * <pre>
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.EstimateBias \
 *     [seed=101] [model=FOREST] [classes=2] [rows=2000] [shifts=MEAN,OUTSIDE] [truth=LOGIT]
 * </pre>
 */
public final class EstimateBias {

  private EstimateBias() {}

  /**
   * Runs the split.
   *
   * @param args {@code key=value} pairs as above
   */
  public static void main(String[] args) {
    java.util.Map<String, String> a = new java.util.HashMap<>();
    for (String s : args) {
      String[] kv = s.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    long seed = Long.parseLong(a.getOrDefault("seed", "101"));
    EstimateStreams.Model model = EstimateStreams.Model.valueOf(a.getOrDefault("model", "FOREST"));
    int classes = Integer.parseInt(a.getOrDefault("classes", "2"));
    int rows = Integer.parseInt(a.getOrDefault("rows", "2000"));
    EstimateStreams.Truth truth = EstimateStreams.Truth.valueOf(a.getOrDefault("truth", "LOGIT"));
    EstimateStreams.Shift[] shifts = Arrays.stream(a.getOrDefault("shifts", "MEAN,OUTSIDE")
        .split(",")).map(EstimateStreams.Shift::valueOf).toArray(EstimateStreams.Shift[]::new);
    SplittableRandom rnd = new SplittableRandom(seed);
    EstimateStreams.Scorer scorer = EstimateStreams.train(model, classes, rnd, seed, truth);
    double[][] ref = EstimateStreams.features(rnd, 10_000, EstimateStreams.Shift.MEAN, 0);
    int[] refY = EstimateStreams.labels(ref, classes, rnd, truth);
    int f = EstimateStreams.FEATURES;
    double[] min = new double[f];
    double[] max = new double[f];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (double[] x : ref) {
      for (int j = 0; j < f; j++) {
        min[j] = Math.min(min[j], x[j]);
        max[j] = Math.max(max[j], x[j]);
      }
    }
    double[][] refP = scorer.probabilities(ref);
    PerformanceEstimator plain = EstimateStreams.estimator(classes, refP, refY);
    PerformanceEstimator est = EstimateStreams.corrected(plain, classes, ref, refP, refY);
    PerformanceEstimator previous = est.withoutExtrapolationModel();
    System.out.println("seed " + seed + " " + model + ":" + classes + " extrapolation "
        + est.extrapolationModel() + "\n  " + est.describe());
    // the reference itself, by the oracle's chance: calibrated and corrected chance vs oracle
    double[] edges = {0, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001};
    double[][] bins = new double[edges.length - 1][4];
    for (int i = 0; i < ref.length; i++) {
      int p = EstimateStreams.predicted(refP[i]);
      double s = classes == 2 ? refP[i][1] : refP[i][p];
      double o = EstimateStreams.truth(ref[i], classes, truth)[p];
      int b = 0;
      while (o >= edges[b + 1]) {
        b++;
      }
      bins[b][0]++;
      bins[b][1] += o;
      bins[b][2] += est.chanceCorrect(s);
      bins[b][3] += previous.chanceCorrect(s, p, ref[i]);
    }
    System.out.println("reference rows by oracle chance: bin rows oracle calibrated corrected");
    for (int b = 0; b < bins.length; b++) {
      double n = bins[b][0];
      System.out.printf(Locale.ROOT, "  [%.2f,%.2f) %6.0f %.4f %.4f %.4f%n", edges[b],
          Math.min(1, edges[b + 1]), n, bins[b][1] / n, bins[b][2] / n, bins[b][3] / n);
    }
    // a large fresh sample of the reference's own distribution: any mean error here is the
    // estimator's, not the shift's
    {
      double[][] x = EstimateStreams.features(rnd, 50_000, EstimateStreams.Shift.MEAN, 0);
      double[][] p = scorer.probabilities(x);
      double o = 0;
      double cal = 0;
      double cor = 0;
      for (int i = 0; i < x.length; i++) {
        int pred = EstimateStreams.predicted(p[i]);
        double score = classes == 2 ? p[i][1] : p[i][pred];
        o += EstimateStreams.truth(x[i], classes, truth)[pred];
        cal += est.chanceCorrect(score);
        cor += previous.chanceCorrect(score, pred, x[i]);
      }
      double refOracle = 0;
      double refCorrect = 0;
      for (int i = 0; i < ref.length; i++) {
        int pred = EstimateStreams.predicted(refP[i]);
        refOracle += EstimateStreams.truth(ref[i], classes, truth)[pred];
        refCorrect += pred == refY[i] ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "FRESH50k oracle %.4f calib-oracle %+.4f corr-oracle %+.4f"
              + " | reference realised-oracle %+.4f%n", o / x.length, (cal - o) / x.length,
          (cor - o) / x.length, (refCorrect - refOracle) / ref.length);
    }
    if (a.containsKey("bins")) {
      for (double t : new double[] {0, 1}) {
        double[][] x = EstimateStreams.features(rnd, 50_000, shifts[0], t);
        double[][] p = scorer.probabilities(x);
        double[] le = {-99, -4, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 5, 6, 99};
        double[][] b = new double[le.length - 1][4];
        for (int i = 0; i < x.length; i++) {
          int pred = EstimateStreams.predicted(p[i]);
          double score = classes == 2 ? p[i][1] : p[i][pred];
          double o = EstimateStreams.truth(x[i], classes, truth)[pred];
          double l = 2 * x[i][0] - x[i][1] + 0.5 * x[i][2];
          int k = 0;
          while (l >= le[k + 1]) {
            k++;
          }
          double cal = est.chanceCorrect(score);
          b[k][0]++;
          b[k][1] += o - cal;
          b[k][2] += previous.chanceCorrect(score, pred, x[i]) - cal;
          b[k][3] += o;
        }
        System.out.println(shifts[0] + " t=" + t + " by true logit: rows, share, oracle,"
            + " true residual, correction");
        for (int k = 0; k < b.length; k++) {
          double n = b[k][0];
          System.out.printf(Locale.ROOT, "  [%5.1f,%5.1f) %6.0f %.3f %.4f %+.4f %+.4f%n", le[k],
              le[k + 1], n, n / x.length, b[k][3] / n, b[k][1] / n, b[k][2] / n);
        }
      }
    }
    for (EstimateStreams.Shift shift : shifts) {
      System.out.println(shift + " " + rows + " rows: t in% | inside: oracle calib-oracle"
          + " corr-oracle | beyond: oracle extrap-oracle edge-oracle | total err vs oracle");
      double[] tot = new double[6];
      for (int w = 0; w < EstimateStreams.WINDOWS; w++) {
        double t = w / (EstimateStreams.WINDOWS - 1.0);
        double[][] x = EstimateStreams.features(rnd, rows, shift, t);
        EstimateStreams.labels(x, classes, rnd, truth);
        double[][] p = scorer.probabilities(x);
        double[] s = new double[7];
        int in = 0;
        for (int i = 0; i < x.length; i++) {
          int pred = EstimateStreams.predicted(p[i]);
          double score = classes == 2 ? p[i][1] : p[i][pred];
          double o = EstimateStreams.truth(x[i], classes, truth)[pred];
          boolean beyond = false;
          for (int j = 0; j < f; j++) {
            beyond |= x[i][j] < min[j] || x[i][j] > max[j];
          }
          double c = est.chanceCorrect(score, pred, x[i]);
          if (beyond) {
            s[3] += o;
            s[4] += c - o;
            s[5] += previous.chanceCorrect(score, pred, x[i]) - o;
          } else {
            in++;
            s[0] += o;
            s[1] += est.chanceCorrect(score) - o;
            s[2] += c - o;
          }
        }
        double n = x.length;
        System.out.printf(Locale.ROOT, "  %.2f %3.0f%% | %.4f %+.4f %+.4f | %.4f %+.4f %+.4f |"
                + " %+.4f%n", t, 100.0 * in / n, s[0] / Math.max(1, in), s[1] / n, s[2] / n,
            s[3] / Math.max(1, x.length - in), s[4] / n, s[5] / n, (s[2] + s[4]) / n);
        tot[0] += s[1] / n;
        tot[1] += s[2] / n;
        tot[2] += s[4] / n;
        tot[3] += s[5] / n;
        tot[4] += Math.abs(s[2] + s[4]) / n;
      }
      int k = EstimateStreams.WINDOWS;
      System.out.printf(Locale.ROOT, "  mean: inside calib %+.4f corr %+.4f | beyond extrap"
              + " %+.4f edge %+.4f | MAE vs oracle %.4f%n", tot[0] / k, tot[1] / k, tot[2] / k,
          tot[3] / k, tot[4] / k);
    }
  }
}

package dev.mlops.bench.decisions;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * The label-free estimate on covariate-shift streams nobody tuned it for (issue 14 item 5, sixth
 * session): four standard-normal features, a fixed conditional label distribution (binary:
 * Bernoulli({@code sigmoid(2 x0 - x1 + 0.5 x2)}); three classes: softmax of {@code (0, 1.5 x0 -
 * x1, -x0 + 1.5 x1 + 0.5 x2)}), a model trained on 5,000 rows, the estimator's isotonic
 * calibration fitted on 10,000 other reference rows, and 20 windows whose feature distribution moves
 * from the reference ({@code t = 0}) to the shift's full size ({@code t = 1}):
 *
 * <ul>
 *   <li>{@link Shift#MEAN}: {@code x0 += 1.5 t, x1 += t};
 *   <li>{@link Shift#VARIANCE}: {@code x0, x1} scaled by {@code 1 + 1.5 t};
 *   <li>{@link Shift#MIXTURE}: a share {@code 0.6 t} of rows from a component at {@code x0 + 2.5,
 *       x1 - 1.5};
 *   <li>{@link Shift#UNCERTAIN}: {@code x0, x1} scaled by {@code 1 - 0.7 t}, towards the decision
 *       boundary where the model is unsure;
 *   <li>{@link Shift#OUTSIDE}: {@code x0 += 4 t, x1 += 8 t}, into a region the reference never saw
 *       (outside what any label-free estimator can know).
 * </ul>
 *
 * <p>Models (Smile 3.1.1): logistic regression, a random forest (60 trees, node size 5), an
 * over-confident boosted model (300 trees of depth 6, shrinkage 0.3) and, binary only, the fixed
 * over-confident score {@code sigmoid(2 (2 x0 - x1 + 0.5 x2) + 0.8)}. The estimate of each window
 * comes from {@link PerformanceEstimator#estimate(double[], double)} of an estimator with its
 * {@link PerformanceEstimator#withFeatureCheck feature check} on the reference, with the window's share of
 * rows beyond the reference's range (the monitor computes the same from its data-quality counts).
 * Stateless.
 */
public final class EstimateStreams {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      EstimateStreams.class);

  /** How the features move. */
  public enum Shift { MEAN, VARIANCE, MIXTURE, UNCERTAIN, OUTSIDE }

  /** The model whose accuracy is estimated. */
  public enum Model { LOGISTIC, FOREST, BOOSTED, FIXED_OVERCONFIDENT }

  /**
   * The binary stream's true {@code P(y = 1 | x)} (three classes always use the softmax above):
   * {@link #LOGIT} {@code sigmoid(2 x0 - x1 + 0.5 x2)}, the streams' default; and, so that the
   * estimator is not judged on one family only (ninth session), boundaries no logistic model of
   * the raw features holds: {@link #CIRCLE} {@code sigmoid(3 (x0^2 + x1^2 - 1.5))}, {@link #SIN}
   * {@code sigmoid(3 (sin(1.5 x0) - 0.7 x1))}, {@link #XOR} {@code sigmoid(3 x0 x1)} and the
   * tree-shaped {@link #RULES}: 0.9 when {@code (x0 > 0.5 and x1 < 1) or x2 > 1}, else 0.1.
   */
  public enum Truth { LOGIT, CIRCLE, SIN, XOR, RULES }

  static final int FEATURES = 4;
  static final int WINDOWS = 20;

  private EstimateStreams() {}

  /**
   * Figures of one setting over all windows of all seeds.
   *
   * @param model the model
   * @param classes 2 or 3
   * @param shift the shift
   * @param rows rows per window
   * @param windows windows
   * @param meanAbsoluteError mean |estimate - realised|
   * @param bias mean (estimate - realised)
   * @param maxAbsoluteError largest |estimate - realised|
   * @param coverage share of windows whose interval contains the realised accuracy
   * @param meanWidth mean interval width
   * @param extrapolating share of windows flagged as extrapolating
   * @param inRangeMeanAbsoluteError MAE over the windows not flagged as extrapolating
   * @param inRangeCoverage coverage over the windows not flagged as extrapolating
   * @param withoutCheckCoverage coverage without the feature check (extrapolation widening kept)
   * @param cbpeCoverage coverage of the plain calibrated interval (no feature check, no
   *     extrapolation widening: the fifth session's interval)
   * @param noiseMeanAbsoluteError mean |oracle - realised|, the oracle being the window's expected
   *     accuracy from the true {@code P(y | x)}: the sampling noise no estimator can remove
   * @param calibrationMeanAbsoluteError mean |estimate - oracle|: the estimator's own error
   * @param previousMeanAbsoluteError MAE without the model of the rows beyond the reference (the
   *     eighth session's estimator: local correction and feature check)
   * @param previousCoverage its coverage
   * @param previousInRangeMeanAbsoluteError its MAE over the windows not flagged
   * @param previousInRangeCoverage its coverage over the windows not flagged
   */
  public record Figures(Model model, int classes, Shift shift, int rows, int windows,
      double meanAbsoluteError, double bias, double maxAbsoluteError, double coverage,
      double meanWidth, double extrapolating, double inRangeMeanAbsoluteError,
      double inRangeCoverage, double withoutCheckCoverage, double cbpeCoverage,
      double noiseMeanAbsoluteError, double calibrationMeanAbsoluteError,
      double previousMeanAbsoluteError, double previousCoverage,
      double previousInRangeMeanAbsoluteError, double previousInRangeCoverage) {

    /**
     * One table row.
     *
     * @return markdown
     */
    public String toRow() {
      return String.format(Locale.ROOT,
          "| %s | %d | %s | %d | %d | %.4f | %+.4f | %.4f | %.1f%% | %.1f%% | %.1f%% | %.3f | %.0f%%"
              + " | %s | %s | %.4f | %.4f | %.4f | %.1f%% | %s | %s |",
          model.name().toLowerCase(Locale.ROOT), classes, shift.name().toLowerCase(Locale.ROOT),
          rows, windows, meanAbsoluteError, bias, maxAbsoluteError, 100 * cbpeCoverage,
          100 * withoutCheckCoverage, 100 * coverage, meanWidth,
          100 * extrapolating,
          Double.isNaN(inRangeMeanAbsoluteError) ? "-"
              : String.format(Locale.ROOT, "%.4f", inRangeMeanAbsoluteError),
          Double.isNaN(inRangeCoverage) ? "-"
              : String.format(Locale.ROOT, "%.1f%%", 100 * inRangeCoverage),
          noiseMeanAbsoluteError, calibrationMeanAbsoluteError, previousMeanAbsoluteError,
          100 * previousCoverage,
          Double.isNaN(previousInRangeMeanAbsoluteError) ? "-"
              : String.format(Locale.ROOT, "%.4f", previousInRangeMeanAbsoluteError),
          Double.isNaN(previousInRangeCoverage) ? "-"
              : String.format(Locale.ROOT, "%.1f%%", 100 * previousInRangeCoverage));
    }
  }

  /**
   * Runs one model on every shift and window size over the given seeds (the model is trained once
   * per seed and shared by the shifts).
   *
   * @param model the model
   * @param classes 2 or 3
   * @param shifts the shifts
   * @param sizes rows per window
   * @param firstSeed the first seed
   * @param seeds the number of seeds
   * @return one figure per (shift, size), shifts outer
   */
  public static Figures[] run(Model model, int classes, Shift[] shifts, int[] sizes,
      long firstSeed, int seeds) {
    return run(model, classes, shifts, sizes, firstSeed, seeds, Truth.LOGIT);
  }

  /**
   * As {@link #run(Model, int, Shift[], int[], long, int)} on a binary stream of the given truth.
   *
   * @param model the model
   * @param classes 2 or 3 (3: {@code truth} must be {@link Truth#LOGIT})
   * @param shifts the shifts
   * @param sizes rows per window
   * @param firstSeed the first seed
   * @param seeds the number of seeds
   * @param truth the binary stream's {@code P(y | x)}
   * @return one figure per (shift, size), shifts outer
   */
  public static Figures[] run(Model model, int classes, Shift[] shifts, int[] sizes,
      long firstSeed, int seeds, Truth truth) {
    if (classes != 2 && truth != Truth.LOGIT) {
      throw new IllegalArgumentException("three classes have the softmax truth only: " + truth);
    }
    Acc[] acc = new Acc[shifts.length * sizes.length];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = new Acc();
    }
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Scorer scorer = train(model, classes, rnd, seed, truth);
      double[][] ref = features(rnd, 10_000, Shift.MEAN, 0);
      int[] refY = labels(ref, classes, rnd, truth);
      double[] min = new double[FEATURES];
      double[] max = new double[FEATURES];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (double[] x : ref) {
        for (int j = 0; j < FEATURES; j++) {
          min[j] = Math.min(min[j], x[j]);
          max[j] = Math.max(max[j], x[j]);
        }
      }
      double[][] refP = scorer.probabilities(ref);
      PerformanceEstimator plain = estimator(classes, refP, refY);
      PerformanceEstimator estimator = corrected(plain, classes, ref, refP, refY);
      PerformanceEstimator previous = estimator.withoutExtrapolationModel();
      LOG.info("seed {} {}:{} truth {}: extrapolation model {}", seed, model, classes, truth,
          estimator.extrapolationModel());
      for (int s = 0; s < shifts.length; s++) {
        for (int z = 0; z < sizes.length; z++) {
          for (int t = 0; t < WINDOWS; t++) {
            double[][] x = features(rnd, sizes[z], shifts[s], t / (WINDOWS - 1.0));
            int[] y = labels(x, classes, rnd, truth);
            double[][] p = scorer.probabilities(x);
            int correct = 0;
            int outside = 0;
            double oracle = 0;
            double[] scores = new double[x.length];
            int[] classOf = new int[x.length];
            for (int i = 0; i < x.length; i++) {
              int predicted = predicted(p[i]);
              classOf[i] = predicted;
              correct += predicted == y[i] ? 1 : 0;
              oracle += truth(x[i], classes, truth)[predicted];
              scores[i] = classes == 2 ? p[i][1] : p[i][predicted];
              for (int j = 0; j < FEATURES; j++) {
                if (x[i][j] < min[j] || x[i][j] > max[j]) {
                  outside++;
                  break;
                }
              }
            }
            double share = (double) outside / x.length;
            double realised = (double) correct / x.length;
            acc[s * sizes.length + z].add(estimator.estimate(scores, classOf, x, share)
                    .withRealised(realised), previous.estimate(scores, classOf, x, share)
                    .withRealised(realised), oracle / x.length,
                plain.estimate(scores, share).withRealised(realised).covers(),
                plain.estimate(scores).withRealised(realised).covers());
          }
        }
      }
    }
    Figures[] out = new Figures[acc.length];
    for (int s = 0; s < shifts.length; s++) {
      for (int z = 0; z < sizes.length; z++) {
        out[s * sizes.length + z] = acc[s * sizes.length + z].figures(model, classes, shifts[s],
            sizes[z]);
      }
    }
    return out;
  }

  /**
   * The estimator as the monitor builds it from reference scores and labels: isotonic calibration,
   * for three classes with its steps of few rows shrunk toward a logistic fit ({@link
   * ProbabilityCalibration#isotonicShrunk}, the top-label default since the fifteenth session).
   */
  static PerformanceEstimator estimator(int classes, double[][] refP, int[] refY) {
    double[] s = new double[refY.length];
    int[] l = new int[refY.length];
    for (int i = 0; i < refY.length; i++) {
      if (classes == 2) {
        s[i] = refP[i][1];
        l[i] = refY[i];
      } else {
        int predicted = predicted(refP[i]);
        s[i] = refP[i][predicted];
        l[i] = predicted == refY[i] ? 1 : 0;
      }
    }
    ProbabilityCalibration c = classes == 2 ? ProbabilityCalibration.isotonic(s, l)
        : ProbabilityCalibration.isotonicShrunk(s, l, ProbabilityCalibration.PRIOR_ROWS);
    return classes == 2 ? PerformanceEstimator.of(c, 0.5, 0.95)
        : PerformanceEstimator.topLabel(c, 0.95);
  }

  /** The estimator with its local correction (the monitor's default path). */
  static PerformanceEstimator corrected(PerformanceEstimator plain, int classes, double[][] ref,
      double[][] refP, int[] refY) {
    Outcomes o = outcomes(classes, refP, refY);
    java.util.List<String> names = java.util.List.of("x0", "x1", "x2", "x3");
    if (classes == 2) {
      return plain.withLocalCorrection(names, ref, o.scores(), o.labels());
    }
    // top-label: the predicted class and the label too, for the multinomial model beyond the
    // reference (tenth session)
    int[] predicted = new int[refY.length];
    for (int i = 0; i < refY.length; i++) {
      predicted[i] = predicted(refP[i]);
    }
    return plain.withLocalCorrection(names, ref, o.scores(), o.labels(), predicted, refY);
  }

  /** Reference scores and outcomes as the estimator takes them (binary or top-label). */
  private record Outcomes(double[] scores, int[] labels) {}

  private static Outcomes outcomes(int classes, double[][] refP, int[] refY) {
    double[] s = new double[refY.length];
    int[] l = new int[refY.length];
    for (int i = 0; i < refY.length; i++) {
      int predicted = predicted(refP[i]);
      s[i] = classes == 2 ? refP[i][1] : refP[i][predicted];
      l[i] = classes == 2 ? refY[i] : predicted == refY[i] ? 1 : 0;
    }
    return new Outcomes(s, l);
  }

  private static final class Acc {
    int n;
    int oldCovered;
    double oldAbs;
    double oldInRangeAbs;
    int oldInRangeCovered;
    int covered;
    int plainCovered;
    int cbpeCovered;
    int flagged;
    int inRange;
    int inRangeCovered;
    double sumAbs;
    double sum;
    double max;
    double width;
    double inRangeAbs;
    double noiseAbs;
    double calibrationAbs;

    void add(AccuracyEstimate e, AccuracyEstimate old, double oracle, boolean plain,
        boolean cbpe) {
      double err = e.error();
      oldCovered += old.covers() ? 1 : 0;
      oldAbs += Math.abs(old.error());
      if (!e.extrapolating()) {
        oldInRangeAbs += Math.abs(old.error());
        oldInRangeCovered += old.covers() ? 1 : 0;
      }
      noiseAbs += Math.abs(oracle - e.realised());
      calibrationAbs += Math.abs(e.estimate() - oracle);
      plainCovered += plain ? 1 : 0;
      cbpeCovered += cbpe ? 1 : 0;
      n++;
      sumAbs += Math.abs(err);
      sum += err;
      max = Math.max(max, Math.abs(err));
      covered += e.covers() ? 1 : 0;
      width += e.upper() - e.lower();
      if (e.extrapolating()) {
        flagged++;
      } else {
        inRange++;
        inRangeAbs += Math.abs(err);
        inRangeCovered += e.covers() ? 1 : 0;
      }
    }

    Figures figures(Model model, int classes, Shift shift, int rows) {
      return new Figures(model, classes, shift, rows, n, sumAbs / n, sum / n, max,
          (double) covered / n, width / n, (double) flagged / n,
          inRange == 0 ? Double.NaN : inRangeAbs / inRange,
          inRange == 0 ? Double.NaN : (double) inRangeCovered / inRange,
          (double) plainCovered / n, (double) cbpeCovered / n, noiseAbs / n, calibrationAbs / n,
          oldAbs / n, (double) oldCovered / n,
          inRange == 0 ? Double.NaN : oldInRangeAbs / inRange,
          inRange == 0 ? Double.NaN : (double) oldInRangeCovered / inRange);
    }
  }

  /** Class probabilities of rows. */
  interface Scorer {
    double[][] probabilities(double[][] x);
  }

  static Scorer train(Model model, int classes, SplittableRandom rnd, long seed) {
    return train(model, classes, rnd, seed, Truth.LOGIT);
  }

  static Scorer train(Model model, int classes, SplittableRandom rnd, long seed, Truth truth) {
    double[][] x = features(rnd, 5_000, Shift.MEAN, 0);
    int[] y = labels(x, classes, rnd, truth);
    switch (model) {
      case LOGISTIC: {
        LogisticRegression lr = LogisticRegression.fit(x, y);
        return rows -> {
          double[][] p = new double[rows.length][classes];
          for (int i = 0; i < rows.length; i++) {
            lr.predict(rows[i], p[i]);
          }
          return p;
        };
      }
      case FOREST: {
        RandomForest rf = RandomForest.fit(formula(), frame(x, y), 60, 2, SplitRule.GINI, 20,
            500, 5, 1.0, null, LongStream.range(0, 60).map(k -> seed * 1_000 + k));
        return rows -> tuples(rf, rows, classes);
      }
      case BOOSTED: {
        GradientTreeBoost gb = GradientTreeBoost.fit(formula(), frame(x, y), 300, 6, 64, 2, 0.3,
            1.0);
        return rows -> tuples(gb, rows, classes);
      }
      case FIXED_OVERCONFIDENT:
        if (classes != 2) {
          throw new IllegalArgumentException("the fixed score is binary: " + classes);
        }
        return rows -> {
          double[][] p = new double[rows.length][];
          for (int i = 0; i < rows.length; i++) {
            double s = sigmoid(2 * logit(rows[i]) + 0.8);
            p[i] = new double[] {1 - s, s};
          }
          return p;
        };
      default:
        throw new IllegalArgumentException("model: " + model);
    }
  }

  private static Formula formula() {
    return Formula.lhs("y");
  }

  private static DataFrame frame(double[][] x, int[] y) {
    return DataFrame.of(x, "x0", "x1", "x2", "x3").merge(IntVector.of("y", y));
  }

  private static double[][] tuples(Classifier<Tuple> model, double[][] rows, int classes) {
    DataFrame df = DataFrame.of(rows, "x0", "x1", "x2", "x3");
    double[][] p = new double[rows.length][classes];
    for (int i = 0; i < rows.length; i++) {
      model.predict(df.get(i), p[i]);
    }
    return p;
  }

  static double[][] features(SplittableRandom rnd, int n, Shift shift, double t) {
    double[][] x = new double[n][FEATURES];
    for (double[] row : x) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = SyntheticStream.gaussian(rnd);
      }
      switch (shift) {
        case MEAN:
          row[0] += 1.5 * t;
          row[1] += t;
          break;
        case VARIANCE:
          row[0] *= 1 + 1.5 * t;
          row[1] *= 1 + 1.5 * t;
          break;
        case MIXTURE:
          if (rnd.nextDouble() < 0.6 * t) {
            row[0] += 2.5;
            row[1] -= 1.5;
          }
          break;
        case UNCERTAIN:
          row[0] *= 1 - 0.7 * t;
          row[1] *= 1 - 0.7 * t;
          break;
        case OUTSIDE:
          row[0] += 4 * t;
          row[1] += 8 * t;
          break;
        default:
          throw new IllegalArgumentException("shift: " + shift);
      }
    }
    return x;
  }

  /** The true class probabilities {@code P(y | x)} of the stream (the same whatever the shift). */
  static double[] truth(double[] r, int classes) {
    return truth(r, classes, Truth.LOGIT);
  }

  /** The true class probabilities of a stream of the given binary truth. */
  static double[] truth(double[] r, int classes, Truth truth) {
    if (classes == 2) {
      double p = positive(r, truth);
      return new double[] {1 - p, p};
    }
    double e1 = Math.exp(1.5 * r[0] - r[1]);
    double e2 = Math.exp(-r[0] + 1.5 * r[1] + 0.5 * r[2]);
    double total = 1 + e1 + e2;
    return new double[] {1 / total, e1 / total, e2 / total};
  }

  /** Labels from the fixed conditional distribution (the same whatever the shift). */
  static int[] labels(double[][] x, int classes, SplittableRandom rnd) {
    return labels(x, classes, rnd, Truth.LOGIT);
  }

  /** Labels of a stream of the given binary truth. */
  static int[] labels(double[][] x, int classes, SplittableRandom rnd, Truth truth) {
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] r = x[i];
      double u = rnd.nextDouble();
      if (classes == 2) {
        y[i] = u < positive(r, truth) ? 1 : 0;
      } else {
        double e1 = Math.exp(1.5 * r[0] - r[1]);
        double e2 = Math.exp(-r[0] + 1.5 * r[1] + 0.5 * r[2]);
        double total = 1 + e1 + e2;
        y[i] = u < 1 / total ? 0 : u < (1 + e1) / total ? 1 : 2;
      }
    }
    return y;
  }

  /** The binary stream's {@code P(y = 1 | x)}. */
  static double positive(double[] r, Truth truth) {
    switch (truth) {
      case LOGIT:
        return sigmoid(logit(r));
      case CIRCLE:
        return sigmoid(3 * (r[0] * r[0] + r[1] * r[1] - 1.5));
      case SIN:
        return sigmoid(3 * (Math.sin(1.5 * r[0]) - 0.7 * r[1]));
      case XOR:
        return sigmoid(3 * r[0] * r[1]);
      case RULES:
        return (r[0] > 0.5 && r[1] < 1) || r[2] > 1 ? 0.9 : 0.1;
      default:
        throw new IllegalArgumentException("truth: " + truth);
    }
  }

  private static double logit(double[] r) {
    return 2 * r[0] - r[1] + 0.5 * r[2];
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** The predicted class: binary at the 0.5 threshold (as the estimator), else the argmax. */
  static int predicted(double[] p) {
    return p.length == 2 ? (p[1] >= 0.5 ? 1 : 0) : argmax(p);
  }

  static int argmax(double[] p) {
    int k = 0;
    for (int j = 1; j < p.length; j++) {
      if (p[j] > p[k]) {
        k = j;
      }
    }
    return k;
  }
}

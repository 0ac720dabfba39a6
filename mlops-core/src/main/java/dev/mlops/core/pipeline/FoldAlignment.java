package dev.mlops.core.pipeline;

import dev.mlops.drift.decision.ProbabilityCalibration;
import java.util.Locale;

/**
 * Aligns out-of-fold training scores with the deployed model before they calibrate the label-free
 * estimate. A fold model is fitted on 80% of the training rows, so at a given score it is right
 * less often than the deployed model fitted on all of them; a calibration learnt from the fold
 * models' scores then under-states the deployed model's chance (binary forests and boosted trees:
 * -0.014 to -0.016 against the oracle, thirteenth session "oof").
 *
 * <p>The held-out rows show by how much, since both the deployed model and every fold model score
 * them and none of them trained on them. With {@code C} the isotonic calibration of the
 * out-of-fold scores, the deployed model's residual on the held-out rows ({@code right - chance}) is
 * compared with the fold models' residual on the same rows:
 *
 * <pre>
 *   gap = mean(right_deployed - chance_C(deployed score)) - mean(right_fold - chance_C(fold score))
 * </pre>
 *
 * <p>The labels' binomial noise is shared by both terms and cancels where the models agree, so the
 * gap is far steadier than the deployed model's own residual (which a 400-row held-out split reads
 * only to within 0.019). The out-of-fold scores are then stretched toward the threshold in logit
 * space, {@code logit s' = logit t + (logit s - logit t) / b} ({@code t} the binary threshold 0.5,
 * or {@code 1 / classes} for top-label scores), with the one {@code b} in [1/4, 4] for which the
 * calibration of the stretched scores gives the held-out rows' deployed scores a mean chance
 * {@code gap} above what {@code C} gives them. The stretch keeps the order of the scores and every
 * row's side of the threshold, so the predicted classes and the prediction column are unchanged;
 * only where the calibration places each row's outcome moves. Stateless.
 */
final class FoldAlignment {

  /** The stretch's bounds. */
  static final double MIN_STRETCH = 0.25;

  static final double MAX_STRETCH = 4;

  private static final int STEPS = 40;

  private FoldAlignment() {}

  /**
   * The alignment's result.
   *
   * @param scores the out-of-fold scores, stretched
   * @param gap the deployed model's residual minus the fold models' on the held-out rows
   * @param stretch the stretch {@code b} (1: none)
   */
  record Aligned(double[] scores, double gap, double stretch) {}

  /**
   * The plan with its out-of-fold scores aligned, when it holds out-of-fold training scores that
   * the fold models made with the held-out rows scored too, and the held-out rows beside them;
   * else the plan as it is.
   *
   * @param plan the estimate sample's plan
   * @param heldOut the held-out rows, scored by the deployed model
   * @param trainLabels the training rows' class indices (table order)
   * @param classes the number of classes
   * @return the plan, its description saying the gap and the stretch when aligned
   */
  static EstimateSampling.Plan applyTo(EstimateSampling.Plan plan, Gate.HeldOut heldOut,
      int[] trainLabels, int classes) {
    TrainingProfile.SampleRows rows = plan.rows();
    if (rows == null || rows.scores() == null || rows.scores().foldScores() == null
        || !rows.withHeldOut() || heldOut.probabilities() == null) {
      return plan;
    }
    boolean binary = classes == 2;
    double[][] proba = rows.scores().probabilities();
    int[] order = rows.order();
    double[] oof = new double[order.length];
    int[] oofOutcomes = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      oof[i] = TrainingProfile.monitoredScore(proba[order[i]], binary);
      oofOutcomes[i] = outcome(proba[order[i]], trainLabels[order[i]], binary);
    }
    double[][] held = heldOut.probabilities();
    int n = held.length;
    double[][][] byFold = rows.scores().foldScores();
    if (n < 2 || byFold[0].length != n) {
      return plan;
    }
    double[] deployed = new double[n];
    int[] deployedOutcomes = new int[n];
    double[][] fold = new double[byFold.length][n];
    int[][] foldOutcomes = new int[byFold.length][n];
    for (int i = 0; i < n; i++) {
      deployed[i] = TrainingProfile.monitoredScore(held[i], binary);
      deployedOutcomes[i] = outcome(held[i], heldOut.labels()[i], binary);
      for (int f = 0; f < byFold.length; f++) {
        fold[f][i] = TrainingProfile.monitoredScore(byFold[f][i], binary);
        foldOutcomes[f][i] = outcome(byFold[f][i], heldOut.labels()[i], binary);
      }
    }
    Aligned a;
    try {
      a = align(oof, oofOutcomes, deployed, deployedOutcomes, fold, foldOutcomes, binary, classes);
    } catch (IllegalArgumentException e) {
      // e.g. fewer than 2 finite scores: the plain out-of-fold scores, and the detail says why
      return new EstimateSampling.Plan(rows, plan.what() + " (not aligned: " + e.getMessage()
          + ")");
    }
    double[] byRow = new double[proba.length];
    for (int i = 0; i < order.length; i++) {
      byRow[order[i]] = a.scores()[i];
    }
    return new EstimateSampling.Plan(
        new TrainingProfile.SampleRows(rows.scores(), order, true, byRow),
        plan.what() + String.format(Locale.ROOT, "; the out-of-fold scores aligned with the"
            + " deployed model on the %d held-out rows (residual gap %+.4f, stretch %.3f)", n,
            a.gap(), a.stretch()));
  }

  /** Binary: the label; top-label: whether the arg-max class is the label (1) or not (0). */
  private static int outcome(double[] p, int label, boolean binary) {
    if (binary) {
      return label;
    }
    int top = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    return top == label ? 1 : 0;
  }

  /**
   * Aligns the out-of-fold scores.
   *
   * @param oofScores the training rows' out-of-fold scores (binary: the positive class's
   *     probability; top-label: the predicted class's)
   * @param oofOutcomes binary: the label (0/1); top-label: whether the prediction was right
   * @param deployedScores the held-out rows' scores by the deployed model
   * @param deployedOutcomes their outcomes (as {@code oofOutcomes})
   * @param foldScores {@code [fold][row]} the held-out rows' scores by each fold model
   * @param foldOutcomes {@code [fold][row]} their outcomes
   * @param binary whether scores are binary positive-class probabilities (threshold 0.5)
   * @param classes the number of classes (top-label centre {@code 1 / classes})
   * @return the aligned scores
   */
  static Aligned align(double[] oofScores, int[] oofOutcomes, double[] deployedScores,
      int[] deployedOutcomes, double[][] foldScores, int[][] foldOutcomes, boolean binary,
      int classes) {
    ProbabilityCalibration c0 = ProbabilityCalibration.isotonic(oofScores, oofOutcomes);
    double deployed = 0;
    double fold = 0;
    double level = 0;
    int n = deployedScores.length;
    for (int i = 0; i < n; i++) {
      double chance = chance(c0, deployedScores[i], binary);
      level += chance;
      deployed += right(deployedScores[i], deployedOutcomes[i], binary) - chance;
    }
    int k = foldScores.length;
    for (int f = 0; f < k; f++) {
      for (int i = 0; i < n; i++) {
        fold += right(foldScores[f][i], foldOutcomes[f][i], binary)
            - chance(c0, foldScores[f][i], binary);
      }
    }
    double gap = deployed / n - fold / ((double) n * k);
    double target = level / n + gap;
    double centre = binary ? 0 : logit(1.0 / Math.max(2, classes));
    double lo = Math.log(MIN_STRETCH);
    double hi = Math.log(MAX_STRETCH);
    double mLo = meanChance(oofScores, oofOutcomes, deployedScores, binary, centre, MIN_STRETCH);
    double mHi = meanChance(oofScores, oofOutcomes, deployedScores, binary, centre, MAX_STRETCH);
    double b;
    if (target <= mLo) {
      b = MIN_STRETCH;
    } else if (target >= mHi) {
      b = MAX_STRETCH;
    } else {
      for (int step = 0; step < STEPS; step++) {
        double mid = 0.5 * (lo + hi);
        if (meanChance(oofScores, oofOutcomes, deployedScores, binary, centre, Math.exp(mid))
            < target) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      b = Math.exp(0.5 * (lo + hi));
    }
    return new Aligned(stretch(oofScores, centre, b), gap, b);
  }

  /** The mean chance the calibration of the stretched scores gives the deployed scores. */
  private static double meanChance(double[] oofScores, int[] oofOutcomes, double[] deployed,
      boolean binary, double centre, double b) {
    ProbabilityCalibration c = ProbabilityCalibration.isotonic(stretch(oofScores, centre, b),
        oofOutcomes);
    double sum = 0;
    for (double s : deployed) {
      sum += chance(c, s, binary);
    }
    return sum / deployed.length;
  }

  /** The scores stretched by {@code b} about {@code centre} in logit space (0 and 1 stay). */
  static double[] stretch(double[] scores, double centre, double b) {
    double[] out = new double[scores.length];
    for (int i = 0; i < out.length; i++) {
      double s = scores[i];
      out[i] = !(s > 0 && s < 1) ? s : sigmoid(centre + (logit(s) - centre) / b);
    }
    return out;
  }

  /** The calibrated chance that the prediction for a score is right. */
  private static double chance(ProbabilityCalibration c, double score, boolean binary) {
    double p = c.apply(score);
    return binary && score < 0.5 ? 1 - p : p;
  }

  /** Whether the prediction for a score was right, as 0 or 1. */
  private static int right(double score, int outcome, boolean binary) {
    return binary ? ((score >= 0.5) == (outcome == 1) ? 1 : 0) : outcome;
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}

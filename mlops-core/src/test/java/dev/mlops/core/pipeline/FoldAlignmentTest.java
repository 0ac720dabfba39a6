package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.drift.decision.ProbabilityCalibration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FoldAlignment}: out-of-fold scores of fold models that are less accurate at a given score
 * than the deployed model, aligned on the held-out rows that both score.
 */
final class FoldAlignmentTest {

  /**
   * The true logit {@code z ~ N(0, 1.5^2)}, {@code P(y = 1) = sigmoid(z)}; the deployed model's
   * score is that chance itself, each fold model's is {@code sigmoid(z + e)}, {@code e ~ N(0, 1)}
   * drawn apart for every fold. The deployed model's accuracy, {@code E[max(p, 1 - p)]}, by SciPy
   * {@code quad} over the normal density: 0.7341522505276818. The calibration of the fold models'
   * scores read at the deployed scores gives 0.6620877078004648 ({@code quad} of {@code P(y = 1 |
   * z + e = u)} at {@code u = z}): the out-of-fold lean, 0.072 low.
   */
  private static final double DEPLOYED_ACCURACY = 0.7341522505276818;

  private static final double FOLD_CALIBRATION_AT_DEPLOYED = 0.6620877078004648;

  @Test
  void alignedCalibration_readsTheDeployedModelsAccuracy_whereTheFoldModelsCalibrationLeansLow() {
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int oofRows = 8_000;
      int heldRows = 2_000;
      int folds = 5;
      double[] oof = new double[oofRows];
      int[] oofY = new int[oofRows];
      for (int i = 0; i < oofRows; i++) {
        double z = 1.5 * normal(rnd);
        oofY[i] = rnd.nextDouble() < sigmoid(z) ? 1 : 0;
        oof[i] = sigmoid(z + normal(rnd));
      }
      double[] deployed = new double[heldRows];
      int[] deployedY = new int[heldRows];
      double[][] fold = new double[folds][heldRows];
      int[][] foldY = new int[folds][heldRows];
      for (int i = 0; i < heldRows; i++) {
        double z = 1.5 * normal(rnd);
        deployed[i] = sigmoid(z);
        deployedY[i] = rnd.nextDouble() < deployed[i] ? 1 : 0;
        for (int f = 0; f < folds; f++) {
          fold[f][i] = sigmoid(z + normal(rnd));
          foldY[f][i] = deployedY[i];
        }
      }
      FoldAlignment.Aligned a = FoldAlignment.align(oof, oofY, deployed, deployedY, fold, foldY,
          true, 2);
      // the sample the monitor calibrates on: the out-of-fold rows, then the held-out rows
      double[] before = concat(oof, deployed);
      double[] after = concat(a.scores(), deployed);
      int[] y = new int[oofRows + heldRows];
      System.arraycopy(oofY, 0, y, 0, oofRows);
      System.arraycopy(deployedY, 0, y, oofRows, heldRows);
      double old = meanChance(ProbabilityCalibration.isotonic(before, y), seed);
      double aligned = meanChance(ProbabilityCalibration.isotonic(after, y), seed);
      // the old sample leans low by most of the fold calibration's 0.072 (held-out fifth aside)
      assertThat(old).isLessThan(DEPLOYED_ACCURACY - 0.04)
          .isGreaterThan(FOLD_CALIBRATION_AT_DEPLOYED - 0.01);
      assertThat(aligned).isCloseTo(DEPLOYED_ACCURACY, within(0.012));
      assertThat(a.gap()).isGreaterThan(0.04);
      assertThat(a.stretch()).isGreaterThan(1);
      // the stretch keeps each score's side of the threshold and the scores' order
      for (int i = 0; i < oofRows; i++) {
        assertThat(a.scores()[i] >= 0.5).isEqualTo(oof[i] >= 0.5);
      }
    }
  }

  @Test
  void align_leavesTheScoresAlmostAsTheyAre_whenTheFoldModelsAreTheDeployedModel() {
    SplittableRandom rnd = new SplittableRandom(7);
    int oofRows = 4_000;
    int heldRows = 1_000;
    double[] oof = new double[oofRows];
    int[] oofY = new int[oofRows];
    for (int i = 0; i < oofRows; i++) {
      double z = 1.5 * normal(rnd);
      oof[i] = sigmoid(z);
      oofY[i] = rnd.nextDouble() < oof[i] ? 1 : 0;
    }
    double[] deployed = new double[heldRows];
    int[] deployedY = new int[heldRows];
    for (int i = 0; i < heldRows; i++) {
      deployed[i] = sigmoid(1.5 * normal(rnd));
      deployedY[i] = rnd.nextDouble() < deployed[i] ? 1 : 0;
    }
    double[][] fold = {deployed, deployed, deployed};
    int[][] foldY = {deployedY, deployedY, deployedY};
    FoldAlignment.Aligned a = FoldAlignment.align(oof, oofY, deployed, deployedY, fold, foldY,
        true, 2);
    // identical models: the residuals cancel row by row
    assertThat(a.gap()).isCloseTo(0.0, within(1e-12));
    assertThat(a.stretch()).isCloseTo(1.0, within(0.05));
  }

  /** The mean calibrated chance of 20,000 fresh deployed scores (the deployed model's rows). */
  private static double meanChance(ProbabilityCalibration c, long seed) {
    SplittableRandom rnd = new SplittableRandom(1000 + seed);
    double sum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double s = sigmoid(1.5 * normal(rnd));
      double p = c.apply(s);
      sum += s >= 0.5 ? p : 1 - p;
    }
    return sum / n;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double normal(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}

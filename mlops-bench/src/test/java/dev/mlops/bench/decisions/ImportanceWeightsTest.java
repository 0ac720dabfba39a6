package dev.mlops.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The weight model and the weighted estimate of {@link ImportanceWeights}. */
final class ImportanceWeightsTest {

  @Test
  void ridgeLogisticRegression_matchesScikitLearnWithCOne() {
    double[][] x = {{1, 0.0, 1.0}, {1, 1.0, 0.5}, {1, 2.0, -1.0}, {1, -1.0, 0.0}, {1, 0.5, 2.0},
        {1, 1.5, 1.5}, {1, -0.5, -1.5}, {1, 3.0, 0.0}};
    double[] y = {0, 0, 1, 0, 1, 1, 0, 1};

    double[] beta = ImportanceWeights.logistic(x, y, 1.0);

    // sklearn LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-14).fit(X[:, 1:], y): intercept, coef
    assertThat(beta[0]).isCloseTo(-1.08582369, within(1e-7));
    assertThat(beta[1]).isCloseTo(1.10548741, within(1e-7));
    assertThat(beta[2]).isCloseTo(0.40904056, within(1e-7));
  }

  @Test
  void weightedEstimate_followsAWindowShiftedTowardsTheRowsThatAreRight() {
    // sample: z uniform on a grid over [-2, 2]; the model is right exactly where z > 0
    int n = 401;
    double[][] z = new double[n][1];
    double[] correct = new double[n];
    for (int i = 0; i < n; i++) {
      z[i][0] = -2 + 4.0 * i / (n - 1);
      correct[i] = z[i][0] > 0 ? 1 : 0;
    }
    // window: the same grid's right half only
    double[][] window = new double[200][1];
    for (int i = 0; i < window.length; i++) {
      window[i][0] = 0.01 + 2.0 * i / window.length;
    }

    double[] same = ImportanceWeights.estimate(z, correct, z, false);
    double[] shifted = ImportanceWeights.estimate(z, correct, window, false);

    assertThat(same[0]).isCloseTo(200.0 / 401, within(1e-6));
    assertThat(same[3]).isCloseTo(n, within(1e-6));
    assertThat(shifted[0]).isGreaterThan(0.85);
    assertThat(shifted[3]).isLessThan(n * 0.6);
    assertThat(shifted[1]).isLessThan(shifted[0]);
    assertThat(shifted[2]).isGreaterThan(shifted[0]);
  }
}
